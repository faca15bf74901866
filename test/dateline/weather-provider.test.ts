import t from 'tap';
import { fetchCurrentWeather, forecastUrl, ProviderError } from '../../src/dateline/open-meteo.js';
import type { StoredCity } from '../../src/dateline/repository.js';
import type { ProviderReading } from '../../src/dateline/service.js';
import { WeatherPoller } from '../../src/dateline/weather-poller.js';
import { buildTestApp } from '../helpers/app.js';
import { startWeatherStub, type WeatherStub } from '../helpers/weather-stub.js';

const attribution = {
  text: 'Weather data by Open-Meteo.com',
  url: 'https://open-meteo.com/',
  license: 'CC BY 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by/4.0/',
};

function city(slug: string, latitude: number): StoredCity {
  return { pk: latitude, slug, name: slug, country: 'IN', timezone: 'Asia/Kolkata', latitude, longitude: 77.209, createdAt: 0 };
}

const quietLog = { warn: () => {}, debug: () => {} };

function poller(stub: WeatherStub, options: { timeoutMs?: number; retries?: number; cities?: StoredCity[] } = {}) {
  const recorded: Array<{ city: string; reading: ProviderReading }> = [];
  const instance = new WeatherPoller({
    cities: () => options.cities ?? [city('delhi', 28.6139), city('agra', 27.1767)],
    fetchReading: (target, signal) =>
      fetchCurrentWeather({ baseUrl: stub.baseUrl, timeoutMs: options.timeoutMs ?? 2_000 }, target, signal),
    record: (target, reading) => {
      recorded.push({ city: target.slug, reading });
      return true;
    },
    refreshMs: 60_000,
    retries: options.retries ?? 2,
    backoffMs: 5,
    log: quietLog,
  });
  return { instance, recorded };
}

t.test('asks /v1/forecast for the current temperature and weather code, and maps the answer', async (t) => {
  const stub = await startWeatherStub(t);
  const reading = await fetchCurrentWeather(
    { baseUrl: stub.baseUrl, timeoutMs: 2_000 },
    { latitude: 28.6139, longitude: 77.209 },
    new AbortController().signal,
  );
  const [request] = stub.requests;
  t.equal(request?.pathname, '/v1/forecast');
  t.equal(request?.searchParams.get('latitude'), '28.6139');
  t.equal(request?.searchParams.get('longitude'), '77.209');
  t.equal(request?.searchParams.get('current'), 'temperature_2m,weather_code');
  t.same(reading, {
    observedAt: Date.parse('2024-03-29T12:00:00Z'),
    temperatureC: 26.96,
    condition: 'Overcast',
    source: 'open-meteo',
    attribution,
  });
  stub.current = { time: '2024-03-29T12:15', temperature_2m: -3, weather_code: 42 };
  const unknownCode = await fetchCurrentWeather(
    { baseUrl: stub.baseUrl, timeoutMs: 2_000 },
    { latitude: 1, longitude: 2 },
    new AbortController().signal,
  );
  t.equal(unknownCode.condition, null, 'a code outside the WMO table leaves the condition out');
});

t.test("the forecast URL keeps a base URL's path (a mirror or proxy under a prefix)", async (t) => {
  const path = (base: string) => new URL(forecastUrl(base, 1, 2)).pathname;
  t.equal(path('https://api.open-meteo.com'), '/v1/forecast');
  t.equal(path('https://api.open-meteo.com/'), '/v1/forecast');
  t.equal(path('https://proxy.example/open-meteo'), '/open-meteo/v1/forecast');
  t.equal(path('https://proxy.example/open-meteo/'), '/open-meteo/v1/forecast');
  t.equal(new URL(forecastUrl('https://proxy.example/open-meteo', 64.1, -21.9)).searchParams.get('latitude'), '64.1');
});

t.test('a 500, an unexpected answer or a hang is a ProviderError, the hang after the timeout', async (t) => {
  const stub = await startWeatherStub(t);
  const fetchOnce = () =>
    fetchCurrentWeather({ baseUrl: stub.baseUrl, timeoutMs: 150 }, { latitude: 1, longitude: 2 }, new AbortController().signal);
  stub.mode = 'fail';
  await t.rejects(fetchOnce(), ProviderError);
  stub.mode = 'garbage';
  await t.rejects(fetchOnce(), ProviderError);
  stub.mode = 'answer';
  // Times of the right shape that are no moment: the first would be stored as March 1st.
  for (const time of ['2024-02-30T12:00', '2024-13-01T12:00', '2024-03-29T25:00']) {
    stub.current = { ...stub.current, time };
    await t.rejects(fetchOnce(), { name: 'ProviderError', message: /is not a moment of the calendar/ }, time);
  }
  stub.current = { ...stub.current, time: '2024-02-29T23:59:59' };
  t.equal((await fetchOnce()).observedAt, Date.parse('2024-02-29T23:59:59Z'), 'a leap day is one');
  stub.mode = 'hang';
  const started = Date.now();
  await t.rejects(fetchOnce(), ProviderError);
  const waited = Date.now() - started;
  t.ok(waited >= 140 && waited < 1_500, `gave up after ${waited} ms`);
});

t.test('a fetch that never settles, even ignoring its abort signal, still ends in a ProviderError', async (t) => {
  // What Node 20's fetch does when garbage collection cuts it off from its signal (nodejs/node#55428).
  const realFetch = globalThis.fetch;
  globalThis.fetch = () => new Promise<Response>(() => {});
  t.teardown(() => {
    globalThis.fetch = realFetch;
  });
  const place = { latitude: 1, longitude: 2 };
  await t.rejects(fetchCurrentWeather({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 100 }, place, new AbortController().signal), {
    name: 'ProviderError',
    message: /no answer within 100 ms/,
  });
  const cancel = new AbortController();
  const pending = fetchCurrentWeather({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 60_000 }, place, cancel.signal);
  cancel.abort(new Error('closing'));
  await t.rejects(pending, { name: 'ProviderError', message: /closing/ });
});

t.test('a 429 is not retried within the round: the provider asked for fewer requests', async (t) => {
  const stub = await startWeatherStub(t);
  stub.mode = 'limited';
  const { instance, recorded } = poller(stub, { retries: 2, cities: [city('delhi', 28.6139)] });
  await instance.pollAll();
  t.equal(stub.requests.length, 1, 'one request, no retries');
  t.equal(recorded.length, 0);
  stub.mode = 'answer';
  await instance.pollAll();
  t.equal(recorded.length, 1, 'the next round asks again');
});

t.test('the poller retries failures with backoff, then gives up until the next round', async (t) => {
  const stub = await startWeatherStub(t);
  stub.mode = 'fail';
  const { instance, recorded } = poller(stub, { retries: 2, cities: [city('delhi', 28.6139)] });
  await instance.pollAll();
  t.equal(stub.requests.length, 3, 'the first attempt and two retries');
  t.equal(recorded.length, 0);
  stub.mode = 'answer';
  await instance.pollAll();
  t.equal(stub.requests.length, 4, 'the next round succeeds at once');
  t.equal(recorded.length, 1);
  await instance.stop();
});

t.test('at most one poll in flight per city, and stop() cancels a hanging poll', async (t) => {
  const stub = await startWeatherStub(t);
  stub.mode = 'hang';
  const { instance } = poller(stub, { timeoutMs: 30_000 });
  const first = instance.pollAll();
  await stub.waitForRequests(2);
  const second = instance.pollAll();
  instance.poll(city('delhi', 28.6139));
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(stub.requests.length, 2, 'one request per city while the first polls hang');
  t.equal(instance.pollsInFlight, 2);
  const started = Date.now();
  await instance.stop();
  await Promise.all([first, second]);
  t.ok(Date.now() - started < 1_000, 'stop does not wait for the provider');
  t.equal(instance.pollsInFlight, 0);
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(stub.abandoned, 2, 'the hanging requests were closed');
  await instance.pollAll();
  t.equal(stub.requests.length, 2, 'a stopped poller polls no more');
});

t.test(
  'with WEATHER_PROVIDER=open-meteo the app polls every city on start and shows the reading with its attribution',
  async (t) => {
    const stub = await startWeatherStub(t);
    stub.byLatitude.set(28.6139, { time: '2024-03-29T12:00', temperature_2m: 26.96, weather_code: 45 });
    const { app } = await buildTestApp(t, {
      config: { WEATHER_PROVIDER: 'open-meteo', WEATHER_BASE_URL: stub.baseUrl, WEATHER_REFRESH_SECONDS: 600 },
    });
    await stub.waitForRequests(5);
    const cities = (await app.inject({ url: '/v1/cities' })).json().data.length;
    t.equal(cities, 5);
    t.same(
      new Set(stub.requests.map((url) => url.searchParams.get('latitude'))),
      new Set(['28.6139', '55.7558', '39.9042', '51.5074', '40.7128']),
      'every city, once',
    );
    let weather: Record<string, unknown> | null = null;
    for (let tries = 0; tries < 200 && weather?.attribution === undefined; tries += 1) {
      weather = (await app.inject({ url: '/v1/dateline?city=delhi&units=imperial' })).json().weather;
      if (weather?.attribution === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    t.same(weather, {
      temperature: 80.5,
      unit: 'F',
      condition: 'Fog',
      observedAt: '2024-03-29T12:00:00Z',
      stale: false,
      attribution,
    });
  },
);

t.test('a failing or hanging provider never fails or slows a request; the last observation stays', async (t) => {
  for (const mode of ['fail', 'hang'] as const) {
    const stub = await startWeatherStub(t);
    stub.mode = mode;
    const { app } = await buildTestApp(t, {
      config: { WEATHER_PROVIDER: 'open-meteo', WEATHER_BASE_URL: stub.baseUrl, WEATHER_TIMEOUT_MS: 30_000 },
    });
    await stub.waitForRequests(5);
    const started = Date.now();
    const res = await app.inject({ url: '/v1/dateline?city=delhi' });
    t.equal(res.statusCode, 200, mode);
    t.ok(Date.now() - started < 500, `${mode}: answered at once`);
    t.same(res.json().weather, {
      temperature: 27.1,
      unit: 'C',
      condition: 'Haze',
      observedAt: '2024-03-29T11:45:00Z',
      stale: false,
    });
    const closing = Date.now();
    await app.close();
    t.ok(Date.now() - closing < 2_000, `${mode}: closing does not wait for the provider`);
  }
});

t.test('WEATHER_PROVIDER=none asks no provider', async (t) => {
  const stub = await startWeatherStub(t);
  await buildTestApp(t, { config: { WEATHER_BASE_URL: stub.baseUrl } });
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal(stub.requests.length, 0);
});

t.test('the app polls again every WEATHER_REFRESH_SECONDS', async (t) => {
  const stub = await startWeatherStub(t);
  await buildTestApp(t, {
    config: { WEATHER_PROVIDER: 'open-meteo', WEATHER_BASE_URL: stub.baseUrl, WEATHER_REFRESH_SECONDS: 1 },
  });
  await stub.waitForRequests(5);
  t.equal(stub.requests.length, 5, 'one round on start');
  await stub.waitForRequests(10);
  t.equal(stub.requests.length, 10, 'a second round a second later');
});
