// The worker thread of src/db/checkpoints.ts: a connection of its own to the service's file that
// checkpoints the WAL at an interval and reports each result. PASSIVE never waits for the
// service's readers or writer, and never makes them wait.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { useConnectionSettings } from './connection.js';

interface Settings {
  path: string;
  intervalMs: number;
}

export interface CheckpointReport {
  /** Pages the checkpoint copied into the database file; -1 when none could run, or it failed. */
  checkpointed: number;
  error?: string;
}

const { path, intervalMs } = workerData as Settings;
const port = parentPort;
if (port === null) throw new Error('checkpoint-worker runs as a worker thread');
const connection = new Database(path, { fileMustExist: true });
useConnectionSettings(connection);
const timer = setInterval(() => {
  let report: CheckpointReport;
  try {
    const [result] = connection.pragma('wal_checkpoint(PASSIVE)') as Array<{ checkpointed: number }>;
    report = { checkpointed: result?.checkpointed ?? 0 };
  } catch (error) {
    report = { checkpointed: -1, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(report);
}, intervalMs);
port.once('message', () => {
  clearInterval(timer);
  connection.close();
  // In a worker, this ends the thread only; whatever a loader left open cannot keep it alive.
  process.exit(0);
});
