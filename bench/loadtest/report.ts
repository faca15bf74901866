// The load test's report: per phase, a markdown table of every run and the median of the runs,
// the errors listed by kind, and verdicts against the goals; the same as JSON for
// bench/results/loadtest.json.
import type { RateRunResult } from './open-loop.js';
import { clean, type FixedRun, type LoadSettings, type MeasuredRun, type OverloadRun, type SearchRun } from './phases.js';

export interface Outcome {
  fixed: FixedRun[];
  search: SearchRun[];
  overload: OverloadRun[];
  /** (c)'s base rate: (b)'s median, or --capacity. */
  capacity: number | null;
}

/** The median; NaN (no figure, e.g. no answer to time) counts as the worst, sorted last. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0) || a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

type Row = [label: string, values: number[], format: (value: number) => string, goal?: string];

// "—" where there is no figure: no answer to time, or no /proc to read CPU from.
const figure = (format: (value: number) => string) => (value: number) => (Number.isNaN(value) ? '—' : format(value));
const ms = figure((value) => value.toFixed(1));
const count = figure((value) => Math.round(value).toLocaleString('en-US'));
const yesNo = (value: number) => (value === 1 ? 'yes' : 'no');

function table(rows: Row[], runs: number): string {
  const header = ['figure', ...Array.from({ length: runs }, (_, index) => `run ${index + 1}`), 'median', 'goal'];
  const cells = (items: string[]) => `| ${items.join(' | ')} |`;
  return [
    cells(header),
    cells(header.map((_, index) => (index === 0 ? '---' : '---:'))),
    ...rows.map(([label, values, format, goal]) => cells([label, ...values.map(format), format(median(values)), goal ?? ''])),
  ].join('\n');
}

function errorLines(label: string, results: RateRunResult[]): string[] {
  return results.flatMap((result, index) => {
    const errors = Object.entries(result.errors).sort((a, b) => b[1] - a[1]);
    if (errors.length === 0) return [];
    return [`${label} run ${index + 1} errors: ${errors.map(([key, value]) => `${key} ×${value}`).join(', ')}.`];
  });
}

/**
 * The p99 goal of (a)'s answers, ms; a refusal in (c) is fast when its p99 is under it too
 * (the answer beyond capacity comes as soon as an answer within it would).
 */
const p99GoalMs = 50;

/** Per kind of request, p50 / p99 ms, slowest p99 first. */
export function kindLine(label: string, result: RateRunResult): string {
  const kinds = Object.entries(result.okByKind).sort((a, b) => b[1].p99Ms - a[1].p99Ms);
  return `${label} by kind, p50 / p99 ms: ${kinds.map(([kind, l]) => `${kind} ${ms(l.p50Ms)} / ${ms(l.p99Ms)}`).join('; ')}.`;
}

function cpuOf(results: MeasuredRun[], pick: (cpu: NonNullable<MeasuredRun['cpu']>) => number): number[] {
  return results.map((result) => (result.cpu ? pick(result.cpu) : Number.NaN));
}

function fixedSection(runs: FixedRun[], settings: LoadSettings): string[] {
  if (runs.length === 0) return [];
  const results = runs.map((run) => run.result);
  const of = (pick: (result: RateRunResult) => number) => results.map(pick);
  return [
    `### (a) fixed rate: ${count(settings.rate)} req/s for ${settings.seconds} s`,
    '',
    table(
      [
        ['answered req/s', of((r) => r.answeredPerSecond), count],
        ['p50 ms', of((r) => r.ok.p50Ms), ms],
        ['p90 ms', of((r) => r.ok.p90Ms), ms],
        ['p99 ms', of((r) => r.ok.p99Ms), ms, `< ${p99GoalMs}`],
        ['p99.9 ms', of((r) => r.ok.p999Ms), ms],
        ['max ms', of((r) => r.ok.maxMs), ms],
        ['p99 ms, uncorrected', of((r) => r.okServiceTime.p99Ms), ms],
        ['errors (incl. 429/503)', of((r) => r.errorCount + r.shed.count), count, '0'],
        ['generator send lag p99 ms', of((r) => r.sendLag.p99Ms), ms],
        ['service CPU µs/request', cpuOf(results, (cpu) => cpu.serverMicrosPerRequest), count],
        ['load generator CPU µs/request', cpuOf(results, (cpu) => cpu.selfMicrosPerRequest), count],
        ['other processes, cores', cpuOf(results, (cpu) => cpu.otherCores), figure((value) => value.toFixed(2))],
        ['resident memory MiB', runs.map((run) => run.memory?.rssMiB ?? Number.NaN), ms],
      ],
      runs.length,
    ),
    ...errorLines('(a)', results),
    ...results.map((result, index) => kindLine(`(a) run ${index + 1}`, result)),
    '',
  ];
}

function searchSection(runs: SearchRun[]): string[] {
  if (runs.length === 0) return [];
  const steps = runs.map(
    (run, index) =>
      `(b) run ${index + 1} steps: ${run.steps.map((step) => `${step.rate}${step.sustained ? ' ✓' : ' ✗'}`).join(', ')}` +
      `${run.bracketed ? '' : ' (every step passed: the service may sustain more)'}.`,
  );
  return [
    '### (b) highest sustained rate (no errors, answered at the offered rate, p99 bounded)',
    '',
    table([['sustained req/s', runs.map((run) => run.sustained), count]], runs.length),
    ...steps,
    '',
  ];
}

function overloadSection(runs: OverloadRun[], capacity: number | null): string[] {
  if (runs.length === 0 || capacity === null) return [];
  const over = runs.map((run) => run.overload);
  const of = (pick: (result: RateRunResult) => number) => over.map(pick);
  const recovery = (pick: (result: RateRunResult) => number) =>
    runs.map((run) => (run.recovery ? pick(run.recovery) : Number.NaN));
  return [
    `### (c) overload: 3 × ${count(capacity)} req/s, then a normal rate`,
    '',
    table(
      [
        ['offered req/s', of((r) => r.rate), count],
        ['answered req/s', of((r) => r.answeredPerSecond), count],
        ['2xx/3xx', of((r) => r.ok.count), count],
        ['2xx/3xx p50 ms', of((r) => r.ok.p50Ms), ms],
        ['2xx/3xx p99 ms', of((r) => r.ok.p99Ms), ms],
        ['429/503', of((r) => r.shed.count), count],
        ['429/503 p50 ms', of((r) => r.shed.p50Ms), ms],
        ['429/503 p99 ms', of((r) => r.shed.p99Ms), ms, `fast: < ${p99GoalMs}`],
        ['429/503 p99 ms, uncorrected', of((r) => r.shedServiceTime.p99Ms), ms],
        ['429/503 without Retry-After', of((r) => r.shedWithoutRetryAfter), count, '0'],
        ['other errors', of((r) => r.errorCount), count, '0'],
        ['service CPU µs/answer', cpuOf(over, (cpu) => cpu.serverMicrosPerRequest), count],
        ['load generator CPU µs/answer', cpuOf(over, (cpu) => cpu.selfMicrosPerRequest), count],
        ['other processes, cores', cpuOf(over, (cpu) => cpu.otherCores), figure((value) => value.toFixed(2))],
        ['service alive after', runs.map((run) => (run.alive ? 1 : 0)), yesNo, 'yes'],
        ['recovery req/s', recovery((r) => r.rate), count],
        ['recovery errors (incl. 429/503)', recovery((r) => r.errorCount + r.shed.count), count, '0'],
        ['recovery p99 ms', recovery((r) => r.ok.p99Ms), ms],
      ],
      runs.length,
    ),
    ...errorLines('(c) overload', over),
    ...errorLines(
      '(c) recovery',
      runs.flatMap((run) => (run.recovery ? [run.recovery] : [])),
    ),
    '',
  ];
}

export function verdicts(outcome: Outcome) {
  const { fixed, search, overload } = outcome;
  return {
    fixedRate:
      fixed.length === 0
        ? null
        : {
            noErrors: fixed.every((run) => clean(run.result)),
            p99UnderGoal: median(fixed.map((run) => run.result.ok.p99Ms)) < p99GoalMs,
          },
    sustainedRequestsPerSecond: search.length === 0 ? null : median(search.map((run) => run.sustained)),
    overload:
      overload.length === 0
        ? null
        : {
            onlyShedBeyondCapacity: overload.every((run) => run.overload.errorCount === 0),
            shedFast: median(overload.map((run) => run.overload.shed.p99Ms)) < p99GoalMs,
            alive: overload.every((run) => run.alive),
            recovered: overload.every((run) => run.recovery !== null && clean(run.recovery)),
          },
  };
}

export function markdownReport(outcome: Outcome, settings: LoadSettings): string {
  const { fixedRate, overload } = verdicts(outcome);
  const mark = (value: boolean) => (value ? '✅' : '❌');
  const summary = [
    fixedRate ? `(a) no errors ${mark(fixedRate.noErrors)}, median p99 < ${p99GoalMs} ms ${mark(fixedRate.p99UnderGoal)}` : null,
    overload
      ? `(c) only 429/503 beyond capacity ${mark(overload.onlyShedBeyondCapacity)}, ` +
        `fast (median p99 < ${p99GoalMs} ms) ${mark(overload.shedFast)}, alive ${mark(overload.alive)}, ` +
        `full service right after ${mark(overload.recovered)}`
      : null,
  ].filter((part) => part !== null);
  return [
    ...fixedSection(outcome.fixed, settings),
    ...searchSection(outcome.search),
    ...overloadSection(outcome.overload, outcome.capacity),
    ...(summary.length > 0 ? [summary.join('; ')] : []),
    'Latencies are measured from each request’s intended send time (open loop, coordinated omission corrected); ' +
      '"uncorrected" is from when it was written to its connection.',
  ].join('\n');
}
