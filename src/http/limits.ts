// Protection of this process's capacity, ahead of everything else on a request's path, in front
// of Fastify on the raw request: a global ceiling on the request rate of all clients together
// (429), lowered under overload to what the event loop can carry (adaptive admission, 503). Then load
// shedding on the event loop's lag or the heap (the first hook), a last resort for a loop that
// stalls. All answer a fast problem+json with Retry-After, before the key lookup, so an
// overloaded process spends as little as possible on what it refuses.
// The per-client limits (by key or address) are in conventions.ts.
import { createServer, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest, FastifyServerFactory } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { problemOf } from './errors.js';
import { overloaded, type ProblemError, rateLimited } from './problems.js';

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
    readonly perSecond: number,
    private readonly clock: Clock,
  ) {
    this.tokens = perSecond;
    this.filledAt = clock.now();
  }

  /** Whether a request is over the ceiling (operator routes are not asked about). */
  refuses(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.filledAt) * this.perSecond) / 1000);
    this.filledAt = now;
    if (this.tokens < 1) return true;
    this.tokens -= 1;
    return false;
  }
}

/**
 * Adaptive admission: under overload, the ceiling lowered to what the event loop can carry.
 *
 * Beyond the ceiling, refusing costs too: about 75 µs a request on this 2-core machine (Node's
 * HTTP parsing and writing alone is 55), against 330 for one served. At three times the
 * capacity the refusals take half the loop, the admitted requests at the ceiling the rest, and
 * everything queues: in the load test's overload, 429s took 0.7-2 s. So while the ceiling is
 * refusing, the loop's utilization (the share of each 100 ms window it was not idle,
 * `performance.eventLoopUtilization`) is sampled and smoothed; above `target`, the rate admitted
 * is cut (by a tenth a window, a quarter when the window was busy throughout), and requests over
 * it get a 503 before Fastify sees them. Once a window has room, the rate is raised (by a tenth,
 * or to what the window's utilization says still fits) and lifted when it is twice what is asked,
 * or after a window in which the ceiling refused nothing (the overload is over). Sooner signs
 * of an end (20 ms without a refusal, or 20 requests in a row within the ceiling) were tried
 * and dropped: the loop takes requests in batches, and after one slow turn the ceiling's bucket
 * has room for a whole batch, so both signs turn up in the middle of an overload.
 *
 * Only while the ceiling refuses: below it, a busy loop is a busy service, not an overload (at
 * 2,000 requests a second this machine's loop is 86% busy, whole windows at 100% one in ten);
 * an admission that cut there refused 11,473 requests in one run of load test (a), which without
 * it has no errors.
 *
 * Why not @fastify/under-pressure's `maxEventLoopUtilization`: it refuses every request while the
 * last sample was over, and none after: under a steady overload it swings between refusing all
 * and queuing all, a sample period each; and its check runs in a hook, after Fastify has built
 * the request. It still guards against lag and the heap (below): a loop that stalls.
 */
export class AdmissionGate {
  /** Utilization smoothed over the last few windows, so a single slow window is not an overload. */
  private smoothed = 0;
  /** Requests a second admitted; infinite while not limiting. */
  private limit = Number.POSITIVE_INFINITY;
  private tokens = 0;
  private filledAt = 0;
  private admittedInWindow = 0;
  private overCeilingInWindow = false;

  constructor(
    private readonly target: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The admitted rate while limiting, else null. */
  get limitPerSecond(): number | null {
    return Number.isFinite(this.limit) ? this.limit : null;
  }

  /** The loop's utilization over the window that just ended, `windowMs` long. */
  sample(utilization: number, windowMs: number): void {
    this.smoothed = gate.smoothing * utilization + (1 - gate.smoothing) * this.smoothed;
    const admittedPerSecond = (this.admittedInWindow * 1000) / windowMs;
    const overCeiling = this.overCeilingInWindow;
    this.admittedInWindow = 0;
    this.overCeilingInWindow = false;
    // A window in which the ceiling refused nothing: the overload is over, full service again.
    if (!overCeiling) this.limit = Number.POSITIVE_INFINITY;
    else if (this.smoothed > this.target) {
      const limiting = Number.isFinite(this.limit);
      // A loop busy the whole window may be far over what it can carry: cut harder.
      const cut = utilization >= gate.saturated ? gate.saturatedDecrease : gate.decrease;
      this.limit = Math.max(gate.minimumPerSecond, Math.min(this.limit, admittedPerSecond) * cut);
      if (!limiting) {
        this.tokens = this.burst();
        this.filledAt = this.now();
      }
    } else if (Number.isFinite(this.limit) && utilization < this.target - gate.hysteresis) {
      // Room to spare: at least a tenth more, or as much more as the window's utilization says
      // would still be under the target (back from a deep cut within a few windows, not seconds).
      const proportional = (admittedPerSecond * this.target) / Math.max(utilization, 0.01);
      this.limit = Math.max(this.limit * gate.increase, proportional);
      if (this.limit >= 2 * admittedPerSecond) this.limit = Number.POSITIVE_INFINITY;
    }
  }

  /** The ceiling refused a request. */
  refusedByCeiling(): void {
    this.overCeilingInWindow = true;
  }

  /** Whether a request within the ceiling may go on (and it counts as admitted). */
  admits(): boolean {
    if (Number.isFinite(this.limit)) {
      const now = this.now();
      this.tokens = Math.min(this.burst(), this.tokens + ((now - this.filledAt) * this.limit) / 1000);
      this.filledAt = now;
      if (this.tokens < 1) return false;
      this.tokens -= 1;
    }
    this.admittedInWindow += 1;
    return true;
  }

  /** A window's worth of requests may come together (at least one). */
  private burst(): number {
    return Math.max(1, (this.limit * gate.windowMs) / 1000);
  }
}

/** The admission gate's constants (see AdmissionGate). */
export const gate = {
  windowMs: 100,
  /** Weight of the newest window: four whole windows at 100% take an idle loop's 0.6 over 0.9. */
  smoothing: 0.3,
  decrease: 0.9,
  /** A window busy at least this share of its time is saturated, and the cut is deeper. */
  saturated: 0.99,
  saturatedDecrease: 0.75,
  increase: 1.1,
  /** Below target by this much before the limit is raised: no raising and cutting in turn. */
  hysteresis: 0.05,
  /** The least it admits: something always gets through. */
  minimumPerSecond: 50,
} as const;

/**
 * Feeds the gate the event loop's utilization every window, from `graceMs` after the server
 * listens (start-up's own work is not an overload) until it closes.
 */
function sampleUtilization(server: Server, admission: AdmissionGate, graceMs: number): void {
  let timer: NodeJS.Timeout | undefined;
  server.once('listening', () => {
    timer = setTimeout(() => {
      let last = performance.eventLoopUtilization();
      timer = setInterval(() => {
        const current = performance.eventLoopUtilization();
        admission.sample(performance.eventLoopUtilization(current, last).utilization, gate.windowMs);
        last = current;
      }, gate.windowMs).unref();
    }, graceMs).unref();
  });
  server.once('close', () => clearTimeout(timer));
}

interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A refusal written once, as the error handler would answer `error` (its body and headers). */
function refusal(error: ProblemError): Refusal {
  const body = Buffer.from(JSON.stringify(problemOf(error)));
  return {
    status: error.status,
    headers: {
      ...error.headers,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      // Public reads allow any origin: a browser must be able to read the refusal, not a CORS error.
      'access-control-allow-origin': '*',
    },
    body,
  };
}

export interface RawLimits {
  ceiling: RequestCeiling;
  /** Adaptive admission (it lowers the ceiling), or null when off. */
  admission: AdmissionGate | null;
  onRefused(status: number): void;
}

/**
 * Fastify's `serverFactory`: the Node HTTP server, made as Fastify makes it (its options and
 * timeouts), with the global ceiling and adaptive admission in front of Fastify's handler. A
 * refusal is written on the raw response before Fastify builds a request or runs a hook, at a
 * fraction of the cost of one through the pipeline, so that under overload the process spends
 * its time on the requests it admits rather than on refusing the others (the load test's phase
 * (c)). `app.inject` goes around the server, and so around both: their tests listen on a port.
 */
export function serverWithLimits(limits: RawLimits): FastifyServerFactory {
  const { ceiling, admission } = limits;
  const overCeiling = refusal(
    rateLimited(`The service is receiving more than ${ceiling.perSecond} requests a second from all clients; retry in 1 s.`, 1),
  );
  const overAdmitted = refusal(overloaded('The service is answering as many requests as it can; retry in 1 s.', 1));
  const refuse = (response: ServerResponse, answer: Refusal) => {
    limits.onRefused(answer.status);
    response.writeHead(answer.status, answer.headers).end(answer.body);
  };
  return (handler, options) => {
    const http = typeof options.http === 'object' && options.http !== null ? (options.http as ServerOptions) : {};
    const server = createServer(http, (request, response) => {
      const path = (request.url ?? '').split('?', 1)[0] ?? '';
      // Operator routes are never refused, nor counted.
      if (operatorRoutes.has(path)) return handler(request, response);
      if (ceiling.refuses()) {
        admission?.refusedByCeiling();
        return refuse(response, overCeiling);
      }
      if (admission && !admission.admits()) return refuse(response, overAdmitted);
      return handler(request, response);
    });
    if (admission) sampleUtilization(server, admission, sheddingGraceMs);
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
          overloaded(`The service is overloaded (${type}); retry in ${sheddingRetryAfterSeconds} s.`, sheddingRetryAfterSeconds),
        );
      },
    });
  },
  { name: 'request-limits', dependencies: ['error-handling'] },
);
