// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, and
// the Swagger UI at /docs with its security headers. Registered before any route, as
// @fastify/swagger requires.
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { operatorRoutes } from './limits.js';
import { problemDescriptions } from './primitives.js';

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

type JsonObject = Record<string, unknown>;

const textHeader = (description: string) => ({ type: 'string', description });

/** `GET /v1/articles/:idOrSlug/related` → `getArticlesByIdOrSlugRelated`: stable while the path is. */
function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .flatMap((segment) => (segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[^A-Za-z0-9]+/)));
  return method.toLowerCase() + words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** A success without a description of its own says what it is, not "Default Response". */
const successReasons: Record<string, string> = {
  '200': 'OK.',
  '201': 'Created.',
  '202': 'Accepted: counted or refused as the body says.',
  '204': 'No Content: done.',
};

/** The creations whose 201 says where the new resource is (articles/routes.ts, dateline/routes.ts); an observation has no address of its own. */
const createdAtLocation = new Set(['/v1/articles', '/v1/cities']);

/**
 * Problems an operation may answer whatever its own schemas say, from what every request passes:
 * the key check (a key sent is checked on every route), the per-client rate limit, the router's
 * limit on a path parameter's length, and the body parser of a method that may carry a body.
 */
function sharedProblems(method: string, url: string): number[] {
  return [
    401,
    429,
    ...(/[:{]/.test(url) ? [414] : []),
    ...(['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? [413, 415] : []),
  ];
}

/**
 * OpenAPI 3.1 forbids templated paths that differ only in a parameter's name, and an article's
 * reads take `{idOrSlug}` where its writes take `{id}` (API.md): the writes are documented under
 * the reads' name, with their parameter's own schema and description (an id; a slug is refused).
 */
function oneParameterName(url: string, out: JsonObject): string {
  const write = /^\/v1\/articles\/:id(?=\/|$)/;
  if (!write.test(url)) return url;
  const params = out.params as JsonObject | undefined;
  const id = (params?.properties as JsonObject | undefined)?.id as JsonObject | undefined;
  if (params && id) {
    params.properties = { idOrSlug: { ...id, description: 'The article id (not its slug).' } };
    params.required = ['idOrSlug'];
  }
  return url.replace(write, '/v1/articles/:idOrSlug');
}

/**
 * The zod transform, then what it cannot know from the schemas: each operation's id; the role
 * its key needs (the auth hook's `config.auth`); problems as `application/problem+json`, with
 * Retry-After on 429 and 503, and the 503 any operation but the operator routes answers under overload (Limits in
 * the README); and the headers of cached answers (ETag, Cache-Control, Last-Modified, Link on
 * lists) and of creations (Location, ETag).
 */
const documented: typeof jsonSchemaTransform = (input) => {
  const { schema, url: routeUrl } = jsonSchemaTransform(input);
  const method = String([input.route.method].flat()[0]);
  const out: JsonObject = { ...(schema as JsonObject) };
  out.operationId ??= operationIdOf(method, routeUrl);
  const url = oneParameterName(routeUrl, out);
  const role = (input.route.config as { auth?: string } | undefined)?.auth;
  if (role) out.description = `${out.description ?? ''} Needs a key with the ${role} role (or admin).`.trim();
  const responses = out.response as Record<string, JsonObject> | undefined;
  if (!responses) return { schema: out, url };
  for (const code of sharedProblems(method, url)) {
    if (code in responses) continue;
    const description =
      code === 401 ? 'An unknown or revoked API key was sent (a key sent is always checked).' : problemDescriptions[code];
    responses[code] = { $ref: '#/components/schemas/Problem', description };
  }
  const problems = Object.entries(responses).filter(([code]) => Number(code) >= 400);
  const problem = problems[0]?.[1];
  if (!operatorRoutes.has(url) && problem && !('503' in responses)) {
    responses['503'] = {
      ...problem,
      description: 'Overloaded: the request was shed rather than queued; retry after Retry-After.',
    };
    problems.push(['503', responses['503']]);
  }
  for (const [code, response] of problems) {
    const { description, ...body } = response;
    const retry = code === '429' || code === '503' ? { headers: { 'Retry-After': textHeader('Seconds to wait.') } } : {};
    responses[code] = { description, ...retry, content: { 'application/problem+json': { schema: body } } };
  }
  for (const [code, reason] of Object.entries(successReasons)) {
    const response = responses[code];
    if (response && typeof response.description !== 'string') response.description = reason;
  }
  const ok = responses['200'];
  if (ok && '304' in responses) {
    const list = (ok.properties as JsonObject | undefined)?.nextCursor !== undefined;
    ok.headers = {
      ETag: textHeader('Strong; one per content coding. Send it back in If-None-Match for a 304.'),
      'Cache-Control': textHeader('`public, max-age=…` for public answers; `private, no-store` with a key.'),
      'Last-Modified': textHeader('Once its second has passed; If-Modified-Since answers 304 when nothing changed since.'),
      ...(list ? { Link: textHeader('`<…>; rel="next"` when there is a next page.') } : {}),
    };
  }
  const created = responses['201'];
  if (created) {
    created.headers = {
      ...(createdAtLocation.has(url) ? { Location: textHeader('Where the created resource is read.') } : {}),
      ETag: textHeader(url === '/v1/articles' ? 'Strong; for If-Match on the next update.' : 'Strong.'),
    };
  }
  if (method === 'PATCH' && ok) ok.headers = { ETag: textHeader('Strong; for If-Match on the next update.') };
  const moved = responses['301'];
  if (moved) moved.headers = { Location: textHeader("The same URL with the article's current slug.") };
  return { schema: out, url };
};

const schemaRef = /"#\/components\/schemas\/([^"]+)"/g;

/** The component schemas `value` refers to. */
function schemasReferredTo(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(schemaRef)].flatMap((match) => (match[1] === undefined ? [] : [match[1]]));
}

/**
 * The zod transform's document with only the component schemas it uses. The transform writes
 * every registered schema twice, as a response shows it (`Article`) and as a request sends it
 * (`ArticleInput`: fields with defaults optional), whether or not an operation uses that form:
 * most of the 40 were never referred to, and some unused ones carried an example that does not
 * fit them (`ArticleCreate`, a request body's example, as a response). Then a request's form
 * that is used alone takes the plain name (`ArticleCreateInput` becomes `ArticleCreate`).
 */
const documentedObject: typeof jsonSchemaTransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as JsonObject & { components?: { schemas?: Record<string, unknown> } };
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const pending = schemasReferredTo({ ...document, components: { ...document.components, schemas: {} } });
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (used.has(name)) continue;
    used.add(name);
    pending.push(...schemasReferredTo(schemas[name]));
  }
  const renamed = new Map<string, string>();
  for (const name of used) {
    const plain = name.replace(/Input$/, '');
    if (plain !== name && plain in schemas && !used.has(plain)) renamed.set(name, plain);
  }
  const kept = Object.fromEntries(
    Object.entries(schemas).flatMap(([name, schema]) => (used.has(name) ? [[renamed.get(name) ?? name, schema]] : [])),
  );
  const text = JSON.stringify({ ...document, components: { ...document.components, schemas: kept } });
  return JSON.parse(text.replace(schemaRef, (_ref, name: string) => `"#/components/schemas/${renamed.get(name) ?? name}"`));
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
            'Articles, "Read more" links, "Most Popular" rankings and the page header for news front ends, partner sites and newsroom tools. Errors are RFC 9457 problem details (`application/problem+json`). Public reads and `POST /v1/views` need no key; the other writes need `Authorization: Bearer <key>` with the editor role, the change feed one with the partner role (each operation says which; an admin key does everything), and an editor key on the article reads shows drafts and scheduled articles too.',
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
      transform: documented,
      transformObject: documentedObject,
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
