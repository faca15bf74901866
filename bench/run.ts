// The benchmark CLI: dataset, service, baseline, load, report. Compares the service with a bare
// Fastify server that answers the very same bytes, endpoint by endpoint, prints a markdown table
// and writes bench/results/latest.json.
// Usage: npm run bench -- [--articles N] [--duration S] [--connections C] [--rounds R] [--warmup S] [--seed N]
//                         [--only NAME,...]  (endpoints whose name contains one of these; batch ingestion and
//                         "restart after a crash" included)
import { statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareEndpoint, type Plan } from './compare.js';
import { endpointRandom, endpoints } from './endpoints.js';
import { type Dataset, datasetFile, generateDataset } from './generate.js';
import { type IngestionResult, ingestionLine, ingestionName, measureIngestion } from './ingestion.js';
import { percentile } from './load.js';
import { Children, memoryOf } from './processes.js';
import { type EndpointSummary, markdownTable, writeResults } from './report.js';
import { measureRestarts, type RestartResult, restartLine, restartName } from './restart.js';
import { getText, heapOf, postText, type Server, startBaseline, startService } from './servers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return parsed;
}

function readSettings() {
  const names = ['articles', 'duration', 'connections', 'rounds', 'warmup', 'seed'] as const;
  const { values } = parseArgs({
    options: Object.fromEntries([...names, 'only'].map((name) => [name, { type: 'string' as const }])),
  });
  const only = typeof values.only === 'string' ? values.only.split(',').map((part) => part.trim().toLowerCase()) : null;
  const value = (name: (typeof names)[number]) => {
    const raw = values[name];
    return typeof raw === 'string' ? raw : undefined;
  };
  return {
    articles: positiveInt('articles', value('articles'), 10_000),
    duration: positiveInt('duration', value('duration'), 10),
    connections: positiveInt('connections', value('connections'), 10),
    rounds: positiveInt('rounds', value('rounds'), 2),
    warmup: positiveInt('warmup', value('warmup'), 1),
    seed: positiveInt('seed', value('seed'), 42),
    /** Measures only what this selects, by name. */
    selects: (name: string) => only === null || only.some((part) => name.toLowerCase().includes(part)),
  };
}

/** The median, 95th percentile and slowest of some times, ms. */
function spread(times: number[]): { p50Ms: number; p95Ms: number; maxMs: number } {
  const sorted = Float64Array.from(times).sort();
  return { p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), maxMs: sorted[sorted.length - 1] ?? Number.NaN };
}

/** Each endpoint's URLs, and every URL's exact body from the service (its first, uncached request, timed). */
async function planEndpoints(service: Server, dataset: Dataset, seed: number, selects: (name: string) => boolean) {
  const responses: Record<string, string> = {};
  const plans: Plan[] = [];
  const getJson = async (path: string): Promise<unknown> => JSON.parse(await getText(service.origin, path));
  for (const endpoint of endpoints.filter((candidate) => selects(candidate.name))) {
    const context = { dataset, random: endpointRandom(seed, endpoint.name), getJson };
    const paths = await endpoint.urls(context);
    if (paths.length === 0) throw new Error(`${endpoint.name}: no URLs`);
    const started = performance.now();
    if (endpoint.post) {
      // Every body gets the same answer; the baseline replays the first one's.
      const post = { headers: endpoint.post.headers, bodies: await endpoint.post.bodies(context) };
      const path = paths[0] ?? '/';
      responses[`POST ${path}`] = (await postText(service.origin, path, post.bodies[0] ?? '', post.headers)).body;
      const firstRequestMs = performance.now() - started;
      plans.push({ endpoint, paths: [path], firstRequestMs, firstRequests: spread([firstRequestMs]), post });
      console.log(`urls: ${endpoint.name}: POST ${path}, ${post.bodies.length} bodies`);
      continue;
    }
    const times: number[] = [];
    for (const path of paths) {
      const sent = performance.now();
      responses[path] = await getText(service.origin, path);
      times.push(performance.now() - sent);
    }
    plans.push({ endpoint, paths, firstRequestMs: (performance.now() - started) / paths.length, firstRequests: spread(times) });
    console.log(`urls: ${endpoint.name}: ${paths.length}`);
  }
  return { plans, responses };
}

async function main(children: Children): Promise<void> {
  const settings = readSettings();
  const dataPath = datasetFile(root, settings.articles, settings.seed);
  const dataset = generateDataset(dataPath, settings.articles, settings.seed);

  const service = await startService(children, root, dataPath);
  console.log(
    `service: listening at ${service.origin} after ${service.startupMs.toFixed(0)} ms, on ${service.allocator}'s malloc`,
  );
  const { plans, responses } = await planEndpoints(service, dataset, settings.seed, settings.selects);
  // JSON, named .dat so the linter, which checks bench/**, does not read a 15 MB file.
  const responsesPath = join(root, 'bench/data', 'baseline-responses.dat');
  writeFileSync(responsesPath, JSON.stringify(responses));

  const baseline = await startBaseline(children, root, responsesPath);
  // Both servers must send identical bytes, else the comparison means nothing.
  for (const { paths, post } of plans) {
    const path = paths[0] ?? '/';
    const [sent, expected] = post
      ? [(await postText(baseline.origin, path, post.bodies[0] ?? '', post.headers)).body, responses[`POST ${path}`]]
      : [await getText(baseline.origin, path), responses[path]];
    if (sent !== expected) throw new Error(`baseline and service differ for ${path}`);
  }

  const summaries: EndpointSummary[] = [];
  for (const plan of plans) summaries.push(await compareEndpoint(plan, baseline, service, settings));
  const ingestion: IngestionResult | null = settings.selects(ingestionName)
    ? await measureIngestion(service, dataset, settings)
    : null;

  const footer = {
    startupMs: service.startupMs,
    memory: memoryOf(service.child),
    heap: await heapOf(service),
    baselineMemory: memoryOf(baseline.child),
    dataset: {
      articles: dataset.articles,
      published: dataset.publishedSlugs.length,
      megabytes: statSync(dataPath).size / 1e6,
      reused: dataset.reused,
      seconds: dataset.seconds,
    },
    settings,
  };
  // Last: it kills the service measured above (its memory is read by then).
  const restart: RestartResult | null = settings.selects(restartName)
    ? (await measureRestarts(children, root, dataPath, service, dataset, settings.seed)).result
    : null;
  console.log(`\n${markdownTable(summaries, footer)}`);
  if (ingestion) console.log(ingestionLine(ingestion));
  if (restart) console.log(restartLine(restart));
  const resultsPath = join(root, 'bench/results/latest.json');
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    settings,
    dataset: { ...footer.dataset, path: dataPath },
    service: { startupMs: service.startupMs, allocator: service.allocator, memory: footer.memory, heap: footer.heap },
    baseline: { startupMs: baseline.startupMs, memory: footer.baselineMemory },
    endpoints: summaries,
    ingestion,
    restart,
  };
  writeResults(resultsPath, results);
  // One file per dataset size as well, for `npm run bench:compare` (sizes side by side).
  const sizePath = join(root, 'bench/results', `articles-${settings.articles}.json`);
  writeResults(sizePath, results);
  console.log(`\nresults: ${resultsPath} and ${sizePath}`);
}

const children = new Children();
process.once('SIGINT', () => {
  children.stopAll().finally(() => process.exit(130));
});
try {
  await main(children);
} catch (error) {
  console.error(`\nbenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await children.stopAll();
}
