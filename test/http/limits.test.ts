import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { createKey } from '../../src/auth/keys.js';
import { AdmissionGate, gate, sheddingGraceMs } from '../../src/http/limits.js';
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
  t.match(
    (await app.inject({ url: '/metrics' })).body,
    /^http_requests_refused_total\{status="429"\} 2$/m,
    'the refusals are counted',
  );

  clock.advance(200);
  t.equal((await get()).statusCode, 200, 'a fifth of a second later, room for one');
  t.equal((await get()).statusCode, 429, 'and only one: the ceiling admits at its rate');
  clock.advance(1000);
  for (let n = 1; n <= 5; n++) t.equal((await get()).statusCode, 200, `a second later, room for a second's worth (${n})`);
  t.equal((await get()).statusCode, 429, 'and no more');
});

/**
 * Drives a gate through windows: `arrivals` requests within the ceiling evenly over each window
 * (and, when `overCeiling`, others the ceiling refused), then the window's utilization. Returns
 * how many each window admitted.
 */
function drive(
  admission: AdmissionGate,
  clock: { ms: number },
  windows: Array<{ arrivals: number; utilization: number; overCeiling: boolean }>,
) {
  return windows.map(({ arrivals, utilization, overCeiling }) => {
    let admitted = 0;
    for (let n = 0; n < arrivals; n++) {
      clock.ms += gate.windowMs / arrivals;
      if (overCeiling) admission.refusedByCeiling();
      if (admission.admits()) admitted += 1;
    }
    admission.sample(utilization, gate.windowMs);
    return admitted;
  });
}
const repeat = <T>(count: number, value: T): T[] => Array.from({ length: count }, () => value);

t.test('adaptive admission: lowers the ceiling while the loop is saturated, lifts it after', async (t) => {
  const clock = { ms: 0 };
  const admission = new AdmissionGate(0.9, () => clock.ms);
  // 3,000 requests a second within the ceiling, more beyond it; a loop with room admits them all.
  const over = (utilization: number) => ({ arrivals: 300, utilization, overCeiling: true });
  t.same(drive(admission, clock, repeat(20, over(0.6))), repeat(20, 300), 'at 60% busy: everything');
  t.equal(admission.limitPerSecond, null, 'no limit');
  // One slow window (a collection, a long task) is not an overload.
  drive(admission, clock, [over(1)]);
  t.same(drive(admission, clock, repeat(5, over(0.6))), repeat(5, 300), 'a single busy window: everything');
  t.equal(admission.limitPerSecond, null, 'still no limit');

  // Saturated: within a few windows the limit engages and keeps falling while the loop stays busy.
  const saturated = drive(admission, clock, repeat(20, over(1)));
  t.equal(saturated[0], 300, 'the first saturated window is admitted whole');
  const limit = admission.limitPerSecond;
  t.ok(limit !== null && limit < 3000 * 0.5, `limiting, below half of what is asked (${limit?.toFixed(0)}/s)`);
  t.ok((saturated.at(-1) ?? 300) < 150, `the last window admitted under half (${saturated.at(-1)})`);
  t.ok(
    saturated.every((admitted, index) => index === 0 || admitted <= (saturated[index - 1] ?? 0) + 1),
    'the admitted count never rises while saturated',
  );
  t.ok(limit !== null && limit >= gate.minimumPerSecond, 'never below the minimum');

  // Busy, just under the target: once the smoothed utilization is there, the limit holds (no
  // cutting and raising in turn).
  drive(admission, clock, repeat(10, over(0.88)));
  const held = admission.limitPerSecond;
  drive(admission, clock, repeat(10, over(0.88)));
  t.ok(held !== null && admission.limitPerSecond === held, 'just under the target: held');

  // The overload ends: with room to spare the limit is raised, within a few windows, and lifted.
  const after = drive(admission, clock, repeat(10, over(0.3)));
  t.equal(admission.limitPerSecond, null, 'the limit is lifted');
  t.same(after.slice(-5), repeat(5, 300), 'everything admitted again within five windows');
});

t.test('adaptive admission: lifted after a window in which the ceiling refused nothing', async (t) => {
  const clock = { ms: 0 };
  const admission = new AdmissionGate(0.9, () => clock.ms);
  drive(admission, clock, repeat(20, { arrivals: 300, utilization: 1, overCeiling: true }));
  t.ok(admission.limitPerSecond !== null, 'limiting during the overload');
  // The overload ends: requests keep coming, within the ceiling now. The window it ended in
  // still limits; after it, nothing does.
  drive(admission, clock, [{ arrivals: 300, utilization: 1, overCeiling: false }]);
  t.equal(admission.limitPerSecond, null, 'no limit after a window within the ceiling');
  t.same(drive(admission, clock, [{ arrivals: 300, utilization: 1, overCeiling: false }]), [300], 'then every request');
});

t.test('adaptive admission: below the ceiling a busy loop is a busy service, not an overload', async (t) => {
  const clock = { ms: 0 };
  const admission = new AdmissionGate(0.9, () => clock.ms);
  const admitted = drive(admission, clock, repeat(50, { arrivals: 300, utilization: 1, overCeiling: false }));
  t.same(admitted, repeat(50, 300), 'every request admitted');
  t.equal(admission.limitPerSecond, null, 'no limit');
});

t.test(
  'adaptive admission over HTTP: a fast 503 while over the ceiling and saturated, before Fastify; service again after',
  async (t) => {
    const { app, clock } = await buildTestApp(t, {
      config: { RATE_LIMIT_GLOBAL_PER_SECOND: 200, MAX_EVENT_LOOP_UTILIZATION: 0.5 },
    });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    const get = async (url = '/v1/sections') => {
      const res = await fetch(`${origin}${url}`);
      const body = await res.text();
      return { statusCode: res.status, headers: Object.fromEntries(res.headers), json: () => JSON.parse(body) as unknown };
    };
    t.equal((await get()).statusCode, 200, 'before the overload');
    await sleep(sheddingGraceMs);

    // Stand in for an overload: eight clients in this process send requests back to back, which
    // keeps its event loop (theirs and the server's) busy, and each request moves the ceiling's
    // clock 1.25 ms: 800 a second to it, four times the ceiling, which refuses three in four.
    let shed: Response | undefined;
    let limitShown = false;
    const deadline = Date.now() + 20_000;
    const client = async () => {
      while (!shed && Date.now() < deadline) {
        clock.advance(1.25);
        const res = await get();
        if (res.statusCode === 503 && !shed) {
          shed = res;
          limitShown = /^http_admission_limit_per_second [1-9]/m.test((await app.inject({ url: '/metrics' })).body);
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    if (!shed) throw new Error('no 503 while the event loop was saturated');
    assertRefused(t, shed, 503, 'overloaded', 'a request over the admitted rate');
    t.equal(shed.headers['retry-after'], '1');
    t.equal(shed.headers['access-control-allow-origin'], '*', 'readable by a browser');
    t.ok(limitShown, 'the admitted rate is shown in /metrics');
    for (const url of ['/healthz', '/readyz', '/metrics']) t.equal((await get(url)).statusCode, 200, `${url} still answers`);
    t.match(
      (await app.inject({ url: '/metrics' })).body,
      /^http_requests_refused_total\{status="503"\} [1-9]/m,
      'the 503s are counted',
    );

    // An idle loop: the limit is raised and lifted, and every request is served.
    let recovered = false;
    for (let attempt = 0; attempt < 100 && !recovered; attempt++) {
      await sleep(100);
      clock.advance(100);
      const round = await Promise.all(Array.from({ length: 5 }, () => get()));
      recovered =
        round.every((res) => res.statusCode === 200) &&
        /^http_admission_limit_per_second 0$/m.test((await app.inject({ url: '/metrics' })).body);
    }
    t.ok(recovered, 'full service, and no limit, once the loop is idle again');
  },
);

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
