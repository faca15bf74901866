// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, and
// the Swagger UI at /docs with its security headers. Registered before any route, as
// @fastify/swagger requires.
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const apiVersion = '1.0.0';

/**
 * The Swagger UI loads only its own scripts, styles and images (no inline script), so the
 * policy allows this origin alone; data: covers its embedded icons and fonts. Nobody may frame
 * it (clickjacking) and it posts no forms anywhere else.
 */
const docsContentSecurityPolicy = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
};

export const openApi = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Content API',
          version: apiVersion,
          description:
            'Articles, "Read more" links, "Most Popular" rankings and the page header for news front ends, partner sites and newsroom tools. Errors are RFC 9457 problem details. Public reads need no key; writes need `Authorization: Bearer <key>`.',
        },
        tags: [
          { name: 'Articles', description: 'Articles, sections and tags.' },
          { name: 'Related articles', description: 'The "Read more" links: editorial links first, then similar articles.' },
          { name: 'Dateline', description: 'Cities, weather observations and the dateline of the page header.' },
          { name: 'Popularity', description: 'Views of articles and the "Most Popular" rankings.' },
          { name: 'Pages', description: 'Everything an article page shows, in one request.' },
          { name: 'Syndication', description: 'Feeds, the news sitemap and the partner change feed.' },
          { name: 'Operations', description: 'Health, readiness, metrics and this document.' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key created with `npm run keys -- create`.' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    // The Swagger UI is a web page: it gets the browser protections, in a scope of its own so
    // the API's JSON routes do not pay for them on every request.
    await app.register(async (docs) => {
      await docs.register(helmet, {
        contentSecurityPolicy: { useDefaults: false, directives: docsContentSecurityPolicy },
        frameguard: { action: 'deny' },
      });
      // No validator badge: it would send the document's address to swagger.io.
      await docs.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true, validatorUrl: null } });
    });
  },
  { name: 'openapi' },
);
