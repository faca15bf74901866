// POST /v1/views is rate limited per address, counts views on GET /metrics, and the demo
// content comes with views, so "Most Popular" is not empty on a first start.
import t from 'tap';
import { demoArticles } from '../../src/demo/articles.js';
import { demoViewCount } from '../../src/demo/views.js';
import { buildTestApp } from '../helpers/app.js';
import { browser, createArticle, popular, popularityConfig, sendViews } from './helpers.js';

t.test('POST /v1/views: RATE_LIMIT_VIEWS_PER_MINUTE per address, a 429 problem with Retry-After', async (t) => {
  const { app, auth } = await buildTestApp(t, {
    demo: false,
    config: { ...popularityConfig, RATE_LIMIT_VIEWS_PER_MINUTE: 3, RATE_LIMIT_PER_MINUTE: 1000 },
  });
  const { slug } = await createArticle(t, app, auth('editor'), { headline: 'Limited' });
  const post = (remoteAddress = '192.0.2.1') =>
    app.inject({ method: 'POST', url: '/v1/views', headers: browser, payload: { article: slug }, remoteAddress });
  for (let i = 0; i < 3; i += 1) {
    const res = await post();
    t.equal(res.statusCode, 202);
    t.equal(res.headers['ratelimit-limit'], '3');
  }
  const limited = await post();
  t.equal(limited.statusCode, 429);
  t.equal(limited.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(limited.json(), { status: 429, title: 'Too Many Requests' });
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
  t.equal(limited.headers['ratelimit-remaining'], '0');
  t.ok(limited.headers['ratelimit-reset'] !== undefined, 'RateLimit-Reset');
  t.equal((await post('192.0.2.2')).statusCode, 202, 'another address has its own count');
  const read = await app.inject({ url: '/v1/popular', remoteAddress: '192.0.2.1' });
  t.equal(read.statusCode, 200, 'other routes keep the general limit');
  t.equal(read.headers['ratelimit-limit'], '1000');
  t.equal((await popular(app))[0]?.views, 4, 'refused views are not counted');
});

t.test('views ingested on GET /metrics, by outcome', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false, config: popularityConfig });
  const { slug } = await createArticle(t, app, auth('editor'), { headline: 'Measured' });
  await sendViews(app, slug, 4);
  await sendViews(app, slug, 2, { visitorId: 'v' });
  await sendViews(app, 'no-such-article');
  await app.inject({ method: 'POST', url: '/v1/views', payload: { article: slug } }); // the test client is a bot
  const metrics = (await app.inject({ url: '/metrics' })).body;
  t.match(metrics, /views_ingested_total\{outcome="accepted"\} 5/);
  t.match(metrics, /views_ingested_total\{outcome="repeat"\} 1/);
  t.match(metrics, /views_ingested_total\{outcome="unknown"\} 1/);
  t.match(metrics, /views_ingested_total\{outcome="bot"\} 1/);
  t.match(metrics, /http_request_duration_seconds_bucket\{[^}]*route="\/v1\/views"/);
});

t.test('demo content comes with a fixed number of views per article', async (t) => {
  const { app } = await buildTestApp(t, { config: popularityConfig });
  const ranked = await popular(app, '?window=1h&limit=50');
  t.ok(ranked.length >= 20, `${ranked.length} ranked`);
  for (const entry of ranked) {
    const index = demoArticles.findIndex((article) => article.id === entry.article.id);
    t.equal(entry.views, demoViewCount(index), entry.article.id);
  }
  t.notOk(
    ranked.some((entry) => demoArticles.find((article) => article.id === entry.article.id)?.hideFromPopular),
    'hidden demo articles do not rank',
  );
  const second = await buildTestApp(t, { config: popularityConfig });
  t.same(await popular(second.app, '?window=1h&limit=50'), ranked, 'deterministic');
});
