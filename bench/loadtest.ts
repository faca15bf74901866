// The load test CLI: a mixed workload (90% reads, 10% views and editor writes) against the compiled
// service on 127.0.0.1 at fixed rates, open loop: (a) a fixed rate, (b) the highest sustained
// rate, (c) three times that rate and the recovery after it, each run several times. Prints a
// markdown table and writes bench/results/loadtest.json. Bounded: it states its length at start.
// Usage: npm run loadtest -- [--runs 3] [--rate 2000] [--duration 60] [--step-duration 10]
//   [--search-steps 5] [--sustain-p99 200] [--overload-duration 20] [--recovery-duration 10]
//   [--capacity N] [--warmup 5] [--connections 64] [--timeout 5000] [--seed 42] [--phases a,b,c]
//   [--quick] [--articles 10000] [--service-env NAME=VALUE ...] [--weight KIND=N ...] (e.g. --weight article-update=0)
//   [--accept-encoding VALUE] (what reads send; 'gzip, deflate, br' by default, '' for none)
// Quick try: npm run loadtest -- --quick (1 run, 5 s phases; any option above still applies)
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { datasetFile, generateDataset } from './generate.js';
import { plannedSeconds } from './loadtest/duration.js';
import { type Context, type LoadSettings, runFixed, runOverload, runSearch } from './loadtest/phases.js';
import { markdownReport, median, type Outcome, verdicts } from './loadtest/report.js';
import { serviceEnv, startServiceUnderTest } from './loadtest/service.js';
import { isKind, mixWeights, planWorkload } from './loadtest/workload.js';
import { Children, stop } from './processes.js';
import { writeResults } from './report.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const numeric = {
  runs: 3,
  rate: 2000,
  duration: 60,
  'step-duration': 10,
  'search-steps': 5,
  'sustain-p99': 200,
  'overload-duration': 20,
  'recovery-duration': 10,
  capacity: 0,
  // Long enough to have asked for most of the 10,000 planned URLs once: a service in use has warm caches.
  warmup: 30,
  connections: 64,
  timeout: 5000,
  seed: 42,
  articles: 10_000,
};

/** --quick: a try of every phase in about two minutes; numbers from it only show that it works. */
const quick: Partial<typeof numeric> = {
  runs: 1,
  duration: 5,
  'step-duration': 3,
  'search-steps': 3,
  'overload-duration': 5,
  'recovery-duration': 3,
  warmup: 1,
};

function readSettings(): LoadSettings & { articles: number } {
  const { values } = parseArgs({
    options: {
      ...Object.fromEntries(Object.keys(numeric).map((name) => [name, { type: 'string' as const }])),
      phases: { type: 'string' as const },
      quick: { type: 'boolean' as const },
      'service-env': { type: 'string' as const, multiple: true },
      weight: { type: 'string' as const, multiple: true },
      'accept-encoding': { type: 'string' as const },
    },
  });
  const given: Record<string, unknown> = values;
  const defaults = values.quick ? { ...numeric, ...quick } : numeric;
  const number = (name: keyof typeof numeric): number => {
    const raw = given[name];
    if (typeof raw !== 'string') return defaults[name];
    const parsed = Number(raw);
    const least = name === 'capacity' || name === 'warmup' ? 0 : 1;
    if (!Number.isInteger(parsed) || parsed < least) throw new Error(`--${name} must be an integer ≥ ${least}, got "${raw}"`);
    return parsed;
  };
  const phases = typeof values.phases === 'string' ? values.phases.split(',').map((part) => part.trim()) : ['a', 'b', 'c'];
  if (phases.some((phase) => !['a', 'b', 'c'].includes(phase))) throw new Error('--phases takes a, b and c, comma-separated');
  const extraEnv: Record<string, string> = {};
  for (const assignment of values['service-env'] ?? []) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(assignment);
    if (!match?.[1]) throw new Error(`--service-env takes NAME=VALUE, got "${assignment}"`);
    extraEnv[match[1]] = match[2] ?? '';
  }
  const weights = { ...mixWeights };
  for (const assignment of values.weight ?? []) {
    const match = /^(.+)=(\d+(?:\.\d+)?)$/.exec(assignment);
    const kind = match?.[1]?.trim().replaceAll('-', ' ') ?? '';
    if (!match || !isKind(kind)) throw new Error(`--weight takes KIND=N with a kind of ${Object.keys(mixWeights).join(', ')}`);
    weights[kind] = Number(match[2]);
  }
  return {
    runs: number('runs'),
    rate: number('rate'),
    seconds: number('duration'),
    stepSeconds: number('step-duration'),
    searchSteps: number('search-steps'),
    sustainP99Ms: number('sustain-p99'),
    overloadSeconds: number('overload-duration'),
    recoverySeconds: number('recovery-duration'),
    capacity: number('capacity') === 0 ? null : number('capacity'),
    warmupSeconds: number('warmup'),
    connections: number('connections'),
    timeoutMs: number('timeout'),
    seed: number('seed'),
    articles: number('articles'),
    phases,
    weights,
    // What browsers, front ends' fetch and feed readers send; '' for none, as every run before
    // 2026-11-29 (evening) measured.
    acceptEncoding: typeof values['accept-encoding'] === 'string' ? values['accept-encoding'] : 'gzip, deflate, br',
    extraEnv,
  };
}

async function main(children: Children): Promise<void> {
  const started = performance.now();
  const settings = readSettings();
  const planned = plannedSeconds(settings);
  console.log(
    `loadtest: phases ${settings.phases.join(', ')}, ${settings.runs} run(s) each; ` +
      `reads send ${settings.acceptEncoding === '' ? 'no Accept-Encoding' : `Accept-Encoding: ${settings.acceptEncoding}`}; ` +
      `expected about ${Math.ceil(planned.expected / 60)} min, at most ${Math.ceil(planned.atMost / 60)} min`,
  );
  const datasetPath = datasetFile(root, settings.articles, settings.seed);
  const dataset = generateDataset(datasetPath, settings.articles, settings.seed);
  const copyPath = join(root, 'bench/data', 'loadtest-service.db');

  // Plan every URL once, against a service on a copy of the dataset; every run replays the plan.
  const planner = await startServiceUnderTest(children, root, datasetPath, copyPath, serviceEnv.capacity());
  const workload = await planWorkload(dataset, settings.seed, planner.server.origin);
  await stop(planner.server.child);
  console.log(
    `loadtest: planned ${Object.values(workload.urlCounts).reduce((sum, n) => sum + n, 0)} GET URLs; the service runs on ${planner.server.allocator}'s malloc`,
  );

  const context: Context = { children, root, datasetPath, copyPath, workload, settings };
  const outcome: Outcome = { fixed: [], search: [], overload: [], capacity: settings.capacity };
  for (let run = 1; settings.phases.includes('a') && run <= settings.runs; run += 1)
    outcome.fixed.push(await runFixed(context, run));
  for (let run = 1; settings.phases.includes('b') && run <= settings.runs; run += 1)
    outcome.search.push(await runSearch(context, run));
  if (outcome.search.length > 0 && settings.capacity === null)
    outcome.capacity = median(outcome.search.map((search) => search.sustained));
  // Without (b) or --capacity, (c) takes (a)'s rate as the capacity.
  const capacity = outcome.capacity ?? settings.rate;
  outcome.capacity = capacity;
  if (settings.phases.includes('c') && capacity === 0)
    console.log('(c) skipped: (b) found no sustained rate to triple (give one with --capacity)');
  for (let run = 1; settings.phases.includes('c') && capacity > 0 && run <= settings.runs; run += 1)
    outcome.overload.push(await runOverload(context, run, capacity));

  const elapsedSeconds = (performance.now() - started) / 1000;
  console.log(`\n${markdownReport(outcome, settings)}`);
  console.log(`Load test took ${(elapsedSeconds / 60).toFixed(1)} min; Node ${process.version}, ${cpus().length} CPUs.`);
  const resultsPath = join(root, 'bench/results/loadtest.json');
  writeResults(resultsPath, {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    settings,
    serviceEnv: {
      capacity: { ...serviceEnv.capacity(), ...settings.extraEnv },
      overload: { ...serviceEnv.overload(outcome.capacity ?? 0), ...settings.extraEnv },
    },
    weights: settings.weights,
    urlCounts: workload.urlCounts,
    dataset: { path: datasetPath, articles: dataset.articles, published: dataset.publishedSlugs.length },
    plannedSeconds: planned,
    elapsedSeconds,
    verdicts: verdicts(outcome),
    ...outcome,
  });
  console.log(`results: ${resultsPath}`);
}

const children = new Children();
process.once('SIGINT', () => {
  children.stopAll().finally(() => process.exit(130));
});
try {
  await main(children);
} catch (error) {
  console.error(`\nload test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await children.stopAll();
}
