// The three phases of the load test, each run on a freshly started service (fresh dataset copy):
// (a) a fixed rate, (b) a bounded search for the highest sustained rate, (c) three times that
// rate, then a short run at a normal rate to show the service recovered.
import { type CpuUse, cpuSnapshot, cpuUse } from '../cpu.js';
import { type Children, memoryOf, stop } from '../processes.js';
import { getText } from '../servers.js';
import { connectionPool, openConnections, type RateRunResult, runAtRate } from './open-loop.js';
import { kindLine } from './report.js';
import { serviceEnv, startServiceUnderTest } from './service.js';
import type { Weights, Workload } from './workload.js';

export interface LoadSettings {
  runs: number;
  /** (a): requests per second and seconds. */
  rate: number;
  seconds: number;
  /** (b): seconds per step, most steps per run, and the p99 a sustained rate stays under. */
  stepSeconds: number;
  searchSteps: number;
  sustainP99Ms: number;
  /** (c): seconds at three times (b)'s rate, then seconds at a normal rate. */
  overloadSeconds: number;
  recoverySeconds: number;
  /** (c)'s base rate when (b) is not run; null: (b)'s median. */
  capacity: number | null;
  warmupSeconds: number;
  connections: number;
  timeoutMs: number;
  seed: number;
  phases: string[];
  /** The request mix, in percent (--weight KIND=N changes one). */
  weights: Weights;
  /** The Accept-Encoding reads send; empty for none (--accept-encoding). */
  acceptEncoding: string;
  /** Added to the service's environment in every phase (--service-env NAME=VALUE). */
  extraEnv: Record<string, string>;
}

export interface Context {
  children: Children;
  root: string;
  datasetPath: string;
  copyPath: string;
  workload: Workload;
  settings: LoadSettings;
}

export interface Memory {
  rssMiB: number;
  peakMiB: number;
}

/** A run and the CPU it took: server CPU per request barely moves with other work on the machine. */
export type MeasuredRun = RateRunResult & { cpu: CpuUse | null };

export interface FixedRun {
  result: MeasuredRun;
  memory: Memory | null;
}

export interface SearchStep {
  rate: number;
  sustained: boolean;
  result: MeasuredRun;
}

export interface SearchRun {
  /** The highest rate sustained (0 when none was). */
  sustained: number;
  /** False when every step passed: the service may sustain more than the search reached. */
  bracketed: boolean;
  steps: SearchStep[];
  memory: Memory | null;
}

export interface OverloadRun {
  overload: MeasuredRun;
  alive: boolean;
  /** Null when the service did not survive the overload. */
  recovery: MeasuredRun | null;
  memory: Memory | null;
}

/** No error and nothing shed: what (a), (b)'s steps and (c)'s recovery must show. */
export function clean(result: RateRunResult): boolean {
  return result.errorCount === 0 && result.shed.count === 0;
}

/** Clean, answered at the rate it was offered (within 5%), and a queue that does not grow (p99 bound). */
export function sustains(result: RateRunResult, sustainP99Ms: number): boolean {
  return clean(result) && result.answeredPerSecond >= 0.95 * result.rate && result.ok.p99Ms <= sustainP99Ms;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits 2 s, then until GET /healthz answers within 50 ms twice in a row; 8 s at most. */
async function untilIdle(origin: string): Promise<void> {
  await pause(2_000);
  const deadline = performance.now() + 6_000;
  let quick = 0;
  while (quick < 2 && performance.now() < deadline) {
    const started = performance.now();
    try {
      await getText(origin, '/healthz');
      quick = performance.now() - started < 50 ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    await pause(100);
  }
}
const roundRate = (rate: number) => Math.max(50, Math.round(rate / 50) * 50);

function line(label: string, result: MeasuredRun): string {
  const errors = Object.entries(result.errors).map(([key, count]) => `${key} ×${count}`);
  const slowSeconds = result.slowestBySecond.flatMap((ms, second) => (ms > 50 ? [`${second}s:${ms}`] : []));
  return (
    `${label}: ${result.rate} req/s for ${result.seconds} s, answered ${result.answeredPerSecond.toFixed(0)}/s; ` +
    `2xx/3xx p50 ${result.ok.p50Ms.toFixed(1)} p99 ${result.ok.p99Ms.toFixed(1)} ms (uncorrected p99 ` +
    `${result.okServiceTime.p99Ms.toFixed(1)}); shed ${result.shed.count}` +
    (result.shed.count > 0
      ? ` p50 ${result.shed.p50Ms.toFixed(1)} p99 ${result.shed.p99Ms.toFixed(1)} ms (uncorrected p99 ${result.shedServiceTime.p99Ms.toFixed(1)})`
      : '') +
    `; errors ${result.errorCount}` +
    `${errors.length > 0 ? ` (${errors.slice(0, 8).join(', ')})` : ''}; send lag p99 ${result.sendLag.p99Ms.toFixed(1)} ms` +
    (result.cpu
      ? `; service CPU ${result.cpu.serverMicrosPerRequest.toFixed(0)} µs/request, load generator ${result.cpu.selfMicrosPerRequest.toFixed(0)}, other processes ${result.cpu.otherCores.toFixed(2)} cores`
      : '') +
    `; seconds with an answer over 50 ms: ${slowSeconds.length === 0 ? 'none' : slowSeconds.join(' ')}`
  );
}

/**
 * Starts a service for one run, warms it up (unmeasured) for `--warmup` seconds at `warmupRate`,
 * runs `work`, and always stops it. The warm-up runs at the rate the phase measures (or, in (c),
 * at the ceiling), as wrk2's advice has it: a quarter of it left the less asked-for half of the
 * URLs to be computed for the first time in the measured minute, a start-up burst no service in
 * use has (its first 12 s answered 1-1.8 s late, the rest within 0.2 s). The measurement starts
 * on the same connections once the service has answered what the warm-up left it.
 */
async function withService<T>(
  context: Context,
  phaseEnv: Record<string, string>,
  warmupRate: number,
  work: (measure: (rate: number, seconds: number) => Promise<MeasuredRun>, alive: () => boolean, origin: string) => Promise<T>,
): Promise<T & { memory: Memory | null }> {
  const { settings } = context;
  const env = { ...phaseEnv, ...settings.extraEnv };
  const { server, editorKey } = await startServiceUnderTest(
    context.children,
    context.root,
    context.datasetPath,
    context.copyPath,
    env,
  );
  try {
    for (const path of context.workload.primingPaths) await getText(server.origin, path);
    const next = context.workload.sequence(settings.seed, editorKey, settings.weights, settings.acceptEncoding);
    const pool = connectionPool(server.origin, settings.connections, settings.timeoutMs);
    const options = { origin: server.origin, connections: settings.connections, timeoutMs: settings.timeoutMs, next, pool };
    if (settings.warmupSeconds > 0) {
      const warm = await runAtRate({ ...options, rate: warmupRate, seconds: settings.warmupSeconds });
      // A cold service may fall behind at the full rate: what it still owes the warm-up
      // (requests in flight or queued on these connections, then its own work) must not be the
      // first seconds of the measurement. A service that kept up is measured at once: a few
      // seconds of idleness before a measurement were themselves a 200 ms start (why is not
      // pinned down; V8 collecting an idle heap in full is one candidate).
      const keptUp = warm.errorCount === 0 && (warm.slowestBySecond.at(-1) ?? 0) < 100;
      if (!keptUp) {
        const drainedBy = performance.now() + 30_000;
        while (pool.stats.size > 0 && performance.now() < drainedBy) await pause(100);
        await untilIdle(server.origin);
      }
    }
    const opened = await openConnections(pool, settings.connections);
    if (opened < settings.connections)
      console.log(`${opened} of ${settings.connections} connections open before the measurement`);
    const alive = () => server.child.process.exitCode === null && server.child.process.signalCode === null;
    const measure = async (rate: number, seconds: number): Promise<MeasuredRun> => {
      const before = cpuSnapshot(server.pid);
      const result = await runAtRate({ ...options, rate, seconds });
      const answered = result.ok.count + result.shed.count;
      return { ...result, cpu: cpuUse(before, cpuSnapshot(server.pid), answered) };
    };
    const outcome = await work(measure, alive, server.origin);
    await pool.destroy();
    return { ...outcome, memory: memoryOf(server.child) };
  } finally {
    await stop(server.child);
  }
}

export async function runFixed(context: Context, run: number): Promise<FixedRun> {
  const { settings } = context;
  return withService(context, serviceEnv.capacity(), settings.rate, async (measure) => {
    const result = await measure(settings.rate, settings.seconds);
    console.log(line(`(a) run ${run}`, result));
    console.log(kindLine(`(a) run ${run}`, result));
    return { result };
  });
}

/** Grows the rate by half until a step fails (or shrinks it until one passes), then bisects; at most `searchSteps` steps. */
export async function runSearch(context: Context, run: number): Promise<SearchRun> {
  const { settings } = context;
  return withService(context, serviceEnv.capacity(), roundRate(settings.rate), async (measure, _alive, origin) => {
    const steps: SearchStep[] = [];
    let low = 0;
    let high = Number.POSITIVE_INFINITY;
    let rate = roundRate(settings.rate);
    for (let step = 0; step < settings.searchSteps; step += 1) {
      const result = await measure(rate, settings.stepSeconds);
      const sustained = sustains(result, settings.sustainP99Ms);
      steps.push({ rate, sustained, result });
      console.log(`${line(`(b) run ${run} step ${step + 1}`, result)} → ${sustained ? 'sustained' : 'not sustained'}`);
      if (sustained) low = Math.max(low, rate);
      else high = Math.min(high, rate);
      // Down from a failed first step: to what the service did answer, if that is lower, so a
      // far slower machine is found within the bounded number of steps.
      const proposal =
        high === Number.POSITIVE_INFINITY
          ? rate * 1.5
          : low === 0
            ? Math.min(rate / 1.5, result.answeredPerSecond)
            : (low + high) / 2;
      const nextRate = roundRate(proposal);
      if (high / low <= 1.05 || nextRate === rate || nextRate === low || nextRate === high) break;
      rate = nextRate;
      // The service may still be working through what a failed step left it: the next step starts when it is idle.
      await untilIdle(origin);
    }
    return { sustained: low, bracketed: high !== Number.POSITIVE_INFINITY, steps };
  });
}

export async function runOverload(context: Context, run: number, capacity: number): Promise<OverloadRun> {
  const { settings } = context;
  const ceiling = Number(serviceEnv.overload(capacity).RATE_LIMIT_GLOBAL_PER_SECOND);
  return withService(context, serviceEnv.overload(capacity), ceiling, async (measure, alive) => {
    const overload = await measure(roundRate(3 * capacity), settings.overloadSeconds);
    console.log(line(`(c) run ${run} overload`, overload));
    if (!alive()) return { overload, alive: false, recovery: null };
    const recoveryRate = roundRate(Math.min(settings.rate, capacity / 2));
    const recovery = await measure(recoveryRate, settings.recoverySeconds);
    console.log(line(`(c) run ${run} recovery`, recovery));
    return { overload, alive: alive(), recovery };
  });
}
