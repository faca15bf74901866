// Small helpers shared by the popularity tests: create articles, send views, read rankings.
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { articleBody } from '../helpers/app.js';

export interface PopularEntry {
  rank: number;
  views: number;
  article: { id: string; slug: string; headline: string; section: string; publishedAt: string };
}

/** Creates a published article (unless overridden) and returns its id and slug. */
export async function createArticle(
  t: Test,
  app: FastifyInstance,
  headers: { authorization: string },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; slug: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: articleBody(overrides) });
  t.equal(res.statusCode, 201, `created ${String(overrides.headline ?? 'an article')}`);
  const { id, slug } = res.json() as { id: string; slug: string };
  return { id, slug };
}

/** A reader's browser: the test client's own User-Agent (lightMyRequest) is on the bot list. */
export const browser = {
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
};

/** POSTs views of `article`, `count` times in one batch, and returns the 202 body. */
export async function sendViews(
  app: FastifyInstance,
  article: string,
  count = 1,
  options: { visitorId?: string; headers?: Record<string, string> } = {},
): Promise<{ accepted: number; rejected: number }> {
  const event = options.visitorId === undefined ? { article } : { article, visitorId: options.visitorId };
  const payload = count === 1 ? event : { events: Array.from({ length: count }, () => event) };
  const res = await app.inject({ method: 'POST', url: '/v1/views', payload, headers: { ...browser, ...options.headers } });
  if (res.statusCode !== 202) throw new Error(`views of ${article}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function popular(app: FastifyInstance, query = ''): Promise<PopularEntry[]> {
  const res = await app.inject({ url: `/v1/popular${query}` });
  if (res.statusCode !== 200) throw new Error(`popular${query}: ${res.statusCode} ${res.body}`);
  return res.json().data as PopularEntry[];
}

/** Views per article slug in a ranking, for compact assertions. */
export function viewsBySlug(entries: PopularEntry[]): Record<string, number> {
  return Object.fromEntries(entries.map((entry) => [entry.article.slug, entry.views]));
}

/** Test settings: rankings one second fresh, no timer writes during a test. */
export const popularityConfig = { POPULAR_MAX_AGE_SECONDS: 1, VIEWS_FLUSH_INTERVAL_MS: 60_000 };
