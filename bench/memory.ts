// Where the service's resident memory goes under the benchmark's load, phase by phase: the same
// URLs as `npm run bench`, the service alone (no baseline), a few seconds of load per endpoint,
// then batch ingestion, with /proc and the service's own metrics read after each.
// Usage: npm run bench:memory -- [--articles N] [--duration S] [--settle S] [--env NAME=VALUE,...] [--node-options "..."]
// --settle S: after the ingestion, leave the service idle S seconds and report once more (V8's
// memory reducer collects an idle heap's garbage, and returns the pages, some seconds after a burst).
// --node-options go in NODE_OPTIONS, so a V8 flag the service is started with (serviceNodeFlags in
// servers.ts, --max-semi-space-size) wins over the same flag given here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { endpointRandom, endpoints } from './endpoints.js';
import { datasetFile, generateDataset } from './generate.js';
import { measureIngestion } from './ingestion.js';
import { runLoad } from './load.js';
import { Children, memoryOf } from './processes.js';
import { getText, heapOf, type Server, startService } from './servers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mib = 2 ** 20;

/** Resident anonymous memory by kind of mapping: the malloc heap, 64 MiB malloc arenas, the rest, MiB. */
function anonymousMappings(pid: number | undefined): Record<string, number> {
  const sums: Record<string, number> = { brk: 0, arenas: 0, otherAnon: 0 };
  let kind: string | null = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (header) {
      const size = Number.parseInt(header[2] ?? '0', 16) - Number.parseInt(header[1] ?? '0', 16);
      const name = header[4] ?? '';
      kind = name === '[heap]' ? 'brk' : name !== '' ? null : size >= 60 * mib && size <= 64 * mib ? 'arenas' : 'otherAnon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && kind !== null) sums[kind] = (sums[kind] ?? 0) + Number(rss[1]) / 1024;
  }
  return sums;
}

/** Hits and misses of each response cache so far, and the MiB each holds. */
function cacheFigures(text: string): Record<string, { hit: number; miss: number; mib: number }> {
  const out: Record<string, { hit: number; miss: number; mib: number }> = {};
  for (const match of text.matchAll(/^response_cache_lookups_total\{cache="(\w+)",outcome="(\w+)"\} (\S+)$/gm)) {
    const name = match[1] ?? '';
    const entry = out[name] ?? { hit: 0, miss: 0, mib: 0 };
    out[name] = entry;
    if (match[2] === 'hit') entry.hit = Number(match[3]);
    else entry.miss = Number(match[3]);
  }
  for (const match of text.matchAll(/^response_cache_bytes\{cache="(\w+)"\} (\S+)$/gm)) {
    const entry = out[match[1] ?? ''];
    if (entry) entry.mib = Number(match[2]) / mib;
  }
  return out;
}

let lastCaches: Record<string, { hit: number; miss: number; mib: number }> = {};
let lastCollections: Record<string, number> = {};

/** V8's collections since the last report by kind (minor: scavenges; major: mark-compacts, which follow the old generation's growth). */
function collections(text: string): string {
  const now: Record<string, number> = {};
  for (const match of text.matchAll(/^nodejs_gc_duration_seconds_count\{kind="(\w+)"\} (\S+)$/gm))
    now[match[1] ?? ''] = Number(match[2]);
  const since = Object.entries(now).map(([kind, count]) => `${kind} ${count - (lastCollections[kind] ?? 0)}`);
  lastCollections = now;
  return since.join(', ');
}

/** The V8 heap's use by space, MiB: what survives scavenges lands in old, strings and arrays over 128 KiB in large_object. */
function heapSpaces(text: string): string {
  const used = [...text.matchAll(/^nodejs_heap_space_size_used_bytes\{space="(\w+)"\} (\S+)$/gm)];
  return used.map((match) => `${match[1]} ${(Number(match[2]) / mib).toFixed(1)}`).join(', ');
}

async function report(label: string, service: Server): Promise<void> {
  const figures = { ...memoryOf(service.child), ...anonymousMappings(service.pid), ...(await heapOf(service)) };
  const text = Object.entries(figures)
    .map(([name, value]) => `${name} ${value.toFixed(1)}`)
    .join(', ');
  console.log(`memory: ${label}: ${text} (MiB)`);
  // The service's own figures, all from one reading of its metrics.
  const metrics = await getText(service.origin, '/metrics');
  const caches = cacheFigures(metrics);
  const cacheText = Object.entries(caches)
    .map(([name, now]) => {
      const hits = now.hit - (lastCaches[name]?.hit ?? 0);
      const misses = now.miss - (lastCaches[name]?.miss ?? 0);
      return `${name} ${hits}/${hits + misses} hits, ${now.mib.toFixed(1)} MiB`;
    })
    .join('; ');
  lastCaches = caches;
  console.log(`caches: ${label}: ${cacheText}`);
  console.log(`collections: ${label}: ${collections(metrics)}`);
  console.log(`heap spaces: ${label}: ${heapSpaces(metrics)} (MiB used)`);
}

async function main(children: Children): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '3' },
      env: { type: 'string', default: '' },
      'node-options': { type: 'string', default: '' },
      settle: { type: 'string', default: '0' },
      snapshot: { type: 'boolean', default: false },
    },
  });
  const articles = Number(values.articles);
  const duration = Number(values.duration);
  const overrides = Object.fromEntries(
    values.env
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  if (values['node-options']) overrides.NODE_OPTIONS = values['node-options'];
  const dataPath = datasetFile(root, articles, 42);
  const dataset = generateDataset(dataPath, articles, 42);
  const service = await startService(children, root, dataPath, overrides);
  console.log(
    `service: started in ${service.startupMs.toFixed(0)} ms on ${service.allocator}'s malloc with ${JSON.stringify(overrides)}`,
  );
  await report('started', service);
  const getJson = async (path: string): Promise<unknown> => JSON.parse(await getText(service.origin, path));
  // As `npm run bench` does: every endpoint's URLs requested once first, then the load.
  const plans: { endpoint: (typeof endpoints)[number]; paths: string[]; bodies: string[] | null }[] = [];
  for (const endpoint of endpoints) {
    const context = { dataset, random: endpointRandom(42, endpoint.name), getJson };
    const paths = await endpoint.urls(context);
    if (!endpoint.post) for (const path of paths) await getText(service.origin, path);
    plans.push({ endpoint, paths, bodies: endpoint.post ? await endpoint.post.bodies(context) : null });
  }
  await report('planned', service);
  for (const { endpoint, paths, bodies } of plans) {
    if (endpoint.post && bodies) {
      const post = { headers: endpoint.post.headers, bodies };
      await runLoad(endpoint.name, service, paths.slice(0, 1), { connections: 10, duration }, post);
    } else {
      const result = await runLoad(endpoint.name, service, paths, { connections: 10, duration });
      const cpu = result.cpu
        ? `, ${result.cpu.serverMicrosPerRequest.toFixed(0)} µs CPU/req, other load ${result.cpu.otherCores.toFixed(2)} cores`
        : '';
      console.log(
        `load: ${endpoint.name}: ${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms${cpu}`,
      );
    }
    await report(endpoint.name, service);
  }
  await measureIngestion(service, dataset, { connections: 10, duration, warmup: 1, seed: 42 });
  await report('batch ingestion', service);
  const settle = Number(values.settle);
  if (settle > 0) {
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    await report(`idle ${settle} s after the ingestion`, service);
  }
  if (values.snapshot) {
    // Needs --node-options=--heapsnapshot-signal=SIGUSR2; the file lands in the service's cwd.
    process.kill(service.pid ?? 0, 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
}

const children = new Children();
try {
  await main(children);
} catch (error) {
  console.error(`memory probe failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await children.stopAll();
}
