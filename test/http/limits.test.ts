import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { createKey } from '../../src/auth/keys.js';
import { sheddingGraceMs } from '../../src/http/limits.js';
import { buildTestApp } from '../helpers/app.js';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown };

function assertRefused(t: Test, res: Response, status: number, kind: string, what: string) {
  t.equal(res.statusCode, status, `${what}: ${status}`);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${what}: problem+json`);
  t.match(res.json(), { status, type: `urn:content-api:problem:${kind}` });
  t.match(res.headers['retry-after'], /^\d+$/, `${what}: Retry-After`);
}

t.test('per client: each key has its own budget; without a valid key the address has one', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { config: { RATE_LIMIT_PER_MINUTE: 3 } });
  const second = { authorization: `Bearer ${createKey(database.db, { name: 'second editor', role: 'editor' }).secret}` };
  const get = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    app.inject({ url: '/v1/sections', headers, remoteAddress });

  for (let i = 0; i < 3; i++) t.equal((await get(auth('editor'))).statusCode, 200, `first key, request ${i + 1}`);
  const refused = await get(auth('editor'));
  assertRefused(t, refused, 429, 'rate-limited', 'first key over its budget');
  t.equal(refused.headers['ratelimit-limit'], '3');
  t.equal((await get(second)).statusCode, 200, 'a second key from the same address has a budget of its own');
  t.equal((await get()).statusCode, 200, 'the address without a key has a budget of its own');

  // A bad key counts against the address: refused (401) three times, then rate limited, and
  // the same address without a key is limited too.
  const bad = { authorization: 'Bearer not-a-key' };
  for (let i = 0; i < 3; i++) t.equal((await get(bad, '192.0.2.7')).statusCode, 401, `bad key, request ${i + 1}`);
  assertRefused(t, await get(bad, '192.0.2.7'), 429, 'rate-limited', 'bad key over the address budget');
  t.equal((await get({}, '192.0.2.7')).statusCode, 429, 'the address is spent, key or no key');
  t.equal((await get({}, '192.0.2.8')).statusCode, 200, 'another address is not');
});

t.test('the global ceiling refuses requests beyond a total rate, on the raw request before Fastify', async (t) => {
  const { app, clock } = await buildTestApp(t, { config: { RATE_LIMIT_GLOBAL_PER_SECOND: 5 } });
  // The ceiling stands in front of Fastify's handler, which app.inject() calls directly: over HTTP.
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const get = async (url = '/v1/sections') => {
    const res = await fetch(`${origin}${url}`);
    const body = await res.text();
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), json: () => JSON.parse(body) as unknown };
  };

  for (let n = 1; n <= 5; n++) t.equal((await get()).statusCode, 200, `request ${n} within the ceiling`);
  const refused = await get();
  assertRefused(t, refused, 429, 'rate-limited', 'request 6 over the ceiling');
  t.equal(refused.headers['retry-after'], '1');
  t.equal(refused.headers['access-control-allow-origin'], '*', 'readable by a browser');
  t.equal(refused.headers['x-content-type-options'], 'nosniff');
  t.equal((await get('/v1/popular?window=24h')).statusCode, 429, 'every route counts');
  for (const url of ['/healthz', '/readyz', '/metrics']) t.equal((await get(url)).statusCode, 200, `${url} still answers`);
  t.match((await app.inject({ url: '/metrics' })).body, /^http_requests_refused_total 2$/m, 'the refusals are counted');

  clock.advance(200);
  t.equal((await get()).statusCode, 200, 'a fifth of a second later, room for one');
  t.equal((await get()).statusCode, 429, 'and only one: the ceiling admits at its rate');
  clock.advance(1000);
  for (let n = 1; n <= 5; n++) t.equal((await get()).statusCode, 200, `a second later, room for a second's worth (${n})`);
  t.equal((await get()).statusCode, 429, 'and no more');
});

t.test('load shedding: a fast 503 while the event loop lags, service again after', async (t) => {
  const { app } = await buildTestApp(t, { config: { MAX_EVENT_LOOP_DELAY_MS: 50 } });
  t.equal((await app.inject({ url: '/v1/sections' })).statusCode, 200, 'before the overload');
  // Lag from start-up does not count (the first request of a service is never shed).
  await sleep(sheddingGraceMs);

  // Stand in for an overload: keep the event loop 100 ms late on every turn (the measure is the
  // mean lag over a second, so one long block would be diluted) until requests are shed.
  let shed: Response | undefined;
  for (let turn = 0; turn < 60 && !shed; turn++) {
    const until = Date.now() + 100;
    while (Date.now() < until) {}
    const res = await app.inject({ url: '/v1/sections' });
    if (res.statusCode === 503) shed = res;
    else await new Promise((resolve) => setImmediate(resolve));
  }
  if (!shed) throw new Error('no 503 while the event loop lagged');
  assertRefused(t, shed, 503, 'overloaded', 'a request under pressure');
  for (const url of ['/healthz', '/readyz', '/metrics'])
    t.equal((await app.inject({ url })).statusCode, 200, `${url} still answers`);

  let recovered = false;
  for (let attempt = 0; attempt < 50 && !recovered; attempt++) {
    recovered = (await app.inject({ url: '/v1/sections' })).statusCode === 200;
    if (!recovered) await sleep(100);
  }
  t.ok(recovered, 'full service once the event loop has caught up');
});
