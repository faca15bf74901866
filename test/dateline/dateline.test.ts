import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { reykjavik } from './helpers.js';

const delhiAtNoon = '/v1/dateline?city=delhi&at=2024-03-29T12:00:00Z';

t.test("the demo Delhi dateline reads like the clipping's header", async (t) => {
  const { app } = await buildTestApp(t);
  const res = await app.inject({ url: delhiAtNoon });
  t.equal(res.statusCode, 200);
  t.same(res.json(), {
    city: { slug: 'delhi', name: 'Delhi', timezone: 'Asia/Kolkata' },
    date: '2024-03-29',
    weekday: 'Friday',
    display: 'Friday, March 29, 2024',
    weather: { temperature: 27.1, unit: 'C', condition: 'Haze', observedAt: '2024-03-29T11:45:00Z', stale: false },
  });
  const lowerCase = await app.inject({ url: delhiAtNoon.replace('T', 't').replace('Z', 'z') });
  t.equal(lowerCase.statusCode, 200, 'RFC 3339 allows a lower-case t and z');
  t.same(lowerCase.json(), res.json());
  const header = res.json();
  t.equal(
    `${header.weather.temperature} ${header.weather.unit} / ${header.city.name} / ${header.display}`,
    '27.1 C / Delhi / Friday, March 29, 2024',
  );
});

t.test('city defaults to DEFAULT_CITY, at to the clock, locale to en-US, units to metric', async (t) => {
  const { app, clock } = await buildTestApp(t);
  clock.current = Date.parse('2024-03-29T12:00:00Z');
  const implicit = await app.inject({ url: '/v1/dateline' });
  t.equal(implicit.statusCode, 200);
  t.same(implicit.json(), (await app.inject({ url: delhiAtNoon })).json());
  const other = await buildTestApp(t, { config: { DEFAULT_CITY: 'moscow' } });
  t.equal((await other.app.inject({ url: '/v1/dateline' })).json().city.slug, 'moscow');
  const missing = await buildTestApp(t, { config: { DEFAULT_CITY: 'atlantis' } });
  const res = await missing.app.inject({ url: '/v1/dateline' });
  t.equal(res.statusCode, 404);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
});

t.test('weekday and display follow the locale', async (t) => {
  const { app } = await buildTestApp(t);
  const fr = (await app.inject({ url: `${delhiAtNoon}&locale=fr-FR` })).json();
  t.equal(fr.date, '2024-03-29');
  t.equal(fr.weekday, 'vendredi');
  t.equal(fr.display, 'vendredi 29 mars 2024');
  const de = (await app.inject({ url: `${delhiAtNoon}&locale=de-DE` })).json();
  t.equal(de.display, 'Freitag, 29. März 2024');
  const lower = (await app.inject({ url: `${delhiAtNoon}&locale=en-us` })).json();
  t.equal(lower.display, 'Friday, March 29, 2024', 'tags are case-insensitive');
});

t.test('a malformed or unsupported locale, a bad at or units, or an unknown city is a 4xx problem', async (t) => {
  const { app } = await buildTestApp(t);
  for (const [query, path] of [
    ['city=delhi&locale=not_a_locale!', 'querystring.locale'],
    ['city=delhi&locale=en-', 'querystring.locale'],
    ['city=delhi&locale=xx', 'querystring.locale'],
    ['city=delhi&at=yesterday', 'querystring.at'],
    ['city=delhi&at=2024-03-29', 'querystring.at'],
    ['city=delhi&at=2024-03-29T12:00:00', 'querystring.at'],
    ['city=delhi&units=kelvin', 'querystring.units'],
    // Already 10000-01-01 in Beijing and 1899-12-31 in New York: dates no RFC 3339 reader takes.
    ['city=beijing&at=9999-12-31T23:00:00Z', 'querystring.at'],
    ['city=new-york&at=1900-01-01T01:00:00Z', 'querystring.at'],
    ['city=delhi&at=9999-12-31T10:00:00Z', 'querystring.at'],
    ['city=Delhi!', 'querystring.city'],
  ] as const) {
    const res = await app.inject({ url: `/v1/dateline?${query}` });
    t.equal(res.statusCode, 400, query);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.equal(res.json().errors?.[0]?.path, path, query);
  }
  const unknown = await app.inject({ url: '/v1/dateline?city=atlantis' });
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json().detail, /atlantis/);
  t.equal((await app.inject({ url: '/v1/dateline?colour=blue' })).statusCode, 400, 'unknown parameters are named');
});

t.test('the local date is right across midnight and daylight-saving changes', async (t) => {
  const { app } = await buildTestApp(t);
  const dateAt = async (city: string, at: string) => {
    const res = await app.inject({ url: `/v1/dateline?city=${city}&at=${encodeURIComponent(at)}` });
    t.equal(res.statusCode, 200);
    return res.json() as { date: string; weekday: string };
  };
  // Delhi is UTC+05:30: 18:29Z is still the 29th, 18:30Z is midnight of the 30th.
  t.equal((await dateAt('delhi', '2024-03-29T18:29:59Z')).date, '2024-03-29');
  t.match(await dateAt('delhi', '2024-03-29T18:30:00Z'), { date: '2024-03-30', weekday: 'Saturday' });
  // New York moves to EDT (UTC-4) on 2024-03-10 at 07:00Z; midnight is 05:00Z before, 04:00Z after.
  t.equal((await dateAt('new-york', '2024-03-10T04:59:59Z')).date, '2024-03-09');
  t.equal((await dateAt('new-york', '2024-03-10T05:00:00Z')).date, '2024-03-10');
  t.equal((await dateAt('new-york', '2024-03-11T03:59:59Z')).date, '2024-03-10');
  t.equal(
    (await dateAt('new-york', '2024-03-11T04:00:00Z')).date,
    '2024-03-11',
    'midnight is an hour earlier in UTC after the change',
  );
  // London: GMT until 2024-03-31 01:00Z, then BST (UTC+1); in October back again.
  t.equal((await dateAt('london', '2024-03-31T23:00:00Z')).date, '2024-04-01', 'BST: 23:00Z is already tomorrow');
  t.equal((await dateAt('london', '2024-03-30T23:00:00Z')).date, '2024-03-30', 'GMT: 23:00Z is still today');
  t.equal((await dateAt('london', '2024-10-26T23:00:00Z')).date, '2024-10-27');
  t.equal((await dateAt('london', '2024-10-27T23:00:00Z')).date, '2024-10-27', 'GMT again after the October change');
  // An offset in `at` names the same moment.
  t.equal((await dateAt('delhi', '2024-03-30T00:10:00+05:30')).date, '2024-03-30');
  // The ends of the range: a four-digit year in every zone, east and west.
  t.equal((await dateAt('beijing', '9999-12-31T09:59:59Z')).date, '9999-12-31');
  t.equal((await dateAt('new-york', '1900-01-01T14:00:00Z')).date, '1900-01-01');
});

t.test('weather: the latest observation at or before at, converted then rounded, stale after three hours', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const weatherAt = async (at: string, extra = '') => {
    const res = await app.inject({ url: `/v1/dateline?city=delhi&at=${at}${extra}` });
    t.equal(res.statusCode, 200);
    return res.json().weather;
  };
  t.equal((await weatherAt('2024-03-29T11:44:59Z')).temperature, 26.8, 'an observation later than at is not used');
  t.equal((await weatherAt('2024-03-29T11:45:00Z')).temperature, 27.1, 'at the very moment it is');
  t.equal((await weatherAt('2024-03-29T14:45:00Z')).stale, false, 'exactly three hours old is not stale');
  t.equal((await weatherAt('2024-03-29T14:44:59Z')).observedAt, '2024-03-29T11:45:00Z');
  const stale = await weatherAt('2024-03-29T14:45:01Z');
  t.equal(stale.stale, true, 'over three hours old is stale');
  t.equal(stale.temperature, 27.1, 'and still shown');
  t.equal(await weatherAt('2024-03-28T12:00:00Z'), null, 'no observation yet: null');

  const posted = await app.inject({
    method: 'POST',
    url: '/v1/cities/delhi/observations',
    headers: auth('editor'),
    payload: { observedAt: '2024-04-01T06:00:00Z', temperatureC: 26.96 },
  });
  t.equal(posted.statusCode, 201);
  const imperial = await weatherAt('2024-04-01T06:00:00Z', '&units=imperial');
  t.same(imperial, { temperature: 80.5, unit: 'F', observedAt: '2024-04-01T06:00:00Z', stale: false });
  const metric = await weatherAt('2024-04-01T06:00:00Z', '&units=metric');
  t.equal(metric.temperature, 27, '26.96 C is 27.0 C');
  t.equal(metric.unit, 'C');
  t.notOk('condition' in metric, 'no condition: left out, not empty');
});

t.test('a city without observations has weather null', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  await app.inject({
    method: 'POST',
    url: '/v1/cities',
    headers: auth('editor'),
    payload: reykjavik,
  });
  const res = await app.inject({ url: '/v1/dateline?city=reykjavik&at=2024-06-21T23:59:00Z' });
  t.equal(res.statusCode, 200);
  t.same(res.json(), {
    city: { slug: 'reykjavik', name: 'Reykjavík', timezone: 'Atlantic/Reykjavik' },
    date: '2024-06-21',
    weekday: 'Friday',
    display: 'Friday, June 21, 2024',
    weather: null,
  });
});
