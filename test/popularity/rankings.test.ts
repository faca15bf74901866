// The rankings sum a window in the database only at its first use (or when the clock jumps back
// or past the window); after that, writes add to the totals and hours leaving the window are
// read as one small range.
import t from 'tap';
import type { Clock } from '../../src/clock.js';
import { Rankings } from '../../src/popularity/rankings.js';
import { createViewRepository, type ViewCount, type ViewRepository } from '../../src/popularity/repository.js';
import { bucketOf, untilLatest } from '../../src/popularity/windows.js';
import { buildTestApp } from '../helpers/app.js';
import { createArticle, popularityConfig } from './helpers.js';

const hour = 3_600_000;

/** Rankings over `repository` whose writes are what the test puts in `buffered`, written before each ranking is taken. */
function rankingsOf(repository: ViewRepository, clock: Clock): { rankings: Rankings; buffered: ViewCount[] } {
  const buffered: ViewCount[] = [];
  const rankings: Rankings = new Rankings({
    repository,
    clock,
    maxAgeMs: 1_000,
    beforeTaking: () => {
      const counts = buffered.splice(0);
      repository.addViewCounts(counts);
      rankings.written(counts);
    },
  });
  return { rankings, buffered };
}

t.test('a window is summed once; writes and hours leaving it move the totals', async (t) => {
  // 12:30, half an hour into the current hour.
  const { app, auth, clock, database } = await buildTestApp(t, {
    demo: false,
    now: Date.parse('2024-03-29T12:30:00Z'),
    config: popularityConfig,
  });
  const a = await createArticle(t, app, auth('editor'), { headline: 'First' });
  const b = await createArticle(t, app, auth('editor'), { headline: 'Second' });
  const pkOf = (id: string) => (database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').get(id) as { pk: number }).pk;
  const [first, second] = [pkOf(a.id), pkOf(b.id)];

  const stored = createViewRepository(database.db);
  const calls = { since: 0, between: [] as Array<[number, number]> };
  const repository = {
    ...stored,
    totalsBetween(from: number, to: number = untilLatest) {
      if (to === untilLatest) calls.since += 1;
      else calls.between.push([from, to]);
      return stored.totalsBetween(from, to);
    },
  };
  const { rankings, buffered } = rankingsOf(repository, clock);
  const views = (bucketStart: number, articlePk: number, count: number) =>
    buffered.push({ articlePk, bucketStart, views: count });
  const ranked = () => rankings.ranking('1h').entries.map((entry) => [entry.pk, entry.views]);

  views(Date.parse('2024-03-29T12:00:00Z'), first, 3);
  t.same(ranked(), [[first, 3]]);
  t.equal(calls.since, 1, 'summed at the first use');

  clock.advance(1_000);
  views(Date.parse('2024-03-29T12:00:00Z'), second, 5);
  t.same(
    ranked(),
    [
      [second, 5],
      [first, 3],
    ],
    'the written views are added',
  );
  t.equal(calls.since, 1, 'not summed again');
  t.same(calls.between, []);

  clock.advance(hour); // 13:30: the 1h window now starts at 12:00, nothing left it
  views(Date.parse('2024-03-29T13:00:00Z'), first, 4);
  t.same(ranked(), [
    [first, 7],
    [second, 5],
  ]);
  clock.advance(hour); // 14:30: the 12:00 hour left the window
  t.same(ranked(), [[first, 4]]);
  t.equal(calls.since, 1, 'still not summed again');
  t.same(
    calls.between,
    [
      [Date.parse('2024-03-29T11:00:00Z'), Date.parse('2024-03-29T12:00:00Z')],
      [Date.parse('2024-03-29T12:00:00Z'), Date.parse('2024-03-29T13:00:00Z')],
    ],
    'one range of hours read as the window moved',
  );

  clock.advance(3 * hour); // past the whole window: summed afresh
  t.same(ranked(), []);
  t.equal(calls.since, 2);
  clock.advance(-4 * hour); // back in time, 13:30: summed afresh
  t.same(ranked(), [
    [first, 7],
    [second, 5],
  ]);
  t.equal(calls.since, 3);
});

t.test('a write before a ranking that crosses the hour is not taken for the clock going back', async (t) => {
  const { app, auth, clock, database } = await buildTestApp(t, {
    demo: false,
    now: Date.parse('2024-03-29T12:59:58Z'),
    config: popularityConfig,
  });
  const article = await createArticle(t, app, auth('editor'), { headline: 'Read at the turn of the hour' });
  const pk = (database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').get(article.id) as { pk: number }).pk;
  const stored = createViewRepository(database.db);
  let sums = 0;
  const repository = {
    ...stored,
    totalsBetween(from: number, to: number = untilLatest) {
      if (to === untilLatest) sums += 1;
      return stored.totalsBetween(from, to);
    },
  };
  let writeEndsAt: number | null = null;
  const rankings: Rankings = new Rankings({
    repository,
    clock,
    maxAgeMs: 1_000,
    beforeTaking: () => {
      const counts = [{ articlePk: pk, bucketStart: bucketOf(clock.now()), views: 2 }];
      repository.addViewCounts(counts);
      // The write takes long enough for the hour to turn.
      if (writeEndsAt !== null) clock.current = writeEndsAt;
      rankings.written(counts);
    },
  });
  t.same(
    rankings.ranking('1h').entries.map((entry) => entry.views),
    [2],
  );
  t.equal(sums, 1, 'summed at the first use');
  clock.current = Date.parse('2024-03-29T12:59:59.500Z');
  writeEndsAt = Date.parse('2024-03-29T13:00:00.020Z');
  t.same(
    rankings.ranking('1h').entries.map((entry) => entry.views),
    [4],
  );
  t.equal(sums, 1, 'not summed again');
});

t.test('the slots of articles whose views left every window are given back and taken again', async (t) => {
  const now = Date.parse('2024-03-29T12:30:00Z');
  const { app, auth, clock, database } = await buildTestApp(t, { demo: false, now, config: popularityConfig });
  const a = await createArticle(t, app, auth('editor'), { headline: 'Old news', section: 'world' });
  const b = await createArticle(t, app, auth('editor'), { headline: 'Still read', section: 'sport' });
  const pkOf = (id: string) => (database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').get(id) as { pk: number }).pk;
  const [old, read] = [pkOf(a.id), pkOf(b.id)];

  const repository = createViewRepository(database.db);
  const { rankings, buffered } = rankingsOf(repository, clock);
  const ranked = (window: '1h' | '30d') =>
    rankings.ranking(window).entries.map((entry) => [entry.pk, entry.views, entry.section]);

  buffered.push(
    { articlePk: old, bucketStart: bucketOf(now), views: 9 },
    { articlePk: read, bucketStart: bucketOf(now), views: 2 },
  );
  await rankings.warm();
  t.same(ranked('30d'), [
    [old, 9, 'world'],
    [read, 2, 'sport'],
  ]);
  t.equal(rankings.articlesHeld, 2);

  // 20 days on, the second article is read again; 11 more days on, the first one's views have
  // left every window: its slot is given back, the second keeps its own.
  clock.advance(20 * 24 * hour);
  buffered.push({ articlePk: read, bucketStart: bucketOf(clock.now()), views: 3 });
  t.same(ranked('30d'), [
    [old, 9, 'world'],
    [read, 5, 'sport'],
  ]);
  clock.advance(11 * 24 * hour);
  t.same(ranked('30d'), [[read, 3, 'sport']]);
  t.equal(rankings.articlesHeld, 1, 'the article no window holds views of is given back');

  // A new article takes the slot given back: its totals start from nothing and its facts are its own.
  const c = await createArticle(t, app, auth('editor'), { headline: 'New story', section: 'science' });
  const fresh = pkOf(c.id);
  buffered.push({ articlePk: fresh, bucketStart: bucketOf(clock.now()), views: 4 });
  clock.advance(1_000);
  t.same(ranked('30d'), [
    [fresh, 4, 'science'],
    [read, 3, 'sport'],
  ]);
  t.same(ranked('1h'), [[fresh, 4, 'science']]);
  t.equal(rankings.articlesHeld, 2);

  // And the old article, read again, counts only its new views, in its own section.
  buffered.push({ articlePk: old, bucketStart: bucketOf(clock.now()), views: 1 });
  clock.advance(1_000);
  t.same(ranked('30d'), [
    [fresh, 4, 'science'],
    [read, 3, 'sport'],
    [old, 1, 'world'],
  ]);
  t.equal(rankings.articlesHeld, 3);
});
