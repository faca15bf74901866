// Measures one endpoint on both servers: a warm-up each, then rounds alternating baseline and
// service so that drift on the machine (other jobs, thermal state) affects both alike.
import type { Endpoint } from './endpoints.js';
import { type LoadSettings, type PostLoad, type RoundResult, runLoad } from './load.js';
import { type EndpointSummary, type FirstRequests, summariseEndpoint } from './report.js';
import type { Server } from './servers.js';

export interface Plan {
  endpoint: Endpoint;
  paths: string[];
  /** Mean time of each URL's first, uncached request, ms. */
  firstRequestMs: number;
  /** The spread of those first requests' times: what a reader gets when nothing is cached. */
  firstRequests: FirstRequests;
  /** For a POST endpoint, what is sent. */
  post?: PostLoad;
}

export interface CompareSettings extends LoadSettings {
  rounds: number;
  /** Seconds of unrecorded load per server first, so neither is measured while the JIT warms up. */
  warmup: number;
}

function describe(result: RoundResult): string {
  const cpu = result.cpu
    ? `, ${result.cpu.serverMicrosPerRequest.toFixed(0)} µs CPU/req, other load ${result.cpu.otherCores.toFixed(2)} cores`
    : '';
  return `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms${cpu}`;
}

export async function compareEndpoint(
  plan: Plan,
  baseline: Server,
  service: Server,
  settings: CompareSettings,
): Promise<EndpointSummary> {
  const { endpoint, paths } = plan;
  const load = { connections: settings.connections, duration: settings.duration };
  const targets = [
    { server: baseline, rounds: [] as RoundResult[] },
    { server: service, rounds: [] as RoundResult[] },
  ];
  for (const { server } of targets) {
    await runLoad(`${endpoint.name}: ${server.name} warm-up`, server, paths, { ...load, duration: settings.warmup }, plan.post);
  }
  for (let round = 1; round <= settings.rounds; round += 1) {
    for (const target of targets) {
      const label = `${endpoint.name}: ${target.server.name} round ${round}/${settings.rounds}`;
      const result = await runLoad(label, target.server, paths, load, plan.post);
      target.rounds.push(result);
      console.log(`load: ${label}: ${describe(result)}`);
    }
  }
  const [baselineRounds, serviceRounds] = targets.map((target) => target.rounds);
  if (!baselineRounds || !serviceRounds) throw new Error('no rounds were run');
  return summariseEndpoint(endpoint, paths.length, plan.firstRequestMs, plan.firstRequests, baselineRounds, serviceRounds);
}
