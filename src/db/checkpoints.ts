// WAL checkpoints off the request thread. SQLite checkpoints by itself inside whichever commit
// takes the WAL past `wal_autocheckpoint` pages (1,000): on the service's one thread that commit
// (a write of views, an edit) then copies the pages into the database file and syncs it, 20-50 ms
// in the load test during which no request was answered. Here a worker thread with a connection
// of its own checkpoints every interval instead (src/db/checkpoint-worker.ts), and the service's
// connection checkpoints itself only past a WAL ten times larger, should the worker fall behind
// or fail. What is durable when does not change (README "Durability"): a checkpoint moves
// committed pages from the WAL into the database file, in whichever thread.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { CheckpointReport } from './checkpoint-worker.js';

/** The service connection's own automatic checkpoint while the worker runs, in pages (about 40 MB). */
export const fallbackAutocheckpointPages = 10_000;

/** How long a close waits for the worker to finish its checkpoint and close its connection. */
const stopWaitMs = 1000;

export interface BackgroundCheckpoints {
  /** Ends the worker after its current checkpoint; the connection checkpoints itself again. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `sqlite`'s file every `intervalMs` in a worker thread; `onReport` hears
 * each result. The worker is the compiled JavaScript or, under the tests' TypeScript loader, the
 * source next to this module.
 */
export function startBackgroundCheckpoints(
  sqlite: Database.Database,
  intervalMs: number,
  onReport: (report: CheckpointReport) => void,
): BackgroundCheckpoints {
  const here = fileURLToPath(import.meta.url);
  const worker = new Worker(new URL(`./checkpoint-worker${extname(here)}`, import.meta.url), {
    workerData: { path: sqlite.name, intervalMs },
  });
  // Never what keeps the process alive, nor what keeps a test from ending.
  worker.unref();
  worker.on('message', onReport);
  worker.on('error', (error) => onReport({ checkpointed: -1, error: error.message }));
  sqlite.pragma(`wal_autocheckpoint = ${fallbackAutocheckpointPages}`);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      // Waited for now: an unreferenced worker would let the process end before it has.
      worker.ref();
      worker.postMessage('stop');
      // It stops after its current checkpoint; one still starting (or stuck) is ended instead,
      // so a graceful close never waits on it for long.
      const timer = setTimeout(() => void worker.terminate(), stopWaitMs);
      await exited;
      clearTimeout(timer);
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    },
  };
}
