// The rankings sum a window in the database only at its first use (or when the clock jumps back
// or past the window); after that, writes add to the totals and hours leaving the window are
// read as one small range.
import t from 'tap';
import { Rankings } from '../../src/popularity/rankings.js';
import { createViewRepository, type ViewCount } from '../../src/popularity/repository.js';
import { untilLatest } from '../../src/popularity/windows.js';
import { buildTestApp } from '../helpers/app.js';
import { createArticle, popularityConfig } from './helpers.js';

const hour = 3_600_000;

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
