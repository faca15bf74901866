// An open-loop load generator at a fixed rate. Request i is due at start + i / rate whatever
// happened to the requests before it, and its latency is measured from that intended time, not
// from when it was written to a socket: when the service (or a full connection pool) holds
// requests back, the wait counts, as it would for the readers behind them. This is the
// coordinated-omission correction of wrk2 and HdrHistogram, done by construction.
//
// Why not autocannon's fixed-rate mode (`overallRate`): in autocannon 8 each connection sends its
// share of the rate back to back at the start of every second and then idles (closed loop,
// bursts), times each request from when it was sent, and its "correction" calls HdrHistogram's
// recordValueWithExpectedInterval(latency, Math.ceil(1 / rate)): an expected interval of 1 ms
// whatever the rate (1 / rate is in seconds), which adds invented samples below every response
// slower than 1 ms instead of the requests a stalled service kept from being sent.
// undici's Pool sends the requests: fewer CPU cycles per request than node:http, which matters
// when generator and service share two cores.
import { Pool } from 'undici';
import { type LatencySummary, Samples } from './samples.js';

export type { LatencySummary } from './samples.js';

export interface PlannedRequest {
  /** What the request stands for in the workload, e.g. "article by slug"; errors are listed by it. */
  kind: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RateRunOptions {
  origin: string;
  /** Requests per second. */
  rate: number;
  seconds: number;
  /** Keep-alive connections; requests wait in the pool (and that wait counts) when all are busy. */
  connections: number;
  /** A response must start within this many ms of being sent; also how long the end waits for stragglers. */
  timeoutMs: number;
  /** The workload: called once per request, at its intended time. */
  next(): PlannedRequest;
  /**
   * Connections already open to the service, as a warm-up left them: the run then neither opens
   * them (64 at once, while the first second's requests are due) nor closes them at its end.
   */
  pool?: Pool;
}

/** The load generator's keep-alive connections to `origin`. */
export function connectionPool(origin: string, connections: number, timeoutMs: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
}

/**
 * Opens every connection of `pool` at once, before a measurement: readers who keep their
 * connections alive, rather than a burst of new sockets in the first second of a run (with
 * 256 connections the first second of an overload held answers 240-307 ms late). Returns how
 * many are open.
 */
export async function openConnections(pool: Pool, connections: number): Promise<number> {
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const response = await pool.request({ path: '/healthz', method: 'GET' });
      await response.body.dump();
    }),
  );
  return pool.stats.connected;
}

export interface RateRunResult {
  rate: number;
  seconds: number;
  scheduled: number;
  /** Responses of any status per second of the run. */
  answeredPerSecond: number;
  statuses: Record<string, number>;
  /** 2xx and 3xx, from the intended send time (corrected). */
  ok: LatencySummary;
  /** 2xx and 3xx, from when the request was written to its connection (uncorrected, for comparison). */
  okServiceTime: LatencySummary;
  /** 429 and 503 (load shed), from the intended send time. */
  shed: LatencySummary;
  /**
   * 429 and 503, from when the request was written to its connection: the service's part of a
   * refusal's time, without the wait for a free connection.
   */
  shedServiceTime: LatencySummary;
  /** Shed answers without a Retry-After header. */
  shedWithoutRetryAfter: number;
  /** 2xx and 3xx per kind of request, from the intended send time: which endpoints are slow. */
  okByKind: Record<string, LatencySummary>;
  /** Everything else, by "kind: status N" or "kind: error code"; "unfinished" is still open at the end. */
  errors: Record<string, number>;
  errorCount: number;
  /** How late the generator itself dispatched requests (its own CPU starvation), ms. */
  sendLag: { p99Ms: number; maxMs: number };
  /**
   * The slowest answer (any status) of the requests due in each second of the run, ms: when
   * the tail happened (the start, or something periodic), which the percentiles do not say.
   */
  slowestBySecond: number[];
}

const shedStatuses = new Set([429, 503]);

function hasRetryAfter(rawHeaders: Buffer[]): boolean {
  for (let index = 0; index < rawHeaders.length; index += 2)
    if (rawHeaders[index]?.toString('latin1').toLowerCase() === 'retry-after') return true;
  return false;
}

/** Sends `rate × seconds` requests on schedule, then waits up to timeoutMs for the last answers. */
export async function runAtRate(options: RateRunOptions): Promise<RateRunResult> {
  const pool = options.pool ?? connectionPool(options.origin, options.connections, options.timeoutMs);
  const ok = new Samples();
  const okServiceTime = new Samples();
  const shed = new Samples();
  const shedServiceTime = new Samples();
  const lags = new Samples();
  const byKind = new Map<string, Samples>();
  const statuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const count = (record: Record<string, number>, key: string) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  let shedWithoutRetryAfter = 0;
  const slowestBySecond: number[] = [];
  let open = 0;
  let closing = false;
  let ended = false;
  let onIdle: (() => void) | null = null;
  const settle = () => {
    open -= 1;
    if (open === 0) onIdle?.();
  };

  const fire = (intended: number) => {
    const request = options.next();
    open += 1;
    let writtenAt = intended;
    let status = 0;
    let retryAfter = false;
    pool.dispatch(
      { path: request.path, method: request.method, headers: request.headers, body: request.body },
      {
        onConnect: () => {
          writtenAt = performance.now();
        },
        onHeaders: (statusCode, rawHeaders) => {
          status = statusCode;
          if (shedStatuses.has(statusCode)) retryAfter = hasRetryAfter(rawHeaders);
          return true;
        },
        onData: () => true,
        onComplete: () => {
          // Past the end of the run (on a pool that outlives it): already counted as unfinished.
          if (ended) return;
          const now = performance.now();
          const second = Math.max(0, Math.floor((intended - start) / 1000));
          slowestBySecond[second] = Math.max(slowestBySecond[second] ?? 0, now - intended);
          count(statuses, String(status));
          if (status >= 200 && status < 400) {
            ok.add(now - intended);
            okServiceTime.add(now - writtenAt);
            let kind = byKind.get(request.kind);
            if (!kind) {
              kind = new Samples();
              byKind.set(request.kind, kind);
            }
            kind.add(now - intended);
          } else if (shedStatuses.has(status)) {
            shed.add(now - intended);
            shedServiceTime.add(now - writtenAt);
            if (!retryAfter) shedWithoutRetryAfter += 1;
          } else count(errors, `${request.kind}: status ${status}`);
          settle();
        },
        onError: (error: Error & { code?: string }) => {
          if (ended) return;
          count(errors, closing ? 'unfinished' : `${request.kind}: ${error.code ?? error.name}`);
          settle();
        },
      },
    );
  };

  const interval = 1000 / options.rate;
  const scheduled = Math.max(1, Math.round(options.rate * options.seconds));
  const start = performance.now() + 5;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const due = Math.min(scheduled, Math.floor((now - start) / interval) + 1);
      for (; sent < due; sent += 1) {
        const intended = start + sent * interval;
        lags.add(now - intended);
        fire(intended);
      }
      if (sent < scheduled) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
      else resolve();
    };
    setTimeout(tick, 5);
  });
  const sendingEnded = performance.now();
  // Bounded: whatever has not answered within the timeout after the last send is "unfinished".
  await new Promise<void>((resolve) => {
    if (open === 0) return resolve();
    const timer = setTimeout(resolve, options.timeoutMs);
    onIdle = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  const answeredAt = performance.now();
  closing = true;
  if (options.pool) {
    // The pool stays open for the next run: what is still open here is unfinished all the same.
    if (open > 0) errors.unfinished = (errors.unfinished ?? 0) + open;
    ended = true;
  } else await pool.destroy();
  const elapsedSeconds = (Math.max(sendingEnded, answeredAt) - start) / 1000;
  const lag = lags.summary();
  const okSummary = ok.summary();
  const shedSummary = shed.summary();
  return {
    rate: options.rate,
    seconds: options.seconds,
    scheduled,
    answeredPerSecond: (okSummary.count + shedSummary.count) / elapsedSeconds,
    statuses,
    ok: okSummary,
    okServiceTime: okServiceTime.summary(),
    shed: shedSummary,
    shedServiceTime: shedServiceTime.summary(),
    shedWithoutRetryAfter,
    okByKind: Object.fromEntries([...byKind].map(([kind, samples]) => [kind, samples.summary()])),
    errors,
    errorCount: Object.values(errors).reduce((sum, value) => sum + value, 0),
    sendLag: { p99Ms: lag.p99Ms, maxMs: lag.maxMs },
    slowestBySecond: Array.from(slowestBySecond, (ms) => Math.round(ms ?? 0)),
  };
}
