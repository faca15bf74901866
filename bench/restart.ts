// Restart after a crash: the service is killed (SIGKILL) while clients record views, at a seeded
// random moment, and started again on the same file; the time from spawn to its first answered
// request is what readers wait (README "Durability", goal under 2 s). What a crashed start does
// on top of a clean one: SQLite recovers the WAL (its index is rebuilt from the log), and the
// views journal's segments not yet flushed are replayed into the database before it listens.
// That the acknowledged writes survive is test/e2e/crash.test.ts's; this measures the time.
import { setTimeout as sleep } from 'node:timers/promises';
import { browserHeaders, endpointRandom, viewBodies } from './endpoints.js';
import type { Dataset } from './generate.js';
import type { Children } from './processes.js';
import { type Server, startService } from './servers.js';

export const restartName = 'restart after a crash';
/** Spawn to first answer, ms: issue #7's goal for a restart after SIGKILL. */
export const restartGoalMs = 2_000;
const rounds = 3;
/** Clients recording views while the service is killed. */
const clients = 8;

export interface RestartRound {
  /** How long the views were sent before the kill, ms. */
  killedAfterMs: number;
  /** POST /v1/views answered 202 before the kill, and the views they held. */
  acknowledgedRequests: number;
  acknowledgedViews: number;
  /** Spawn to the first answered request (GET /v1/articles?limit=1), ms. */
  restartMs: number;
  /** Spawn to /readyz answering 200, ms. */
  readyMs: number;
}

export interface RestartResult {
  goalMs: number;
  rounds: RestartRound[];
  medianMs: number;
  maxMs: number;
  meetsGoal: boolean;
}

/** Sends views (single and batches of 100, alternating) until the service stops answering. */
async function recordViews(origin: string, bodies: readonly string[], stopped: () => boolean) {
  let requests = 0;
  let views = 0;
  const client = async (offset: number) => {
    for (let i = offset; !stopped(); i += clients) {
      const body = bodies[i % bodies.length] ?? '';
      try {
        const response = await fetch(`${origin}/v1/views`, { method: 'POST', body, headers: browserHeaders });
        await response.arrayBuffer();
        if (response.status !== 202) throw new Error(`POST /v1/views answered ${response.status}`);
        requests += 1;
        views += body.startsWith('{"events"') ? (JSON.parse(body) as { events: unknown[] }).events.length : 1;
      } catch (error) {
        // The kill: every connection fails from then on.
        if (stopped()) return;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, offset) => client(offset)));
  return { requests, views };
}

/** Spawn to /readyz answering 200, ms; throws after 30 s. */
async function msUntilReady(server: Server): Promise<number> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const response = await fetch(`${server.origin}/readyz`);
    await response.arrayBuffer();
    if (response.ok) return performance.now() - server.child.spawnedAt;
    await sleep(5);
  }
  throw new Error(`${server.origin}/readyz did not answer 200 within 30 s of the restart`);
}

/**
 * Kills `service` during views `rounds` times, starting it again on `databasePath` each time;
 * returns the figures and the service running at the end (started here; `children` stops it).
 */
export async function measureRestarts(
  children: Children,
  root: string,
  databasePath: string,
  service: Server,
  dataset: Dataset,
  seed: number,
): Promise<{ result: RestartResult; service: Server }> {
  const random = endpointRandom(seed, restartName);
  const bodies = random.shuffle([
    ...viewBodies(random, dataset.readSlugs, 200, 1),
    ...viewBodies(random, dataset.readSlugs, 200, 100),
  ]);
  const measured: RestartRound[] = [];
  let current = service;
  for (let round = 0; round < rounds; round++) {
    // 1.5 to 3.5 s of views: several flushes (every 250 ms) and a journal segment in between.
    const killedAfterMs = 1_500 + Math.floor(random.next() * 2_000);
    let killed = false;
    // Views end only with the kill; one that fails before it (a refusal, the service gone) ends
    // the wait at once, and the benchmark after the kill (its caller stops the children).
    const sending = recordViews(current.origin, bodies, () => killed).then(
      (sent) => ({ sent }),
      (error: unknown) => ({ error }),
    );
    const early = await Promise.race([sleep(killedAfterMs).then(() => null), sending]);
    const { process: child } = current.child;
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killed = true;
    child.kill('SIGKILL');
    await exited;
    const outcome = early ?? (await sending);
    if ('error' in outcome) throw outcome.error;
    const acknowledged = outcome.sent;
    current = await startService(children, root, databasePath);
    const readyMs = await msUntilReady(current);
    measured.push({
      killedAfterMs,
      acknowledgedRequests: acknowledged.requests,
      acknowledgedViews: acknowledged.views,
      restartMs: current.startupMs,
      readyMs,
    });
    console.log(
      `restart: round ${round + 1}: killed after ${killedAfterMs} ms of views (${acknowledged.requests} requests, ` +
        `${acknowledged.views} views acknowledged); answering ${current.startupMs.toFixed(0)} ms after spawn, ready ${readyMs.toFixed(0)} ms`,
    );
  }
  const times = measured.map((round) => round.restartMs).sort((a, b) => a - b);
  const medianMs = times[Math.floor(times.length / 2)] ?? Number.NaN;
  const maxMs = times[times.length - 1] ?? Number.NaN;
  return {
    result: { goalMs: restartGoalMs, rounds: measured, medianMs, maxMs, meetsGoal: maxMs < restartGoalMs },
    service: current,
  };
}

export function restartLine(result: RestartResult): string {
  const verdict = result.meetsGoal ? '✅' : '❌ missed';
  return (
    `Restart after SIGKILL during views (${result.rounds.length} rounds, spawn to first answer): median ` +
    `${result.medianMs.toFixed(0)} ms, slowest ${result.maxMs.toFixed(0)} ms (goal < ${result.goalMs} ms ${verdict}); ` +
    `ready (/readyz) ${result.rounds.map((round) => round.readyMs.toFixed(0)).join(', ')} ms.`
  );
}
