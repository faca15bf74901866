// Small helpers shared by the related-articles tests: create articles and read related lists.
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { articleBody } from '../helpers/app.js';

export interface RelatedEntry {
  reason: 'editorial' | 'similar';
  article: { id: string; slug: string; headline: string; url: string; leadImage?: unknown };
}

export async function createArticle(
  t: Test,
  app: FastifyInstance,
  headers: { authorization: string },
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: articleBody(overrides) });
  t.equal(res.statusCode, 201, `created ${String(overrides.headline ?? 'an article')}`);
  return res.json().id as string;
}

export async function relatedOf(
  app: FastifyInstance,
  key: string,
  options: { limit?: number; headers?: Record<string, string> } = {},
): Promise<RelatedEntry[]> {
  const query = options.limit === undefined ? '' : `?limit=${options.limit}`;
  const res = await app.inject({ url: `/v1/articles/${key}/related${query}`, headers: options.headers });
  if (res.statusCode !== 200) throw new Error(`related of ${key}: ${res.statusCode} ${res.body}`);
  return res.json().data as RelatedEntry[];
}

export const idsOf = (entries: RelatedEntry[]) => entries.map((entry) => entry.article.id);
