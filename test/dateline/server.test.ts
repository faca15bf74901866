// End to end: the compiled server with the weather provider switched on, over real HTTP.
import { join } from 'node:path';
import t from 'tap';
import { tempDir } from '../helpers/app.js';
import { startServer } from '../helpers/processes.js';
import { startWeatherStub } from '../helpers/weather-stub.js';

t.test('the server polls the provider, survives it hanging, shows its readings, and closes promptly', async (t) => {
  const stub = await startWeatherStub(t);
  stub.mode = 'hang';
  const server = await startServer({
    DATABASE_PATH: join(tempDir(t), 'content.db'),
    WEATHER_PROVIDER: 'open-meteo',
    WEATHER_BASE_URL: stub.baseUrl,
    WEATHER_REFRESH_SECONDS: '1',
    // Long enough for an answer on a machine busy with the other test files, short enough to retry soon.
    WEATHER_TIMEOUT_MS: '1000',
  });
  t.teardown(() => server.stop('SIGKILL'));

  const header = await fetch(`${server.baseUrl}/v1/dateline?city=delhi&at=2024-03-29T12:00:00Z`);
  t.equal(header.status, 200, 'answers while the provider hangs');
  const body = (await header.json()) as {
    city: { name: string };
    display: string;
    weather: { temperature: number; unit: string };
  };
  t.equal(
    `${body.weather.temperature} ${body.weather.unit} / ${body.city.name} / ${body.display}`,
    '27.1 C / Delhi / Friday, March 29, 2024',
  );

  await stub.waitForRequests(5);
  const quarterHour = 15 * 60_000;
  const time = new Date(Math.floor(Date.now() / quarterHour) * quarterHour).toISOString().slice(0, 16);
  stub.current = { time, temperature_2m: 31.04, weather_code: 0 };
  stub.mode = 'answer';
  type Weather = { temperature: number; attribution?: { text: string }; stale: boolean } | null;
  let weather: Weather = null;
  for (let tries = 0; tries < 600 && weather?.temperature !== 31; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Public and cached: a new reading empties the cache, so it shows at once.
    weather = ((await (await fetch(`${server.baseUrl}/v1/dateline?city=london`)).json()) as { weather: Weather }).weather;
  }
  t.equal(weather?.temperature, 31, 'a reading from the provider replaces the old one');
  t.equal(weather?.attribution?.text, 'Weather data by Open-Meteo.com');
  t.equal(weather?.stale, false);

  // The close must cancel a poll the provider holds, not wait for it: so one hangs when it
  // begins. (Polls of every city run each second; a hanging one ends at WEATHER_TIMEOUT_MS.)
  stub.mode = 'hang';
  const sentBefore = stub.requests.length;
  const abandonedBefore = stub.abandoned;
  const hanging = () => stub.requests.length - sentBefore - (stub.abandoned - abandonedBefore);
  for (let tries = 0; tries < 500 && hanging() === 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  t.ok(hanging() > 0, `${hanging()} polls held by the provider when the close begins`);
  t.equal(await server.stop('SIGTERM'), 0, 'a graceful close exits cleanly');
  t.ok(stub.abandoned > abandonedBefore, 'the held polls were let go');
  // A poll that was waited for ends at its timeout, and the poller logs it and retries
  // ("weather: retrying"); a cancelled one ends silently.
  const lines = server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg?: string; err?: string });
  const closing = lines.findIndex((line) => line.msg === 'closing');
  t.ok(closing >= 0, 'the close is logged');
  t.same(
    lines.slice(closing).filter((line) => line.msg?.startsWith('weather:')),
    [],
    'the close cancelled the polls in flight: none timed out or was retried after it began',
  );
});
