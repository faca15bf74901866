import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { reykjavik } from './helpers.js';

t.test('POST /v1/cities creates a city for editors: 201, Location, then readable and listed', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const res = await app.inject({ method: 'POST', url: '/v1/cities', headers: auth('editor'), payload: reykjavik });
  t.equal(res.statusCode, 201);
  t.same(res.json(), reykjavik);
  t.equal(res.headers.location, '/v1/cities/reykjavik');
  t.ok(res.headers.etag);
  t.equal(res.headers['cache-control'], 'private, no-store');
  const read = await app.inject({ url: '/v1/cities/reykjavik' });
  t.equal(read.statusCode, 200);
  t.same(read.json(), reykjavik);
  const listed = (await app.inject({ url: '/v1/cities?limit=100' })).json().data.map((city: { slug: string }) => city.slug);
  t.ok(listed.includes('reykjavik'), 'the list shows the new city at once');
  t.equal((await app.inject({ url: '/v1/cities/atlantis' })).statusCode, 404);
  const admin = await app.inject({
    method: 'POST',
    url: '/v1/cities',
    headers: auth('admin'),
    payload: { ...reykjavik, slug: 'rvk' },
  });
  t.equal(admin.statusCode, 201, 'admins may too');
});

t.test('writes need an editor key: 401 without or with a bad key, 403 for a partner', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const writes = [
    { url: '/v1/cities', payload: reykjavik },
    { url: '/v1/cities/delhi/observations', payload: { observedAt: '2024-03-29T12:00:00Z', temperatureC: 28 } },
  ];
  for (const write of writes) {
    const none = await app.inject({ method: 'POST', ...write });
    t.equal(none.statusCode, 401, write.url);
    t.equal(none.headers['www-authenticate'], 'Bearer');
    const bad = await app.inject({ method: 'POST', ...write, headers: { authorization: 'Bearer nope' } });
    t.equal(bad.statusCode, 401);
    const partner = await app.inject({ method: 'POST', ...write, headers: auth('partner') });
    t.equal(partner.statusCode, 403, write.url);
    t.equal(partner.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  t.equal((await app.inject({ url: '/v1/cities/reykjavik' })).statusCode, 404, 'nothing was written');
});

t.test('a city is validated: IANA zone, coordinates, country, slug; a taken slug is a 409', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/cities', headers: auth('editor'), payload: { ...reykjavik, ...payload } });
  for (const [change, path] of [
    [{ timezone: 'Mars/Olympus_Mons' }, 'body.timezone'],
    [{ timezone: '+05:30' }, 'body.timezone'],
    [{ timezone: 'IST' }, 'body.timezone'],
    [{ timezone: 'BST' }, 'body.timezone'],
    [{ timezone: 'PST' }, 'body.timezone'],
    // IANA names, but fixed offsets without daylight saving: New York is not on EST in summer.
    [{ timezone: 'EST' }, 'body.timezone'],
    [{ timezone: 'MST' }, 'body.timezone'],
    [{ timezone: 'HST' }, 'body.timezone'],
    [{ timezone: 'SystemV/EST5' }, 'body.timezone'],
    [{ timezone: '' }, 'body.timezone'],
    [{ latitude: 90.0001 }, 'body.latitude'],
    [{ latitude: -91 }, 'body.latitude'],
    [{ longitude: 180.5 }, 'body.longitude'],
    [{ longitude: -181 }, 'body.longitude'],
    [{ latitude: '64' }, 'body.latitude'],
    [{ country: 'Iceland' }, 'body.country'],
    [{ country: 'ZZ' }, 'body.country'],
    [{ slug: 'Reykjavik' }, 'body.slug'],
    [{ name: '' }, 'body.name'],
    [{ population: 140000 }, 'body'],
  ] as const) {
    const res = await post(change);
    t.equal(res.statusCode, 400, JSON.stringify(change));
    t.equal(res.json().errors?.[0]?.path, path, JSON.stringify(change));
  }
  const extremes = await post({ slug: 'pole', latitude: -90, longitude: 180, timezone: 'UTC' });
  t.equal(extremes.statusCode, 201, 'the ends of the ranges are allowed, and so is UTC');
  const alias = await post({ slug: 'calcutta', timezone: 'Asia/Calcutta' });
  t.equal(alias.json().timezone, 'Asia/Calcutta', 'IANA aliases are names too');
  const spelled = await post({ slug: 'paris', timezone: 'europe/paris' });
  t.equal(spelled.json().timezone, 'Europe/Paris', 'a listed zone is stored in its usual spelling');
  for (const [slug, timezone, stored] of [
    ['greenwich', 'GMT', 'GMT'],
    ['brussels', 'cet', 'CET'],
    ['eastern', 'EST5EDT', 'EST5EDT'],
    ['soviet', 'W-SU', 'W-SU'],
  ]) {
    const res = await post({ slug, timezone });
    t.equal(res.statusCode, 201, `${timezone}: IANA names without an area are names too`);
    t.equal(res.json().timezone, stored, `${timezone} is stored as IANA spells it`);
  }
  const taken = await post({ slug: 'delhi' });
  t.equal(taken.statusCode, 409);
  t.match(taken.json().detail, /delhi/);
});

t.test('GET /v1/cities is cursor-paginated in slug order', async (t) => {
  const { app } = await buildTestApp(t);
  const first = await app.inject({ url: '/v1/cities?limit=2' });
  t.equal(first.statusCode, 200);
  const page = first.json();
  t.same(
    page.data.map((city: { slug: string }) => city.slug),
    ['beijing', 'delhi'],
  );
  t.match(first.headers.link, /^<\/v1\/cities\?limit=2&cursor=[^>]+>; rel="next"$/);
  const seen = [...page.data];
  let cursor: string | null = page.nextCursor;
  while (cursor) {
    const next = (await app.inject({ url: `/v1/cities?limit=2&cursor=${encodeURIComponent(cursor)}` })).json();
    seen.push(...next.data);
    cursor = next.nextCursor;
  }
  t.same(
    seen.map((city: { slug: string }) => city.slug),
    ['beijing', 'delhi', 'london', 'moscow', 'new-york'],
  );
  const all = (await app.inject({ url: '/v1/cities' })).json();
  t.equal(all.nextCursor, null);
  t.same(all.data[1], {
    slug: 'delhi',
    name: 'Delhi',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    latitude: 28.6139,
    longitude: 77.209,
  });
  const tampered = await app.inject({ url: `/v1/cities?limit=2&cursor=${encodeURIComponent(`${page.nextCursor}x`)}` });
  t.equal(tampered.statusCode, 400);
  const articleCursor = (await app.inject({ url: '/v1/articles?limit=1' })).json().nextCursor;
  t.equal((await app.inject({ url: `/v1/cities?cursor=${encodeURIComponent(articleCursor)}` })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/cities?limit=0' })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/cities?limit=101' })).statusCode, 400);
});

t.test('POST /v1/cities/{slug}/observations records an observation', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const post = (slug: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: `/v1/cities/${slug}/observations`, headers: auth('editor'), payload });
  const res = await post('london', { observedAt: '2024-03-29T13:00:00.750+01:00', temperatureC: 12.25, condition: 'Overcast' });
  t.equal(res.statusCode, 201);
  t.same(res.json(), {
    city: 'london',
    observedAt: '2024-03-29T12:00:00Z',
    temperatureC: 12.25,
    condition: 'Overcast',
    source: 'editor',
  });
  const shown = (await app.inject({ url: '/v1/dateline?city=london&at=2024-03-29T12:30:00Z' })).json();
  t.same(shown.weather, {
    temperature: 12.3,
    unit: 'C',
    condition: 'Overcast',
    observedAt: '2024-03-29T12:00:00Z',
    stale: false,
  });
  const again = await post('london', { observedAt: '2024-03-29T12:00:00Z', temperatureC: 13 });
  t.equal(again.statusCode, 409, 'one observation per city and moment');
  t.equal((await post('atlantis', { observedAt: '2024-03-29T12:00:00Z', temperatureC: 13 })).statusCode, 404);
  for (const [payload, path] of [
    [{ observedAt: 'noon', temperatureC: 13 }, 'body.observedAt'],
    [{ temperatureC: 13 }, 'body.observedAt'],
    [{ observedAt: '2024-03-29T12:00:00Z', temperatureC: 71 }, 'body.temperatureC'],
    [{ observedAt: '2024-03-29T12:00:00Z', temperatureC: -101 }, 'body.temperatureC'],
    [{ observedAt: '2024-03-29T12:00:00Z', temperatureC: '13' }, 'body.temperatureC'],
    [{ observedAt: '2024-03-29T12:00:00Z', temperatureC: 13, condition: '' }, 'body.condition'],
    [{ observedAt: '2024-03-29T12:00:00Z', temperatureC: 13, source: 'open-meteo' }, 'body'],
  ] as const) {
    const bad = await post('london', payload);
    t.equal(bad.statusCode, 400, JSON.stringify(payload));
    t.equal(bad.json().errors?.[0]?.path, path);
  }
  const text = await app.inject({
    method: 'POST',
    url: '/v1/cities/london/observations',
    headers: { ...auth('editor'), 'content-type': 'text/plain' },
    payload: 'warm',
  });
  t.equal(text.statusCode, 415);
});
