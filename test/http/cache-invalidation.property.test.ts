// Property: whatever articles are written, a public (cached) answer is the answer computed
// afresh. An edit drops only the cached answers it touches (src/articles/changes.ts); this
// compares, after every write, each public GET with the same request made with a partner key,
// which reads as the public does but is never served from a cache. The allowed differences are
// which articles a search finds and which a related list suggests as similar (both look again
// when they expire): every article they show is shown as it is now.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { articleBody, buildTestApp, type TestApp } from '../helpers/app.js';

type Op =
  | { kind: 'create'; section: number; tags: number[]; hoursAgo: number; draft: boolean; box: number | null }
  | { kind: 'headline'; target: number; headline: string }
  | { kind: 'retag'; target: number; tags: number[] }
  | { kind: 'section'; target: number; section: number }
  | { kind: 'publishedAt'; target: number; hoursAgo: number }
  | { kind: 'status'; target: number; draft: boolean }
  | { kind: 'delete'; target: number }
  | { kind: 'box'; target: number; to: number }
  | { kind: 'editorial'; target: number; to: number }
  | { kind: 'slug'; target: number; slug: string }
  | { kind: 'syndication'; target: number; allowed: boolean }
  | { kind: 'advance'; minutes: number };

const sections = ['world', 'business', 'culture'];
const target = fc.nat(60);
const tagIndexes = fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 3 });
// Negative hours are in the future: a scheduled article.
const hoursAgo = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 40 }), fc.constantFrom(-2, -1));
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      section: fc.nat(2),
      tags: tagIndexes,
      hoursAgo,
      draft: fc.boolean(),
      box: fc.option(target, { nil: null }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('headline' as const),
      target,
      headline: fc.constantFrom('Rates rise', 'Storm ends'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('retag' as const), target, tags: tagIndexes }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('section' as const), target, section: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('publishedAt' as const), target, hoursAgo }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), target, draft: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('box' as const), target, to: target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('editorial' as const), target, to: target }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('slug' as const), target, slug: fc.constantFrom('renamed', 'moved') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('syndication' as const), target, allowed: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 90 }) }) },
);

interface Summary {
  id: string;
  [field: string]: unknown;
}
interface RelatedItem {
  reason: 'editorial' | 'similar';
  article: Summary;
}

/** What differs between cached and fresh answers, as `url: what` lines (one assertion per check). */
type Differences = string[];

function expectSame(differences: Differences, actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) differences.push(`${what}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

/** Each article shown is visible and shown as it is now. */
async function checkCurrent(differences: Differences, app: TestApp, shown: Summary[], url: string) {
  for (const article of shown) {
    const now = await app.app.inject({ url: `/v1/articles/${article.id}`, headers: app.auth('partner') });
    expectSame(differences, now.statusCode, 200, `${url}: ${article.id} visible`);
    const current = now.json() as Record<string, unknown>;
    for (const [field, value] of Object.entries(article)) {
      if (field !== 'url' && field !== 'highlight')
        expectSame(differences, value, current[field], `${url}: ${article.id}'s ${field}`);
    }
  }
}

/** Related lists compared as promised: editorial links exactly, suggestions as they are now. */
async function checkRelated(differences: Differences, app: TestApp, cached: RelatedItem[], fresh: RelatedItem[], url: string) {
  const editorial = (items: RelatedItem[]) => items.filter((item) => item.reason === 'editorial');
  expectSame(differences, editorial(cached), editorial(fresh), `${url}: editorial links`);
  const similar = cached.filter((item) => item.reason === 'similar').map((item) => item.article);
  await checkCurrent(differences, app, similar, url);
}

async function compare(differences: Differences, app: TestApp, url: string): Promise<void> {
  const cached = await app.app.inject({ url });
  const fresh = await app.app.inject({ url, headers: app.auth('partner') });
  expectSame(differences, cached.statusCode, fresh.statusCode, `${url}: status`);
  if (cached.statusCode !== 200 || fresh.statusCode !== 200) return;
  if (!String(cached.headers['content-type']).startsWith('application/json')) {
    expectSame(differences, cached.body, fresh.body, url);
    return;
  }
  const [a, b] = [cached.json(), fresh.json()];
  if (url.includes('/related')) return checkRelated(differences, app, a.data, b.data, url);
  if (url.includes('q=')) return checkCurrent(differences, app, a.data, url);
  if (url.startsWith('/v1/pages/')) {
    for (const part of ['dateline', 'article', 'popular']) expectSame(differences, a[part], b[part], `${url}: ${part}`);
    return checkRelated(differences, app, a.related.data, b.related.data, `${url} related`);
  }
  expectSame(differences, a, b, url);
}

/** Section and tag counts as a count of every visible article gives them (the triggers' kept counts must agree). */
async function checkCounts(differences: Differences, app: TestApp): Promise<void> {
  const visible = `a.status = 'published' AND a.deleted_at IS NULL AND a.published_at <= ${app.clock.now()}`;
  const counted = {
    section: `SELECT a.section AS name, count(*) AS count FROM articles a WHERE ${visible} GROUP BY 1 ORDER BY 2 DESC, 1`,
    tag: `SELECT t.tag AS name, count(*) AS count FROM article_tags t JOIN articles a ON a.pk = t.article_pk WHERE ${visible} GROUP BY 1 ORDER BY 2 DESC, 1`,
  };
  for (const [facet, query] of Object.entries(counted)) {
    const served = (await app.app.inject({ url: `/v1/${facet}s?limit=100`, headers: app.auth('partner') })).json();
    expectSame(differences, served.data, app.database.sqlite.prepare(query).all(), `${facet} counts`);
    expectSame(differences, served.nextCursor, null, `${facet} counts on one page`);
  }
}

/** The listing's next pages, as a reader holding its cursors asks for them. */
async function cursorPages(app: FastifyInstance, first: string, pages: number): Promise<string[]> {
  const urls = [first];
  let path = first;
  for (let page = 1; page < pages; page += 1) {
    const next = (await app.inject({ url: path })).json().nextCursor;
    if (typeof next !== 'string') break;
    path = `${first}&cursor=${encodeURIComponent(next)}`;
    urls.push(path);
  }
  return urls;
}

t.test('a cached public answer is always the answer computed afresh', async (t) => {
  await fc.assert(
    // Not every write is followed by a read: a cache must also be right when read long after
    // several writes (a scheduled article written, then nothing read until it is due).
    fc.asyncProperty(
      fc.array(fc.record({ op: opArbitrary, read: fc.boolean() }), { minLength: 1, maxLength: 10 }),
      async (steps) => {
        const app = await buildTestApp(t, { config: { RATE_LIMIT_PER_MINUTE: 1_000_000 } });
        const { app: server, auth, clock } = app;
        const editor = { ...auth('editor'), 'content-type': 'application/json' };
        const tags = (await server.inject({ url: '/v1/tags' }))
          .json()
          .data.map((tag: { name: string }) => tag.name)
          .slice(0, 6);
        const pool: string[] = (await server.inject({ url: '/v1/articles?limit=50' })).json().data.map((a: Summary) => a.id);
        const watched = pool.slice(0, 4);
        const urls = [
          ...(await cursorPages(server, '/v1/articles?limit=3', 3)),
          ...(await cursorPages(server, `/v1/articles?limit=4&tag=${tags[0]}`, 2)),
          '/v1/articles?section=world&limit=5',
          '/v1/articles?from=2024-03-01T00:00:00Z&to=2024-03-27T00:00:00Z&limit=5',
          '/v1/articles?q=bank',
          '/v1/feeds/rss.xml',
          '/v1/feeds/feed.json?section=world',
          `/v1/feeds/atom.xml?tag=${tags[1]}`,
          '/v1/sitemaps/news.xml',
          '/v1/popular?window=24h',
          '/v1/popular?window=7d&section=world&limit=5',
          '/v1/sections',
          ...(await cursorPages(server, '/v1/tags?limit=5', 2)),
        ];
        const slugOf = async (id: string) =>
          (await server.inject({ url: `/v1/articles/${id}`, headers: auth('editor') })).json().slug as string | undefined;
        const articleUrls = async (id: string) => {
          const slug = (await slugOf(id)) ?? id;
          return [`/v1/articles/${id}`, `/v1/articles/${slug}`, `/v1/articles/${id}/related`, `/v1/pages/articles/${slug}`];
        };
        const check = async (extra: string[], after: string) => {
          const differences: Differences = [];
          for (const url of [...urls, ...extra]) await compare(differences, app, url);
          await checkCounts(differences, app);
          t.same(differences, [], `after ${after}, every cached answer is the fresh one`);
        };
        const fixed = (await Promise.all(watched.map(articleUrls))).flat();
        await check(fixed, 'warming up');
        for (const [index, { op, read }] of steps.entries()) {
          const id = 'target' in op ? pool[op.target % pool.length] : undefined;
          const patch = (payload: Record<string, unknown>) =>
            server.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload });
          const at = (hours: number) => new Date(clock.now() - hours * 3_600_000).toISOString();
          switch (op.kind) {
            case 'create': {
              const box = op.box === null ? [] : [{ type: 'related', articleId: pool[op.box % pool.length] }];
              const res = await server.inject({
                method: 'POST',
                url: '/v1/articles',
                headers: editor,
                payload: articleBody({
                  headline: `Bank ${op.kind} ${pool.length}`,
                  section: sections[op.section],
                  tags: op.tags.map((index) => tags[index % tags.length]),
                  status: op.draft ? 'draft' : 'published',
                  ...(op.draft ? {} : { publishedAt: at(op.hoursAgo) }),
                  body: [{ type: 'paragraph', text: 'The bank raised rates.' }, ...box],
                }),
              });
              if (res.statusCode === 201) pool.push(res.json().id);
              break;
            }
            case 'headline':
              await patch({ headline: op.headline });
              break;
            case 'retag':
              await patch({ tags: op.tags.map((index) => tags[index % tags.length]) });
              break;
            case 'section':
              await patch({ section: sections[op.section] });
              break;
            case 'publishedAt':
              await patch({ publishedAt: at(op.hoursAgo) });
              break;
            case 'status':
              await patch({ status: op.draft ? 'draft' : 'published' });
              break;
            case 'delete':
              await server.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: editor });
              break;
            case 'box':
              await patch({
                body: [
                  { type: 'paragraph', text: 'See also.' },
                  { type: 'related', articleId: pool[op.to % pool.length] },
                ],
              });
              break;
            case 'editorial':
              await server.inject({
                method: 'PUT',
                url: `/v1/articles/${id}/related`,
                headers: editor,
                payload: { articleIds: [pool[op.to % pool.length]] },
              });
              break;
            case 'slug':
              await patch({ slug: `${op.slug}-${op.target}` });
              break;
            case 'syndication':
              await patch({ syndication: { allowed: op.allowed } });
              break;
            case 'advance':
              clock.advance(op.minutes * 60_000);
              break;
          }
          if (!read && index < steps.length - 1) continue;
          // The watched articles (under their slugs now) and the one just written.
          const written = (await Promise.all([...watched, ...(id ? [id] : [])].map(articleUrls))).flat();
          await check([...fixed, ...written], JSON.stringify(op));
        }
        await app.app.close();
      },
    ),
    { numRuns: 40, seed: 1002 },
  );
});
