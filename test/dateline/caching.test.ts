import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { reykjavik } from './helpers.js';

t.test('the dateline is a public, cached GET: ETag, Cache-Control, 304', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const url = '/v1/dateline?city=delhi&at=2024-03-29T12:00:00Z';
  // Last-Modified is sent once the second of the last change (the demo's) has passed.
  clock.advance(1000);
  const first = await app.inject({ url });
  t.equal(first.statusCode, 200);
  t.ok(first.headers.etag);
  t.equal(first.headers['cache-control'], 'public, max-age=60');
  t.ok(first.headers['last-modified']);
  const again = await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } });
  t.equal(again.statusCode, 304);
  const editor = await app.inject({ url, headers: auth('editor') });
  t.equal(editor.headers['cache-control'], 'private, no-store');
  t.same(editor.json(), first.json());
  const cities = await app.inject({ url: '/v1/cities' });
  t.equal(cities.headers['cache-control'], 'public, max-age=60');
  t.equal((await app.inject({ url: '/v1/cities', headers: { 'if-none-match': String(cities.headers.etag) } })).statusCode, 304);
});

t.test('max-age stays short for the dateline even when articles are cached longer', async (t) => {
  const { app } = await buildTestApp(t, { config: { CACHE_MAX_AGE_SECONDS: 600 } });
  t.equal((await app.inject({ url: '/v1/dateline' })).headers['cache-control'], 'public, max-age=60');
  t.equal((await app.inject({ url: '/v1/articles' })).headers['cache-control'], 'public, max-age=600');
});

t.test('a new observation or city shows at once: it empties what the dateline cache holds', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const url = '/v1/dateline?city=moscow&at=2024-03-29T18:00:00Z';
  const before = await app.inject({ url });
  t.equal(before.json().weather.temperature, 6.2);
  const posted = await app.inject({
    method: 'POST',
    url: '/v1/cities/moscow/observations',
    headers: auth('editor'),
    payload: { observedAt: '2024-03-29T17:00:00Z', temperatureC: 3.4 },
  });
  t.equal(posted.statusCode, 201);
  const after = await app.inject({ url, headers: { 'if-none-match': String(before.headers.etag) } });
  t.equal(after.statusCode, 200, 'the old ETag no longer matches');
  t.equal(after.json().weather.temperature, 3.4);
  t.not(after.headers.etag, before.headers.etag);

  const list = (await app.inject({ url: '/v1/cities' })).json().data.length;
  await app.inject({
    method: 'POST',
    url: '/v1/cities',
    headers: auth('editor'),
    payload: { slug: 'lima', name: 'Lima', country: 'PE', timezone: 'America/Lima', latitude: -12.0464, longitude: -77.0428 },
  });
  t.equal((await app.inject({ url: '/v1/cities' })).json().data.length, list + 1);
  t.equal((await app.inject({ url: '/v1/dateline?city=lima' })).statusCode, 200);
});

t.test('an answer for "now" follows the clock: kept until local midnight at most, and dated when made', async (t) => {
  // 23:59:30 in Delhi on the 29th.
  const { app, clock } = await buildTestApp(t, { now: Date.parse('2024-03-29T18:29:29Z') });
  clock.advance(1000);
  const slug = (await app.inject({ url: '/v1/articles?limit=1' })).json().data[0].slug;
  const page = `/v1/pages/articles/${slug}?city=delhi`;
  await app.inject({ url: page });
  const first = await app.inject({ url: '/v1/dateline?city=delhi' });
  const before = first.json();
  t.equal(before.date, '2024-03-29');
  t.equal(before.weather.stale, true, 'the 15:00Z reading is over three hours old');
  t.equal(first.headers['cache-control'], 'public, max-age=30', 'no cache may keep it past midnight');
  clock.advance(20_000);
  const answered = await app.inject({ url: '/v1/dateline?city=delhi' });
  t.equal(answered.headers.etag, first.headers.etag, 'before midnight, the stored answer is served');
  t.equal(answered.headers['cache-control'], 'public, max-age=10', 'for the time it has left');
  const pageBefore = await app.inject({ url: page });
  clock.advance(10_000);
  const after = (await app.inject({ url: '/v1/dateline?city=delhi' })).json();
  t.equal(after.date, '2024-03-30', 'at midnight, the next day');
  t.equal(after.weekday, 'Saturday');
  t.equal((await app.inject({ url: page })).json().dateline.date, '2024-03-30', 'on the page too');
  // Nothing was written, but the answer changed with the clock: a client revalidating by date
  // must get it, not a 304 (the dateline, and the page that shows it).
  const byDate = (url: string, since: unknown) => app.inject({ url, headers: { 'if-modified-since': String(since) } });
  t.ok(answered.headers['last-modified'], 'the first answer had a date');
  const revalidated = await byDate('/v1/dateline?city=delhi', answered.headers['last-modified']);
  t.equal(revalidated.statusCode, 200, 'a changed "now" answer is not Not Modified since the old one');
  t.equal(revalidated.json().date, '2024-03-30');
  t.ok(pageBefore.headers['last-modified'], 'the page had a date');
  const pageAfter = await byDate(page, pageBefore.headers['last-modified']);
  t.equal(pageAfter.statusCode, 200, 'nor the page that shows it');
  t.equal(pageAfter.json().dateline.date, '2024-03-30');
});

t.test('an answer for "now" is kept no longer than its weather is fresh', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false, now: Date.parse('2024-03-29T12:00:00Z') });
  await app.inject({ method: 'POST', url: '/v1/cities', headers: auth('editor'), payload: reykjavik });
  const posted = await app.inject({
    method: 'POST',
    url: '/v1/cities/reykjavik/observations',
    headers: auth('editor'),
    // Fresh for 20 s more: three hours old at 12:00:20.
    payload: { observedAt: '2024-03-29T09:00:20Z', temperatureC: 31.5 },
  });
  t.equal(posted.statusCode, 201);
  const fresh = await app.inject({ url: '/v1/dateline?city=reykjavik' });
  t.equal(fresh.json().weather.stale, false);
  t.equal(fresh.headers['cache-control'], 'public, max-age=20');
  clock.advance(20_001);
  t.equal((await app.inject({ url: '/v1/dateline?city=reykjavik' })).json().weather.stale, true, 'stale as soon as it is');
});

t.test('a dateline error is not cached', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  t.equal((await app.inject({ url: '/v1/dateline?city=lima' })).statusCode, 404);
  await app.inject({
    method: 'POST',
    url: '/v1/cities',
    headers: auth('editor'),
    payload: { slug: 'lima', name: 'Lima', country: 'PE', timezone: 'America/Lima', latitude: -12.0464, longitude: -77.0428 },
  });
  t.equal((await app.inject({ url: '/v1/dateline?city=lima' })).statusCode, 200);
});
