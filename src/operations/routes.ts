// Operational endpoints: liveness, readiness, metrics and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { noArticle } from '../articles/changes.js';
import { type ContentDatabase, isMigrated } from '../db/open.js';
import type { ResponseCache } from '../http/caching.js';
import { documentResponse, notModifiedResponse, problemResponses } from '../http/primitives.js';
import { ProblemError } from '../http/problems.js';

const tags = ['Operations'];
const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ example: { openapi: '3.1.0', info: { title: 'Content API', version: '1.0.0' }, paths: {} } });
const statusSchema = z.object({ status: z.literal('ok') }).meta({ example: { status: 'ok' } });

const metricsExample =
  '# HELP views_ingested_total Views received by POST /v1/views, by outcome: accepted (counted), repeat, bot, or unknown (unknown or invisible article).\n# TYPE views_ingested_total counter\nviews_ingested_total{outcome="accepted"} 1520\n';

export interface OperationsRoutesOptions {
  database: ContentDatabase;
  /** What GET /metrics shows: the process's metrics and those the features register. */
  registry: Registry;
  /** Keeps the OpenAPI document's bytes, compressed forms and ETag (it changes only with the code). */
  cache: ResponseCache;
}

export async function operationsRoutes(app: FastifyInstance, { database, registry, cache }: OperationsRoutesOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags, summary: 'Liveness', description: 'The process is up.', response: { 200: statusSchema } },
    },
    (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  routes.get(
    '/metrics',
    {
      logLevel: 'warn',
      exposeHeadRoute: false,
      schema: {
        tags,
        summary: 'Metrics',
        description:
          "Prometheus text: this process's request durations by route and status, views ingested by outcome, requests refused under overload, the response caches' lookups and bytes, WAL checkpoints, and Node's process metrics.",
        response: { 200: documentResponse('text/plain', 'The metrics, in the Prometheus text format 0.0.4.', metricsExample) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store').type(registry.contentType);
      return registry.metrics();
    },
  );

  routes.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags,
        summary: 'Readiness',
        description: 'The database is open and fully migrated; 503 otherwise.',
        response: { 200: statusSchema, ...problemResponses(503) },
      },
    },
    (_request, reply) => {
      reply.header('cache-control', 'no-store');
      if (!isMigrated(database)) {
        throw new ProblemError(503, 'unavailable', 'Service Unavailable', 'The database is not open or not migrated.');
      }
      return { status: 'ok' as const };
    },
  );

  routes.get(
    '/openapi.json',
    {
      schema: {
        tags,
        summary: 'OpenAPI document',
        description: 'The OpenAPI 3.1 document of this API, as served to the Swagger UI at /docs.',
        response: { 200: openApiDocumentSchema, ...notModifiedResponse },
      },
    },
    (request, reply) => {
      // Made once and kept: the Swagger UI and client generators revalidate it with its ETag.
      cache.send(request, reply, 'openapi.json', () => ({ body: app.swagger(), dependsOn: noArticle }));
    },
  );
}
