// HTTP routes of related articles: GET and PUT /v1/articles/{idOrSlug}/related.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { renamedResponse, sendFollowingRenames, viewerOf } from '../articles/routes.js';
import { idOrSlugParamsSchema, idParamsSchema } from '../articles/schemas.js';
import type { ArticleService, Viewer } from '../articles/service.js';
import type { Answer, ResponseCache } from '../http/caching.js';
import { notModifiedResponse, problemResponses, smallBodyLimitBytes } from '../http/primitives.js';
import { editorialLinksSchema, relatedListSchema, relatedQuerySchema } from './schemas.js';
import type { RelatedService } from './service.js';
import { similarMaxAgeMs } from './similar.js';

export interface RelatedRoutesOptions {
  service: RelatedService;
  cache: ResponseCache;
  /** For a slug an article had before it was renamed (a redirect). */
  articles: ArticleService;
}

/** GET /v1/articles/{idOrSlug}/related; the article page shows the same answer. */
export function relatedAnswer(service: RelatedService, idOrSlug: string, viewer: Viewer, limit: number): Answer {
  return {
    key: `related:${idOrSlug}:${limit}`,
    produce: () => {
      const { list, dependsOn } = service.list(idOrSlug, viewer, limit);
      return { body: list, dependsOn, ttlMs: similarMaxAgeMs };
    },
  };
}

const tags = ['Related articles'];

export async function relatedRoutes(app: FastifyInstance, { service, cache, articles }: RelatedRoutesOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/v1/articles/:idOrSlug/related',
    {
      schema: {
        tags,
        summary: 'List related articles',
        // Public; an editor's key shows drafts and scheduled articles too.
        security: [{}, { bearerAuth: [] }],
        description:
          'Editorial links first, in the editor\'s order (the set list, then the targets of "Read more" boxes), then similar articles (shared tags, similar text, same section, newer) up to `limit`. Never the article itself, a duplicate, or an article the caller may not see; with an editor key, editorial links to drafts and scheduled articles are included. Every article shown is shown as it is now; articles that became similar are suggested within five minutes. A slug the article had before it was renamed answers 301 to its current one.',
        params: idOrSlugParamsSchema,
        querystring: relatedQuerySchema,
        response: {
          200: relatedListSchema,
          ...renamedResponse,
          ...notModifiedResponse,
          ...problemResponses(400, 401, 404, 410, 429),
        },
      },
    },
    (request, reply) => {
      const { idOrSlug } = request.params;
      const { key, produce } = relatedAnswer(service, idOrSlug, viewerOf(request), request.query.limit);
      sendFollowingRenames(articles, request, reply, idOrSlug, () => cache.send(request, reply, key, produce));
    },
  );

  routes.put(
    '/v1/articles/:id/related',
    {
      bodyLimit: smallBodyLimitBytes,
      config: { auth: 'editor' },
      schema: {
        tags,
        summary: 'Set the editorial related list',
        description:
          'Replaces the ordered list of editorial links. Self-links, unknown or deleted ids and duplicates are a 400 and change nothing. Links to drafts and scheduled articles are kept and shown to the public once their target is.',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        body: editorialLinksSchema,
        response: { 200: editorialLinksSchema, ...problemResponses(400, 401, 403, 404, 410, 413, 415, 429) },
      },
    },
    (request) => service.setEditorial(request.params.id, request.body),
  );
}
