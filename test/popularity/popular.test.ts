// GET /v1/popular: windows on a fake clock, ties, sections and limits, the summaries, freshness
// and conditional GETs, and article changes that show at once.
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { createArticle, popular, popularityConfig, sendViews, viewsBySlug } from './helpers.js';

const hour = 3_600_000;
const day = 24 * hour;

t.test('windows count the hours that overlap them; buckets older than 30 days are pruned', async (t) => {
  // 12:30, so the current hour started half an hour ago.
  const { app, auth, clock, database } = await buildTestApp(t, {
    demo: false,
    now: Date.parse('2024-03-29T12:30:00Z'),
    config: popularityConfig,
  });
  const old = await createArticle(t, app, auth('editor'), { headline: 'Old news' });
  const fresh = await createArticle(t, app, auth('editor'), { headline: 'Fresh news' });
  await sendViews(app, old.slug, 5);
  clock.advance(1.5 * hour); // 14:00: the 1h window holds 13:00 and 14:00
  await sendViews(app, fresh.slug, 2);
  t.same(viewsBySlug(await popular(app, '?window=1h')), { [fresh.slug]: 2 });
  t.same(viewsBySlug(await popular(app)), { [old.slug]: 5, [fresh.slug]: 2 }, '24h by default');

  clock.advance(day); // the next day, 14:00
  t.same(viewsBySlug(await popular(app, '?window=24h')), { [fresh.slug]: 2 }, 'the 12:00 bucket left the 24h window');
  t.same(viewsBySlug(await popular(app, '?window=7d')), { [old.slug]: 5, [fresh.slug]: 2 });

  clock.advance(7 * day);
  t.same(await popular(app, '?window=7d'), []);
  t.same(viewsBySlug(await popular(app, '?window=30d')), { [old.slug]: 5, [fresh.slug]: 2 });

  clock.advance(22 * day);
  await sendViews(app, fresh.slug, 1); // a write prunes what no window reads any more
  t.same(viewsBySlug(await popular(app, '?window=30d')), { [fresh.slug]: 3 });
  const buckets = database.sqlite.prepare('SELECT count(*) AS n FROM view_counts').get() as { n: number };
  t.equal(buckets.n, 2, 'the 12:00 bucket of 30 days ago is gone');

  const res = await app.inject({ url: '/v1/popular?window=2h' });
  t.equal(res.statusCode, 400);
  t.equal((await app.inject({ url: '/v1/popular?limit=51' })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/popular?limit=0' })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/popular?section=Not_A_Slug' })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/popular?unknown=1' })).statusCode, 400);
});

t.test('most viewed first, ties to the newer article; sections and limits; summaries as lists show them', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false, config: popularityConfig });
  const editor = auth('editor');
  const older = await createArticle(t, app, editor, { headline: 'Older tie', section: 'world' });
  clock.advance(60_000);
  const newer = await createArticle(t, app, editor, { headline: 'Newer tie', section: 'world' });
  const top = await createArticle(t, app, editor, { headline: 'Top story', section: 'sport' });
  const hidden = await createArticle(t, app, editor, { headline: 'Sponsored', section: 'sport', hideFromPopular: true });
  await sendViews(app, older.slug, 3);
  await sendViews(app, newer.slug, 3);
  await sendViews(app, top.slug, 9);
  t.same(await sendViews(app, hidden.slug, 20), { accepted: 20, rejected: 0 }, 'views of a hidden article count');

  const res = await app.inject({ url: '/v1/popular' });
  const body = res.json();
  t.equal(body.window, '24h');
  t.equal(body.generatedAt, new Date(clock.now()).toISOString().replace('.000Z', 'Z'));
  t.same(
    body.data.map((entry: { rank: number; views: number; article: { slug: string } }) => [
      entry.rank,
      entry.article.slug,
      entry.views,
    ]),
    [
      [1, top.slug, 9],
      [2, newer.slug, 3],
      [3, older.slug, 3],
    ],
  );
  const listed = (await app.inject({ url: '/v1/articles?limit=100' })).json().data as Array<{ id: string }>;
  for (const entry of body.data as Array<{ article: { id: string } }>) {
    t.same(
      entry.article,
      listed.find((summary) => summary.id === entry.article.id),
      'the summary the articles list returns',
    );
  }

  t.same(
    (await popular(app, '?section=world&limit=1')).map((entry) => [entry.rank, entry.article.slug]),
    [[1, newer.slug]],
  );
  t.same(await popular(app, '?section=business'), []);

  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${hidden.id}`,
    headers: editor,
    payload: { hideFromPopular: false },
  });
  t.equal(patched.statusCode, 200);
  t.equal((await popular(app))[0]?.article.slug, hidden.slug, 'no longer hidden: ranks at once with its counted views');
});

t.test('rankings reflect views at most POPULAR_MAX_AGE_SECONDS old, with ETags and 304s', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false, config: popularityConfig });
  const a = await createArticle(t, app, auth('editor'), { headline: 'Fresh A' });
  await sendViews(app, a.slug, 2);
  const first = await app.inject({ url: '/v1/popular' });
  t.equal(first.statusCode, 200);
  t.equal(first.headers['cache-control'], 'public, max-age=1');
  const etag = String(first.headers.etag);
  t.match(etag, /^"/);

  await sendViews(app, a.slug, 1);
  const cached = await app.inject({ url: '/v1/popular', headers: { 'if-none-match': etag } });
  t.equal(cached.statusCode, 304, 'within the max age the same list is served');

  clock.advance(1000);
  const later = await app.inject({ url: '/v1/popular', headers: { 'if-none-match': etag } });
  t.equal(later.statusCode, 200, 'a second later the counts are new');
  t.equal(later.json().data[0].views, 3);
  t.not(later.headers.etag, etag);
  const again = await app.inject({ url: '/v1/popular', headers: { 'if-none-match': String(later.headers.etag) } });
  t.equal(again.statusCode, 304);

  const authed = await app.inject({ url: '/v1/popular', headers: auth('editor') });
  t.equal(authed.headers['cache-control'], 'private, no-store');
});

t.test('edits, unpublishing and deletes show at once', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false, config: popularityConfig });
  const editor = auth('editor');
  const a = await createArticle(t, app, editor, { headline: 'Edited story', section: 'world' });
  const b = await createArticle(t, app, editor, { headline: 'Unpublished story' });
  const c = await createArticle(t, app, editor, { headline: 'Deleted story' });
  await sendViews(app, a.slug, 3);
  await sendViews(app, b.slug, 2);
  await sendViews(app, c.slug, 1);
  t.same(viewsBySlug(await popular(app)), { [a.slug]: 3, [b.slug]: 2, [c.slug]: 1 });

  const patch = (id: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload });
  t.equal((await patch(a.id, { headline: 'A corrected headline', section: 'business' })).statusCode, 200);
  const [edited] = await popular(app);
  t.equal(edited?.article.headline, 'A corrected headline');
  t.same(viewsBySlug(await popular(app, '?section=business')), { [a.slug]: 3 }, 'the new section');
  t.same(viewsBySlug(await popular(app, '?section=world')), { [b.slug]: 2, [c.slug]: 1 }, 'not the old one');

  t.equal((await patch(b.id, { status: 'draft' })).statusCode, 200);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${c.id}`, headers: editor })).statusCode, 204);
  t.same(viewsBySlug(await popular(app)), { [a.slug]: 3 });

  t.equal((await patch(b.id, { status: 'published' })).statusCode, 200);
  t.same(viewsBySlug(await popular(app)), { [a.slug]: 3, [b.slug]: 2 }, 'published again, with its views');
});
