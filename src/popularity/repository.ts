// Every SQL statement on `view_counts`, and the reads of `articles` that popularity needs:
// batched upserts of hourly counts, window sums, pruning, and the article facts that decide
// whether a view counts and an article ranks, and the views journal's high-water mark. The
// upsert and every transaction stay in here.
import { and, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { fromRow, type StoredArticle } from '../articles/rows.js';
import { chunks } from '../db/chunks.js';
import type { Db } from '../db/open.js';
import { articleFormerSlugs, articles, viewCounts, viewCountsDaily, viewsJournal } from '../db/schema.js';
import { writeTransaction } from '../db/transactions.js';
import { dayMs, untilLatest } from './windows.js';

/** Views of one article in one hour. */
export interface ViewCount {
  articlePk: number;
  bucketStart: number;
  views: number;
}

/** What deciding on a view or a rank needs to know of an article: no body, no JSON. */
export interface ArticleFacts {
  pk: number;
  section: string;
  status: 'draft' | 'published';
  publishedAt: number | null;
  deletedAt: number | null;
  hideFromPopular: boolean;
}

/** An article's views in a window. */
export interface ArticleViews {
  pk: number;
  views: number;
}

/** An article's facts as the statements below return them, in the order of their columns. */
type FactRow = [number, string, ArticleFacts['status'], number | null, number | null, number];

/**
 * Section names as one string each: the rankings keep the facts of every viewed article (about
 * 70,000 at a million articles), and each row read brings a new copy of its section's name.
 */
const sectionNames = new Map<string, string>();

function decodeFacts([pk, section, status, publishedAt, deletedAt, hidden]: FactRow): ArticleFacts {
  let name = sectionNames.get(section);
  if (name === undefined) {
    name = section;
    if (sectionNames.size < 10_000) sectionNames.set(section, section);
  }
  return {
    pk,
    section: name,
    status: status === 'published' ? 'published' : 'draft',
    publishedAt,
    deletedAt,
    hideFromPopular: hidden === 1,
  };
}

export function createViewRepository(db: Db) {
  const addCount = db
    .insert(viewCounts)
    .values({
      articlePk: sql.placeholder('articlePk'),
      bucketStart: sql.placeholder('bucketStart'),
      views: sql.placeholder('views'),
    })
    .onConflictDoUpdate({
      target: [viewCounts.articlePk, viewCounts.bucketStart],
      set: { views: sql`${viewCounts.views} + excluded.views` },
    })
    .prepare();
  const markJournal = db
    .insert(viewsJournal)
    .values({ id: 1, flushedSegment: sql.placeholder('segment') })
    .onConflictDoUpdate({ target: viewsJournal.id, set: { flushedSegment: sql`excluded.flushed_segment` } })
    .prepare();
  // A range of hours, summed per article: its whole UTC days from the daily roll-up, the hours
  // before the first whole day and after the last one from the hourly rows. Each part reads one
  // range (of the covering bucket index, or of the roll-up's own day-first key); grouping by
  // the expression `+pk` keeps SQLite on those ranges rather than walking a key in article order.
  const hourRange = (from: string, to: string) =>
    sql`SELECT ${viewCounts.articlePk} AS pk, ${viewCounts.views} AS views FROM ${viewCounts} WHERE ${viewCounts.bucketStart} >= ${sql.placeholder(from)} AND ${viewCounts.bucketStart} < ${sql.placeholder(to)}`;
  const totalsBetween = db
    .select({ pk: sql<number>`+pk`, views: sql<number>`sum(views)` })
    .from(
      sql`(${hourRange('headFrom', 'headTo')} UNION ALL SELECT ${viewCountsDaily.articlePk}, ${viewCountsDaily.views} FROM ${viewCountsDaily} WHERE ${viewCountsDaily.dayStart} >= ${sql.placeholder('daysFrom')} AND ${viewCountsDaily.dayStart} < ${sql.placeholder('daysTo')} UNION ALL ${hourRange('tailFrom', 'tailTo')})`,
    )
    .groupBy(sql`+pk`)
    .prepare();

  // The pks as one JSON array, so the statement is prepared once whatever their number. By pk,
  // SQLite would read the rows (a rowid search looks cheapest to it), walking each body's
  // overflow pages to reach `hide_from_popular`: the covering index is named instead, and
  // Drizzle takes such a FROM only as SQL, and the columns then only as SQL too.
  const factsWhere = (condition: SQL) =>
    db
      .select({
        pk: sql<number>`${articles.pk}`,
        section: sql<string>`${articles.section}`,
        status: sql<string>`${articles.status}`,
        publishedAt: sql<number | null>`${articles.publishedAt}`,
        deletedAt: sql<number | null>`${articles.deletedAt}`,
        hideFromPopular: sql<number>`${articles.hideFromPopular}`,
      })
      .from(sql`${articles} INDEXED BY articles_popular_facts`)
      .where(condition)
      .prepare();
  const factsByPks = factsWhere(sql`${articles.pk} IN (SELECT value FROM json_each(${sql.placeholder('pks')}))`);
  // A view names its article by id or slug: the key's unique index gives the pk, and the facts
  // index the rest (a cold article's row read cost 250 µs at a million articles, this 30 µs).
  const factsById = factsWhere(
    sql`${articles.pk} = (SELECT pk FROM ${articles} WHERE ${articles.id} = ${sql.placeholder('key')})`,
  );
  // A slug the article had before a rename counts too, while no article has it now: its page
  // answers with a redirect, and a front end may still name the article by it.
  const factsBySlug = factsWhere(
    sql`${articles.pk} = coalesce((SELECT pk FROM ${articles} WHERE ${articles.slug} = ${sql.placeholder('key')}),
      (SELECT ${articleFormerSlugs.articlePk} FROM ${articleFormerSlugs} WHERE ${articleFormerSlugs.slug} = ${sql.placeholder('key')}))`,
  );

  return {
    /**
     * Adds the counts to the stored ones, in one transaction: all of them are written or none,
     * and with them the number of the views journal's segment they come from, when there is one.
     */
    addViewCounts(counts: readonly ViewCount[], journalSegment: number | null = null): void {
      if (counts.length === 0 && journalSegment === null) return;
      // In key order: a flush's counts fall on pages all over the key's index and the articles'
      // table (whose rows the foreign key reads), and in order each page is read once. Unsorted,
      // 50,000 counts at a million articles took 68 µs each; sorted, 39.
      const inOrder = [...counts].sort((a, b) => a.articlePk - b.articlePk || a.bucketStart - b.bucketStart);
      writeTransaction(db, () => {
        for (const { articlePk, bucketStart, views } of inOrder) addCount.run({ articlePk, bucketStart, views });
        if (journalSegment !== null) markJournal.run({ segment: journalSegment });
      });
    },

    /** The number of the last views journal segment whose counts were written; 0 before any. */
    flushedJournalSegment(): number {
      return db.select({ segment: viewsJournal.flushedSegment }).from(viewsJournal).get()?.segment ?? 0;
    },

    /** Drops the buckets that start before `bucketStart`; returns how many went. */
    pruneBefore(bucketStart: number): number {
      return db.delete(viewCounts).where(lt(viewCounts.bucketStart, bucketStart)).run().changes;
    },

    /**
     * Every article's views in the buckets from `fromBucket` up to, not including, `toBucket`
     * (hour starts; `untilLatest` for every bucket from `fromBucket` on).
     */
    totalsBetween(fromBucket: number, toBucket: number = untilLatest): ArticleViews[] {
      const firstDay = Math.ceil(fromBucket / dayMs) * dayMs;
      const lastDay = toBucket >= untilLatest ? untilLatest : Math.floor(toBucket / dayMs) * dayMs;
      const ranges =
        firstDay >= lastDay
          ? { headFrom: fromBucket, headTo: toBucket, daysFrom: 0, daysTo: 0, tailFrom: 0, tailTo: 0 }
          : { headFrom: fromBucket, headTo: firstDay, daysFrom: firstDay, daysTo: lastDay, tailFrom: lastDay, tailTo: toBucket };
      // As arrays, not mapped row by row by Drizzle: at a million articles a range holds tens of
      // thousands of articles, and the mapping doubled the time.
      return (totalsBetween.values(ranges) as Array<[number, number]>).map(([pk, views]) => ({ pk, views }));
    },

    /** By id when the key holds an underscore (slugs never do), else by slug; null when unknown. */
    factsByIdOrSlug(key: string): ArticleFacts | null {
      const rows = (key.includes('_') ? factsById : factsBySlug).values({ key }) as FactRow[];
      return rows.map(decodeFacts)[0] ?? null;
    },

    factsByPk(pks: readonly number[]): ArticleFacts[] {
      if (pks.length === 0) return [];
      // As arrays, decoded here: Drizzle's row mapping cost more than the look-ups.
      return (factsByPks.values({ pks: JSON.stringify(pks) }) as FactRow[]).map(decodeFacts);
    },

    /** The stored articles with these pks, undeleted, in no particular order. */
    articlesByPk(pks: readonly number[]): StoredArticle[] {
      return chunks(pks).flatMap((part) =>
        db
          .select()
          .from(articles)
          .where(and(inArray(articles.pk, part), sql`${articles.deletedAt} IS NULL`))
          .all()
          .map(fromRow),
      );
    },
  };
}

export type ViewRepository = ReturnType<typeof createViewRepository>;
