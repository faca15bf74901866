// HTTP route of the article page: GET /v1/pages/articles/{slug}. The page is composed of the
// answers of GET /v1/dateline, /v1/articles/{slug}, /v1/articles/{slug}/related and
// /v1/popular: the same answer objects, taken from (and kept in) those endpoints' caches, so
// each part is byte for byte what its endpoint sends, and a page whose rankings have aged is
// put together again from the cached parts rather than recomputed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { eitherOf } from '../articles/changes.js';
import { articleAnswer, renamedResponse, sendFollowingRenames, viewerOf } from '../articles/routes.js';
import { articleSchema } from '../articles/schemas.js';
import type { ArticleService } from '../articles/service.js';
import type { Clock } from '../clock.js';
import { datelineAnswer } from '../dateline/routes.js';
import { datelineSchema } from '../dateline/schemas.js';
import type { DatelineService } from '../dateline/service.js';
import { type Answer, type Fresh, identityOf, jsonType, type Representation, type ResponseCache } from '../http/caching.js';
import { notModifiedResponse, problemResponses } from '../http/primitives.js';
import { ProblemError } from '../http/problems.js';
import { popularAnswer } from '../popularity/routes.js';
import { popularListSchema, popularQuerySchema } from '../popularity/schemas.js';
import type { Popularity } from '../popularity/service.js';
import { relatedAnswer } from '../related/routes.js';
import { relatedListSchema, relatedQuerySchema } from '../related/schemas.js';
import type { RelatedService } from '../related/service.js';
import { articlePageQuerySchema, articlePageSchema, pageParamsSchema } from './schemas.js';

export interface PageRoutesOptions {
  articles: ArticleService;
  related: RelatedService;
  dateline: DatelineService;
  popularity: Popularity;
  /** The caches the parts' own endpoints use, and the page's, which each of them feeds. */
  caches: { articles: ResponseCache; dateline: ResponseCache; popular: ResponseCache; page: ResponseCache };
  datelineNowTtlMs: number;
  clock: Clock;
}

interface Part {
  name: keyof z.infer<typeof articlePageSchema>;
  cache: ResponseCache;
  answer: Answer;
  serialize: (body: unknown) => string;
  /** When its answer fails with an error this accepts, the part is null rather than the page an error. */
  nullOn?: (error: unknown) => boolean;
}

/** The serializer the part's own route compiles for its 200 response. */
function serializerOf(schema: z.ZodType, url: string): (body: unknown) => string {
  return serializerCompiler({ schema, method: 'GET', url, httpStatus: '200' });
}

const serializers = {
  dateline: serializerOf(datelineSchema, '/v1/dateline'),
  article: serializerOf(articleSchema, '/v1/articles/:idOrSlug'),
  related: serializerOf(relatedListSchema, '/v1/articles/:idOrSlug/related'),
  popular: serializerOf(popularListSchema, '/v1/popular'),
};

// The related list and the ranking as their endpoints answer when no `limit` is given.
const relatedLimit = relatedQuerySchema.parse({}).limit;

function representationOf(request: FastifyRequest, { cache, answer, serialize, nullOn }: Part): Representation | null {
  try {
    return cache.representation(request, answer.key, answer.produce, serialize);
  } catch (error) {
    if (nullOn?.(error)) return null;
    throw error;
  }
}

/**
 * The parts' bytes joined into one JSON object; it lives as long as its shortest-lived part.
 * The article is looked up first: the page of an article that is not there is the article's
 * 404 or 410, whatever else is missing.
 */
function compose(request: FastifyRequest, parts: Part[], now: number): Fresh {
  const firstArticle = [...parts].sort((a, b) => Number(b.name === 'article') - Number(a.name === 'article'));
  const found = new Map(firstArticle.map((part) => [part, representationOf(request, part)]));
  const shown = parts.map((part) => ({ name: part.name, representation: found.get(part) ?? null }));
  const present = shown.flatMap(({ representation }) => (representation ? [representation] : []));
  return {
    body: `{${shown.map(({ name, representation }) => `"${name}":${representation ? identityOf(representation).toString('utf8') : 'null'}`).join(',')}}`,
    contentType: jsonType,
    lastModified: Math.max(...present.map((representation) => representation.modifiedAt)),
    ttlMs: Math.min(...present.map((representation) => representation.expiresAt)) - now,
    dependsOn: eitherOf(present.map((representation) => representation.dependsOn)),
  };
}

export async function pageRoutes(app: FastifyInstance, options: PageRoutesOptions) {
  const { articles, related, dateline, popularity, caches, datelineNowTtlMs, clock } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/v1/pages/articles/:slug',
    {
      schema: {
        tags: ['Pages'],
        summary: 'Get an article page',
        // Public; an editor's key shows drafts and scheduled articles too.
        security: [{}, { bearerAuth: [] }],
        description:
          'Everything a front end needs to draw an article page in one round trip: the dateline and weather header (`city`, `units`, `locale`, `at`), the article, its related list (default `limit`) and "Most Popular" for `window` (default `limit`). Each part is exactly what its own endpoint returns; an article the caller cannot see is that endpoint\'s 404 or 410. Without `city`, the dateline is null while the configured default city does not exist; an unknown `city` is a 404. A slug the article had before it was renamed answers 301 to its current one. The max-age is short, as the rankings change.',
        params: pageParamsSchema,
        querystring: articlePageQuerySchema,
        response: {
          200: articlePageSchema,
          ...renamedResponse,
          ...notModifiedResponse,
          ...problemResponses(400, 401, 404, 410, 429),
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { window, ...datelineQuery } = request.query;
      // As GET /v1/popular: just after a start, wait for the window's sum in slices.
      const warming = popularity.rankingWarming(window);
      if (warming) await warming;
      const key = `page:${slug}|${datelineQuery.city ?? ''}|${datelineQuery.units}|${datelineQuery.locale}|${datelineQuery.at ?? 'now'}|${window}`;
      sendFollowingRenames(articles, request, reply, slug, () =>
        caches.page.send(request, reply, key, () => {
          const viewer = viewerOf(request);
          const parts: Part[] = [
            {
              name: 'dateline',
              cache: caches.dateline,
              answer: datelineAnswer(dateline, datelineQuery, datelineNowTtlMs, clock),
              serialize: serializers.dateline,
              // The configured default city not there (yet): a page without its header, not a 404
              // for every article. A city asked for by name that does not exist stays a 404. A
              // city created later empties the dateline's cache, and with it the pages'.
              nullOn: (error) => datelineQuery.city === undefined && error instanceof ProblemError && error.status === 404,
            },
            {
              name: 'article',
              cache: caches.articles,
              answer: articleAnswer(articles, slug, viewer),
              serialize: serializers.article,
            },
            {
              name: 'related',
              cache: caches.articles,
              answer: relatedAnswer(related, slug, viewer, relatedLimit),
              serialize: serializers.related,
            },
            {
              name: 'popular',
              cache: caches.popular,
              answer: popularAnswer(popularity, popularQuerySchema.parse({ window })),
              serialize: serializers.popular,
            },
          ];
          return compose(request, parts, clock.now());
        }),
      );
      return reply;
    },
  );
}
