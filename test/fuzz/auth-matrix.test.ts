// The auth matrix, driven by openapi/openapi.json: every operation the document marks as needing
// a key answers 401 without one, with an unknown, malformed or revoked one, and 403 with a key of
// the wrong role; every operation it marks public serves a request without a key. So the
// document and the routes' `config.auth` cannot drift apart, and a new route is covered by itself.
import type { LightMyRequestResponse } from 'fastify';
import t from 'tap';
import type { Role } from '../../src/auth/keys.js';
import type { KeyKind } from '../helpers/fuzz-requests.js';
import { answerProblem, buildFuzzApp } from '../helpers/fuzz-setup.js';
import { Rng, ValueGenerator } from '../helpers/fuzz-values.js';
import { fillPath, OpenApiModel, type Operation } from '../helpers/openapi-model.js';

/**
 * The roles the public contract (API.md) gives the writes and partner operations; each must be
 * protected, and its description in the document must name that role. An operation not listed
 * here is held to the role its description names.
 */
const knownRoles: Record<string, Role> = {
  'POST /v1/articles': 'editor',
  'PATCH /v1/articles/{idOrSlug}': 'editor',
  'DELETE /v1/articles/{idOrSlug}': 'editor',
  'PUT /v1/articles/{idOrSlug}/related': 'editor',
  'POST /v1/cities': 'editor',
  'POST /v1/cities/{slug}/observations': 'editor',
  'GET /v1/syndication/changes': 'partner',
};

const nameOf = (operation: Operation) => `${operation.method} ${operation.path}`;

/** The operation's path with a demo city or article in it (only the key can be wrong with it). */
function urlOf(operation: Operation): string {
  const segments: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    segments[parameter.name] = encodeURIComponent(parameter.name === 'slug' ? 'delhi' : 'demo_001');
  }
  return fillPath(operation.path, segments);
}

t.test('every protected operation refuses missing, unknown, revoked and wrong-role keys', async (t) => {
  const model = OpenApiModel.load();
  const fuzz = await buildFuzzApp(t);
  // A fixed seed: the requests are valid-shaped (so nothing but the key can be wrong with them).
  const rng = new Rng(7);
  const values = new ValueGenerator(model, rng, [...fuzz.articleIds, ...fuzz.citySlugs]);
  const request = (operation: Operation, key: KeyKind) => {
    const headers: Record<string, string> = key === 'none' ? {} : { authorization: fuzz.authorization[key] };
    return fuzz.app.inject({
      method: operation.method,
      url: urlOf(operation),
      headers,
      ...(operation.body ? { payload: JSON.stringify(values.valid(operation.body)) } : {}),
      ...(operation.body ? { headers: { ...headers, 'content-type': 'application/json' } } : {}),
    });
  };
  const expectProblem = (res: LightMyRequestResponse, status: number, what: string) => {
    t.equal(res.statusCode, status, what);
    t.equal(answerProblem(res), null, `${what}: a problem+json answer`);
    if (status === 401) t.equal(res.headers['www-authenticate'], 'Bearer', `${what}: WWW-Authenticate`);
  };

  const protectedOperations = model.operations.filter((operation) => operation.secured);
  const protectedNames = protectedOperations.map(nameOf);
  t.ok(protectedOperations.length > 0, 'the document lists protected operations');
  for (const name of Object.keys(knownRoles)) t.ok(protectedNames.includes(name), `${name} is protected`);

  for (const operation of protectedOperations) {
    const name = nameOf(operation);
    t.ok(operation.statuses.includes(401) && operation.statuses.includes(403), `${name} documents 401 and 403`);
    expectProblem(await request(operation, 'none'), 401, `${name} without a key`);
    expectProblem(await request(operation, 'unknown'), 401, `${name} with an unknown key`);
    expectProblem(await request(operation, 'malformed'), 401, `${name} with another scheme`);
    expectProblem(await request(operation, 'revoked'), 401, `${name} with a revoked key`);
    const refusedRoles: Role[] = [];
    t.ok(operation.role === 'editor' || operation.role === 'partner', `${name}: the document names its role (${operation.role})`);
    if (knownRoles[name] !== undefined) t.equal(operation.role, knownRoles[name], `${name}: the role the contract gives`);
    for (const role of ['editor', 'partner'] as const) {
      const res = await request(operation, role);
      const required = knownRoles[name] ?? operation.role;
      if (required !== undefined && role !== required) expectProblem(res, 403, `${name} with a ${role} key`);
      if (res.statusCode === 403) refusedRoles.push(role);
      else t.not(res.statusCode, 401, `${name} accepts a valid ${role} key as a key`);
      if (required === role) t.notOk([401, 403].includes(res.statusCode), `${name} serves the ${role} role`);
    }
    t.ok(refusedRoles.length > 0, `${name} refuses some role`);
    const admin = await request(operation, 'admin');
    t.notOk([401, 403].includes(admin.statusCode), `${name} serves an admin key (${admin.statusCode})`);
  }

  // The reverse: what the document calls public needs no key, and still checks one that is sent.
  for (const operation of model.operations.filter((op) => !op.secured)) {
    const name = nameOf(operation);
    const res = await request(operation, 'none');
    t.notOk([401, 403].includes(res.statusCode), `${name} is public (${res.statusCode})`);
    expectProblem(await request(operation, 'revoked'), 401, `${name} with a revoked key`);
  }
});

t.test('the key is judged before the body is read: without one, a malformed or oversized body is a 401', async (t) => {
  const model = OpenApiModel.load();
  const fuzz = await buildFuzzApp(t);
  const withBody = model.operations.filter((operation) => operation.secured && operation.body);
  t.ok(withBody.length > 0, 'the document lists protected operations that take a body');
  // Above every route's limit (the largest, article writes, is BODY_LIMIT_BYTES: 1 MiB by default).
  const declared = String(64 * 1024 * 1024);
  for (const operation of withBody) {
    const name = nameOf(operation);
    const send = (payload: string, headers: Record<string, string>) =>
      fuzz.app.inject({
        method: operation.method,
        url: urlOf(operation),
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      });
    // With a key that may write, each body is refused for what it is: so each is one the parser
    // or the body limit refuses, and without a key only a verdict before parsing answers 401.
    const malformed = '{"headline": "Truncated';
    t.equal(
      (await send(malformed, { authorization: fuzz.authorization.admin })).statusCode,
      400,
      `${name}: malformed JSON is a 400 with a key`,
    );
    const unparsed = await send(malformed, {});
    t.equal(unparsed.statusCode, 401, `${name}: malformed JSON without a key is a 401`);
    t.equal(answerProblem(unparsed), null, `${name}: malformed JSON without a key: a problem+json answer`);
    const overLimit = { 'content-length': declared };
    t.equal(
      (await send('{}', { ...overLimit, authorization: fuzz.authorization.admin })).statusCode,
      413,
      `${name}: a Content-Length of ${declared} is a 413 with a key`,
    );
    const unread = await send('{}', overLimit);
    t.equal(unread.statusCode, 401, `${name}: a Content-Length of ${declared} without a key is a 401`);
    t.equal(unread.headers['www-authenticate'], 'Bearer', `${name}: over the limit without a key: WWW-Authenticate`);
  }
});
