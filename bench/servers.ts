// The two servers under load: the compiled service on the benchmark dataset, and the baseline
// that replays the service's bytes. Both are children of the benchmark, on 127.0.0.1 only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Child, type Children, freePort, waitForHttp, waitForLine } from './processes.js';

export interface Server {
  name: 'service' | 'baseline';
  child: Child;
  origin: string;
  pid: number | undefined;
  /** Spawn to first answered request, ms. */
  startupMs: number;
  /** The C allocator it runs on (the service: see `jemallocPath`). */
  allocator: 'jemalloc' | 'glibc';
}

/** GETs a path as autocannon would see it; throws unless 200. */
export async function getText(origin: string, path: string): Promise<string> {
  // identity: autocannon sends no Accept-Encoding, so the bytes to replay are the uncompressed ones.
  const response = await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'identity' } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${origin}${path} answered ${response.status}: ${body.slice(0, 300)}`);
  return body;
}

/** POSTs a body as autocannon would; throws unless 2xx. Returns the status and the body. */
export async function postText(
  origin: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${origin}${path}`, {
    method: 'POST',
    body,
    headers: { ...headers, 'accept-encoding': 'identity' },
  });
  const text = await response.text();
  if (response.status < 200 || response.status > 299)
    throw new Error(`POST ${origin}${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return { status: response.status, body: text };
}

/**
 * Node's flags for the service, as the Dockerfile and `npm start` run it: young-generation
 * semi-spaces of 4 MiB instead of Node 20's 16, and an old generation of at most 1 GiB, with
 * which V8 collects it at 1.6 times its live size rather than up to 4 times (README "Scale",
 * memory).
 */
export const serviceNodeFlags = ['--max-semi-space-size=4', '--max-old-space-size=1024'];

/**
 * jemalloc, which the Dockerfile preloads, when this machine has it (Debian's libjemalloc2):
 * glibc's malloc keeps the chunks freed between long-lived cache bodies resident, jemalloc gives
 * them back (README "Scale", memory). Without it the service runs on glibc's, as `npm start` does.
 */
export const jemallocPath =
  [`/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/libjemalloc.so.2`].find((path) => existsSync(path)) ??
  null;

/** Starts the compiled service on `databasePath`; `overrides` replace or add to the settings below. */

export async function startService(
  children: Children,
  root: string,
  databasePath: string,
  overrides: Record<string, string> = {},
): Promise<Server> {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_PATH: databasePath,
    HOST: '127.0.0.1',
    PORT: String(port),
    DEMO_CONTENT: 'false',
    // warn: nothing is logged per request, as in production; info would log two lines per request.
    LOG_LEVEL: 'warn',
    // The benchmark is one client sending thousands of requests a second; it must not be throttled.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    RATE_LIMIT_VIEWS_PER_MINUTE: '1000000000',
    // Nor capped as a whole: the benchmark measures the service, not its global ceiling.
    RATE_LIMIT_GLOBAL_PER_SECOND: '0',
    // Nor shed: the benchmark drives the service to its limit on purpose, and a 503 would end a
    // run (at a million articles, before the windows were summed in slices, one did).
    MAX_EVENT_LOOP_DELAY_MS: '0',
    // Two arenas, as the Dockerfile sets: Node allocates from its main thread, and each of
    // jemalloc's default four per CPU (eight here) keeps pages of its own.
    ...(jemallocPath ? { LD_PRELOAD: jemallocPath, MALLOC_CONF: 'narenas:2' } : {}),
  };
  const settings = { ...env, ...overrides };
  const child = children.start('service', [...serviceNodeFlags, join(root, 'dist/src/server.js')], { cwd: root, env: settings });
  const origin = `http://127.0.0.1:${port}`;
  const startupMs = await waitForHttp(child, `${origin}/v1/articles?limit=1`);
  const allocator = settings.LD_PRELOAD?.includes('jemalloc') ? 'jemalloc' : 'glibc';
  return { name: 'service', child, origin, pid: child.process.pid, startupMs, allocator };
}

export async function startBaseline(children: Children, root: string, responsesPath: string): Promise<Server> {
  // Port 0: the baseline takes a free port itself and reports it in its ready line.
  const child = children.start('baseline', [join(root, 'dist/bench/baseline.js'), responsesPath, '0'], { cwd: root });
  const ready = await waitForLine(child, /^baseline listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const origin = ready[1] ?? '';
  const startupMs = performance.now() - child.spawnedAt;
  return { name: 'baseline', child, origin, pid: child.process.pid, startupMs, allocator: 'glibc' };
}

/** What the service's own metrics say of its memory, MiB (prom-client's default metrics). */
export async function heapOf(service: Server): Promise<Record<string, number> | null> {
  const wanted = {
    rss: 'process_resident_memory_bytes',
    heapUsed: 'nodejs_heap_size_used_bytes',
    heapTotal: 'nodejs_heap_size_total_bytes',
    external: 'nodejs_external_memory_bytes',
  };
  try {
    const text = await getText(service.origin, '/metrics');
    const out: Record<string, number> = {};
    for (const [key, metric] of Object.entries(wanted)) {
      const value = new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1];
      if (value !== undefined) out[`${key}MiB`] = Number(value) / 2 ** 20;
    }
    return out;
  } catch {
    return null;
  }
}
