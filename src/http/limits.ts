// Protection of this process's capacity, ahead of everything else on a request's path: a global
// ceiling on the request rate of all clients together (in front of Fastify, on the raw request),
// and load shedding when the event loop (or the heap) is overloaded (the first hook). Both answer
// a fast problem+json with Retry-After, before the key lookup, so an overloaded process spends
// as little as possible on what it refuses.
// The per-client limits (by key or address) are in conventions.ts.
import { createServer, type ServerOptions } from 'node:http';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest, FastifyServerFactory } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ProblemError, problemType } from './problems.js';

/**
 * Liveness, readiness and metrics answer even when the service refuses work: that is when
 * operators need them most, and they cost next to nothing. (Per-client limits still apply.)
 */
export const operatorRoutes: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

const isOperatorRoute = (request: FastifyRequest) => operatorRoutes.has(request.routeOptions.url ?? '');

/** How often @fastify/under-pressure samples the event loop and the heap (its default). */
const loadSampleIntervalMs = 1000;
/** Seconds a shed client is asked to wait: a couple of load samples. */
const sheddingRetryAfterSeconds = 2;
/**
 * Start-up (migrations, loading rankings) blocks the event loop before the server listens, and
 * the first sample after it still holds that lag: shedding would refuse the first requests of
 * an idle service. So pressure counts only once a whole sample has passed since ready.
 */
export const sheddingGraceMs = loadSampleIntervalMs + 500;

/**
 * The global ceiling: a token bucket refilled at `perSecond` and holding at most a second's
 * worth. Not fixed one-second windows: those admit a whole second's requests in a burst at the
 * start of each window under overload (a queue for everything behind them), and go on refusing
 * for the rest of the window once the overload has ended (the load test's recovery got up to
 * 400 429s); a bucket admits at the rate, evenly, and has room again within a request's time.
 * A counter of its own rather than a second @fastify/rate-limit rule with a constant key: that
 * plugin registers once per instance (a second registration clashes on its decorators) and
 * looks its counter up in a store on every request, while this is arithmetic. It is per process
 * on purpose: it guards this process's capacity, so with several instances each keeps its own.
 */
export class RequestCeiling {
  private tokens: number;
  private filledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: Clock,
  ) {
    this.tokens = perSecond;
    this.filledAt = clock.now();
  }

  /** Whether a request for `path` is over the ceiling (operator routes never are, nor count). */
  refuses(path: string): boolean {
    if (operatorRoutes.has(path)) return false;
    const now = this.clock.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.filledAt) * this.perSecond) / 1000);
    this.filledAt = now;
    if (this.tokens < 1) return true;
    this.tokens -= 1;
    return false;
  }
}

/** The answer over the ceiling, made once: the same problem+json the error handler would give. */
function ceilingRefusal(perSecond: number): { headers: Record<string, string>; body: Buffer } {
  const body = Buffer.from(
    JSON.stringify({
      type: problemType('rate-limited'),
      title: 'Too Many Requests',
      status: 429,
      detail: `The service is receiving more than ${perSecond} requests a second from all clients; retry in 1 s.`,
    }),
  );
  return {
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(body.length),
      'retry-after': '1',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Public reads allow any origin: a browser must be able to read the 429, not a CORS error.
      'access-control-allow-origin': '*',
    },
    body,
  };
}

/**
 * Fastify's `serverFactory`: the Node HTTP server, made as Fastify makes it (its options and
 * timeouts), with the global ceiling in front of Fastify's handler. A refusal is written on the
 * raw response before Fastify builds a request or runs a hook, at a fraction of the cost of one
 * through the pipeline, so that under overload the process spends its time on the requests it
 * admits rather than on refusing the others (the load test's phase (c)). `app.inject` goes
 * around the server, and so around the ceiling: its test listens on a port.
 */
export function serverWithCeiling(ceiling: RequestCeiling, perSecond: number, onRefused: () => void): FastifyServerFactory {
  const refusal = ceilingRefusal(perSecond);
  return (handler, options) => {
    const http = typeof options.http === 'object' && options.http !== null ? (options.http as ServerOptions) : {};
    const server = createServer(http, (request, response) => {
      const path = (request.url ?? '').split('?', 1)[0] ?? '';
      if (!ceiling.refuses(path)) return handler(request, response);
      onRefused();
      response.writeHead(429, refusal.headers).end(refusal.body);
    });
    // As Fastify sets them on the server it makes itself (its defaults when unset).
    const ms = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
    server.keepAliveTimeout = ms(options.keepAliveTimeout, 72_000);
    server.requestTimeout = ms(options.requestTimeout, 0);
    server.setTimeout(ms(options.connectionTimeout, 0));
    return server;
  };
}

export const requestLimits = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    // @fastify/under-pressure samples the event loop's mean delay and the heap once a second
    // and refuses requests while a threshold is exceeded. Its handler is replaced so the answer
    // is our problem+json (through the error handler) and operator routes are let through.
    // Both thresholds at 0 register nothing: no hook on the request path.
    let armedAt = Number.POSITIVE_INFINITY;
    app.addHook('onReady', (done) => {
      armedAt = performance.now() + sheddingGraceMs;
      done();
    });
    await app.register(underPressure, {
      maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
      sampleInterval: loadSampleIntervalMs,
      pressureHandler: (request, _reply, type) => {
        if (isOperatorRoute(request) || performance.now() < armedAt) return undefined;
        return Promise.reject(
          new ProblemError(
            503,
            'overloaded',
            'Service Unavailable',
            `The service is overloaded (${type}); retry in ${sheddingRetryAfterSeconds} s.`,
            undefined,
            { 'retry-after': String(sheddingRetryAfterSeconds) },
          ),
        );
      },
    });
  },
  { name: 'request-limits', dependencies: ['error-handling'] },
);
