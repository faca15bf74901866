// Hostile input, driven by openapi/openapi.json: for every operation in the document (and the
// few routes it does not describe), seeded random requests with junk path parameters, query
// values at and past their limits, tampered cursors, random and malformed bodies, deep nesting,
// huge strings, prototype-pollution keys, wrong media types, and every kind of key. No answer
// may be a 5xx, every 4xx must be problem+json, and nothing may leak into Object.prototype or
// damage the database. FUZZ_SEED reproduces a run; FUZZ_REQUESTS sets its size.
import type { HTTPMethods } from 'fastify';
import t from 'tap';
import { type FuzzContext, type FuzzRequest, fuzzRequest, type KeyKind } from '../helpers/fuzz-requests.js';
import { answerProblem, buildFuzzApp, harvestCursors } from '../helpers/fuzz-setup.js';
import { sweepRequests } from '../helpers/fuzz-sweep.js';
import { Rng, ValueGenerator } from '../helpers/fuzz-values.js';
import { OpenApiModel, type Operation, routesTo } from '../helpers/openapi-model.js';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const total = Number(process.env.FUZZ_REQUESTS ?? 3000);

/** Routes the document does not describe (the Swagger UI), fuzzed with the rest. */
const undocumented: Operation[] = ['/docs', '/docs/{asset}'].map((path) => ({
  method: 'GET',
  path,
  parameters: path.includes('{') ? [{ name: 'asset', in: 'path', required: true, schema: { type: 'string' } }] : [],
  body: null,
  bodyRequired: false,
  secured: false,
  statuses: [200],
  role: null,
}));

/** Mostly good keys, so most requests get past authentication to the parsers and validators. */
const keyMix: KeyKind[] = [
  'none',
  'none',
  'unknown',
  'malformed',
  'revoked',
  'admin',
  'admin',
  'admin',
  'editor',
  'editor',
  'editor',
  'partner',
  'partner',
];

const allMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'] as const;

/** A table's rows by id, to compare before and after. */
function rowsById(fuzz: Awaited<ReturnType<typeof buildFuzzApp>>, sql: string): Map<string, string> {
  const rows = fuzz.database.sqlite.prepare(sql).all() as { id: string }[];
  return new Map(rows.map((row) => [String(row.id), JSON.stringify(row)]));
}

t.test(`every operation survives hostile input (FUZZ_SEED=${seed})`, async (t) => {
  t.comment(`FUZZ_SEED=${seed} FUZZ_REQUESTS=${total}`);
  const model = OpenApiModel.load();
  const fuzz = await buildFuzzApp(t);
  const rng = new Rng(seed);
  const identifiers = [...fuzz.articleIds, ...fuzz.articleSlugs, ...fuzz.citySlugs];
  const context: FuzzContext = {
    model,
    rng,
    values: new ValueGenerator(model, rng, identifiers),
    authorization: fuzz.authorization,
    // What each path names: a city, an article by id, by slug, or by either. A seed of the wrong
    // kind fails the parameter's pattern, and a request stopped there never has its body read.
    pathSeeds: (path, name) =>
      path.startsWith('/v1/cities/')
        ? fuzz.citySlugs
        : name === 'id'
          ? fuzz.articleIds
          : name === 'slug'
            ? fuzz.articleSlugs
            : [...fuzz.articleIds, ...fuzz.articleSlugs],
    cursors: await harvestCursors(fuzz, model),
    bodyLimit: fuzz.app.initialConfig.bodyLimit ?? 1024 * 1024,
  };
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const articlesBefore = rowsById(fuzz, 'SELECT * FROM articles');
  const citiesBefore = rowsById(fuzz, 'SELECT slug AS id, * FROM cities');
  const keysBefore = rowsById(fuzz, 'SELECT * FROM api_keys');

  const operations = [...model.operations, ...undocumented];
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  /** Statuses by operation (requests sent with the operation's own method). */
  const byOperation = new Map<string, Map<number, number>>();
  /** Successful writes, by URL: the only way a seeded row may legitimately change. */
  const writes: { method: string; url: string; status: number }[] = [];
  let sent = 0;
  /** Statuses an operation answered that the document does not list for it. */
  const undocumentedStatuses = new Set<string>();
  const send = async (request: FuzzRequest, operation: Operation) => {
    const index = sent++;
    const res = await fuzz.app.inject({
      method: request.method as HTTPMethods,
      url: request.url,
      headers: request.headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    if (request.method === operation.method) {
      const name = `${operation.method} ${operation.path}`;
      const counts = byOperation.get(name) ?? new Map<number, number>();
      counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
      byOperation.set(name, counts);
    }
    if (request.method !== 'GET' && res.statusCode < 300)
      writes.push({ method: request.method, url: request.url, status: res.statusCode });
    if (
      !operation.statuses.includes(res.statusCode) &&
      request.method === operation.method &&
      model.operations.includes(operation) &&
      routesTo(operation, request.url)
    ) {
      undocumentedStatuses.add(`${operation.method} ${operation.path} ${res.statusCode}`);
    }
    const problem = answerProblem(res, request.method === 'HEAD');
    if (problem) {
      const payload = request.payload === undefined ? '' : ` payload ${request.payload.slice(0, 160)}`;
      failures.push(
        `#${index} ${request.method} ${request.url.slice(0, 200)} [${request.label}]${payload} → ${res.statusCode} ${problem}`,
      );
    }
  };
  const started = performance.now();
  for (const operation of model.operations) {
    for (const request of sweepRequests(context, operation)) await send(request, operation);
  }
  const swept = sent;
  // Random requests go four at a time, so handlers that await interleave as under real load;
  // they are generated in order from the seed, so a run is still reproduced by it.
  for (let i = 0; i < total; i += 4) {
    const batch: [FuzzRequest, Operation][] = [];
    for (let j = i; j < Math.min(i + 4, total); j++) {
      const operation = operations[j % operations.length];
      if (!operation) continue;
      const request = fuzzRequest(context, operation, rng.pick(keyMix));
      if (rng.chance(0.04)) {
        // HEAD of a read, or a method the path does not offer: a problem too, never a crash.
        const offered = new Set<string>(operations.filter((op) => op.path === operation.path).map((op) => op.method));
        const other = allMethods.filter((method) => !offered.has(method) || (method === 'HEAD' && offered.has('GET')));
        request.method = rng.pick(other);
        request.label += `, method ${request.method}`;
      }
      batch.push([request, operation]);
    }
    await Promise.all(batch.map(([request, operation]) => send(request, operation)));
  }
  const seconds = (performance.now() - started) / 1000;
  t.comment(
    `${sent} requests (${swept} in the sweep, ${total} random) in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  t.same([...undocumentedStatuses].sort(), [], 'every status answered is documented for its operation');
  t.same(failures.slice(0, 25), [], `${failures.length} bad answers (FUZZ_SEED=${seed})`);
  // Each operation succeeded at least once: its valid requests reach the handler and are done.
  // (A path seed of the wrong kind once stopped every observation at its path's 400.)
  for (const operation of model.operations) {
    const name = `${operation.method} ${operation.path}`;
    const counts = [...(byOperation.get(name) ?? new Map<number, number>())];
    t.ok(
      counts.some(([status]) => status >= 200 && status < 300),
      `${name} succeeded at least once: ${JSON.stringify(Object.fromEntries(counts))}`,
    );
  }

  t.same(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore, 'Object.prototype gained nothing');
  t.equal(Reflect.get({}, 'fuzzPolluted'), undefined, 'no object inherits a polluted property');
  t.equal(Reflect.get([], 'fuzzPolluted'), undefined, 'no array inherits a polluted property');

  const sqlite = fuzz.database.sqlite;
  t.same(sqlite.pragma('integrity_check'), [{ integrity_check: 'ok' }], 'the database is intact');
  t.doesNotThrow(
    () => sqlite.exec("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')"),
    'the search index is intact',
  );
  t.same(sqlite.pragma('foreign_key_check'), [], 'no dangling references');

  // The fuzzer sends valid writes too (with good keys and seeded ids), so seeded content may
  // change, but only through an accepted write that named it: a seeded article differs only if
  // a 2xx write addressed its id; rows only appear through a 201 on their collection; no request
  // can touch a city already stored or an API key.
  const articlesAfter = rowsById(fuzz, 'SELECT * FROM articles');
  const touched = (id: string) => writes.some((write) => write.url.split('?')[0]?.split('/').includes(id));
  const changed = [...articlesBefore].filter(([id, row]) => articlesAfter.get(id) !== row && !touched(id)).map(([id]) => id);
  t.same(changed, [], 'no seeded article changed without an accepted write to it');
  const created = (path: string) => writes.filter((write) => write.status === 201 && write.url.split('?')[0] === path).length;
  t.equal(articlesAfter.size, articlesBefore.size + created('/v1/articles'), 'articles appear only through a 201');
  const citiesAfter = rowsById(fuzz, 'SELECT slug AS id, * FROM cities');
  t.same(
    [...citiesBefore].filter(([slug, row]) => citiesAfter.get(slug) !== row),
    [],
    'seeded cities unchanged',
  );
  t.equal(citiesAfter.size, citiesBefore.size + created('/v1/cities'), 'cities appear only through a 201');
  t.same(rowsById(fuzz, 'SELECT * FROM api_keys'), keysBefore, 'API keys unchanged');
  for (const id of fuzz.articleIds.filter((id) => !touched(id)).slice(0, 20)) {
    const res = await fuzz.app.inject({ url: `/v1/articles/${id}`, headers: { authorization: fuzz.authorization.admin } });
    t.equal(res.statusCode, 200, `seeded article ${id} still reads`);
  }
});

t.test(`rate-limited answers to hostile requests are problem+json too (FUZZ_SEED=${seed})`, async (t) => {
  const model = OpenApiModel.load();
  const fuzz = await buildFuzzApp(t, { RATE_LIMIT_PER_MINUTE: 3, RATE_LIMIT_VIEWS_PER_MINUTE: 2 });
  const rng = new Rng(seed);
  const identifiers = [...fuzz.articleIds, ...fuzz.citySlugs];
  const context: FuzzContext = {
    model,
    rng,
    values: new ValueGenerator(model, rng, identifiers),
    authorization: fuzz.authorization,
    pathSeeds: () => [],
    cursors: {},
    bodyLimit: fuzz.app.initialConfig.bodyLimit ?? 1024 * 1024,
  };
  const failures: string[] = [];
  let limited = 0;
  for (const operation of [...model.operations, ...undocumented]) {
    for (let i = 0; i < 6; i++) {
      const request = fuzzRequest(context, operation, rng.pick(keyMix));
      const res = await fuzz.app.inject({
        method: request.method as HTTPMethods,
        url: request.url,
        headers: request.headers,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
      });
      if (res.statusCode === 429) {
        limited++;
        if (res.headers['retry-after'] === undefined) failures.push(`${request.method} ${request.url}: 429 without Retry-After`);
      }
      const problem = answerProblem(res);
      if (problem) failures.push(`${request.method} ${request.url} [${request.label}] → ${res.statusCode} ${problem}`);
    }
  }
  t.ok(limited > 0, `${limited} requests were rate limited`);
  t.same(failures.slice(0, 25), [], `${failures.length} bad answers`);
});
