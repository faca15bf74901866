// Protection of this process's capacity, ahead of everything else on a request's path, in front
// of Fastify on the raw request: a global ceiling on the request rate of all clients together
// (429), and under overload a time budget for each turn of the event loop (adaptive admission,
// 503). Then load shedding on the event loop's lag or the heap (the first hook), a last resort
// for a loop that stalls. All answer a fast problem+json with Retry-After, before the key
// lookup, so an overloaded process spends as little as possible on what it refuses.
// The per-client limits (by key or address) are in conventions.ts.
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest, FastifyServerFactory } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { CrossOriginHeaders } from './cors.js';
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
 * The global ceiling: a token bucket refilled at `perSecond`, holding a fiftieth of a second's
 * worth (at least one request), or more after the event loop was busy: then as much as the
 * rate gives for the time it was busy. Not fixed one-second windows: those admit a whole
 * second's requests in a burst at the start of each window under overload (a queue for
 * everything behind them), and go on refusing for the rest of the window once the overload has
 * ended (the load test's recovery got up to 400 429s); a bucket admits at the rate, evenly, and
 * has room again within a request's time.
 *
 * Its size is a trade. The requests that arrive while the loop is busy (a turn of many requests,
 * a collection, a timer's work) are read together after it, and within the rate they must all
 * pass: a fixed bucket of a fiftieth of a second, at 60% of the ceiling, would refuse after any
 * stall of over 33 ms, which load test (a) has several times a minute. But at the start of an
 * overload, whatever the bucket holds passes at once, before the ceiling refuses one and
 * adaptive admission begins: a second's worth was 2,320 requests in the load test, 0.7 s of
 * work (after 1.5 s of quiet, answers 0.8 s late for two seconds); a tenth of a second's, at
 * 12,450 req/s offered, 450 requests in 36 ms, and a 240 ms queue in the load generator that
 * took 0.8 s to drain. So the room grows with the time the loop was busy since the last request
 * (elapsed time less the loop's idle time, `idleMs`), not with time it sat idle: a stall's
 * backlog passes, the start of an overload after quiet gets a fiftieth of a second.
 *
 * A counter of its own rather than a second @fastify/rate-limit rule with a constant key: that
 * plugin registers once per instance (a second registration clashes on its decorators) and
 * looks its counter up in a store on every request, while this is arithmetic. It is per process
 * on purpose: it guards this process's capacity, so with several instances each keeps its own.
 */
export class RequestCeiling {
  private readonly burst: number;
  private tokens: number;
  private filledAt: number;
  private idleAt: number;

  constructor(
    readonly perSecond: number,
    private readonly clock: Clock,
    /** The event loop's idle time so far, in ms. */
    private readonly idleMs: () => number = () => performance.nodeTiming.idleTime,
  ) {
    this.burst = Math.max(1, perSecond * ceilingBurstSeconds);
    this.tokens = this.burst;
    this.filledAt = clock.now();
    this.idleAt = idleMs();
  }

  /** Whether a request is over the ceiling (operator routes are not asked about). */
  refuses(): boolean {
    const now = this.clock.now();
    const idle = this.idleMs();
    // A clock set back is no time at all.
    const elapsed = Math.max(0, now - this.filledAt);
    const busy = elapsed - (idle - this.idleAt);
    // At most a second's worth: the clock is the wall clock and the idle time is not, so a clock
    // stepped forward (an NTP step, a resumed VM) reads as that long busy, and would otherwise
    // lift the ceiling for as many requests as the step is worth.
    const room = Math.min(this.perSecond, Math.max(this.burst, (busy * this.perSecond) / 1000));
    const refilled = this.tokens + (elapsed * this.perSecond) / 1000;
    // Room limits the refill; it never takes away what an earlier refill gave.
    this.tokens = refilled <= room ? refilled : Math.max(this.tokens, room);
    this.filledAt = now;
    this.idleAt = idle;
    if (this.tokens < 1) return true;
    this.tokens -= 1;
    return false;
  }
}

/** The ceiling's bucket holds this many seconds' worth of its rate, at least (see RequestCeiling). */
export const ceilingBurstSeconds = 0.02;

/**
 * Adaptive admission: under overload, each turn of the event loop serves requests for at most
 * `budgetMs` and answers the rest of the turn with a fast 503.
 *
 * Under overload what a request waits for is the event loop: the turn in which it arrived, then
 * the requests read before it in its own turn. Beyond the ceiling, refusing costs too (40-75 µs a
 * request on this 2-core machine, most of it the socket write) against about 330 for one served:
 * at three times the capacity the refusals take half the loop, the requests admitted at the
 * ceiling the rest, turns grow long and the load test's 429s waited 0.7-2 s. So while the ceiling
 * is refusing (it refused within the last `gate.overloadMemoryMs`), a turn that has spent
 * `budgetMs` since its first request admits no more: the rest of its requests get a 503 before
 * Fastify sees them, and the next turn begins with what arrived meanwhile. Turns stay a few
 * milliseconds long whatever the rate offered, and what is admitted is whatever fits: no rate to
 * find, nothing to smooth or raise again. In the load test's overload the refusals' p99 went from
 * 129-387 ms to 21-58 ms (medians of three runs 29-32), and 1,700-1,900 requests a second of the
 * ceiling's 2,320 were served.
 * The turn is known by a setImmediate, which runs once the loop has read its sockets.
 *
 * Only while the ceiling refuses: below it, a long turn is a busy service, not an overload (a
 * single search or a collection takes longer than the budget), and refusing there would turn
 * load test (a)'s 2,000 requests a second into errors.
 *
 * Before this, admission cut a rate to keep the loop's smoothed utilization under 90%: it reacted
 * in hundreds of milliseconds, over- and undershot, and its refusals' p99 stayed at 129-387 ms.
 * And why not @fastify/under-pressure's `maxEventLoopUtilization`: it refuses every request while
 * the last sample was over, and none after: under a steady overload it swings between refusing all
 * and queuing all, a sample period each; and its check runs in a hook, after Fastify has built the
 * request. It still guards against lag and the heap (below): a loop that stalls.
 */
export class AdmissionGate {
  /**
   * When this turn of the event loop read its first request (counted always, so an overload
   * that begins within a turn counts the turn whole); null between turns.
   */
  private turnStartedAt: number | null = null;
  private overloadedUntil = Number.NEGATIVE_INFINITY;
  private readonly endTurn = () => {
    this.turnStartedAt = null;
  };

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
    /** Runs its callback once the current turn has read its sockets. */
    private readonly afterTurn: (callback: () => void) => void = setImmediate,
  ) {}

  /** Whether the ceiling refused a request within the last `gate.overloadMemoryMs`. */
  get overloaded(): boolean {
    return this.now() < this.overloadedUntil;
  }

  /** The ceiling refused a request: an overload, and the refusal is this turn's work too. */
  refusedByCeiling(): void {
    const now = this.now();
    this.overloadedUntil = now + gate.overloadMemoryMs;
    this.startTurn(now);
  }

  /** Whether a request within the ceiling may go on. */
  admits(): boolean {
    const now = this.now();
    const startedAt = this.startTurn(now);
    return now >= this.overloadedUntil || now - startedAt <= this.budgetMs;
  }

  /** When the current turn started, starting it at `now` if this is its first request. */
  private startTurn(now: number): number {
    if (this.turnStartedAt === null) {
      this.turnStartedAt = now;
      this.afterTurn(this.endTurn);
    }
    return this.turnStartedAt;
  }
}

/** The admission gate's constants (see AdmissionGate). */
export const gate = {
  /**
   * The overload lasts this long after the ceiling's last refusal. Under overload the ceiling
   * refuses in every turn, but after a stall (a collection, a timer's work) its bucket has filled
   * and the first requests of the next turn pass it: that turn must still be cut short from its
   * first request. At 20 ms, the turns after stalls let dozens of requests in at once, which
   * made the next turn long in turn: the load test's refusals' p99 went to 41-90 ms (21-37 at
   * 100 ms). Ending it sooner at a turn that refuses nothing was worse still (41-141 ms): under
   * overload small turns refuse nothing too. The price is at the end of an overload: for 100 ms
   * a long turn is still cut short (in one run of three of the load test's recovery, at half the
   * capacity, one or two 503s in its first moments).
   */
  overloadMemoryMs: 100,
} as const;

interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A refusal written once, as the error handler would answer `error` (its body and headers). */
function refusal(error: ProblemError, crossOrigin: CrossOriginHeaders, extraHeaders: Record<string, string> = {}): Refusal {
  const body = Buffer.from(JSON.stringify(problemOf(error)));
  return {
    status: error.status,
    headers: {
      ...error.headers,
      ...extraHeaders,
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(body.length),
      // As every answer to a request with a key, which is not looked up before a refusal.
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      // A browser must be able to read the refusal and its Retry-After, not see a CORS error.
      ...crossOrigin.for(undefined),
    },
    body,
  };
}

/**
 * Writes a refusal on the raw response. Its CORS headers are `*` unless some origins may send
 * credentials: only then is the Origin header read (Node builds a request's header object on
 * first use, a cost every refusal under overload would pay).
 */
function writeRefusal(request: IncomingMessage, response: ServerResponse, answer: Refusal, crossOrigin: CrossOriginHeaders) {
  const origin = crossOrigin.credentialedOrigins > 0 ? request.headers.origin : undefined;
  const headers = crossOrigin.trusts(origin) ? { ...answer.headers, ...crossOrigin.for(origin) } : answer.headers;
  response.writeHead(answer.status, headers).end(answer.body);
}

export interface RawLimits {
  ceiling: RequestCeiling;
  /** Adaptive admission (it cuts turns short under overload), or null when off. */
  admission: AdmissionGate | null;
  crossOrigin: CrossOriginHeaders;
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
  const { ceiling, admission, crossOrigin } = limits;
  const overCeiling = refusal(
    rateLimited(`The service is receiving more than ${ceiling.perSecond} requests a second from all clients; retry in 1 s.`, 1),
    crossOrigin,
    // The RateLimit-* headers of every 429 (the per-client limit's, draft spec), for the
    // ceiling's one-second window.
    { 'ratelimit-limit': String(ceiling.perSecond), 'ratelimit-remaining': '0', 'ratelimit-reset': '1' },
  );
  const overAdmitted = refusal(overloaded('The service is answering as many requests as it can; retry in 1 s.', 1), crossOrigin);
  const refuse = (request: IncomingMessage, response: ServerResponse, answer: Refusal) => {
    limits.onRefused(answer.status);
    writeRefusal(request, response, answer, crossOrigin);
  };
  return (handler, options) => {
    const http = typeof options.http === 'object' && options.http !== null ? (options.http as ServerOptions) : {};
    const server = createServer(http, (request, response) => {
      const path = (request.url ?? '').split('?', 1)[0] ?? '';
      // Operator routes are never refused, nor counted.
      if (operatorRoutes.has(path)) return handler(request, response);
      if (ceiling.refuses()) {
        admission?.refusedByCeiling();
        return refuse(request, response, overCeiling);
      }
      if (admission && !admission.admits()) return refuse(request, response, overAdmitted);
      return handler(request, response);
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
  async (app: FastifyInstance, { config, crossOrigin }: { config: Config; crossOrigin: CrossOriginHeaders }) => {
    // While the service closes (SIGTERM), requests still arriving on open connections (pipelined,
    // or on a connection busy when the close began) get a 503 with Retry-After as problem+json,
    // as every refusal, rather than Fastify's own plain JSON without either (its
    // return503OnClosing is off, app.ts), and the connection is closed. The server's request
    // listener is replaced when the close begins: no hook on the request path until then.
    const shuttingDown = refusal(overloaded('The service is shutting down; retry in 1 s.', 1), crossOrigin, {
      connection: 'close',
    });
    app.addHook('preClose', (done) => {
      app.server.removeAllListeners('request');
      app.server.on('request', (request: IncomingMessage, response: ServerResponse) =>
        writeRefusal(request, response, shuttingDown, crossOrigin),
      );
      done();
    });

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
      pressureHandler: (request, reply, type) => {
        if (isOperatorRoute(request) || performance.now() < armedAt) return undefined;
        // This hook runs before @fastify/cors's: the refusal carries its headers itself.
        reply.headers(crossOrigin.for(request.headers.origin));
        return Promise.reject(
          overloaded(`The service is overloaded (${type}); retry in ${sheddingRetryAfterSeconds} s.`, sheddingRetryAfterSeconds),
        );
      },
    });
  },
  { name: 'request-limits', dependencies: ['error-handling'] },
);
