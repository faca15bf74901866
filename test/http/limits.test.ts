import { once } from 'node:events';
import { type AddressInfo, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import t, { type Test } from 'tap';
import { createKey } from '../../src/auth/keys.js';
import { AdmissionGate, gate, RequestCeiling, sheddingGraceMs } from '../../src/http/limits.js';
import { buildTestApp } from '../helpers/app.js';

type Response = { statusCode: number; headers: Record<string, unknown>; json(): unknown };

function assertRefused(t: Test, res: Response, status: number, kind: string, what: string) {
  t.equal(res.statusCode, status, `${what}: ${status}`);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${what}: problem+json`);
  t.match(res.json(), { status, type: `urn:content-api:problem:${kind}` });
  t.match(res.headers['retry-after'], /^\d+$/, `${what}: Retry-After`);
}

/** A refusal a browser's script can read, Retry-After included, whoever refused it. */
function assertReadableByBrowsers(t: Test, res: Response, what: string, origin = '*') {
  t.equal(res.headers['access-control-allow-origin'], origin, `${what}: allowed to ${origin}`);
  t.match(res.headers['access-control-expose-headers'], /\bRetry-After\b/, `${what}: Retry-After exposed`);
  if (origin !== '*') t.equal(res.headers['access-control-allow-credentials'], 'true', `${what}: with credentials`);
}

/** The RateLimit-* headers every 429 carries (API.md), for a limit of `limit` a window. */
function assertRateLimitHeaders(t: Test, res: Response, limit: number, what: string) {
  t.equal(res.headers['ratelimit-limit'], String(limit), `${what}: RateLimit-Limit`);
  t.equal(res.headers['ratelimit-remaining'], '0', `${what}: RateLimit-Remaining`);
  t.match(res.headers['ratelimit-reset'], /^\d+$/, `${what}: RateLimit-Reset`);
}

t.test('per client: each key has its own budget; without a valid key the address has one', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { config: { RATE_LIMIT_PER_MINUTE: 3 } });
  const second = { authorization: `Bearer ${createKey(database.db, { name: 'second editor', role: 'editor' }).secret}` };
  const get = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    app.inject({ url: '/v1/sections', headers, remoteAddress });

  for (let i = 0; i < 3; i++) t.equal((await get(auth('editor'))).statusCode, 200, `first key, request ${i + 1}`);
  const refused = await get(auth('editor'));
  assertRefused(t, refused, 429, 'rate-limited', 'first key over its budget');
  assertRateLimitHeaders(t, refused, 3, 'first key over its budget');
  t.equal((await get(second)).statusCode, 200, 'a second key from the same address has a budget of its own');
  t.equal((await get()).statusCode, 200, 'the address without a key has a budget of its own');

  // A bad key counts against the address: refused (401) three times, then rate limited, and
  // the same address without a key is limited too.
  const bad = { authorization: 'Bearer not-a-key' };
  for (let i = 0; i < 3; i++) t.equal((await get(bad, '192.0.2.7')).statusCode, 401, `bad key, request ${i + 1}`);
  assertRefused(t, await get(bad, '192.0.2.7'), 429, 'rate-limited', 'bad key over the address budget');
  t.equal((await get({}, '192.0.2.7')).statusCode, 429, 'the address is spent, key or no key');
  t.equal((await get({}, '192.0.2.8')).statusCode, 200, 'another address is not');

  // An IPv6 host has a /64 to use in turn: its addresses share one budget.
  for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:ffff:ffff:ffff:fffe'])
    t.equal((await get({}, address)).statusCode, 200, address);
  t.equal((await get({}, '2001:0db8:0001:0002:abcd::9')).statusCode, 429, 'the fourth address of the same /64 is over it');
  t.equal((await get({}, '2001:db8:1:3::1')).statusCode, 200, 'the next /64 is another client');
  for (let i = 0; i < 3; i++) t.equal((await get({}, '198.51.100.4')).statusCode, 200);
  t.equal((await get({}, '::ffff:198.51.100.4')).statusCode, 429, 'an IPv4 address mapped into IPv6 is that IPv4 address');
});

t.test('views are counted by address the same way', async (t) => {
  const { app } = await buildTestApp(t, { config: { RATE_LIMIT_VIEWS_PER_MINUTE: 2 } });
  const send = (remoteAddress: string) =>
    app.inject({ method: 'POST', url: '/v1/views', payload: { article: 'demo_001' }, remoteAddress });
  t.equal((await send('2001:db8:9:9::1')).statusCode, 202);
  t.equal((await send('2001:db8:9:9::2')).statusCode, 202);
  t.equal((await send('2001:db8:9:9::3')).statusCode, 429, 'one /64');
});

t.test('the global ceiling refuses requests beyond a total rate, on the raw request before Fastify', async (t) => {
  // 250 a second: its bucket holds a fiftieth of a second's worth, 5.
  const desk = 'https://desk.example.com';
  const { app, clock, auth } = await buildTestApp(t, {
    config: { RATE_LIMIT_GLOBAL_PER_SECOND: 250, CORS_CREDENTIALED_ORIGINS: [desk] },
  });
  // The ceiling stands in front of Fastify's handler, which app.inject() calls directly: over HTTP.
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const get = async (url = '/v1/sections', headers: Record<string, string> = {}) => {
    const res = await fetch(`${origin}${url}`, { headers });
    const body = await res.text();
    return { statusCode: res.status, headers: Object.fromEntries(res.headers), json: () => JSON.parse(body) as unknown };
  };

  for (let n = 1; n <= 5; n++) t.equal((await get()).statusCode, 200, `request ${n} within the ceiling's burst`);
  const refused = await get('/v1/sections', { origin: 'https://reader.example' });
  assertRefused(t, refused, 429, 'rate-limited', 'request 6 over the ceiling');
  t.equal(refused.headers['retry-after'], '1');
  assertRateLimitHeaders(t, refused, 250, 'over the ceiling');
  assertReadableByBrowsers(t, refused, 'over the ceiling');
  t.equal(refused.headers['x-content-type-options'], 'nosniff');
  t.equal(refused.headers['cache-control'], 'private, no-store', 'never stored, a key sent or not');
  const credentialed = await get('/v1/articles?status=draft', { origin: desk, ...auth('editor') });
  t.equal(credentialed.statusCode, 429, 'a newsroom tool over the ceiling');
  assertReadableByBrowsers(t, credentialed, 'a credentialed origin over the ceiling', desk);
  t.match(credentialed.headers.vary, /Origin/, 'the answer varies by origin');
  t.equal((await get('/v1/popular?window=24h')).statusCode, 429, 'every route counts');
  for (const url of ['/healthz', '/readyz', '/metrics']) t.equal((await get(url)).statusCode, 200, `${url} still answers`);
  t.match(
    (await app.inject({ url: '/metrics' })).body,
    /^http_requests_refused_total\{status="429"\} 3$/m,
    'the refusals are counted',
  );

  clock.advance(4);
  t.equal((await get()).statusCode, 200, '4 ms later, room for one');
  t.equal((await get()).statusCode, 429, 'and only one: the ceiling admits at its rate');
});

t.test("the ceiling's bucket: a fiftieth of a second after quiet, a busy stall's worth after one", async (t) => {
  const time = { ms: 0, idleMs: 0 };
  const ceiling = new RequestCeiling(1000, { now: () => time.ms }, () => time.idleMs);
  const admitted = (requests: number) => {
    let count = 0;
    for (let n = 0; n < requests; n++) if (!ceiling.refuses()) count += 1;
    return count;
  };
  t.equal(admitted(100), 20, "1,000 a second: a burst of a fiftieth of a second's worth");
  time.ms += 1000;
  time.idleMs += 1000;
  t.equal(admitted(100), 20, 'after a second of quiet, the same: the start of an overload is no larger burst');
  // The loop busy for 100 ms (a collection, a long turn): what arrived meanwhile within the rate passes.
  time.ms += 100;
  t.equal(admitted(150), 100, "after 100 ms busy, 100: the rate's worth of the stall");
  time.ms += 5;
  t.equal(admitted(10), 5, 'then the rate: 5 in 5 ms');
  // Half busy, half idle: the busy half counts.
  time.ms += 200;
  time.idleMs += 100;
  t.equal(admitted(300), 100, 'after 200 ms, 100 of them busy: 100');
  time.ms -= 50;
  t.equal(admitted(10), 0, 'a clock set back gives no room');
  // The wall clock stepped ten minutes forward, the loop idle for 5 ms of it.
  time.ms += 600_000;
  time.idleMs += 5;
  t.equal(admitted(5000), 1000, "a clock stepped forward gives a second's worth at most, not the step's");
  t.equal(admitted(10), 0, 'and the ceiling holds after it');
});

/** A gate on a clock the test moves, whose turns of the event loop end when the test says. */
function gateOnTestTime(budgetMs: number) {
  const time = { ms: 0 };
  let turnEnds: Array<() => void> = [];
  const admission = new AdmissionGate(
    budgetMs,
    () => time.ms,
    (callback) => turnEnds.push(callback),
  );
  /**
   * One turn of the loop: `refused` requests the ceiling refuses, then `requests` within it that
   * take `costMs` each when admitted (a refusal takes no time here). Returns the admitted count.
   */
  const turn = (requests: number, costMs: number, refused = 0) => {
    for (let n = 0; n < refused; n++) admission.refusedByCeiling();
    let admitted = 0;
    for (let n = 0; n < requests; n++)
      if (admission.admits()) {
        admitted += 1;
        time.ms += costMs;
      }
    const ends = turnEnds;
    turnEnds = [];
    for (const end of ends) end();
    return admitted;
  };
  return { admission, time, turn };
}

t.test('adaptive admission: while the ceiling refuses, each turn serves requests for its budget', async (t) => {
  const { admission, time, turn } = gateOnTestTime(2);
  t.equal(turn(20, 0.3), 20, 'below the ceiling, a turn of 6 ms is a busy service: every request');
  t.notOk(admission.overloaded, 'no overload');

  // Over the ceiling: a turn admits requests until it has spent 2 ms, then refuses the rest.
  t.equal(turn(20, 0.3, 5), 7, 'over the ceiling: requests starting within 2 ms of the turn (0, 0.3, … 1.8 ms)');
  t.ok(admission.overloaded, 'an overload');
  t.equal(turn(20, 0.3, 5), 7, 'the next turn has a budget of its own');
  t.equal(turn(3, 5, 5), 1, 'a request longer than the budget: the first of a turn always goes on');

  // The ceiling's refusals are the turn's work too: its budget counts from the first of them.
  admission.refusedByCeiling();
  time.ms += 1.5;
  t.equal(turn(20, 0.3), 2, 'a turn 1.5 ms into its refusals has room for two more');
  // And a turn that began before the overload: its budget counts from its first request.
  time.ms += 100;
  t.notOk(admission.overloaded, 'no overload 100 ms after the last refusal');
  t.ok(admission.admits(), 'a first request, before the overload');
  time.ms += 1.8;
  t.equal(turn(20, 0.3, 1), 1, 'the ceiling refuses 1.8 ms into the turn: room for one more');

  // Without turns that refuse nothing, the overload ends 100 ms after the ceiling's last refusal.
  time.ms += 90;
  t.ok(admission.overloaded, '90 ms after the last refusal: still an overload');
  t.ok(admission.admits(), 'the first request of a turn goes on');
  time.ms += 10;
  t.notOk(admission.overloaded, '100 ms after it: over');
  t.ok(admission.admits(), 'a request 10 ms into the same turn goes on too');
  t.equal(turn(20, 0.3), 20, 'every request again');
});

t.test(
  'adaptive admission over HTTP: a fast 503 for the rest of a long turn over the ceiling, before Fastify; service again after',
  async (t) => {
    const { app, clock } = await buildTestApp(t, {
      config: { RATE_LIMIT_GLOBAL_PER_SECOND: 200, OVERLOAD_TURN_BUDGET_MS: 0.5 },
    });
    const origin = await app.listen({ port: 0, host: '127.0.0.1' });
    const get = async (url = '/v1/sections') => {
      const res = await fetch(`${origin}${url}`);
      const body = await res.text();
      return { statusCode: res.status, headers: Object.fromEntries(res.headers), json: () => JSON.parse(body) as unknown };
    };
    t.equal((await get()).statusCode, 200, 'before the overload');

    // Stand in for an overload: eight clients in this process send requests back to back, so the
    // server reads several in a turn, and each request moves the ceiling's clock 1.25 ms: 800 a
    // second to it, four times the ceiling, which refuses three in four.
    let shed: Response | undefined;
    const deadline = Date.now() + 20_000;
    const client = async () => {
      while (!shed && Date.now() < deadline) {
        clock.advance(1.25);
        const res = await get();
        if (res.statusCode === 503) shed ??= res;
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    if (!shed) throw new Error('no 503 in 20 s of requests over the ceiling');
    assertRefused(t, shed, 503, 'overloaded', 'a request late in a turn over its budget');
    t.equal(shed.headers['retry-after'], '1');
    assertReadableByBrowsers(t, shed, 'over the turn budget');
    for (const url of ['/healthz', '/readyz', '/metrics']) t.equal((await get(url)).statusCode, 200, `${url} still answers`);
    t.match(
      (await app.inject({ url: '/metrics' })).body,
      /^http_requests_refused_total\{status="503"\} [1-9]/m,
      'the 503s are counted',
    );

    // Within the ceiling again: a tenth of a second after its last refusal, every request is served.
    await sleep(gate.overloadMemoryMs);
    clock.advance(1000);
    const round = await Promise.all(Array.from({ length: 5 }, () => get()));
    t.same(
      round.map((res) => res.statusCode),
      [200, 200, 200, 200, 200],
      'full service once the ceiling has not refused for a tenth of a second',
    );
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

t.test('load shedding on the heap: a fast 503 while the heap in use is over MAX_HEAP_USED_BYTES', async (t) => {
  // A threshold every heap is over: shed from the first sample after the grace of start-up.
  const desk = 'https://desk.example.com';
  const { app, auth } = await buildTestApp(t, { config: { MAX_HEAP_USED_BYTES: 1, CORS_CREDENTIALED_ORIGINS: [desk] } });
  t.equal((await app.inject({ url: '/v1/sections' })).statusCode, 200, 'start-up is not counted');
  await sleep(sheddingGraceMs + 1100);
  const shed = await app.inject({ url: '/v1/sections', headers: { origin: 'https://reader.example' } });
  assertRefused(t, shed, 503, 'overloaded', 'a request while the heap is over');
  t.match(shed.json(), { detail: /heap/ }, 'says why');
  // Shedding runs before @fastify/cors's hook: the refusal carries the CORS headers itself.
  assertReadableByBrowsers(t, shed, 'shed');
  const keyed = await app.inject({ url: '/v1/sections', headers: { origin: desk, ...auth('editor') } });
  t.equal(keyed.statusCode, 503);
  assertReadableByBrowsers(t, keyed, 'shed, from a credentialed origin', desk);
  t.equal(keyed.headers['cache-control'], 'private, no-store', 'a key was sent, though not looked up');
  for (const url of ['/healthz', '/readyz', '/metrics'])
    t.equal((await app.inject({ url })).statusCode, 200, `${url} still answers`);
});

t.test(
  'a request that arrives while the service closes gets a problem+json 503 with Retry-After, and the connection closes',
  async (t) => {
    const { app } = await buildTestApp(t, { config: { RATE_LIMIT_GLOBAL_PER_SECOND: 0 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    const ended = once(socket, 'close');
    // A request in flight when the close begins (its body still coming), so its connection is not
    // idle and stays open; the next request on it, pipelined after the body, arrives while closing.
    const body = JSON.stringify({ article: 'demo_001' });
    socket.write(
      `POST /v1/views HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nUser-Agent: Mozilla/5.0 Firefox/128.0\r\n\r\n${body.slice(0, 5)}`,
    );
    await sleep(50);
    const closed = app.close();
    await sleep(50);
    socket.write(`${body.slice(5)}GET /v1/sections HTTP/1.1\r\nHost: x\r\nOrigin: https://reader.example\r\n\r\n`);
    await ended;
    await closed;
    const [first, second] = received.split(/(?=HTTP\/1\.1 )/);
    t.match(first, /^HTTP\/1\.1 202 /, 'the request in flight is answered');
    t.match(second, /^HTTP\/1\.1 503 /, 'the one that arrived while closing is refused');
    t.match(second, /\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/i);
    t.match(second, /\r\nretry-after: 1\r\n/i);
    t.match(second, /\r\naccess-control-allow-origin: \*\r\n/i, 'a browser can read it');
    t.match(second, /\r\nconnection: close\r\n/i);
    t.match(second, /"type":"urn:content-api:problem:overloaded"/);
  },
);
