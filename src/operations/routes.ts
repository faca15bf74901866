// Operational endpoints: liveness, readiness and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noArticle } from '../articles/changes.js';
import { type ContentDatabase, isMigrated } from '../db/open.js';
import type { ResponseCache } from '../http/caching.js';
import { notModifiedResponse, problemResponses } from '../http/primitives.js';
import { ProblemError } from '../http/problems.js';

const tags = ['Operations'];
const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ example: { openapi: '3.1.0', info: { title: 'Content API', version: '1.0.0' }, paths: {} } });
const statusSchema = z.object({ status: z.literal('ok') }).meta({ example: { status: 'ok' } });

export interface OperationsRoutesOptions {
  database: ContentDatabase;
  /** Keeps the OpenAPI document's bytes, compressed forms and ETag (it changes only with the code). */
  cache: ResponseCache;
}

export async function operationsRoutes(app: FastifyInstance, { database, cache }: OperationsRoutesOptions) {
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
