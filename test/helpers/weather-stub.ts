// A stand-in for Open-Meteo on 127.0.0.1: answers /v1/forecast in Open-Meteo's shape, or fails
// with 500s, or hangs without answering, as the test chooses. No test reaches the internet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

export type StubMode = 'answer' | 'fail' | 'hang' | 'garbage' | 'limited';

export interface Current {
  time: string;
  temperature_2m: number;
  weather_code: number;
}

export interface WeatherStub {
  baseUrl: string;
  mode: StubMode;
  /** The current weather answered for every place, unless `byLatitude` names the place. */
  current: Current;
  byLatitude: Map<number, Current>;
  /** Every request's URL, in order. */
  requests: URL[];
  /** Requests that got no answer and were closed by the client (timeout or cancel). */
  abandoned: number;
  waitForRequests(count: number): Promise<void>;
}

export async function startWeatherStub(t: Test): Promise<WeatherStub> {
  const hanging = new Set<ServerResponse>();
  const stub: WeatherStub = {
    baseUrl: '',
    mode: 'answer',
    current: { time: '2024-03-29T12:00', temperature_2m: 26.96, weather_code: 3 },
    byLatitude: new Map(),
    requests: [],
    abandoned: 0,
    async waitForRequests(count) {
      const deadline = Date.now() + 5_000;
      while (stub.requests.length < count) {
        if (Date.now() > deadline) throw new Error(`stub saw ${stub.requests.length} of ${count} requests`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    stub.requests.push(url);
    if (stub.mode === 'hang') {
      hanging.add(response);
      response.on('close', () => {
        hanging.delete(response);
        stub.abandoned += 1;
      });
      return;
    }
    if (stub.mode === 'limited') {
      response
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': '60' })
        .end('{"error":true,"reason":"too many"}');
      return;
    }
    if (stub.mode === 'fail') {
      response.writeHead(500, { 'content-type': 'application/json' }).end('{"error":true,"reason":"overloaded"}');
      return;
    }
    if (stub.mode === 'garbage') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"current":{"time":"soon"}}');
      return;
    }
    const latitude = Number(url.searchParams.get('latitude'));
    const current = stub.byLatitude.get(latitude) ?? stub.current;
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        latitude,
        longitude: Number(url.searchParams.get('longitude')),
        generationtime_ms: 0.02,
        utc_offset_seconds: 0,
        timezone: 'GMT',
        timezone_abbreviation: 'GMT',
        elevation: 216,
        current_units: { time: 'iso8601', interval: 'seconds', temperature_2m: '°C', weather_code: 'wmo code' },
        current: { ...current, interval: 900 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return stub;
}
