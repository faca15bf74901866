// The Drizzle schema: the tables drizzle-kit turns into migrations. The FTS5 index and its
// triggers are hand-written in a custom migration, since Drizzle cannot express them.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const articles = sqliteTable(
  'articles',
  {
    // An integer key gives the FTS5 index a stable rowid; `id` is the opaque public id.
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    slug: text('slug').notNull(),
    headline: text('headline').notNull(),
    standfirst: text('standfirst').notNull(),
    section: text('section').notNull(),
    /** JSON array of tag slugs, as returned; `article_tags` holds the same for filtering. */
    tags: text('tags').notNull(),
    sourceName: text('source_name').notNull(),
    sourceUrl: text('source_url'),
    byline: text('byline'),
    language: text('language').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    /** Milliseconds since the epoch; null for a draft that has no date yet. */
    publishedAt: integer('published_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    /** Set when the article is deleted; the row stays so its id and slug answer 410. */
    deletedAt: integer('deleted_at'),
    /** JSON of { url, caption?, credit? }. */
    leadImage: text('lead_image'),
    /** JSON array of body blocks as stored (related blocks hold only articleId). */
    body: text('body').notNull(),
    syndicationAllowed: integer('syndication_allowed', { mode: 'boolean' }).notNull(),
    hideFromPopular: integer('hide_from_popular', { mode: 'boolean' }).notNull(),
    /** Bumped on every change; part of the ETag used for If-Match. */
    revision: integer('revision').notNull().default(1),
  },
  (table) => [
    uniqueIndex('articles_id_unique').on(table.id),
    uniqueIndex('articles_slug_unique').on(table.slug),
    // Newest-first listing of visible articles, the hot path, is served by partial indexes.
    index('articles_visible_by_date')
      .on(table.publishedAt, table.pk)
      .where(sql`${table.status} = 'published' AND ${table.deletedAt} IS NULL`),
    index('articles_section_by_date')
      .on(table.section, table.publishedAt, table.pk)
      .where(sql`${table.status} = 'published' AND ${table.deletedAt} IS NULL`),
    index('articles_source_by_date')
      .on(table.sourceName, table.publishedAt, table.pk)
      .where(sql`${table.status} = 'published' AND ${table.deletedAt} IS NULL`),
    // Search's filter of its candidates (visible, and the list filters) by pk without reading
    // the table: article rows are several KB, and a look-up of each costs ten times a look-up here.
    index('articles_visible_by_pk')
      .on(table.pk, table.publishedAt, table.section, table.sourceName, table.syndicationAllowed)
      .where(sql`${table.status} = 'published' AND ${table.deletedAt} IS NULL`),
    // The facts "Most Popular" needs of each viewed article (popularity/repository.ts), without
    // reading the row: `hide_from_popular` sits after the body, so a row read walks the body's
    // overflow pages; at a million articles the 67,000 viewed ones took seconds to read.
    index('articles_popular_facts').on(
      table.pk,
      table.section,
      table.status,
      table.publishedAt,
      table.deletedAt,
      table.hideFromPopular,
    ),
    index('articles_drafts').on(table.updatedAt, table.pk).where(sql`${table.status} = 'draft' AND ${table.deletedAt} IS NULL`),
    // An import's "Read more" links by headline (`idsByHeadline`): at a million articles a chunk
    // of headlines read every row, a second or more each. Covering, so `deleted_at` is in it too
    // (always null here; SQLite reads a column the query names from the row otherwise).
    index('articles_live_by_headline')
      .on(table.headline, table.publishedAt, table.id, table.deletedAt)
      .where(sql`${table.deletedAt} IS NULL`),
  ],
);

export const articleTags = sqliteTable(
  'article_tags',
  {
    tag: text('tag').notNull(),
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.tag, table.articlePk] }), index('article_tags_article').on(table.articlePk)],
);

/**
 * How many published, undeleted articles each section and tag has, those scheduled for later
 * included (a read subtracts them: they are few, and found by index). Kept by triggers in the
 * same transaction as every write (migration 0009), so GET /v1/sections and /v1/tags read these
 * rows rather than every article: counting 4 million tag rows at a million articles took minutes.
 */
export const articleFacetCounts = sqliteTable(
  'article_facet_counts',
  {
    facet: text('facet', { enum: ['section', 'tag'] }).notNull(),
    name: text('name').notNull(),
    count: integer('count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.facet, table.name] })],
);

/**
 * The editorial "related" list of an article (PUT /v1/articles/{id}/related), in the editor's
 * order. Rows of a deleted article, as source or target, are removed by a trigger in the same
 * transaction as the deletion (trigger related_links_follow_deletes, migration 0002_related_links).
 */
export const relatedLinks = sqliteTable(
  'related_links',
  {
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    targetPk: integer('target_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.articlePk, table.position] }),
    uniqueIndex('related_links_pair').on(table.articlePk, table.targetPk),
    index('related_links_target').on(table.targetPk),
  ],
);

/**
 * Which articles' bodies hold a "Read more" box pointing at an article id: kept from the bodies
 * by triggers (migration 0008_article_box_links), so an edit finds the articles whose boxes
 * show the edited one with an index search rather than by reading every body.
 */
export const articleBoxLinks = sqliteTable(
  'article_box_links',
  {
    targetId: text('target_id').notNull(),
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
  },
  // By article too: a body's edit deletes its links by `article_pk` in the trigger.
  (table) => [primaryKey({ columns: [table.targetId, table.articlePk] }), index('article_box_links_article').on(table.articlePk)],
);

/**
 * What an import knows of the articles it wrote from items without an id (clippings): each
 * item's identity (its source, headline and publication time as written, hashed) and a digest of
 * what the item held. Importing it again finds its article by that identity whatever an editor
 * changed since (a headline, the time zone given), and changes nothing while the item is the same.
 */
export const articleImports = sqliteTable(
  'article_imports',
  {
    key: text('key').primaryKey(),
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
    digest: text('digest').notNull(),
  },
  (table) => [index('article_imports_article').on(table.articlePk)],
);

/**
 * Slugs articles had before an editor renamed them, kept by a trigger (migration 0013): a link
 * shared under the old slug is answered with a redirect to the current one, while no article
 * has that slug now.
 */
export const articleFormerSlugs = sqliteTable(
  'article_former_slugs',
  {
    slug: text('slug').primaryKey(),
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
  },
  // The export reads an article's former slugs by `article_pk`.
  (table) => [index('article_former_slugs_article').on(table.articlePk)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'editor', 'partner'] }).notNull(),
    /** SHA-256 of the key, hex; the key itself is never stored. */
    keyHash: text('key_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (table) => [uniqueIndex('api_keys_hash_unique').on(table.keyHash)],
);

/** Places a dateline can be shown for; `slug` is the public key. */
export const cities = sqliteTable(
  'cities',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    /** ISO 3166-1 alpha-2 code. */
    country: text('country').notNull(),
    /** IANA time zone name, as given (validated with Intl when the city is created). */
    timezone: text('timezone').notNull(),
    latitude: real('latitude').notNull(),
    longitude: real('longitude').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('cities_slug_unique').on(table.slug)],
);

/** Weather readings per city, from editors or the weather provider. */
export const weatherObservations = sqliteTable(
  'weather_observations',
  {
    pk: integer('pk').primaryKey({ autoIncrement: true }),
    cityPk: integer('city_pk')
      .notNull()
      .references(() => cities.pk, { onDelete: 'cascade' }),
    /** Milliseconds since the epoch, whole seconds. */
    observedAt: integer('observed_at').notNull(),
    temperatureC: real('temperature_c').notNull(),
    condition: text('condition'),
    source: text('source', { enum: ['editor', 'open-meteo'] }).notNull(),
    /** JSON of { text, url, license, licenseUrl } when the source's licence asks for credit. */
    attribution: text('attribution'),
    recordedAt: integer('recorded_at').notNull(),
  },
  // One reading per city and moment; "latest at or before" walks this index backwards.
  (table) => [uniqueIndex('weather_observations_city_time').on(table.cityPk, table.observedAt)],
);

/**
 * The partners' change log: one row per article, holding only its latest change, so a partner
 * reading from any sequence number sees each article once, in its current state.
 */
export const syndicationChanges = sqliteTable(
  'syndication_changes',
  {
    // AUTOINCREMENT: a sequence number is never reused, even after the newest row moves on.
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    articleId: text('article_id').notNull(),
    /** For a scheduled article: when it comes due and must be announced again (ms). */
    dueAt: integer('due_at'),
  },
  (table) => [
    uniqueIndex('syndication_changes_article').on(table.articleId),
    index('syndication_changes_due').on(table.dueAt).where(sql`${table.dueAt} IS NOT NULL`),
  ],
);

/**
 * Views per article and hour ("Most Popular"): written in batches by the view buffer, summed
 * over a window by the rankings, pruned when older than the longest window (30 days).
 */
export const viewCounts = sqliteTable(
  'view_counts',
  {
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
    /** Start of the hour, ms since the epoch. */
    bucketStart: integer('bucket_start').notNull(),
    views: integer('views').notNull(),
  },
  // The bucket index covers the window sums (no table look-up per row) and serves the pruning.
  (table) => [
    primaryKey({ columns: [table.articlePk, table.bucketStart] }),
    index('view_counts_bucket').on(table.bucketStart, table.articlePk, table.views),
  ],
);

/**
 * The same views per article and UTC day, kept equal to the sum of that day's `view_counts`
 * rows by triggers (migration 0010): a 30-day window reads about 30 rows per article here
 * instead of about 720 hourly ones, so summing it at a million articles stays bounded.
 */
export const viewCountsDaily = sqliteTable(
  'view_counts_daily',
  {
    articlePk: integer('article_pk')
      .notNull()
      .references(() => articles.pk, { onDelete: 'cascade' }),
    /** Start of the UTC day, ms since the epoch. */
    dayStart: integer('day_start').notNull(),
    views: integer('views').notNull(),
  },
  // Keyed by day first, in a WITHOUT ROWID table (hand-written in the migration): a window's
  // days are one range of the table itself, and a write updates one B-tree, not three (a
  // rowid table, its key's index and a covering day index doubled the cost of a flush).
  // Articles are never deleted outright, so the cascade does not need an index by article.
  (table) => [primaryKey({ columns: [table.dayStart, table.articlePk] })],
);

/**
 * The views journal's high-water mark (src/popularity/journal.ts): one row, the number of the
 * last journal segment whose counts are in `view_counts`, written in the same transaction as
 * them, so a segment replayed at start-up is counted exactly once.
 */
export const viewsJournal = sqliteTable('views_journal', {
  id: integer('id').primaryKey(),
  flushedSegment: integer('flushed_segment').notNull(),
});
