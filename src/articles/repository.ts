// Every SQL statement on `articles` and `article_tags`. Returns plain typed objects; nothing
// above this file sees a Drizzle row. Dialect-specific SQL (FTS5, JSON) stays in this folder.
import { and, desc, eq, gt, gte, inArray, isNull, lte, type Placeholder, type SQL, sql } from 'drizzle-orm';
import { chunks } from '../db/chunks.js';
import type { Db } from '../db/open.js';
import { articleBoxLinks, articleFacetCounts, articleFormerSlugs, articleImports, articles, articleTags } from '../db/schema.js';
import { readSnapshot, writeTransaction } from '../db/transactions.js';
import { fromRow, type NewArticle, type StoredArticle, toColumns } from './rows.js';

export type ListStatus = 'published' | 'draft' | 'scheduled';

export interface ListFilters {
  status: ListStatus;
  section?: string;
  tag?: string;
  source?: string;
  from?: number;
  to?: number;
  /** Only articles partners may republish. */
  syndicable?: boolean;
}

/** Where the previous page ended: the sort time and pk of its last row. */
export interface ListPosition {
  at: number;
  pk: number;
}

/** The SQL condition for "the public can read it at `now`" (a placeholder in prepared statements). */
export function visibleAt(now: number | Placeholder): SQL {
  return sql`${articles.status} = 'published' AND ${articles.deletedAt} IS NULL AND ${articles.publishedAt} <= ${now}`;
}

/**
 * How many matches a search ranks: the newest (by pk, the order articles were added) that pass
 * its filters. bm25 costs tens of µs per match and a common word matches a third of the
 * archive, so ranking every match grows with it (seconds at a million articles); a news search
 * wants recent articles first anyway. What no cap bounds: bm25 counts the documents holding
 * each term once per query (for its IDF), about 20 ms for a common word at a million articles.
 * Pages past this many results are empty.
 */
export const searchCandidates = 1_000;

/** Tags on at least this many articles are filtered row by row along the listing's index. */
const tagWalkFrom = 2_000;

export function createArticleRepository(db: Db) {
  const byId = db
    .select()
    .from(articles)
    .where(eq(articles.id, sql.placeholder('key')))
    .prepare();
  const bySlug = db
    .select()
    .from(articles)
    .where(eq(articles.slug, sql.placeholder('key')))
    .prepare();
  // On the FTS5 rowid, so FTS5 looks these rows up rather than walking every match. The keys
  // travel as one JSON array (json_each gives integers): a JavaScript number is bound as a REAL,
  // and FTS5 ignores a REAL rowid equality beside MATCH (SQLite 3.53), which for a page of one
  // row made the snippets of every match of the query: half a second for a common word.
  // Prepared when first needed, as the inserts below.
  const prepareSnippets = () =>
    db
      .select({
        pk: sql<number>`articles_fts.rowid`,
        highlight: sql<string>`snippet(articles_fts, -1, char(2), char(3), '…', 24)`,
      })
      .from(sql`articles_fts`)
      .where(
        sql`articles_fts MATCH ${sql.placeholder('match')} AND articles_fts.rowid IN (SELECT value FROM json_each(${sql.placeholder('pks')}))`,
      )
      .prepare();
  let snippetsOf: ReturnType<typeof prepareSnippets> | undefined;
  // Inserts are prepared once, when first needed: a bulk import runs them hundreds of thousands of times.
  function prepareInserts() {
    return {
      article: db
        .insert(articles)
        .values({
          id: sql.placeholder('id'),
          slug: sql.placeholder('slug'),
          headline: sql.placeholder('headline'),
          standfirst: sql.placeholder('standfirst'),
          section: sql.placeholder('section'),
          tags: sql.placeholder('tags'),
          sourceName: sql.placeholder('sourceName'),
          sourceUrl: sql.placeholder('sourceUrl'),
          byline: sql.placeholder('byline'),
          language: sql.placeholder('language'),
          status: sql.placeholder('status'),
          publishedAt: sql.placeholder('publishedAt'),
          createdAt: sql.placeholder('createdAt'),
          updatedAt: sql.placeholder('updatedAt'),
          leadImage: sql.placeholder('leadImage'),
          body: sql.placeholder('body'),
          syndicationAllowed: sql.placeholder('syndicationAllowed'),
          hideFromPopular: sql.placeholder('hideFromPopular'),
        })
        .prepare(),
      tag: db
        .insert(articleTags)
        .values({ tag: sql.placeholder('tag'), articlePk: sql.placeholder('articlePk') })
        .prepare(),
    };
  }
  let inserts: ReturnType<typeof prepareInserts> | undefined;

  /**
   * What articles_fts_insert (migration 0001_article_search) does for each new row, for many rows
   * at once: the same columns and the same text of the body's blocks, so the index is identical.
   */
  const searchInsertTrigger = 'articles_fts_insert';
  function indexForSearch(pks: number[]): void {
    db.run(sql`INSERT INTO articles_fts (rowid, headline, standfirst, body)
      SELECT ${articles.pk}, ${articles.headline}, ${articles.standfirst},
        (SELECT group_concat(json_extract(value, '$.text'), ' ') FROM json_each(${articles.body}) WHERE json_extract(value, '$.text') IS NOT NULL)
      FROM ${articles} WHERE ${articles.pk} IN (SELECT value FROM json_each(${JSON.stringify(pks)}))`);
  }

  /** Runs `work` in one write transaction that takes the write lock at once (nested: a savepoint). */
  function write<T>(work: () => T): T {
    return writeTransaction(db, work);
  }

  /** A new article and its tags; the stored article is built from the columns written. */
  function insertOne(article: NewArticle): StoredArticle {
    inserts ??= prepareInserts();
    const columns = toColumns(article);
    const pk = Number(inserts.article.run(columns).lastInsertRowid);
    // A new article has no tag rows to replace; the service hands tags over de-duplicated.
    for (const tag of article.tags) inserts.tag.run({ tag, articlePk: pk });
    // The row as stored, without reading it back (RETURNING costs a statement per insert).
    return fromRow({ ...columns, pk, deletedAt: null, revision: 1 });
  }

  function replaceTags(pk: number, tags: string[]): void {
    db.delete(articleTags).where(eq(articleTags.articlePk, pk)).run();
    if (tags.length > 0)
      db.insert(articleTags)
        .values(tags.map((tag) => ({ tag, articlePk: pk })))
        .run();
  }

  function listConditions(filters: ListFilters, now: number): SQL[] {
    const conditions: SQL[] = [isNull(articles.deletedAt)];
    if (filters.status === 'draft') conditions.push(eq(articles.status, 'draft'));
    else if (filters.status === 'scheduled')
      conditions.push(sql`${articles.status} = 'published' AND ${articles.publishedAt} > ${now}`);
    else conditions.push(visibleAt(now));
    if (filters.section) conditions.push(eq(articles.section, filters.section));
    if (filters.source) conditions.push(eq(articles.sourceName, filters.source));
    if (filters.from !== undefined) conditions.push(gte(articles.publishedAt, filters.from));
    if (filters.to !== undefined) conditions.push(lte(articles.publishedAt, filters.to));
    if (filters.syndicable) conditions.push(eq(articles.syndicationAllowed, true));
    if (filters.tag) conditions.push(tagCondition(filters.tag));
    return conditions;
  }

  /**
   * A tag filter in the form that reads fewest rows. A rare tag: its articles, from the tag's
   * index (then sorted). A common one (tagWalkFrom articles or more): the listing's own index
   * newest first, checking the tag of each row, which soon finds a page. Either way a page costs
   * at most a few thousand index entries, where one form for every tag sorts all of a common
   * tag's articles (4 s for one of 30,000 at a million articles) or walks the archive for a rare one.
   */
  function tagCondition(tag: string): SQL {
    const tagged = db.select({ pk: articleTags.articlePk }).from(articleTags).where(eq(articleTags.tag, tag));
    const count = db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${articleTags} WHERE ${articleTags.tag} = ${tag} LIMIT ${tagWalkFrom})`,
    );
    if ((count?.n ?? 0) < tagWalkFrom) return inArray(articles.pk, tagged);
    return sql`EXISTS (SELECT 1 FROM ${articleTags} WHERE ${articleTags.tag} = ${tag} AND ${articleTags.articlePk} = ${articles.pk})`;
  }

  return {
    /** Runs `work` in one write transaction (a savepoint within one): what it writes commits together. */
    transaction: write,
    /** Runs `work` on one read snapshot: its reads see no commit made after the first of them. */
    snapshot<T>(work: () => T): T {
      return readSnapshot(db, work);
    },

    /** By id when the key holds an underscore (slugs never do), else by slug; deleted ones included. */
    findByIdOrSlug(key: string): StoredArticle | null {
      const row = key.includes('_') ? byId.get({ key }) : bySlug.get({ key });
      return row ? fromRow(row) : null;
    },

    findBySlug(slug: string): StoredArticle | null {
      const row = bySlug.get({ key: slug });
      return row ? fromRow(row) : null;
    },

    findById(id: string): StoredArticle | null {
      const row = byId.get({ key: id });
      return row ? fromRow(row) : null;
    },

    slugsStartingWith(base: string): Set<string> {
      const rows = db
        .select({ slug: articles.slug })
        .from(articles)
        .where(sql`${articles.slug} = ${base} OR ${articles.slug} GLOB ${`${base}-[0-9]*`}`)
        .all();
      return new Set(rows.map((row) => row.slug));
    },

    /** The article that had `slug` before it was renamed (the latest one to have had it), deleted or not. */
    findByFormerSlug(slug: string): StoredArticle | null {
      const row = db
        .select({ article: articles })
        .from(articleFormerSlugs)
        .innerJoin(articles, eq(articles.pk, articleFormerSlugs.articlePk))
        .where(eq(articleFormerSlugs.slug, slug))
        .get();
      return row ? fromRow(row.article) : null;
    },

    /** The article an import wrote from the item with this identity, deleted or not, and that item's digest then. */
    importedAs(key: string): { article: StoredArticle; digest: string } | null {
      const row = db
        .select({ article: articles, digest: articleImports.digest })
        .from(articleImports)
        .innerJoin(articles, eq(articles.pk, articleImports.articlePk))
        .where(eq(articleImports.key, key))
        .get();
      return row ? { article: fromRow(row.article), digest: row.digest } : null;
    },

    /** Notes which article each imported item (by identity) is, and what it held. */
    recordImports(entries: Array<{ key: string; articleId: string; digest: string }>): void {
      if (entries.length === 0) return;
      writeTransaction(db, () => {
        for (const { key, articleId, digest } of entries) {
          db.run(sql`INSERT INTO ${articleImports} (key, article_pk, digest)
            SELECT ${key}, ${articles.pk}, ${digest} FROM ${articles} WHERE ${articles.id} = ${articleId}
            ON CONFLICT (key) DO UPDATE SET article_pk = excluded.article_pk, digest = excluded.digest`);
        }
      });
    },

    /** The slugs each of these articles had before a rename and still answers with a redirect, sorted. */
    formerSlugsOf(pks: number[]): Map<number, string[]> {
      const found = new Map<number, string[]>();
      for (const part of chunks(pks)) {
        const rows = db
          .select({ slug: articleFormerSlugs.slug, pk: articleFormerSlugs.articlePk })
          .from(articleFormerSlugs)
          .where(inArray(articleFormerSlugs.articlePk, part))
          .orderBy(articleFormerSlugs.slug)
          .all();
        for (const row of rows) {
          const slugs = found.get(row.pk);
          if (slugs) slugs.push(row.slug);
          else found.set(row.pk, [row.slug]);
        }
      }
      return found;
    },

    /**
     * Notes slugs articles had before (an import of an export that lists them), in one
     * transaction. The line's word wins over what this database recorded (the latest to have had
     * a slug keeps it, as the rename trigger has it); an article's own slug is never its former one.
     */
    keepFormerSlugs(entries: Array<{ articleId: string; slugs: string[] }>): void {
      if (entries.length === 0) return;
      writeTransaction(db, () => {
        for (const { articleId, slugs } of entries) {
          for (const slug of slugs) {
            db.run(sql`INSERT INTO ${articleFormerSlugs} (slug, article_pk)
              SELECT ${slug}, ${articles.pk} FROM ${articles} WHERE ${articles.id} = ${articleId} AND ${articles.slug} <> ${slug}
              ON CONFLICT (slug) DO UPDATE SET article_pk = excluded.article_pk`);
          }
        }
      });
    },

    /**
     * Articles, deleted or not, whose slug (now or before a rename) is `slug` or `slug-2`, `slug-3`,
     * …, and whose headline is `headline`: one query, by the slug index, however long the series.
     */
    withHeadlineUnder(slug: string, headline: string): StoredArticle[] {
      // Slugs hold only a-z, 0-9 and hyphens: nothing GLOB would read as a pattern.
      const numbered = `${slug}-[0-9]*`;
      const rows = db.all<{ pk: number }>(sql`SELECT ${articles.pk} AS pk FROM ${articles}
          WHERE (${articles.slug} = ${slug} OR ${articles.slug} GLOB ${numbered}) AND ${articles.headline} = ${headline}
        UNION
        SELECT ${articleFormerSlugs.articlePk} AS pk FROM ${articleFormerSlugs}
          JOIN ${articles} ON ${articles.pk} = ${articleFormerSlugs.articlePk}
          WHERE (${articleFormerSlugs.slug} = ${slug} OR ${articleFormerSlugs.slug} GLOB ${numbered}) AND ${articles.headline} = ${headline}`);
      if (rows.length === 0) return [];
      const pks = rows.map((row) => row.pk);
      return db.select().from(articles).where(inArray(articles.pk, pks)).orderBy(articles.pk).all().map(fromRow);
    },

    /** Of the given ids, those of articles that exist and are not deleted. */
    existingIds(ids: string[]): Set<string> {
      const found = new Set<string>();
      // In parts: an import checks every link of its run at once.
      for (const part of chunks(ids)) {
        const rows = db
          .select({ id: articles.id })
          .from(articles)
          .where(and(inArray(articles.id, part), isNull(articles.deletedAt)))
          .all();
        for (const row of rows) found.add(row.id);
      }
      return found;
    },

    /**
     * Undeleted articles with a "Read more" block pointing at one of `ids`, found through
     * `article_box_links`, which triggers keep from the bodies: an index search, where reading
     * every body took seconds per edit at a million articles.
     */
    linkingTo(ids: string[]): StoredArticle[] {
      const out: StoredArticle[] = [];
      for (const part of chunks(ids)) {
        const linkers = db
          .select({ pk: articleBoxLinks.articlePk })
          .from(articleBoxLinks)
          .where(inArray(articleBoxLinks.targetId, part));
        const rows = db
          .select()
          .from(articles)
          .where(and(isNull(articles.deletedAt), inArray(articles.pk, linkers)))
          .all();
        out.push(...rows.map(fromRow));
      }
      return out;
    },

    /** Articles by id, deleted ones too. */
    findByIds(ids: string[]): StoredArticle[] {
      if (ids.length === 0) return [];
      return db.select().from(articles).where(inArray(articles.id, ids)).all().map(fromRow);
    },

    /** Articles by id for "Read more" boxes: visible at `now`, or any undeleted one when `now` is null. */
    findTargets(ids: string[], now: number | null): StoredArticle[] {
      if (ids.length === 0) return [];
      const visibility = now === null ? isNull(articles.deletedAt) : visibleAt(now);
      return db
        .select()
        .from(articles)
        .where(and(inArray(articles.id, ids), visibility))
        .all()
        .map(fromRow);
    },

    /**
     * Inserts the articles `builds` return. Each build runs inside the one write transaction,
     * so the checks it makes (slug free, link targets present) still hold at commit.
     */
    insertChecked(builds: Array<() => NewArticle>): StoredArticle[] {
      return write(() => builds.map((build) => insertOne(build())));
    },

    /**
     * insertChecked for a batch of many articles, as fast as SQLite allows: the search index is
     * filled once for the whole batch instead of by the per-row trigger. Every single-row insert
     * whose trigger writes to FTS5 costs about 40% more than the same index entries written by one
     * statement (measured on bench articles), so the trigger is dropped inside the transaction
     * and created again, from its own stored SQL, before commit: other connections never see the
     * table without it, and a failed batch rolls the drop back with everything else.
     */
    insertMany(builds: Array<() => NewArticle>): StoredArticle[] {
      return write(() => {
        const trigger = db.get<{ sql: string } | undefined>(
          sql`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ${searchInsertTrigger}`,
        );
        if (trigger) db.run(sql`DROP TRIGGER ${sql.identifier(searchInsertTrigger)}`);
        const stored = builds.map((build) => insertOne(build()));
        if (trigger) {
          indexForSearch(stored.map((article) => article.pk));
          db.run(sql.raw(trigger.sql));
        }
        return stored;
      });
    },

    /**
     * Loads the article with `id`, lets `change` check it and return its new state, and writes
     * that with a bumped revision: one transaction, so no other writer slips in between.
     */
    updateChecked(id: string, change: (current: StoredArticle | null) => NewArticle): StoredArticle {
      return write(() => {
        const row = byId.get({ key: id });
        const current = row ? fromRow(row) : null;
        const next = change(current);
        const pk = current?.pk ?? -1;
        const updated = db
          .update(articles)
          .set({ ...toColumns(next), revision: sql`${articles.revision} + 1` })
          .where(eq(articles.pk, pk))
          .returning()
          .get();
        replaceTags(pk, next.tags);
        return fromRow(updated);
      });
    },

    /**
     * Marks the article with `id` deleted at `now` once `check` accepts it (returning it); its row
     * stays for 410s. Returns the deleted article.
     */
    deleteChecked(id: string, check: (current: StoredArticle | null) => StoredArticle, now: number): StoredArticle {
      return write(() => {
        const row = byId.get({ key: id });
        const current = check(row ? fromRow(row) : null);
        const deleted = db
          .update(articles)
          .set({ deletedAt: now, updatedAt: now, revision: sql`${articles.revision} + 1` })
          .where(eq(articles.pk, current.pk))
          .returning()
          .get();
        db.delete(articleTags).where(eq(articleTags.articlePk, current.pk)).run();
        return fromRow(deleted);
      });
    },

    /** One page in reverse chronological order (drafts by last update), after `position`. */
    listPage(filters: ListFilters, now: number, limit: number, position?: ListPosition): StoredArticle[] {
      const sortColumn = filters.status === 'draft' ? articles.updatedAt : articles.publishedAt;
      const conditions = listConditions(filters, now);
      if (position) conditions.push(sql`(${sortColumn}, ${articles.pk}) < (${position.at}, ${position.pk})`);
      return db
        .select()
        .from(articles)
        .where(and(...conditions))
        .orderBy(desc(sortColumn), desc(articles.pk))
        .limit(limit)
        .all()
        .map(fromRow);
    },

    /**
     * Full-text matches by relevance; `match` must already be a safe FTS5 expression. Ranks the
     * newest `searchCandidates` matches that pass the filters (see there) and returns the page's
     * articles in that order.
     */
    searchPage(match: string, filters: ListFilters, now: number, limit: number, offset: number): StoredArticle[] {
      // Public and scheduled searches filter their candidates in the covering index rather than
      // the table; the planner would read the table by pk, since it cannot weigh row sizes.
      const covered = filters.status !== 'draft' ? sql.raw('INDEXED BY articles_visible_by_pk') : sql``;
      const ranked = db.all<{ pk: number }>(sql`WITH candidates AS MATERIALIZED (
          SELECT articles_fts.rowid AS pk, bm25(articles_fts, 10.0, 4.0, 1.0) AS score, ${articles.publishedAt} AS at
          FROM articles_fts JOIN ${articles} ${covered} ON ${articles.pk} = articles_fts.rowid
          WHERE articles_fts MATCH ${match} AND ${and(...listConditions(filters, now))}
          ORDER BY articles_fts.rowid DESC LIMIT ${searchCandidates})
        SELECT pk FROM candidates ORDER BY score, at DESC, pk DESC LIMIT ${limit} OFFSET ${offset}`);
      if (ranked.length === 0) return [];
      const byPk = new Map(
        db
          .select()
          .from(articles)
          .where(
            inArray(
              articles.pk,
              ranked.map((row) => row.pk),
            ),
          )
          .all()
          .map((row) => [row.pk, fromRow(row)]),
      );
      return ranked.flatMap(({ pk }) => byPk.get(pk) ?? []);
    },

    /**
     * The best passage of each article for `match`, with \x02 and \x03 around the matched words:
     * FTS5's snippet, which reads and tokenizes the article's whole text (about 0.2 ms for an
     * article of 6 KB). Keyed by pk; an article `match` does not match has none.
     */
    snippets(match: string, pks: number[]): Map<number, string> {
      if (pks.length === 0) return new Map();
      snippetsOf ??= prepareSnippets();
      return new Map(snippetsOf.all({ match, pks: JSON.stringify(pks) }).map((row) => [row.pk, row.highlight]));
    },

    /**
     * Visible articles per section or per tag, most first (then by name), at most `limit`, after
     * the facet `after` in that order.
     */
    countVisibleBy(
      facet: 'section' | 'tag',
      now: number,
      limit: number,
      after?: { name: string; count: number },
    ): Array<{ name: string; count: number }> {
      // article_facet_counts counts every published, undeleted article: take away those not due
      // yet, read from the date index (a published article always has its date; NULL to be sure).
      const later = sql`SELECT ${articles.pk} AS pk, ${articles.section} AS section FROM ${articles}
        WHERE ${articles.status} = 'published' AND ${articles.deletedAt} IS NULL AND ${articles.publishedAt} > ${now}
        UNION ALL SELECT ${articles.pk}, ${articles.section} FROM ${articles}
        WHERE ${articles.status} = 'published' AND ${articles.deletedAt} IS NULL AND ${articles.publishedAt} IS NULL`;
      const notDue =
        facet === 'section'
          ? sql`SELECT section AS name, count(*) AS n FROM later GROUP BY section`
          : // CROSS JOIN keeps this order: the few articles not due, then their tags by index (the
            // planner would otherwise scan every tag row).
            sql`SELECT ${articleTags.tag} AS name, count(*) AS n FROM later CROSS JOIN ${articleTags} ON ${articleTags.articlePk} = later.pk GROUP BY ${articleTags.tag}`;
      const counted = sql`SELECT ${articleFacetCounts.name} AS name, ${articleFacetCounts.count} - coalesce(not_due.n, 0) AS count
        FROM ${articleFacetCounts} LEFT JOIN not_due ON not_due.name = ${articleFacetCounts.name}
        WHERE ${articleFacetCounts.facet} = ${facet}`;
      const position =
        after === undefined ? sql`` : sql`AND (count < ${after.count} OR (count = ${after.count} AND name > ${after.name}))`;
      return db.all<{ name: string; count: number }>(sql`WITH later AS (${later}), not_due AS (${notDue}), counted AS (${counted})
        SELECT name, count FROM counted WHERE count > 0 ${position} ORDER BY count DESC, name LIMIT ${limit}`);
    },

    /** The next moment a scheduled article becomes visible, after `now`, or null. */
    nextPublicationAfter(now: number): number | null {
      const row = db
        .select({ at: sql<number | null>`min(${articles.publishedAt})` })
        .from(articles)
        .where(sql`${articles.status} = 'published' AND ${articles.deletedAt} IS NULL AND ${articles.publishedAt} > ${now}`)
        .get();
      return row?.at ?? null;
    },

    idsByHeadline(headlines: string[]): Map<string, string> {
      const out = new Map<string, string>();
      for (const part of chunks(headlines)) {
        const rows = db
          .select({ id: articles.id, headline: articles.headline })
          .from(articles)
          .where(and(inArray(articles.headline, part), isNull(articles.deletedAt)))
          .orderBy(articles.publishedAt, articles.pk)
          .all();
        for (const row of rows) out.set(row.headline, row.id);
      }
      return out;
    },

    undeletedAfter(afterPk: number, limit: number): StoredArticle[] {
      return db
        .select()
        .from(articles)
        .where(and(gt(articles.pk, afterPk), isNull(articles.deletedAt)))
        .orderBy(articles.pk)
        .limit(limit)
        .all()
        .map(fromRow);
    },

    /** True when there is no article at all: one row read, where count() reads a whole index. */
    isEmpty(): boolean {
      return db.select({ pk: articles.pk }).from(articles).limit(1).get() === undefined;
    },

    count(): number {
      return db.select({ n: sql<number>`count(*)` }).from(articles).get()?.n ?? 0;
    },
  };
}

export type ArticleRepository = ReturnType<typeof createArticleRepository>;
