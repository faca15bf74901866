// Protection of this process's capacity, ahead of everything else on a request's path: a global
// ceiling on the request rate of all clients together, and load shedding when the event loop
// (or the heap) is overloaded. Both answer a fast problem+json with Retry-After, before the key
// lookup, so an overloaded process spends as little as possible on what it refuses.
// The per-client limits (by key or address) are in conventions.ts.
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ProblemError } from './problems.js';

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
 * The global ceiling counts every request in fixed one-second windows. A counter of its own
 * rather than a second @fastify/rate-limit rule with a constant key: that plugin registers once
 * per instance (a second registration clashes on its decorators) and looks its counter up in a
 * store on every request, while this is two comparisons. It is per process on purpose: it
 * guards this process's capacity, so with several instances each keeps its own.
 */
function globalCeiling(app: FastifyInstance, perSecond: number, clock: Clock): void {
  let windowEnd = 0;
  let count = 0;
  app.addHook('onRequest', (request, _reply, done) => {
    const now = clock.now();
    if (now >= windowEnd) {
      windowEnd = now + 1000;
      count = 0;
    }
    count += 1;
    if (count <= perSecond || isOperatorRoute(request)) {
      done();
      return;
    }
    const retryAfter = String(Math.max(1, Math.ceil((windowEnd - now) / 1000)));
    done(
      new ProblemError(
        429,
        'rate-limited',
        'Too Many Requests',
        `The service is receiving more than ${perSecond} requests a second from all clients; retry in ${retryAfter} s.`,
        undefined,
        { 'retry-after': retryAfter },
      ),
    );
  });
}

export const requestLimits = fp(
  async (app: FastifyInstance, { config, clock }: { config: Config; clock: Clock }) => {
    if (config.RATE_LIMIT_GLOBAL_PER_SECOND > 0) globalCeiling(app, config.RATE_LIMIT_GLOBAL_PER_SECOND, clock);

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
