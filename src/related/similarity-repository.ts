// The read-only SQL behind "similar articles": capped document counts and candidate look-ups in
// the FTS5 index and `article_tags`. Every statement has a LIMIT that bounds the rows (and so the
// postings) it reads, whatever the size of the corpus; the FTS5 syntax stays in this file.
import { and, desc, eq, ne, or, sql } from 'drizzle-orm';
import { visibleAt } from '../articles/repository.js';
import { fromRow, type StoredArticle } from '../articles/rows.js';
import type { Db } from '../db/open.js';
import { articles, articleTags } from '../db/schema.js';

/** What ranking needs to know of a candidate: no body, no JSON but the tags. */
export interface CandidateFacts {
  pk: number;
  id: string;
  section: string;
  publishedAt: number;
  tags: string[];
}

export function createSimilarityRepository(db: Db) {
  // FTS5 walks a single-term query's postings lazily in rowid order, so the LIMIT stops the walk:
  // a common word costs `cap` postings, not its whole list.
  const documentsUpTo = db
    .select({ count: sql<number>`count(*)` })
    .from(
      sql`(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${sql.placeholder('match')} LIMIT ${sql.placeholder('cap')})`,
    )
    .prepare();

  // The article_tags primary key (tag, article_pk) serves this newest-first walk of one tag, and
  // the covering index of visible articles says which are visible: the planner would read each
  // one's row by pk (a page per article), 80-110 µs for 30 of them at 10,000 articles against 51.
  const newestTagged = db
    .select({ pk: articleTags.articlePk })
    .from(articleTags)
    .innerJoin(sql`${articles} INDEXED BY articles_visible_by_pk`, eq(articles.pk, articleTags.articlePk))
    .where(
      and(
        eq(articleTags.tag, sql.placeholder('tag')),
        ne(articleTags.articlePk, sql.placeholder('exclude')),
        visibleAt(sql.placeholder('now')),
      ),
    )
    .orderBy(desc(articleTags.articlePk))
    .limit(sql.placeholder('limit'))
    .prepare();

  // The partial index articles_section_by_date serves this newest-first walk of one section.
  const newestInSection = db
    .select({ pk: articles.pk })
    .from(articles)
    .where(and(eq(articles.section, sql.placeholder('section')), visibleAt(sql.placeholder('now'))))
    .orderBy(desc(articles.publishedAt), desc(articles.pk))
    .limit(sql.placeholder('limit'))
    .prepare();

  const textMatches = db
    .select({ pk: articles.pk, score: sql<number>`-bm25(articles_fts, 10.0, 4.0, 1.0)` })
    .from(sql`articles_fts`)
    .innerJoin(articles, sql`${articles.pk} = articles_fts.rowid`)
    .where(
      and(
        sql`articles_fts MATCH ${sql.placeholder('match')}`,
        or(eq(articles.pk, sql.placeholder('self')), visibleAt(sql.placeholder('now'))),
      ),
    )
    .orderBy(sql`bm25(articles_fts, 10.0, 4.0, 1.0)`)
    .limit(sql.placeholder('limit'))
    .prepare();

  // The keys travel as one JSON array, so one prepared statement serves any number of them.
  const factsByPk = db
    .select({
      pk: articles.pk,
      id: articles.id,
      section: articles.section,
      publishedAt: articles.publishedAt,
      tags: articles.tags,
    })
    .from(articles)
    .where(sql`${articles.pk} IN (SELECT value FROM json_each(${sql.placeholder('pks')}))`)
    .prepare();

  const articlesByPk = db
    .select()
    .from(articles)
    .where(sql`${articles.pk} IN (SELECT value FROM json_each(${sql.placeholder('pks')}))`)
    .prepare();

  return {
    /** How many indexed articles match `match`, counting no further than `cap`. */
    documentsUpTo(match: string, cap: number): number {
      return documentsUpTo.get({ match, cap })?.count ?? 0;
    },

    /**
     * The best text matches of `match` (an OR of rare words) among the articles visible at `now`
     * and the article `selfPk` (whose own score is the yardstick), by bm25 with the headline
     * weighted highest; `score` is positive, higher is closer.
     */
    textMatches(match: string, selfPk: number, now: number, limit: number): Array<{ pk: number; score: number }> {
      return textMatches.all({ match, self: selfPk, now, limit });
    },

    /** The newest `limit` articles visible at `now` that carry `tag`, other than `excludePk`. */
    newestWithTag(tag: string, excludePk: number, now: number, limit: number): number[] {
      return newestTagged.all({ tag, exclude: excludePk, now, limit }).map((row) => row.pk);
    },

    /** The newest `limit` articles of `section` visible at `now`, newest first. */
    newestInSection(section: string, now: number, limit: number): number[] {
      return newestInSection.all({ section, now, limit }).map((row) => row.pk);
    },

    candidateFacts(pks: number[]): CandidateFacts[] {
      if (pks.length === 0) return [];
      return factsByPk
        .all({ pks: JSON.stringify(pks) })
        .map((row) => ({ ...row, publishedAt: row.publishedAt ?? 0, tags: JSON.parse(row.tags) as string[] }));
    },

    /** Full articles by key, in the order of `pks`. */
    articlesInOrder(pks: number[]): StoredArticle[] {
      if (pks.length === 0) return [];
      const byPk = new Map(articlesByPk.all({ pks: JSON.stringify(pks) }).map((row) => [row.pk, fromRow(row)]));
      return pks.flatMap((pk) => byPk.get(pk) ?? []);
    },
  };
}

export type SimilarityRepository = ReturnType<typeof createSimilarityRepository>;
