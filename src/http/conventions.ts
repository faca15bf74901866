// Cross-cutting HTTP behaviour every route shares: compression, CORS, per-client rate limiting,
// route timing, nosniff, and the rule that answers to authenticated requests are never stored by caches.
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.js';
import { clientAddress } from './client-address.js';
import { type CrossOriginHeaders, corsOptions } from './cors.js';
import { operatorRoutes } from './limits.js';
import { ignoredQueryParameter } from './primitives.js';
import { rateLimited } from './problems.js';

/** Methods not timed: HEAD and OPTIONS mirror routes that are. */
const untimedMethods = new Set(['HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

/**
 * `http_request_duration_seconds` by method, route and status, the histogram fastify-metrics
 * keeps (its names and labels), for less: its two hooks (a timer and a labels object made for each request) were some
 * 3% of the service's time in load test (a); without them a cached article, read at saturation,
 * takes 77 µs of CPU instead of 82. One hook here reads the time Fastify measures anyway
 * (`elapsedTime`) and observes with a labels object made once per method, route and status.
 */
function routeDurations(app: FastifyInstance, registry: Registry): void {
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'request duration in seconds',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const labelSets = new Map<string, { method: string; route: string; status_code: number }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url;
    // Unmatched URLs (404s) have no route: timing each would give a client a label per URL.
    // Operator routes are not timed: they would crowd out the routes readers use.
    if (route !== undefined && !operatorRoutes.has(route) && !untimedMethods.has(request.method)) {
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let labels = labelSets.get(key);
      if (labels === undefined) {
        labels = { method: request.method, route, status_code: reply.statusCode };
        labelSets.set(key, labels);
      }
      durations.observe(labels, reply.elapsedTime / 1000);
    }
    done();
  });
}

/**
 * What every answer carries: nosniff, and Cache-Control `no-store` unless the answer set its
 * own (public reads), `private, no-store` whenever a key was sent. The onSend hook below sets
 * them; answers no hook sees (URLs Fastify cannot route, app.ts) call this themselves.
 */
export function setEveryAnswersHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-content-type-options', 'nosniff');
  // A request whose key was never looked up (refused before the auth hook) sent one too.
  if (request.apiKey != null || request.headers.authorization !== undefined) reply.header('cache-control', 'private, no-store');
  else if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}

export const httpConventions = fp(
  async (
    app: FastifyInstance,
    { config, crossOrigin, registry = new Registry() }: { config: Config; crossOrigin: CrossOriginHeaders; registry?: Registry },
  ) => {
    // Those are dropped before validation, as the page a link leads to ignores them: a feed or
    // an article shared with ?utm_source=… must still be read. Any other unknown parameter stays
    // a 400 that names it (a mistyped `sectoin` is not silently the whole list).
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.url.includes('?')) {
        const query = request.query as Record<string, unknown>;
        for (const key of Object.keys(query)) if (ignoredQueryParameter.test(key)) delete query[key];
      }
      done();
    });

    // Compress JSON, feeds and the docs for clients that ask; small bodies are not worth it.
    await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

    // Without credentialed origins the options are static, which keeps this hook cheap on every
    // request; with them, each request's options depend on its Origin (src/http/cors.ts).
    const publicCors = { ...corsOptions, origin: '*', credentials: false };
    await app.register(
      cors,
      crossOrigin.credentialedOrigins === 0
        ? publicCors
        : {
            delegator: (request, callback) => {
              const origin = request.headers.origin;
              callback(null, crossOrigin.trusts(origin) ? { ...corsOptions, origin, credentials: true } : publicCors);
            },
          },
    );

    // Per client: by API key when a valid one was sent, else by address (a bad key counts
    // against the address). It runs after the auth hook identified the key and before the auth
    // verdict, so refused requests count too; TRUST_PROXY decides which address is the client's.
    await app.register(rateLimit, {
      global: true,
      hook: 'onRequest',
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      cache: 50_000,
      enableDraftSpec: true,
      keyGenerator: (request) => (request.apiKey ? `key:${request.apiKey.id}` : `ip:${clientAddress(request.ip)}`),
      errorResponseBuilder: (_request, context) =>
        rateLimited(`Rate limit of ${context.max} requests a minute exceeded; retry in ${context.after}.`),
    });

    // Process metrics and what features add, in a registry of this app's own (not prom-client's
    // global one), so several apps can share a process; GET /metrics (src/operations/routes.ts)
    // serves it.
    collectDefaultMetrics({ register: registry });
    routeDurations(app, registry);

    // Every answer is data, never a page to render: browsers must not guess another type for it.
    // (The Swagger UI, a page, gets the full set of browser protections in openapi.ts.)
    app.addHook('onSend', (request, reply, payload, done) => {
      setEveryAnswersHeaders(request, reply);
      done(null, payload);
    });
  },
  { name: 'http-conventions', dependencies: ['authentication'] },
);
