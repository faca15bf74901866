// HTTP routes of the dateline: /v1/cities, /v1/cities/{slug}/observations, /v1/dateline.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noArticle } from '../articles/changes.js';
import type { Clock } from '../clock.js';
import { type Answer, type ResponseCache, sendWithEtag } from '../http/caching.js';
import { type CursorCodec, nextLinkHeader } from '../http/pagination.js';
import { noQuerySchema, notModifiedResponse, pageSchema, problemResponses, smallBodyLimitBytes } from '../http/primitives.js';
import { localDay } from './calendar.js';
import { staleAfterMs } from './presenter.js';
import {
  cityExample,
  cityInputSchema,
  cityListQuerySchema,
  cityParamsSchema,
  citySchema,
  type Dateline,
  type DatelineQuery,
  datelineQuerySchema,
  datelineSchema,
  observationInputSchema,
  observationSchema,
} from './schemas.js';
import type { DatelineService } from './service.js';

export interface DatelineRoutesOptions {
  service: DatelineService;
  /** The dateline's own cache: observations empty it without touching cached articles. */
  cache: ResponseCache;
  cursors: CursorCodec;
  /**
   * How long an answer for "now" (no `at`) is kept: it changes by itself at local midnight and
   * when the weather turns stale, so it is never served from the store for longer than this.
   */
  nowTtlMs: number;
  clock: Clock;
}

/**
 * GET /v1/dateline; the article page shows the same answer. One for "now" (no `at`) changes
 * by itself at local midnight and when the weather turns stale, so it lives `nowTtlMs` at most,
 * and is dated when it was made: dated by the last write, a client revalidating by date got a
 * 304 for yesterday's date or weather that had since turned stale.
 */
export function datelineAnswer(service: DatelineService, query: DatelineQuery, nowTtlMs: number, clock: Clock): Answer {
  return {
    key: `dateline:${query.city ?? ''}|${query.units}|${query.locale}|${query.at ?? 'now'}`,
    produce: () => {
      const now = clock.now();
      const body = service.dateline(query);
      if (query.at !== undefined) return { body, dependsOn: noArticle };
      return { body, dependsOn: noArticle, ttlMs: nowLifetime(body, now, nowTtlMs), lastModified: now };
    },
  };
}

/**
 * How long an answer for "now" made at `now` stays true: `nowTtlMs` at most, and not past the
 * moment its weather turns stale or the city's date changes (local midnight), so no cache, ours
 * or a client's (max-age follows it), shows yesterday's date or fresh weather that is not.
 */
function nowLifetime(body: Dateline, now: number, nowTtlMs: number): number {
  let until = now + nowTtlMs;
  if (body.weather && !body.weather.stale) until = Math.min(until, Date.parse(body.weather.observedAt) + staleAfterMs + 1);
  const dateAt = (at: number) => localDay(at, body.city.timezone, 'en-US').date;
  if (dateAt(until) !== body.date) {
    // The first millisecond of the next day, within the lifetime: a few dozen look-ups, once a day.
    let low = now;
    let high = until;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (dateAt(middle) === body.date) low = middle;
      else high = middle;
    }
    until = high;
  }
  return Math.max(0, until - now);
}

const tags = ['Dateline'];
const cityPosition = z.object({ after: z.string() });

export async function datelineRoutes(app: FastifyInstance, { service, cache, cursors, nowTtlMs, clock }: DatelineRoutesOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/v1/cities',
    {
      schema: {
        tags,
        summary: 'List cities',
        description: 'The cities a dateline can be shown for, by slug. Cursor-paginated like every list.',
        querystring: cityListQuerySchema,
        response: { 200: pageSchema(citySchema, cityExample), ...notModifiedResponse, ...problemResponses(400, 401, 429) },
      },
    },
    (request, reply) => {
      const { limit, cursor } = request.query;
      cache.send(request, reply, `cities:${JSON.stringify(request.query)}`, () => {
        const after = cursor === undefined ? undefined : cursors.decode('cities', cursor, cityPosition).after;
        const page = service.listCities(limit, after);
        const nextCursor = page.next === null ? null : cursors.encode('cities', { after: page.next });
        return { body: { data: page.items, nextCursor }, headers: nextLinkHeader(request, nextCursor) };
      });
    },
  );

  routes.get(
    '/v1/cities/:slug',
    {
      schema: {
        tags,
        summary: 'Get a city',
        description:
          'A city the dateline can show: its name, country, time zone and coordinates (its weather is in the dateline).',
        params: cityParamsSchema,
        querystring: noQuerySchema,
        response: { 200: citySchema, ...notModifiedResponse, ...problemResponses(400, 401, 404, 429) },
      },
    },
    (request, reply) => {
      cache.send(request, reply, `city:${request.params.slug}`, () => ({ body: service.getCity(request.params.slug) }));
    },
  );

  routes.post(
    '/v1/cities',
    {
      bodyLimit: smallBodyLimitBytes,
      config: { auth: 'editor' },
      schema: {
        tags,
        summary: 'Add a city',
        description: 'The time zone must be an IANA name the service knows; a taken slug is a 409.',
        security: [{ bearerAuth: [] }],
        body: cityInputSchema,
        response: { 201: citySchema, ...problemResponses(400, 401, 403, 409, 413, 415, 429) },
      },
    },
    (request, reply) => {
      const city = service.createCity(request.body);
      reply.header('location', `/v1/cities/${city.slug}`);
      sendWithEtag(reply, 201, city);
    },
  );

  routes.post(
    '/v1/cities/:slug/observations',
    {
      bodyLimit: smallBodyLimitBytes,
      config: { auth: 'editor' },
      schema: {
        tags,
        summary: 'Record a weather observation',
        description: 'Datelines shown at or after `observedAt` use it until a later one arrives. One per city and moment (409).',
        security: [{ bearerAuth: [] }],
        params: cityParamsSchema,
        body: observationInputSchema,
        response: { 201: observationSchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 429) },
      },
    },
    (request, reply) => {
      sendWithEtag(reply, 201, service.recordObservation(request.params.slug, request.body));
    },
  );

  routes.get(
    '/v1/dateline',
    {
      schema: {
        tags,
        summary: 'Get the dateline',
        description:
          "The city's local date at `at` (default now), written for `locale`, and the latest weather observation at or before `at`.",
        querystring: datelineQuerySchema,
        response: { 200: datelineSchema, ...notModifiedResponse, ...problemResponses(400, 401, 404, 429) },
      },
    },
    (request, reply) => {
      const { key, produce } = datelineAnswer(service, request.query, nowTtlMs, clock);
      cache.send(request, reply, key, produce);
    },
  );
}
