// HTTP routes of the article resource: /v1/articles, /v1/sections, /v1/tags.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../http/auth.js';
import { type Answer, addVary, type ResponseCache, sendWithEtag } from '../http/caching.js';
import { type CursorCodec, nextLinkHeader } from '../http/pagination.js';
import { noQuerySchema, notModifiedResponse, pageSchema, problemResponses } from '../http/primitives.js';
import { forbidden, ProblemError, unauthorized } from '../http/problems.js';
import { facetCounts, listPage, showing } from './changes.js';
import { summaryExample } from './examples.js';
import type { ListFilters } from './repository.js';
import {
  articleInputSchema,
  articleListQuerySchema,
  articlePatchSchema,
  articleSchema,
  articleSummarySchema,
  facetListQuerySchema,
  facetListSchema,
  facetPosition,
  idOrSlugParamsSchema,
  idParamsSchema,
} from './schemas.js';
import { type ArticleService, etagPrefixOf, type Viewer } from './service.js';

export interface ArticleRoutesOptions {
  service: ArticleService;
  cache: ResponseCache;
  cursors: CursorCodec;
  /** Largest create or update body, in bytes (BODY_LIMIT_BYTES): articles are the large bodies. */
  bodyLimit: number;
}

const keysetPosition = z.object({ at: z.number().int(), pk: z.number().int() });
/**
 * How long a cached search may go without looking for new matches. Search is near real time,
 * as in most search engines: every article a result shows is shown as it is now (a change to
 * one drops the result), but an article that starts or stops matching a query joins or leaves
 * a cached result within this time. Each write would otherwise recompute every search cached,
 * since a news article matches most common words.
 */
const searchMatchesMaxAgeMs = 10_000;
const searchPosition = z.object({ offset: z.number().int().min(0).max(100_000) });

/** Editors and admins see drafts and scheduled articles; everyone else sees what is public. */
export function viewerOf(request: FastifyRequest): Viewer {
  return { seesUnpublished: hasRole(request.apiKey, 'editor') };
}

/** GET /v1/articles/{idOrSlug}; the article page shows the same answer. */
export function articleAnswer(service: ArticleService, idOrSlug: string, viewer: Viewer): Answer {
  return {
    key: `article:${idOrSlug}`,
    produce: () => {
      const { stored, article } = service.get(idOrSlug, viewer);
      return {
        body: article,
        lastModified: stored.updatedAt,
        etagPrefix: etagPrefixOf(stored),
        dependsOn: showing([stored]),
      };
    },
  };
}

/** The answer of a read by a slug an article had before a rename (see sendFollowingRenames). */
export const renamedResponse = {
  301: z
    .null()
    .describe(
      'Moved Permanently, no body: the slug is one the article had before it was renamed; Location is the same URL with its current slug.',
    ),
};

/**
 * Sends what `send` sends; but when that is a 404 and `idOrSlug` is a slug an article had
 * before an editor renamed it (and no article has it now), a 301 to the same URL with the
 * current slug: links shared before a rename still lead to the article. The redirect may be
 * kept a minute, as a slug can change again.
 */
export function sendFollowingRenames(
  articles: ArticleService,
  request: FastifyRequest,
  reply: FastifyReply,
  idOrSlug: string,
  send: () => void,
): void {
  try {
    send();
  } catch (error) {
    if (!(error instanceof ProblemError) || error.status !== 404) throw error;
    const renamed = articles.renamedFrom(idOrSlug, viewerOf(request));
    if (renamed === null) throw error;
    // The route's own path with the current slug (the raw path may spell the old one encoded).
    const path = (request.routeOptions.url ?? '').replace(/:(idOrSlug|slug)\b/, encodeURIComponent(renamed.slug));
    const query = request.url.indexOf('?');
    reply.code(301);
    reply.header('location', `${path}${query === -1 ? '' : request.url.slice(query)}`);
    reply.header('cache-control', request.apiKey === null ? 'public, max-age=60' : 'private, no-store');
    // As every public answer: a shared cache must not give it to a keyed request (an editor's
    // key may be revoked, or see a draft that now holds the slug).
    addVary(reply, 'Authorization');
    reply.send();
  }
}

const tags = ['Articles'];

/** If-Match on the writes to one article: ETags of its reads, any of them names the revision. */
const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .max(1000)
    .optional()
    .describe("An ETag of the article's (any of its reads): the write is refused with 412 if the article changed since."),
});

export async function articleRoutes(app: FastifyInstance, { service, cache, cursors, bodyLimit }: ArticleRoutesOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/v1/articles',
    {
      schema: {
        tags,
        summary: 'List articles',
        // Public; an editor's key shows drafts and scheduled articles too.
        security: [{}, { bearerAuth: [] }],
        description:
          'Newest first, or by relevance with `q`. Cursor-paginated: pass `nextCursor` as `cursor` (also in the `Link` header). Search is near real time: a result shows every article as it is now, and an article that starts or stops matching joins or leaves it within 10 s (`max-age=10`).',
        querystring: articleListQuerySchema,
        response: {
          200: pageSchema(articleSummarySchema, summaryExample),
          ...notModifiedResponse,
          ...problemResponses(400, 401, 403, 429),
        },
      },
    },
    (request, reply) => {
      const { limit, cursor, q, status, ...rest } = request.query;
      if (status !== 'published' && !hasRole(request.apiKey, 'editor')) {
        if (request.apiKey === null) throw unauthorized(`Listing ${status} articles needs an editor key.`);
        throw forbidden(`Listing ${status} articles needs the editor role.`);
      }
      const filters: ListFilters = {
        ...rest,
        status,
        from: rest.from === undefined ? undefined : Date.parse(rest.from),
        to: rest.to === undefined ? undefined : Date.parse(rest.to),
      };
      const scope = JSON.stringify([filters, q ?? null]);
      cache.send(request, reply, `articles:${JSON.stringify(request.query)}`, () => {
        const position = q === undefined && cursor ? cursors.decode(scope, cursor, keysetPosition) : undefined;
        const page =
          q === undefined
            ? service.list(filters, limit, { position })
            : service.list(filters, limit, { q, offset: cursor ? cursors.decode(scope, cursor, searchPosition).offset : 0 });
        const nextCursor = page.next === null ? null : cursors.encode(scope, page.next);
        return {
          body: { data: page.items, nextCursor },
          headers: nextLinkHeader(request, nextCursor),
          ...(q === undefined
            ? { dependsOn: listPage(filters, page.stored, { from: position, full: page.next !== null }) }
            : { dependsOn: showing(page.stored), ttlMs: searchMatchesMaxAgeMs }),
        };
      });
    },
  );

  routes.get(
    '/v1/articles/:idOrSlug',
    {
      schema: {
        tags,
        summary: 'Get an article',
        // Public; an editor's key shows drafts and scheduled articles too.
        security: [{}, { bearerAuth: [] }],
        description:
          'By id or slug. Drafts and scheduled articles are visible only with an editor key. A slug the article had before it was renamed answers 301 to its current one.',
        params: idOrSlugParamsSchema,
        querystring: noQuerySchema,
        response: {
          200: articleSchema,
          ...renamedResponse,
          ...notModifiedResponse,
          ...problemResponses(400, 401, 404, 410, 429),
        },
      },
    },
    (request, reply) => {
      const { idOrSlug } = request.params;
      const { key, produce } = articleAnswer(service, idOrSlug, viewerOf(request));
      sendFollowingRenames(service, request, reply, idOrSlug, () => cache.send(request, reply, key, produce));
    },
  );

  routes.post(
    '/v1/articles',
    {
      bodyLimit,
      config: { auth: 'editor' },
      schema: {
        tags,
        summary: 'Create an article',
        description: 'The slug is derived from the headline when left out; an explicit slug that is taken is a 409.',
        security: [{ bearerAuth: [] }],
        body: articleInputSchema,
        response: { 201: articleSchema, ...problemResponses(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    (request, reply) => {
      const { stored, article } = service.create(request.body, viewerOf(request));
      reply.header('location', `/v1/articles/${stored.id}`);
      sendWithEtag(reply, 201, article, etagPrefixOf(stored));
    },
  );

  routes.patch(
    '/v1/articles/:id',
    {
      bodyLimit,
      config: { auth: 'editor' },
      schema: {
        tags,
        summary: 'Update an article',
        description:
          'Changes only the fields sent; `null` clears an optional field. Send the ETag from a read as `If-Match` to refuse the change (412) when someone else changed the article meanwhile.',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        headers: ifMatchHeaders,
        body: articlePatchSchema,
        response: { 200: articleSchema, ...problemResponses(400, 401, 403, 404, 409, 410, 412, 413, 415, 429) },
      },
    },
    (request, reply) => {
      const { stored, article } = service.patch(request.params.id, request.body, request.headers['if-match'], viewerOf(request));
      sendWithEtag(reply, 200, article, etagPrefixOf(stored));
    },
  );

  routes.delete(
    '/v1/articles/:id',
    {
      config: { auth: 'editor' },
      schema: {
        tags,
        summary: 'Delete an article',
        description:
          'The article disappears from every public read at once; reading it afterwards answers 410. Send the ETag from a read as `If-Match` to refuse the deletion (412) when someone changed the article meanwhile.',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        headers: ifMatchHeaders,
        response: { 204: z.null().describe('Deleted.'), ...problemResponses(400, 401, 403, 404, 410, 412, 429) },
      },
    },
    (request, reply) => {
      service.remove(request.params.id, request.headers['if-match']);
      reply.code(204).send(null);
    },
  );

  for (const [path, facet, summary] of [
    ['/v1/sections', 'section', 'List sections'],
    ['/v1/tags', 'tag', 'List tags'],
  ] as const) {
    routes.get(
      path,
      {
        schema: {
          tags,
          summary,
          description: `Every ${facet} with the number of articles the public can read in it, most first (then by name). Cursor-paginated like every list.`,
          querystring: facetListQuerySchema,
          response: { 200: facetListSchema, ...notModifiedResponse, ...problemResponses(400, 401, 429) },
        },
      },
      (request, reply) => {
        const { limit, cursor } = request.query;
        cache.send(request, reply, `${path}:${JSON.stringify(request.query)}`, () => {
          const after = cursor === undefined ? undefined : cursors.decode(facet, cursor, facetPosition);
          const page = service.facets(facet, limit, after);
          const nextCursor = page.next === null ? null : cursors.encode(facet, page.next);
          return {
            body: { data: page.items, nextCursor },
            headers: nextLinkHeader(request, nextCursor),
            dependsOn: facetCounts(facet),
          };
        });
      },
    );
  }
}
