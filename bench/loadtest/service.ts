// The service under load test: its environment in each phase (one documented list to adjust),
// a fresh copy of the benchmark dataset for every start (the writes of one run never reach the
// next, nor the benchmark's own file), and the editor key the writes use.
import { copyFileSync, rmSync } from 'node:fs';
import { createKey } from '../../src/auth/keys.js';
import { openDatabase } from '../../src/db/open.js';
import type { Children } from '../processes.js';
import { type Server, startService } from '../servers.js';

/**
 * One load generator on 127.0.0.1 stands for thousands of readers, each far below the per-client
 * limits; counted as one client it would be throttled at RATE_LIMIT_PER_MINUTE (1,200 a minute by
 * default) within a second. So the per-client limits (by address, and by key for the editor's
 * writes) are raised out of the way in every phase, and what remains is the service's capacity
 * and its global protections.
 */
const perClientLimitsRaised = {
  RATE_LIMIT_PER_MINUTE: '1000000000',
  RATE_LIMIT_VIEWS_PER_MINUTE: '1000000000',
};

/**
 * The service's environment per phase, beyond DATABASE_PATH, HOST, PORT, DEMO_CONTENT=false and
 * LOG_LEVEL=warn (bench/servers.ts); `--service-env NAME=VALUE` adds to or overrides it in every
 * phase. Adaptive admission and load shedding (OVERLOAD_TURN_BUDGET_MS,
 * MAX_EVENT_LOOP_DELAY_MS, MAX_HEAP_USED_BYTES) stay at their defaults throughout, as deployed.
 * - capacity, for (a) the fixed rate and (b) the search: the global ceiling off, so (b) measures
 *   what the service sustains rather than where the ceiling is set; a 503 from load shedding
 *   during a step counts as an error, so a shedding rate is never called sustained.
 * - overload, for (c): the global ceiling a little below the capacity (b) measured, as the
 *   README tells operators to set it: refusing the excess costs CPU too (a fraction of a request
 *   of the mix, but twice as many of them), and at the capacity nothing is left for it; beyond it the
 *   fast 429s come from that ceiling and the 503s from adaptive admission (which lowers it while
 *   the event loop is saturated) or load shedding, never from a per-client limit.
 */
/** The ceiling's share of the capacity: what refusing twice the capacity leaves room for. */
const ceilingShareOfCapacity = 0.8;
export const serviceEnv = {
  capacity: (): Record<string, string> => ({ ...perClientLimitsRaised, RATE_LIMIT_GLOBAL_PER_SECOND: '0' }),
  overload: (capacity: number): Record<string, string> => ({
    ...perClientLimitsRaised,
    RATE_LIMIT_GLOBAL_PER_SECOND: String(Math.max(1, Math.round(capacity * ceilingShareOfCapacity))),
  }),
};

/** Creates an editor key in the dataset copy before the service starts; returns the secret. */
function createEditorKey(databasePath: string): string {
  const database = openDatabase(databasePath);
  try {
    return createKey(database.db, { name: 'load test', role: 'editor' }).secret;
  } finally {
    database.close();
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

export interface ServiceUnderTest {
  server: Server;
  editorKey: string;
}

/** Copies the dataset to `copyPath`, adds an editor key and starts the compiled service on it. */
export async function startServiceUnderTest(
  children: Children,
  root: string,
  datasetPath: string,
  copyPath: string,
  env: Record<string, string>,
): Promise<ServiceUnderTest> {
  removeDatabase(copyPath);
  copyFileSync(datasetPath, copyPath);
  const editorKey = createEditorKey(copyPath);
  const server = await startService(children, root, copyPath, env);
  return { server, editorKey };
}
