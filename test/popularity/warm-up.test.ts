// Windows summed ahead in slices (Rankings.warm) end with the totals a full sum gives, whatever
// is written between the slices; a ranking asked for meanwhile is exact too; and a ranking keeps
// the first entries of each section exactly as a full sort would.
import { setImmediate as nextTurn } from 'node:timers/promises';
import t from 'tap';
import { type RankedEntry, rankEntries } from '../../src/popularity/ordering.js';
import { Rankings } from '../../src/popularity/rankings.js';
import { createViewRepository, type ViewCount } from '../../src/popularity/repository.js';
import type { PopularWindow } from '../../src/popularity/schemas.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createArticle, popularityConfig } from './helpers.js';

const hour = 3_600_000;
const day = 24 * hour;
const windowMs: Record<PopularWindow, number> = { '1h': hour, '24h': day, '7d': 7 * day, '30d': 30 * day };

/** pk → views of `window` from a full SUM over the hourly rows. */
function summed(app: TestApp, window: PopularWindow): Array<[number, number]> {
  const from = Math.floor(app.clock.now() / hour) * hour - windowMs[window];
  return (
    app.database.sqlite
      .prepare(
        'SELECT article_pk AS pk, sum(views) AS views FROM view_counts WHERE bucket_start >= ? GROUP BY 1 ORDER BY 2 DESC, 1 DESC',
      )
      .all(from) as Array<{ pk: number; views: number }>
  ).map((row) => [row.pk, row.views]);
}

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  // 10:30: the 30-day window starts mid-day, so its first slices are hours.
  const app = await buildTestApp(t, { demo: false, now: Date.parse('2024-03-29T10:30:00Z'), config: popularityConfig });
  const pks: number[] = [];
  for (const headline of ['First', 'Second', 'Third', 'Fourth']) {
    const { id } = await createArticle(t, app.app, app.auth('editor'), { headline });
    pks.push((app.database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').get(id) as { pk: number }).pk);
  }
  // Published in the past, so views of any hour count in the sum the test compares with.
  app.database.sqlite.prepare('UPDATE articles SET published_at = ?').run(app.clock.now() - 40 * day);
  const stored = createViewRepository(app.database.db);
  const buffered: ViewCount[] = [];
  const rankings: Rankings = new Rankings({
    repository: stored,
    clock: app.clock,
    maxAgeMs: 1_000,
    beforeTaking: () => write(),
  });
  const write = () => {
    const counts = buffered.splice(0);
    stored.addViewCounts(counts);
    rankings.written(counts);
  };
  return { app, pks, stored, rankings, buffered, write };
}

t.test('writes between the slices are counted once, in hours summed already or still to come', async (t) => {
  const { app, pks, stored, rankings, buffered, write } = await setUp(t);
  const now = app.clock.now();
  const start = Math.floor(now / hour) * hour - 30 * day;
  // Views already stored, over the whole 30 days and an hour before them.
  const stored0: ViewCount[] = [];
  for (let bucket = start - hour; bucket <= now; bucket += 5 * hour) {
    stored0.push(...pks.map((articlePk, index) => ({ articlePk, bucketStart: bucket, views: 1 + index })));
  }
  stored.addViewCounts(stored0);

  const warming = rankings.warm();
  let settled = false;
  void warming.then(() => {
    settled = true;
  });
  let turn = 0;
  while (!settled) {
    // Each turn, views in an old hour, a middle one and the current one, written at once.
    const bucket = [start, start + 12 * day + 3 * hour, Math.floor(now / hour) * hour][turn % 3] ?? start;
    buffered.push({ articlePk: pks[turn % pks.length] ?? 0, bucketStart: bucket, views: 1 + (turn % 5) });
    if (turn % 2 === 0) write();
    turn += 1;
    await nextTurn();
  }
  await warming;
  t.ok(turn > 10, `writes in ${turn} turns of the warm-up`);
  app.clock.advance(1_000);
  for (const window of ['1h', '24h', '7d', '30d'] as const) {
    t.same(
      rankings.ranking(window).entries.map((entry) => [entry.pk, entry.views]),
      summed(app, window),
      `${window} as a full sum`,
    );
  }
});

t.test('a ranking asked for during the warm-up is summed at once, and the warm-up leaves that window alone', async (t) => {
  const { app, pks, stored, rankings, buffered } = await setUp(t);
  const now = app.clock.now();
  stored.addViewCounts(pks.map((articlePk, index) => ({ articlePk, bucketStart: now - index * 3 * day, views: 10 - index })));
  const warming = rankings.warm();
  t.not(rankings.warmingOf('30d'), null, 'the 30d window waits for its turn');
  await nextTurn();
  await nextTurn();
  buffered.push({ articlePk: pks[3] ?? 0, bucketStart: Math.floor(now / hour) * hour, views: 5 });
  t.same(
    rankings.ranking('30d').entries.map((entry) => [entry.pk, entry.views]),
    summed(app, '30d'),
    'summed on the spot',
  );
  await warming;
  t.equal(rankings.warmingOf('30d'), null, 'nothing left to wait for');
  buffered.push({ articlePk: pks[0] ?? 0, bucketStart: Math.floor(now / hour) * hour, views: 1 });
  app.clock.advance(1_000);
  t.same(
    rankings.ranking('30d').entries.map((entry) => [entry.pk, entry.views]),
    summed(app, '30d'),
    'counted once after the warm-up ended',
  );
});

t.test('a closing app stops the warm-up', async (t) => {
  const { rankings } = await setUp(t);
  const warming = rankings.warm();
  rankings.stop();
  await warming;
  t.equal(rankings.warmingOf('30d'), null);
});

t.test('the first entries of each section are those of a full sort', async (t) => {
  const sections = ['world', 'sport', 'arts'];
  const count = 2_000;
  const pks = new Float64Array(count);
  const views = new Float64Array(count);
  const articles = new Map<number, { section: string; publishedAt: number; hidden: boolean }>();
  let seed = 7;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (let index = 0; index < count; index += 1) {
    pks[index] = index + 1;
    views[index] = Math.floor(random() * 300); // many ties
    articles.set(index + 1, {
      section: sections[index % 3] ?? 'world',
      publishedAt: Math.floor(random() * 50),
      hidden: random() < 0.05,
    });
  }
  const facts = {
    rankingSection: (pk: number) => {
      const known = articles.get(pk);
      return known && !known.hidden ? known.section : null;
    },
    publishedAt: (pk: number) => articles.get(pk)?.publishedAt ?? 0,
  };
  const byRank = (a: RankedEntry, b: RankedEntry) => b.views - a.views || b.publishedAt - a.publishedAt || b.pk - a.pk;
  const all: RankedEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const known = articles.get(index + 1);
    if (known && !known.hidden)
      all.push({ pk: index + 1, views: views[index] ?? 0, section: known.section, publishedAt: known.publishedAt });
  }
  all.sort(byRank);
  const ranked = rankEntries({ pks, views }, facts, 100, 50);
  t.same(ranked.slice(0, 50), all.slice(0, 50), 'the first 50 of all');
  for (const section of sections) {
    t.same(
      ranked.filter((entry) => entry.section === section),
      all.filter((entry) => entry.section === section).slice(0, 50),
      `the first 50 of ${section}`,
    );
  }
});
