// Batch ingestion throughput: the service alone, POST /v1/views with 1,000 events a request, and
// the views it accepted meanwhile as GET /metrics counts them (views_ingested_total), per second.
import { browserHeaders, endpointRandom, viewBodies } from './endpoints.js';
import type { Dataset } from './generate.js';
import { runLoad } from './load.js';
import type { Server } from './servers.js';

export const ingestionName = 'views batch ingestion';
/** Accepted views a second the service must ingest in batches of 1,000. */
export const ingestionGoal = 200_000;
const eventsPerBatch = 1_000;

/** One measurement: batches whose views go to `articles` articles, each alike. */
export interface IngestionRun {
  articles: number;
  requestsPerSecond: number;
  /** Views accepted (counted) per second of load. */
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Where the views go decides what ingesting them costs: each view looks its article up, and a
 * flush adds to the counts of the articles and hours it holds, so views spread over a million
 * articles read index pages that no cache holds. The goal is measured with views as readers
 * send them, to the articles they read (the dataset's read set, which its stored views went to:
 * every published article up to 50,000, else the 45,000 newest and 5,000 from the archive);
 * when the archive is larger, views spread over all of it alike are measured too, as the worst
 * case (every batch's article drawn from the whole archive; before 2026-12-04 the only figure).
 */
export interface IngestionResult {
  eventsPerBatch: number;
  goal: number;
  /** Whether the read set's figure meets the goal. */
  meetsGoal: boolean;
  readSet: IngestionRun;
  /** Views spread over every published article; null when the read set is all of them. */
  wholeArchive: IngestionRun | null;
}

async function acceptedSoFar(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const match = /^views_ingested_total\{outcome="accepted"\} (\d+)/m.exec(text);
  if (!match?.[1]) throw new Error('GET /metrics has no views_ingested_total{outcome="accepted"}');
  return Number(match[1]);
}

async function measureSpread(
  service: Server,
  label: string,
  slugs: readonly string[],
  settings: { connections: number; duration: number; warmup: number; seed: number },
): Promise<IngestionRun> {
  const name = `${ingestionName} (${label})`;
  const bodies = viewBodies(endpointRandom(settings.seed, name), slugs, 50, eventsPerBatch);
  const post = { headers: browserHeaders, bodies };
  const load = { connections: settings.connections, duration: settings.duration };
  await runLoad(`${name}: warm-up`, service, ['/v1/views'], { ...load, duration: settings.warmup }, post);
  const before = await acceptedSoFar(service.origin);
  const started = performance.now();
  const result = await runLoad(name, service, ['/v1/views'], load, post);
  const seconds = (performance.now() - started) / 1000;
  const acceptedPerSecond = ((await acceptedSoFar(service.origin)) - before) / seconds;
  console.log(
    `load: ${name}: ${Math.round(result.requestsPerSecond)} req/s of ${eventsPerBatch} events, ` +
      `${Math.round(acceptedPerSecond)} accepted views/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`,
  );
  return {
    articles: slugs.length,
    requestsPerSecond: result.requestsPerSecond,
    acceptedPerSecond,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
  };
}

export async function measureIngestion(
  service: Server,
  dataset: Dataset,
  settings: { connections: number; duration: number; warmup: number; seed: number },
): Promise<IngestionResult> {
  const readSet = await measureSpread(service, 'read set', dataset.readSlugs, settings);
  const wholeArchive =
    dataset.readSlugs.length < dataset.publishedSlugs.length
      ? await measureSpread(service, 'whole archive', dataset.publishedSlugs, settings)
      : null;
  return { eventsPerBatch, goal: ingestionGoal, meetsGoal: readSet.acceptedPerSecond >= ingestionGoal, readSet, wholeArchive };
}

function runLine(run: IngestionRun): string {
  return (
    `${Math.round(run.acceptedPerSecond).toLocaleString('en-US')} accepted views/s, ${Math.round(run.requestsPerSecond)} req/s, ` +
    `p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms`
  );
}

export function ingestionLine(result: IngestionResult): string {
  const verdict = result.meetsGoal ? '✅' : '❌ missed';
  const count = (run: IngestionRun) => run.articles.toLocaleString('en-US');
  return (
    `Batch ingestion (POST /v1/views, ${result.eventsPerBatch} events a request, service alone): ` +
    `to the ${count(result.readSet)} articles read, ${runLine(result.readSet)} ` +
    `(goal ≥ ${result.goal.toLocaleString('en-US')} ${verdict})` +
    (result.wholeArchive
      ? `; spread over all ${count(result.wholeArchive)} published (worst case), ${runLine(result.wholeArchive)}`
      : '') +
    '.'
  );
}
