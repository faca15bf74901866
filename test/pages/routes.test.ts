import t from 'tap';
import { reykjavik } from '../dateline/helpers.js';
import { buildTestApp } from '../helpers/app.js';
import { browser } from '../popularity/helpers.js';

const patrols = 'defence-ministers-agree-joint-patrols-on-the-amsel-river';
const header = 'city=delhi&at=2024-03-29T12:00:00Z';
const problemType = 'application/problem+json; charset=utf-8';

t.test("the demo content reproduces the clipping's page in one request", async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ url: `/v1/pages/articles/${patrols}?${header}` });
  t.equal(res.statusCode, 200);
  const { dateline, article, related, popular } = res.json();
  // The header: "27.1 C / Delhi / Friday, March 29, 2024".
  t.equal(
    `${dateline.weather.temperature} ${dateline.weather.unit} / ${dateline.city.name} / ${dateline.display}`,
    '27.1 C / Delhi / Friday, March 29, 2024',
  );
  // The article, with its source and publication time.
  t.equal(article.headline, 'Defence ministers agree joint patrols on the Amsel river');
  t.ok(article.standfirst.length > 0);
  t.ok(article.source.name.length > 0);
  t.match(article.publishedAt, /^2024-03-\d\dT\d\d:\d\d:\d\dZ$/);
  t.ok(article.body.filter((block: { type: string }) => block.type === 'paragraph').length >= 3);
  // The inline "Read more" box: the related article's headline and lead image caption.
  const box = article.body.find((block: { type: string }) => block.type === 'related');
  t.equal(box.article.headline, 'Calderra and Veskar agree to reopen stalled border talks');
  t.equal(box.article.leadImage.caption, 'A closed crossing point on the Amsel river, seen from the Calderran side.');
  t.equal(related.data[0].article.id, 'demo_001');
  // "Most Popular Articles": ranked, most viewed first, the page's article among readable ones.
  t.equal(popular.window, '24h');
  t.ok(popular.data.length >= 5);
  t.same(
    popular.data.map((entry: { rank: number }) => entry.rank),
    popular.data.map((_: unknown, index: number) => index + 1),
  );
  for (let i = 1; i < popular.data.length; i += 1) t.ok(popular.data[i - 1].views >= popular.data[i].views);
});

t.test('each part is exactly what its own endpoint returns', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const cases = [
    { query: `${header}&window=7d`, dateline: `/v1/dateline?${header}`, popular: '/v1/popular?window=7d' },
    {
      query: 'city=london&units=imperial&locale=fr-FR',
      dateline: '/v1/dateline?city=london&units=imperial&locale=fr-FR',
      popular: '/v1/popular',
    },
    { query: '', dateline: '/v1/dateline', popular: '/v1/popular?window=24h' },
  ];
  for (const headers of [{}, auth('editor')]) {
    for (const { query, dateline, popular } of cases) {
      const page = await app.inject({ url: `/v1/pages/articles/${patrols}?${query}`, headers });
      t.equal(page.statusCode, 200, query);
      const own = {
        dateline: await app.inject({ url: dateline, headers }),
        article: await app.inject({ url: `/v1/articles/${patrols}`, headers }),
        related: await app.inject({ url: `/v1/articles/${patrols}/related`, headers }),
        popular: await app.inject({ url: popular, headers }),
      };
      // Byte for byte: the page holds each endpoint's serialized answer.
      t.equal(
        page.body,
        `{"dateline":${own.dateline.body},"article":${own.article.body},"related":${own.related.body},"popular":${own.popular.body}}`,
        query,
      );
      const parts = page.json();
      t.same(Object.keys(parts).sort(), ['article', 'dateline', 'popular', 'related']);
    }
  }
});

t.test('the page is cached publicly with an ETag and a short max-age, private for editors', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { config: { POPULAR_MAX_AGE_SECONDS: 1 } });
  const url = `/v1/pages/articles/${patrols}?${header}`;
  clock.advance(500);
  const first = await app.inject({ url });
  t.match(first.headers.etag, /^"[^"]+"$/);
  t.equal(first.headers['cache-control'], 'public, max-age=1');
  t.equal(first.headers['last-modified'], undefined, 'not in the second its ranking was made');
  const again = await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
  t.equal(again.statusCode, 304);
  clock.advance(600);
  const settled = await app.inject({ url });
  t.equal(settled.headers.etag, first.headers.etag, 'the same page, its ranking not yet a second old');
  t.equal(settled.headers['last-modified'], new Date(clock.now() - 1100).toUTCString(), 'dated by its newest part');
  t.equal(
    (await app.inject({ url, headers: { 'if-modified-since': String(settled.headers['last-modified']) } })).statusCode,
    304,
  );
  const editor = await app.inject({ url, headers: auth('editor') });
  t.equal(editor.headers['cache-control'], 'private, no-store');
  const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
  t.equal(gzip.headers['content-encoding'], 'gzip');
});

t.test('a write to any part shows on the next read of the page', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { config: { POPULAR_MAX_AGE_SECONDS: 1 } });
  const url = `/v1/pages/articles/${patrols}?${header}`;
  const before = (await app.inject({ url })).json();

  const edit = await app.inject({
    method: 'PATCH',
    url: '/v1/articles/demo_003',
    headers: auth('editor'),
    payload: { standfirst: 'Corrected: the patrols start in May.' },
  });
  t.equal(edit.statusCode, 200);
  t.equal((await app.inject({ url })).json().article.standfirst, 'Corrected: the patrols start in May.');

  const link = await app.inject({
    method: 'PUT',
    url: '/v1/articles/demo_003/related',
    headers: auth('editor'),
    payload: { articleIds: ['demo_004'] },
  });
  t.equal(link.statusCode, 200);
  t.equal((await app.inject({ url })).json().related.data[0].article.id, 'demo_004');

  const observation = await app.inject({
    method: 'POST',
    url: '/v1/cities/delhi/observations',
    headers: auth('editor'),
    payload: { observedAt: '2024-03-29T11:55:00Z', temperatureC: 30 },
  });
  t.equal(observation.statusCode, 201);
  t.equal((await app.inject({ url })).json().dateline.weather.temperature, 30);

  // Views count once the rankings are recomputed, which is at most POPULAR_MAX_AGE_SECONDS later.
  const last = before.popular.data.at(-1);
  const views = await app.inject({
    method: 'POST',
    url: '/v1/views',
    headers: browser,
    payload: { events: Array.from({ length: 500 }, (_, i) => ({ article: last.article.id, visitorId: `v${i}` })) },
  });
  t.equal(views.statusCode, 202);
  clock.advance(1_500);
  const after = (await app.inject({ url })).json();
  t.equal(after.popular.data[0].article.id, last.article.id);
  t.ok(after.popular.data[0].views >= last.views + 500);
});

t.test('an article the caller cannot see, or bad parameters, are problems', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const cases: Array<[string, number]> = [
    ['/v1/pages/articles/no-such-article', 404],
    ['/v1/pages/articles/results-preview-what-to-watch-as-the-big-lenders-report', 404],
    [`/v1/pages/articles/${patrols}?city=atlantis`, 404],
    [`/v1/pages/articles/${patrols}?window=2d`, 400],
    [`/v1/pages/articles/${patrols}?units=kelvin`, 400],
    [`/v1/pages/articles/${patrols}?at=yesterday`, 400],
    [`/v1/pages/articles/${patrols}?colour=red`, 400],
    ['/v1/pages/articles/demo_003', 400],
    ['/v1/pages/articles/Not_A_Slug', 400],
  ];
  for (const [url, status] of cases) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, status, url);
    t.equal(res.headers['content-type'], problemType, url);
    t.equal(res.json().status, status, url);
  }
  // An editor sees the draft's page, privately.
  const draft = await app.inject({
    url: '/v1/pages/articles/results-preview-what-to-watch-as-the-big-lenders-report',
    headers: auth('editor'),
  });
  t.equal(draft.statusCode, 200);
  t.equal(draft.json().article.status, 'draft');

  const removed = await app.inject({ method: 'DELETE', url: '/v1/articles/demo_003', headers: auth('editor') });
  t.equal(removed.statusCode, 204);
  const gone = await app.inject({ url: `/v1/pages/articles/${patrols}` });
  t.equal(gone.statusCode, 410);
  t.equal(gone.headers['content-type'], problemType);
});

t.test('without the configured default city the page has no header rather than being a 404', async (t) => {
  const { app, auth } = await buildTestApp(t, { config: { DEFAULT_CITY: 'reykjavik' } });
  const page = await app.inject({ url: `/v1/pages/articles/${patrols}` });
  t.equal(page.statusCode, 200);
  t.equal(page.json().dateline, null, 'no dateline');
  t.equal(page.json().article.slug, patrols, 'the rest of the page');
  t.equal((await app.inject({ url: '/v1/dateline' })).statusCode, 404, 'the dateline endpoint itself says so');

  const unknownCity = await app.inject({ url: `/v1/pages/articles/${patrols}?city=atlantis` });
  t.equal(unknownCity.statusCode, 404, 'a city asked for by name must exist');
  t.match(unknownCity.json().detail, /atlantis/);
  const unknownArticle = await app.inject({ url: '/v1/pages/articles/no-such-article?city=atlantis' });
  t.equal(unknownArticle.statusCode, 404);
  t.match(unknownArticle.json().detail, /no-such-article/, 'a missing article is the 404, whatever else is missing');

  t.equal((await app.inject({ method: 'POST', url: '/v1/cities', headers: auth('editor'), payload: reykjavik })).statusCode, 201);
  const later = await app.inject({ url: `/v1/pages/articles/${patrols}` });
  t.equal(later.json().dateline?.city.slug, 'reykjavik', 'the header appears once the city exists');
});
