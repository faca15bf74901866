// Operational endpoints: liveness, readiness and the OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ContentDatabase, isMigrated } from '../db/open.js';
import { problemResponses } from '../http/primitives.js';
import { ProblemError } from '../http/problems.js';

const tags = ['Operations'];
const openApiDocumentSchema = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ example: { openapi: '3.1.0', info: { title: 'Content API', version: '1.0.0' }, paths: {} } });
const statusSchema = z.object({ status: z.literal('ok') }).meta({ example: { status: 'ok' } });

export async function operationsRoutes(app: FastifyInstance, { database }: { database: ContentDatabase }) {
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
        response: {
          200: openApiDocumentSchema,
        },
      },
    },
    (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      // @fastify/swagger types the document as an interface without an index signature.
      return app.swagger() as unknown as z.infer<typeof openApiDocumentSchema>;
    },
  );
}
