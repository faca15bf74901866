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
 * LOG_LEVEL=warn (bench/servers.ts). `--service-env NAME=VALUE` adds to every phase.
 * - capacity, for (a) the fixed rate and (b) the search: the global protections (the global rate
 *   ceiling, load shedding under pressure) stay at their defaults, as deployed; a ceiling below
 *   capacity shows up in (b) as the sustained rate.
 * - overload, for (c): the same. Beyond capacity the fast 429 / 503 answers must come from those
 *   global protections, not from a per-client limit. Set their variables here (or with
 *   --service-env) if their defaults are not what is deployed.
 */
export const serviceEnv = {
  capacity: { ...perClientLimitsRaised },
  overload: { ...perClientLimitsRaised },
} satisfies Record<string, Record<string, string>>;

export type Phase = keyof typeof serviceEnv;

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
