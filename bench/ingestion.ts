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

export interface IngestionResult {
  eventsPerBatch: number;
  requestsPerSecond: number;
  /** Views accepted (counted) per second of load. */
  acceptedPerSecond: number;
  goal: number;
  meetsGoal: boolean;
  p50Ms: number;
  p99Ms: number;
}

async function acceptedSoFar(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const match = /^views_ingested_total\{outcome="accepted"\} (\d+)/m.exec(text);
  if (!match?.[1]) throw new Error('GET /metrics has no views_ingested_total{outcome="accepted"}');
  return Number(match[1]);
}

export async function measureIngestion(
  service: Server,
  dataset: Dataset,
  settings: { connections: number; duration: number; warmup: number; seed: number },
): Promise<IngestionResult> {
  const bodies = viewBodies(endpointRandom(settings.seed, ingestionName), dataset.publishedSlugs, 50, eventsPerBatch);
  const post = { headers: browserHeaders, bodies };
  const load = { connections: settings.connections, duration: settings.duration };
  await runLoad(`${ingestionName}: warm-up`, service, ['/v1/views'], { ...load, duration: settings.warmup }, post);
  const before = await acceptedSoFar(service.origin);
  const started = performance.now();
  const result = await runLoad(ingestionName, service, ['/v1/views'], load, post);
  const seconds = (performance.now() - started) / 1000;
  const accepted = (await acceptedSoFar(service.origin)) - before;
  const acceptedPerSecond = accepted / seconds;
  console.log(
    `load: ${ingestionName}: ${Math.round(result.requestsPerSecond)} req/s of ${eventsPerBatch} events, ` +
      `${Math.round(acceptedPerSecond)} accepted views/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms`,
  );
  return {
    eventsPerBatch,
    requestsPerSecond: result.requestsPerSecond,
    acceptedPerSecond,
    goal: ingestionGoal,
    meetsGoal: acceptedPerSecond >= ingestionGoal,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
  };
}

export function ingestionLine(result: IngestionResult): string {
  const verdict = result.meetsGoal ? '✅' : '❌ missed';
  return (
    `Batch ingestion (POST /v1/views, ${result.eventsPerBatch} events a request, service alone): ` +
    `${Math.round(result.acceptedPerSecond).toLocaleString('en-US')} accepted views/s ` +
    `(goal ≥ ${result.goal.toLocaleString('en-US')} ${verdict}), ${Math.round(result.requestsPerSecond)} req/s, ` +
    `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms.`
  );
}
