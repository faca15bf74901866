// Property: the rankings keep each window's totals in memory and move them with writes and the
// clock; after any sequence of views, writes and clock moves (across hours, past whole windows,
// backwards), every window ranks exactly as a fresh full SUM over view_counts would.
import fc from 'fast-check';
import t from 'tap';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { createArticle, popularityConfig, sendViews } from './helpers.js';

const hour = 3_600_000;
const windows = { '1h': hour, '24h': 24 * hour, '7d': 7 * 24 * hour, '30d': 30 * 24 * hour } as const;
type Window = keyof typeof windows;
const windowNames = Object.keys(windows) as Window[];
const articleCount = 5;

type Op =
  | { kind: 'view'; article: number; count: number }
  | { kind: 'read'; window: Window }
  | { kind: 'advance'; ms: number }
  | { kind: 'hide'; article: number; hidden: boolean }
  | { kind: 'check' };

const article = fc.nat(articleCount - 1);
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('view' as const), article, count: fc.integer({ min: 1, max: 4 }) }) },
  // A public read refreshes a stale ranking, which writes the buffer first.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), window: fc.constantFrom(...windowNames) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 59 }).map((minutes) => minutes * 60_000) },
        { weight: 3, arbitrary: fc.integer({ min: 1, max: 30 }).map((hours) => hours * hour + 1_000) },
        { weight: 1, arbitrary: fc.integer({ min: 2, max: 40 }).map((days) => days * 24 * hour) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 180 }).map((minutes) => -minutes * 60_000) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hide' as const), article, hidden: fc.boolean() }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'check' as const }) },
);

/** Orders worth checking on every run: hour by hour, then past the 24h, 7d and 30d windows, then back. */
const examples: Op[][] = [
  [
    { kind: 'view', article: 0, count: 3 },
    { kind: 'check' },
    { kind: 'advance', ms: hour },
    { kind: 'view', article: 1, count: 2 },
    { kind: 'check' },
    { kind: 'advance', ms: 2 * hour },
    { kind: 'view', article: 0, count: 1 },
    { kind: 'check' },
    { kind: 'advance', ms: 23 * hour },
    { kind: 'check' },
    { kind: 'advance', ms: 8 * 24 * hour },
    { kind: 'view', article: 2, count: 1 },
    { kind: 'check' },
    { kind: 'advance', ms: 31 * 24 * hour },
    { kind: 'view', article: 3, count: 2 },
    { kind: 'check' },
    { kind: 'advance', ms: -2 * hour },
    { kind: 'view', article: 4, count: 1 },
    { kind: 'check' },
  ],
];

interface Summed {
  pk: number;
  slug: string;
  section: string;
  status: string;
  publishedAt: number | null;
  deletedAt: number | null;
  hidden: number;
  views: number;
}

/** The ranking from a full SUM over view_counts, ordered by the documented rules. */
function expectedRanking(app: TestApp, window: Window): Array<[string, number]> {
  const now = app.clock.now();
  const from = Math.floor(now / hour) * hour - windows[window];
  const rows = app.database.sqlite
    .prepare(
      `SELECT a.pk, a.slug, a.section, a.status, a.published_at AS publishedAt, a.deleted_at AS deletedAt,
              a.hide_from_popular AS hidden, sum(v.views) AS views
         FROM view_counts v JOIN articles a ON a.pk = v.article_pk
        WHERE v.bucket_start >= ? GROUP BY a.pk`,
    )
    .all(from) as Summed[];
  return rows
    .filter(
      (row) =>
        row.deletedAt === null && row.status === 'published' && row.publishedAt !== null && row.publishedAt <= now && !row.hidden,
    )
    .sort((a, b) => b.views - a.views || (b.publishedAt ?? 0) - (a.publishedAt ?? 0) || b.pk - a.pk)
    .map((row) => [row.slug, row.views]);
}

/** Lets a write scheduled after a response (the buffer filled up) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Each window's ranking against the full SUM; the first difference, or null. */
async function check(app: TestApp): Promise<string | null> {
  // A moment later than any ranking taken, so none is reused; an editor's request skips the cache.
  app.clock.advance(1_000);
  for (const window of windowNames) {
    const res = await app.app.inject({ url: `/v1/popular?window=${window}&limit=50`, headers: app.auth('editor') });
    const data = res.json().data as Array<{ views: number; article: { slug: string } }>;
    const ranked = JSON.stringify(data.map((entry) => [entry.article.slug, entry.views]));
    const expected = JSON.stringify(expectedRanking(app, window));
    if (ranked !== expected) return `${window} at ${new Date(app.clock.now()).toISOString()}: ${ranked}, summed ${expected}`;
  }
  return null;
}

async function apply(app: TestApp, slugs: string[], ids: string[], op: Op): Promise<string | null> {
  switch (op.kind) {
    case 'view':
      await sendViews(app.app, slugs[op.article] ?? '', op.count);
      break;
    case 'read':
      await app.app.inject({ url: `/v1/popular?window=${op.window}` });
      break;
    case 'advance':
      app.clock.advance(op.ms);
      break;
    case 'hide': {
      const url = `/v1/articles/${ids[op.article] ?? ''}`;
      await app.app.inject({ method: 'PATCH', url, headers: app.auth('editor'), payload: { hideFromPopular: op.hidden } });
      break;
    }
    case 'check':
      return check(app);
  }
  await settle();
  return null;
}

t.test('every window ranks as a full SUM over view_counts would, after any views, writes and clock moves', async (t) => {
  const numRuns = 60;
  let runs = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 40 }), async (ops) => {
      runs += 1;
      let failure: string | null = null;
      await t.test(`run ${runs}`, async (run) => {
        // Three article-hours in the buffer trigger a write, besides the writes before each ranking.
        const app = await buildTestApp(run, {
          demo: false,
          config: { ...popularityConfig, VIEWS_BUFFER_MAX_ENTRIES: 3, RATE_LIMIT_VIEWS_PER_MINUTE: 10_000 },
        });
        const slugs: string[] = [];
        const ids: string[] = [];
        for (let index = 0; index < articleCount; index += 1) {
          const created = await createArticle(run, app.app, app.auth('editor'), { headline: `Story ${index}` });
          slugs.push(created.slug);
          ids.push(created.id);
          app.clock.advance(60_000);
        }
        for (const op of ops) failure ??= await apply(app, slugs, ids, op);
        failure ??= await check(app);
        run.pass('applied');
      });
      if (failure !== null) throw new Error(failure);
    }),
    { numRuns, examples: examples.map((ops) => [ops]) },
  );
  t.ok(runs >= numRuns, 'every generated sequence ran');
});
