// The fuzzed app and what the fuzz and auth-matrix tests share: the app on a temporary SQLite
// file with the demo content (articles, cities, observations, views), an editorial "Read more"
// list, a key of every role plus a revoked one, and the checks every answer must pass.
import type { LightMyRequestResponse } from 'fastify';
import type { Test } from 'tap';
import { createKey, revokeKey } from '../../src/auth/keys.js';
import type { Config } from '../../src/config.js';
import { buildTestApp, type TestApp } from './app.js';
import type { KeyKind } from './fuzz-requests.js';
import type { OpenApiModel } from './openapi-model.js';

export interface FuzzApp extends TestApp {
  authorization: Record<Exclude<KeyKind, 'none'>, string>;
  articleIds: string[];
  articleSlugs: string[];
  citySlugs: string[];
}

/** Effectively no rate limit, so a 429 never hides what a request would otherwise have done. */
const unlimited = 1_000_000_000;

/**
 * What refuses work under load with a 503 (adaptive admission needs the ceiling): buildTestApp
 * turns each off, and the fuzz app keeps them off.
 */
const shedding = [
  'RATE_LIMIT_GLOBAL_PER_SECOND',
  'OVERLOAD_TURN_BUDGET_MS',
  'MAX_EVENT_LOOP_DELAY_MS',
  'MAX_HEAP_USED_BYTES',
] as const;

export async function buildFuzzApp(t: Test, config: Partial<Config> = {}): Promise<FuzzApp> {
  const shedder = shedding.find((name) => (config[name] ?? 0) > 0);
  if (shedder) throw new Error(`the fuzz app sheds no load, so that no 503 is legitimate in it: ${shedder} must stay 0`);
  const base = await buildTestApp(t, {
    demo: true,
    config: { RATE_LIMIT_PER_MINUTE: unlimited, RATE_LIMIT_VIEWS_PER_MINUTE: unlimited, ...config },
  });
  const revoked = createKey(base.database.db, { name: 'revoked editor', role: 'editor' });
  revokeKey(base.database.db, revoked.id);
  const authorization = {
    unknown: 'Bearer cak_thisKeyWasNeverIssuedToAnyoneAtAll000000000',
    malformed: 'Basic dXNlcjpwYXNz',
    revoked: `Bearer ${revoked.secret}`,
    admin: `Bearer ${base.keys.admin}`,
    editor: `Bearer ${base.keys.editor}`,
    partner: `Bearer ${base.keys.partner}`,
  };
  const sqlite = base.database.sqlite;
  const articles = sqlite.prepare('SELECT id, slug FROM articles ORDER BY pk').all() as { id: string; slug: string }[];
  const citySlugs = (sqlite.prepare('SELECT slug FROM cities ORDER BY pk').all() as { slug: string }[]).map((row) => row.slug);
  const [first, second, third] = articles;
  if (!first || !second || !third || citySlugs.length === 0) throw new Error('the demo content is missing');
  const linked = await base.app.inject({
    method: 'PUT',
    url: `/v1/articles/${first.id}/related`,
    headers: { authorization: authorization.editor },
    payload: { articleIds: [second.id, third.id] },
  });
  if (linked.statusCode !== 200) throw new Error(`could not set related links: ${linked.body}`);
  return {
    ...base,
    authorization,
    articleIds: articles.map((row) => row.id),
    articleSlugs: articles.map((row) => row.slug),
    citySlugs,
  };
}

/** Real cursors from the first page of every list that takes one, to tamper with. */
export async function harvestCursors(fuzz: FuzzApp, model: OpenApiModel): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const operation of model.operations) {
    const names = operation.parameters.map((parameter) => parameter.name);
    if (operation.method !== 'GET' || !names.includes('cursor') || operation.path.includes('{')) continue;
    const res = await fuzz.app.inject({ url: `${operation.path}?limit=1` });
    const cursor = res.statusCode === 200 ? (res.json() as { nextCursor?: unknown }).nextCursor : null;
    if (typeof cursor === 'string') out[operation.path] = [cursor];
  }
  return out;
}

/**
 * What is wrong with an answer, or null. No 5xx, not even a 503 with Retry-After: the fuzz app
 * sheds no load (buildFuzzApp), so a 503 there is a failure passed off as one (a journal that
 * cannot be written, say). Every 4xx is problem+json whose `status` is the HTTP status, with no
 * stack trace or SQL in it. A HEAD answer has no body to check.
 */
export function answerProblem(res: LightMyRequestResponse, head = false): string | null {
  const status = res.statusCode;
  if (status >= 500) return `server error ${status}: ${res.body.slice(0, 300)}`;
  if (status < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `content-type ${type}: ${res.body.slice(0, 200)}`;
  if (head) return null;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `body is not JSON: ${res.body.slice(0, 200)}`;
  }
  if (body === null || typeof body !== 'object') return `body is not an object: ${res.body.slice(0, 200)}`;
  const problem = body as Record<string, unknown>;
  if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || typeof problem.detail !== 'string') {
    return `problem lacks type, title or detail: ${res.body.slice(0, 200)}`;
  }
  if (problem.status !== status) return `problem status ${String(problem.status)} differs from ${status}`;
  if (/SQLITE_|\n\s+at |node_modules/.test(res.body)) return `leaks internals: ${res.body.slice(0, 300)}`;
  return null;
}
