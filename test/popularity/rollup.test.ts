// The daily roll-up (view_counts_daily, kept by triggers) always equals the sum of its day's
// hourly rows, through upserts, writes across midnight and pruning; and a range summed from it
// and the hourly rows equals the same range summed from the hourly rows alone.
import t, { type Test } from 'tap';
import { createViewRepository, type ViewCount } from '../../src/popularity/repository.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createArticle, popularityConfig, sendViews } from './helpers.js';

const hour = 3_600_000;
const day = 24 * hour;
const midnight = Date.parse('2024-03-29T00:00:00Z');

async function setUp(t: Test) {
  const app = await buildTestApp(t, { demo: false, now: midnight + 2 * day, config: popularityConfig });
  const pks: number[] = [];
  for (const headline of ['First', 'Second', 'Third']) {
    const { id } = await createArticle(t, app.app, app.auth('editor'), { headline });
    pks.push((app.database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').get(id) as { pk: number }).pk);
  }
  return { app, pks, repository: createViewRepository(app.database.db) };
}

/** Days whose roll-up differs from the sum of their hourly rows, as text. */
function mismatches(app: TestApp): string[] {
  const rows = app.database.sqlite
    .prepare(
      `SELECT coalesce(h.article_pk, d.article_pk) AS pk, coalesce(h.day, d.day_start) AS day, h.views AS hourly, d.views AS daily
         FROM (SELECT article_pk, bucket_start - bucket_start % ${day} AS day, sum(views) AS views FROM view_counts GROUP BY 1, 2) h
         FULL JOIN view_counts_daily d ON d.article_pk = h.article_pk AND d.day_start = h.day
        WHERE h.views IS NOT d.views`,
    )
    .all() as Array<{ pk: number; day: number; hourly: number | null; daily: number | null }>;
  return rows.map((row) => `${row.pk} on ${new Date(row.day).toISOString()}: hourly ${row.hourly}, daily ${row.daily}`);
}

function hourlySum(app: TestApp, from: number, to: number): Record<number, number> {
  const rows = app.database.sqlite
    .prepare(
      'SELECT article_pk AS pk, sum(views) AS views FROM view_counts WHERE bucket_start >= ? AND bucket_start < ? GROUP BY 1',
    )
    .all(from, to) as Array<{ pk: number; views: number }>;
  return Object.fromEntries(rows.map((row) => [row.pk, row.views]));
}

t.test('the daily rows follow every write and pruning of the hourly ones', async (t) => {
  const { app, pks, repository } = await setUp(t);
  const [a = 0, b = 0, c = 0] = pks;
  const counts: ViewCount[] = [
    { articlePk: a, bucketStart: midnight - 2 * hour, views: 3 },
    { articlePk: a, bucketStart: midnight - hour, views: 4 },
    { articlePk: a, bucketStart: midnight, views: 5 },
    { articlePk: b, bucketStart: midnight + 23 * hour, views: 6 },
    { articlePk: b, bucketStart: midnight + day, views: 7 },
    { articlePk: c, bucketStart: midnight + hour, views: 1 },
  ];
  repository.addViewCounts(counts);
  t.same(mismatches(app), [], 'new rows');
  t.same(
    app.database.sqlite.prepare('SELECT count(*) AS n FROM view_counts_daily').get(),
    { n: 5 },
    'one row per article and day',
  );

  // The upsert adds to stored hours: the update trigger adds the difference.
  repository.addViewCounts(counts.map((count) => ({ ...count, views: 2 })));
  t.same(mismatches(app), [], 'hours added to');
  const daily = (pk: number, dayStart: number) =>
    (
      app.database.sqlite
        .prepare('SELECT views FROM view_counts_daily WHERE article_pk = ? AND day_start = ?')
        .get(pk, dayStart) as { views: number } | undefined
    )?.views;
  t.equal(daily(a, midnight - day), 3 + 4 + 2 + 2, 'the day before midnight');
  t.equal(daily(a, midnight), 5 + 2, 'the day after it');

  // Pruning mid-day takes its hours off the day; pruning a whole day removes its row.
  repository.pruneBefore(midnight - hour);
  t.same(mismatches(app), [], 'part of a day pruned');
  t.equal(daily(a, midnight - day), 4 + 2);
  repository.pruneBefore(midnight);
  t.same(mismatches(app), [], 'a whole day pruned');
  t.equal(daily(a, midnight - day), undefined, 'no empty row is left');

  // Views through the service, written by its flush, across another midnight.
  app.clock.current = midnight + 3 * day - 30 * 60_000;
  const slugs = app.database.sqlite.prepare('SELECT slug FROM articles ORDER BY pk').all() as Array<{ slug: string }>;
  for (const { slug } of slugs) await sendViews(app.app, slug);
  await app.app.inject({ url: '/v1/popular?window=1h', headers: app.auth('editor') }); // writes the buffer
  app.clock.advance(hour);
  for (const { slug } of slugs) await sendViews(app.app, slug);
  await app.app.inject({ url: '/v1/popular?window=1h', headers: app.auth('editor') });
  t.equal(hourlySum(app, midnight + 3 * day - hour, midnight + 4 * day)[a], 2, 'both views written');
  t.same(mismatches(app), [], 'written by the flush');
});

t.test('a range summed with the daily rows equals the hourly sum, at and off day boundaries', async (t) => {
  const { app, pks, repository } = await setUp(t);
  // Views in most hours of four days, some articles some hours.
  const counts: ViewCount[] = [];
  for (let bucket = midnight - 2 * day; bucket < midnight + 2 * day; bucket += hour) {
    pks.forEach((articlePk, index) => {
      if ((bucket / hour + index) % 3 !== 0)
        counts.push({ articlePk, bucketStart: bucket, views: 1 + ((bucket / hour) % 7) + index });
    });
  }
  repository.addViewCounts(counts);
  const asRecord = (rows: Array<{ pk: number; views: number }>) => Object.fromEntries(rows.map((row) => [row.pk, row.views]));
  const edges = [
    midnight - 2 * day,
    midnight - day - 5 * hour,
    midnight - day,
    midnight - 3 * hour,
    midnight,
    midnight + 7 * hour,
    midnight + day,
    midnight + 2 * day,
  ];
  for (const from of edges) {
    t.same(
      asRecord(repository.totalsBetween(from)),
      hourlySum(app, from, Number.MAX_SAFE_INTEGER),
      `from ${new Date(from).toISOString()} on`,
    );
    for (const to of edges) {
      if (to <= from) continue;
      t.same(
        asRecord(repository.totalsBetween(from, to)),
        hourlySum(app, from, to),
        `${new Date(from).toISOString()} to ${new Date(to).toISOString()}`,
      );
    }
  }
});
