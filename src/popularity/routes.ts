// HTTP routes of "Most Popular": POST /v1/views (JSON or sendBeacon's text/plain, rate limited
// per address) and GET /v1/popular.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Answer, ResponseCache } from '../http/caching.js';
import { clientAddress } from '../http/client-address.js';
import { parseJsonBody } from '../http/json-body.js';
import { notModifiedResponse, problemResponses } from '../http/primitives.js';
import { movesInRankings } from './rankings.js';
import {
  type PopularQuery,
  popularListSchema,
  popularQuerySchema,
  viewBatchSchema,
  viewOutcomeSchema,
  viewsBodyLimitBytes,
} from './schemas.js';
import type { Popularity } from './service.js';

export interface PopularityRoutesOptions {
  service: Popularity;
  /** Popular lists only: its max-age is POPULAR_MAX_AGE_SECONDS, and article changes empty it. */
  cache: ResponseCache;
  /** POST /v1/views requests a minute per client address. */
  viewsPerMinute: number;
}

/** GET /v1/popular; the article page shows the same answer. */
export function popularAnswer(service: Popularity, query: PopularQuery): Answer {
  return {
    key: `popular:${query.window}:${query.section ?? ''}:${query.limit}`,
    produce: () => {
      const { body, ttlMs } = service.popularFresh(query);
      const shown = new Set(body.data.map((item) => item.article.id));
      return {
        body,
        ttlMs,
        lastModified: Date.parse(body.generatedAt),
        dependsOn: (change) => shown.has(change.after.id) || movesInRankings(change),
      };
    },
  };
}

const tags = ['Popularity'];

export async function popularityRoutes(app: FastifyInstance, { service, cache, viewsPerMinute }: PopularityRoutesOptions) {
  // navigator.sendBeacon sends a JSON string as text/plain (which needs no CORS preflight): read
  // it as JSON here, with the JSON bodies' own parser. Only in this plugin: every other route
  // still answers text/plain with 415.
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, parseJsonBody);
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    '/v1/views',
    {
      bodyLimit: viewsBodyLimitBytes,
      config: {
        rateLimit: {
          max: viewsPerMinute,
          timeWindow: 60_000,
          // By address alone, in a count of its own: every reader's page sends views.
          keyGenerator: (request) => `views:${clientAddress(request.ip)}`,
        },
      },
      schema: {
        tags,
        summary: 'Record views',
        // navigator.sendBeacon sends a string body as text/plain: read as JSON all the same.
        consumes: ['application/json', 'text/plain'],
        description:
          "One view `{ article, visitorId? }` or up to 1,000 under `events`, as `application/json` or `text/plain` (what `navigator.sendBeacon` sends). Views of unknown or invisible articles, views sent by known bots (by `User-Agent`) and a visitor's repeat views of an article within 30 minutes are not counted. Rate limited per client address (`RATE_LIMIT_VIEWS_PER_MINUTE`).",
        body: viewBatchSchema,
        response: { 202: viewOutcomeSchema, ...problemResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    (request, reply) => {
      const events = 'events' in request.body ? request.body.events : [request.body];
      reply.code(202);
      return service.recordViews(events, request.headers['user-agent']);
    },
  );

  routes.get(
    '/v1/popular',
    {
      schema: {
        tags,
        summary: 'List the most popular articles',
        description:
          'The most viewed visible articles of the window, most first; ties go to the newer article. Articles hidden from "Most Popular" never rank (their views are still counted). The counts are at most `POPULAR_MAX_AGE_SECONDS` old; article changes show at once.',
        querystring: popularQuerySchema,
        response: { 200: popularListSchema, ...notModifiedResponse, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      // Just after a start, the window may still be summed in slices: wait for it rather than
      // sum it here in one go, which would hold up every other request.
      const warming = service.rankingWarming(request.query.window);
      if (warming) await warming;
      const { key, produce } = popularAnswer(service, request.query);
      cache.send(request, reply, key, produce);
      return reply;
    },
  );
}
