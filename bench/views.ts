// The benchmark's views, for GET /v1/popular: 1,000 per article on average (10 million on the
// 10,000-article dataset) over the last 30 days, written straight into the hourly counts with
// the popularity repository. Each published article gets a skewed share and a peak hour, and its
// views thin out over the day or two after the peak, as readers of news do.

import type { ContentDatabase } from '../src/db/open.js';
import { bucketOf, longestWindowMs } from '../src/popularity/rankings.js';
import { createViewRepository, type ViewCount } from '../src/popularity/repository.js';
import type { Random } from './random.js';

export const viewsPerArticle = 1_000;
const hour = 3_600_000;
const hours = longestWindowMs / hour;
/** Mean hours between an article's peak and its views. */
const decayHours = 24;

/**
 * Replaces every stored view count with the benchmark's, ending in the hour of `now`; returns
 * the number of views written.
 */
export function writeBenchViews(database: ContentDatabase, random: Random, now: number): number {
  const pks = (
    database.sqlite
      .prepare("SELECT pk FROM articles WHERE status = 'published' AND deleted_at IS NULL ORDER BY pk")
      .all() as Array<{
      pk: number;
    }>
  ).map((row) => row.pk);
  const total = viewsPerArticle * (database.sqlite.prepare('SELECT count(*) FROM articles').pluck().get() as number);
  // Shares from a heavy-tailed distribution: a few articles draw most of the readers.
  const weights = pks.map(() => 1 / (0.02 + random.next()) ** 1.5);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const current = bucketOf(now);
  const repository = createViewRepository(database.db);
  database.sqlite.prepare('DELETE FROM view_counts').run();
  let written = 0;
  let batch: ViewCount[] = [];
  pks.forEach((articlePk, index) => {
    const views = Math.round((total * (weights[index] ?? 0)) / weightSum);
    const peak = random.int(0, hours - 1);
    const byHour = new Map<number, number>();
    for (let view = 0; view < views; view += 1) {
      // Views the decay would place after now wrap around into the article's first hours.
      const hoursAgo = peak - (Math.floor(-Math.log(1 - random.next()) * decayHours) % (peak + 1));
      byHour.set(hoursAgo, (byHour.get(hoursAgo) ?? 0) + 1);
    }
    for (const [hoursAgo, count] of byHour) batch.push({ articlePk, bucketStart: current - hoursAgo * hour, views: count });
    written += views;
    if (batch.length >= 50_000) {
      repository.addViewCounts(batch);
      batch = [];
    }
  });
  repository.addViewCounts(batch);
  return written;
}

/** The start of the newest stored hour, or null when there are no views. */
export function newestViewHour(database: ContentDatabase): number | null {
  return database.sqlite.prepare('SELECT max(bucket_start) FROM view_counts').pluck().get() as number | null;
}
