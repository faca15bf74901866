// The benchmark's views, for GET /v1/popular, written straight into the hourly counts over the
// last 30 days. Views scale with the archive: 1,000 per article on average (10 million on the
// 10,000-article dataset, 1 billion on 1,000,000). Readers, though, do not spread a month's
// reading over a whole archive: they read the news and a tail of older pieces that search and
// links bring back. So the views go to a read set of at most 50,000 published articles (every
// one on the 10,000 dataset; at 1,000,000 the 45,000 newest and 5,000 from the archive), with
// heavy-tailed shares, a peak hour each, and views thinning out over the day or two after the
// peak. The stored rows (one per article and hour) then grow with the read set, not the archive:
// about 0.7 million at 10,000 articles and 9 million at 1,000,000, where reading the whole
// archive at 1,000 views each would store some 70 million rows (several GB) that no real site
// would ever see.

import type { ContentDatabase } from '../src/db/open.js';
import { bucketOf, longestWindowMs } from '../src/popularity/windows.js';
import type { Random } from './random.js';

export const viewsPerArticle = 1_000;
/** The most articles read in 30 days, and how many of those come from the archive. */
export const readSetMax = 50_000;
const archiveReads = 5_000;
const hour = 3_600_000;
const hours = longestWindowMs / hour;
/** Mean hours between an article's peak and its views. */
const decayHours = 24;

/**
 * The articles read in 30 days, from the published ones newest first: all of them up to
 * readSetMax, else the newest and a sample of the rest (the sample drawn first from `random`).
 */
export function readSetOf<T>(newestFirst: readonly T[], random: Random): T[] {
  if (newestFirst.length <= readSetMax) return [...newestFirst];
  const newest = newestFirst.slice(0, readSetMax - archiveReads);
  const archive = newestFirst.slice(newest.length);
  const sampled = new Set<T>();
  while (sampled.size < archiveReads) sampled.add(archive[Math.floor(random.next() * archive.length)] as T);
  return [...newest, ...sampled];
}

/** Published articles newest first, as the read set is drawn from them. */
export const publishedNewestFirst =
  "SELECT pk, slug FROM articles WHERE status = 'published' AND deleted_at IS NULL ORDER BY published_at DESC, pk DESC";

/** The random sequence the views are drawn from (the read set first), for a dataset's seed. */
export const viewsSeed = (seed: number) => seed + 2;

/**
 * Replaces every stored view count with the benchmark's, ending in the hour of `now`; returns
 * the number of views written. Counts are drawn per hour (the expected share, randomly rounded),
 * not view by view, so a billion views take seconds.
 */
export function writeBenchViews(database: ContentDatabase, random: Random, now: number): number {
  const published = database.sqlite.prepare(publishedNewestFirst).all() as Array<{ pk: number }>;
  const pks = readSetOf(
    published.map((row) => row.pk),
    random,
  );
  const total = viewsPerArticle * (database.sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number);
  // Shares from a heavy-tailed distribution: a few articles draw most of the readers.
  const weights = pks.map(() => 1 / (0.02 + random.next()) ** 1.5);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  // The share of an article's views k hours after its peak.
  const decay = Array.from({ length: hours }, (_, k) => Math.exp(-k / decayHours));
  const current = bucketOf(now);
  // Plain inserts: the table is emptied first, so there is nothing to add to.
  const insert = database.sqlite.prepare('INSERT INTO view_counts (article_pk, bucket_start, views) VALUES (?, ?, ?)');
  let written = 0;
  database.sqlite.transaction(() => {
    database.sqlite.prepare('DELETE FROM view_counts').run();
    pks.forEach((articlePk, index) => {
      const views = (total * (weights[index] ?? 0)) / weightSum;
      const peak = random.int(0, hours - 1);
      // Views the decay would place after now are not drawn: the article's hours are peak..now.
      let norm = 0;
      for (let k = 0; k <= peak; k += 1) norm += decay[k] ?? 0;
      for (let k = 0; k <= peak; k += 1) {
        const count = Math.floor((views * (decay[k] ?? 0)) / norm + random.next());
        if (count === 0) continue;
        insert.run(articlePk, current - (peak - k) * hour, count);
        written += count;
      }
    });
    // What was written, so a reuse can tell that runs added views since (see viewsAsWritten).
    database.sqlite.exec('CREATE TABLE IF NOT EXISTS bench_views_written (total INTEGER NOT NULL)');
    database.sqlite.prepare('DELETE FROM bench_views_written').run();
    database.sqlite.prepare('INSERT INTO bench_views_written (total) VALUES (?)').run(written);
  })();
  return written;
}

/**
 * Whether the stored views are the ones the generator wrote. Every benchmark run adds views to
 * the dataset it runs on ("record a view", the batch ingestion): until 2026-12-07 a reused file
 * kept them while its views were under six hours old, and the 10k file had grown from 10 to 67
 * million views in a day of runs, its rankings and ingestion measured on more each time.
 */
export function viewsAsWritten(database: ContentDatabase): boolean {
  const recorded = database.sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bench_views_written'")
    .pluck()
    .get();
  if (recorded === undefined) return false;
  const written = database.sqlite.prepare('SELECT total FROM bench_views_written').pluck().get() as number | undefined;
  const stored = database.sqlite.prepare('SELECT coalesce(sum(views), 0) FROM view_counts').pluck().get() as number;
  return written === stored;
}

/** The start of the newest stored hour, or null when there are no views. */
export function newestViewHour(database: ContentDatabase): number | null {
  return database.sqlite.prepare('SELECT max(bucket_start) FROM view_counts').pluck().get() as number | null;
}
