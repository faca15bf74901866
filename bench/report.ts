// Turns the rounds of every endpoint into the figures the benchmark reports: the markdown table
// printed at the end and bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RoundResult } from './load.js';

export interface TargetSummary {
  /** Mean req/s over the rounds. */
  requestsPerSecond: number;
  /** The round whose req/s is the median (the lower one for an even count), for latencies. */
  medianRound: RoundResult;
  rounds: RoundResult[];
}

/** Times of each URL's first, uncached request, ms. */
export interface FirstRequests {
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface EndpointSummary {
  name: string;
  goal: number | null;
  urlCount: number;
  /** Mean time of the first, uncached request for each URL, fetched one at a time, ms. */
  firstRequestMs: number;
  firstRequests: FirstRequests;
  baseline: TargetSummary;
  service: TargetSummary;
  /** Service req/s over baseline req/s. */
  ratio: number;
  /** The same per round pair (baseline then service, back to back): shows drift of the machine between rounds. */
  roundRatios: number[];
  meetsGoal: boolean | null;
  /** Mean server CPU per request over the rounds, µs; null without /proc. */
  cpuMicrosPerRequest: { service: number; baseline: number } | null;
  /** The most cores other processes used during any round; above ~0.2 the req/s figures are disturbed. */
  maxOtherCores: number | null;
}

export interface Footer {
  startupMs: number;
  memory: { rssMiB: number; peakMiB: number } | null;
  baselineMemory: { rssMiB: number; peakMiB: number } | null;
  /** The service's own figures from /metrics after the load, MiB. */
  heap: Record<string, number> | null;
  dataset: { articles: number; published: number; megabytes: number; reused: boolean; seconds: number };
  settings: { connections: number; duration: number; rounds: number; warmup: number };
}

export function summariseTarget(rounds: RoundResult[]): TargetSummary {
  const byRate = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  const medianRound = byRate[Math.floor((byRate.length - 1) / 2)];
  if (!medianRound) throw new Error('no rounds to summarise');
  const requestsPerSecond = rounds.reduce((sum, round) => sum + round.requestsPerSecond, 0) / rounds.length;
  return { requestsPerSecond, medianRound, rounds };
}

export function summariseEndpoint(
  endpoint: { name: string; goal: number | null },
  urlCount: number,
  firstRequestMs: number,
  firstRequests: FirstRequests,
  baselineRounds: RoundResult[],
  serviceRounds: RoundResult[],
): EndpointSummary {
  const baseline = summariseTarget(baselineRounds);
  const service = summariseTarget(serviceRounds);
  const ratio = service.requestsPerSecond / baseline.requestsPerSecond;
  const meetsGoal = endpoint.goal === null ? null : ratio >= endpoint.goal;
  const cpuOf = (rounds: RoundResult[]) => {
    const values = rounds.map((round) => round.cpu?.serverMicrosPerRequest ?? Number.NaN);
    return values.reduce((sum, value) => sum + value, 0) / values.length;
  };
  const cpu = { service: cpuOf(serviceRounds), baseline: cpuOf(baselineRounds) };
  const others = [...baselineRounds, ...serviceRounds].map((round) => round.cpu?.otherCores ?? Number.NaN);
  return {
    name: endpoint.name,
    goal: endpoint.goal,
    urlCount,
    firstRequestMs,
    firstRequests,
    baseline,
    service,
    ratio,
    roundRatios: serviceRounds.map(
      (round, index) => round.requestsPerSecond / (baselineRounds[index]?.requestsPerSecond ?? Number.NaN),
    ),
    meetsGoal,
    cpuMicrosPerRequest: Number.isNaN(cpu.service + cpu.baseline) ? null : cpu,
    maxOtherCores: others.some(Number.isNaN) ? null : Math.max(...others),
  };
}

/** Lines about CPU use: per request on each server, and a warning when other work disturbed the rounds. */
function cpuLines(summaries: EndpointSummary[]): string[] {
  const perRequest = summaries.flatMap((s) =>
    s.cpuMicrosPerRequest
      ? [`${s.name} ${s.cpuMicrosPerRequest.service.toFixed(0)} / ${s.cpuMicrosPerRequest.baseline.toFixed(0)}`]
      : [],
  );
  const lines = perRequest.length > 0 ? [`Server CPU per request, µs (service / baseline): ${perRequest.join('; ')}.`] : [];
  const disturbed = summaries.filter((s) => (s.maxOtherCores ?? 0) > 0.2);
  if (disturbed.length > 0) {
    const worst = disturbed.map((s) => `${s.name} up to ${(s.maxOtherCores ?? 0).toFixed(2)} cores`).join('; ');
    lines.push(
      `⚠ Other processes were busy during some rounds (${worst}): req/s figures are less reliable than CPU per request.`,
    );
  }
  return lines;
}

const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => value.toFixed(2);

function goalCell(summary: EndpointSummary): string {
  if (summary.goal === null) return '—';
  return `≥ ${summary.goal.toFixed(2)} ${summary.meetsGoal ? '✅' : '❌ missed'}`;
}

export function markdownTable(summaries: EndpointSummary[], footer: Footer): string {
  const header = [
    'endpoint',
    'baseline req/s',
    'service req/s',
    'ratio',
    'goal',
    'service p50 ms',
    'service p95 ms',
    'service p99 ms',
    'baseline p50 ms',
    'baseline p99 ms',
  ];
  const rows = summaries.map((s) => [
    s.name,
    rate(s.baseline.requestsPerSecond),
    rate(s.service.requestsPerSecond),
    s.ratio.toFixed(2),
    goalCell(s),
    ms(s.service.medianRound.p50Ms),
    ms(s.service.medianRound.p95Ms),
    ms(s.service.medianRound.p99Ms),
    ms(s.baseline.medianRound.p50Ms),
    ms(s.baseline.medianRound.p99Ms),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const { dataset, settings, memory, baselineMemory } = footer;
  const mib = (value: { rssMiB: number; peakMiB: number } | null) =>
    value ? `${value.rssMiB.toFixed(1)} MiB (peak ${value.peakMiB.toFixed(1)} MiB)` : 'n/a';
  return [
    line(header),
    line(header.map((_, index) => (index === 0 ? '---' : '---:'))),
    ...rows.map(line),
    '',
    `Service: spawn to listening ${footer.startupMs.toFixed(0)} ms; resident memory after the load ${mib(memory)}` +
      ` (baseline ${mib(baselineMemory)}).`,
    ...(footer.heap
      ? [
          `Service memory by its metrics: ${Object.entries(footer.heap)
            .map(([name, value]) => `${name.replace(/MiB$/, '')} ${value.toFixed(1)} MiB`)
            .join(', ')}.`,
        ]
      : []),
    ...cpuLines(summaries),
    `First uncached request of each URL, one at a time, mean (p95): ${summaries
      .map((s) => `${s.name} ${ms(s.firstRequestMs)} (${ms(s.firstRequests.p95Ms)}) ms`)
      .join('; ')}.`,
    `Dataset: ${dataset.articles.toLocaleString('en-US')} articles (${dataset.published.toLocaleString('en-US')} published),` +
      ` ${dataset.megabytes.toFixed(1)} MB, ${dataset.reused ? 'reused' : `generated in ${dataset.seconds.toFixed(1)} s`}.`,
    `Load: ${settings.connections} connections, ${settings.duration} s x ${settings.rounds} rounds per server and endpoint,` +
      ` after a ${settings.warmup} s warm-up; req/s is the mean of the rounds, latencies are from the median round;` +
      ` Node ${process.version}.`,
  ].join('\n');
}

/**
 * JSON laid out as the repository's formatter lays it out (the results folder is inside what
 * `npm run lint` checks): two-space indent, arrays of plain values on one line when they fit.
 */
export function formatJson(value: unknown, lineWidth = 130): string {
  const pretty = JSON.stringify(value, null, 2);
  return pretty.replace(/^( *)(.*)\[\n((?:\1 {2}[^[\]{}\n]*\n)+)\1\]/gm, (whole, indent: string, head: string, items: string) => {
    const line = `${indent}${head}[${items
      .trim()
      .split(/,\n\s*/)
      .join(', ')}]`;
    return line.length <= lineWidth ? line : whole;
  });
}

export function writeResults(path: string, results: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${formatJson(results)}\n`);
}
