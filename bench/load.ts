// One autocannon run against one server: req/s and latency percentiles, and a loud failure when
// anything but a 2xx came back. Latencies are collected per response at full resolution, since
// autocannon's own histogram rounds to whole milliseconds and local responses take less than one.
import autocannon from 'autocannon';
import { type CpuUse, cpuSnapshot, cpuUse } from './cpu.js';

/** POST bodies sent in turn to the first path, with these headers, instead of GETs. */
export interface PostLoad {
  headers: Record<string, string>;
  bodies: string[];
}

export interface LoadSettings {
  connections: number;
  /** Seconds. */
  duration: number;
}

export interface RoundResult {
  /** Mean of autocannon's per-second request counts. */
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  requests: number;
  bytesPerSecond: number;
  /** Server CPU per request and the machine's other load during the round; null without /proc. */
  cpu: CpuUse | null;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

function statusSummary(result: autocannon.Result): string {
  const stats = Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => `${code}: ${count ?? 0}`);
  return stats.length > 0 ? stats.join(', ') : 'none';
}

/** Runs autocannon cycling through `paths` on `origin`; throws if any request failed or was not 2xx. */
export async function runLoad(
  label: string,
  target: { origin: string; pid: number | undefined },
  paths: string[],
  settings: LoadSettings,
  post?: PostLoad,
): Promise<RoundResult> {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const before = cpuSnapshot(target.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.origin,
        connections: settings.connections,
        duration: settings.duration,
        requests: post
          ? post.bodies.map((body) => ({ method: 'POST' as const, path: paths[0] ?? '/', body, headers: post.headers }))
          : paths.map((path) => ({ method: 'GET' as const, path })),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count] = responseTime;
      count += 1;
    });
  });
  const after = cpuSnapshot(target.pid);
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result.mismatches > 0) {
    throw new Error(
      `${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses ` +
        `(status codes ${statusSummary(result)}) out of ${result.requests.total} requests`,
    );
  }
  if (result.requests.total === 0) throw new Error(`${label}: no request completed`);
  const sorted = latencies.slice(0, count).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    requestsPerSecond: result.requests.mean,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    meanMs: sum / count,
    requests: result.requests.total,
    bytesPerSecond: result.throughput.mean,
    cpu: cpuUse(before, after, result.requests.total),
  };
}
