// The worker thread of src/db/checkpoints.ts: a connection of its own to the service's file that
// checkpoints the WAL at an interval and reports each result. PASSIVE never waits for the
// service's readers or writer, and never makes them wait.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { useConnectionSettings } from './connection.js';
import { canonicalPath, syncToDisk } from './files.js';

interface Settings {
  path: string;
  intervalMs: number;
}

export interface CheckpointReport {
  /** Pages the checkpoint copied into the database file; -1 when none could run, or it failed. */
  checkpointed: number;
  /** The WAL was synced here, as commits the checkpoint could not copy were in it. */
  walSynced?: true;
  error?: string;
}

const { path, intervalMs } = workerData as Settings;
const port = parentPort;
if (port === null) throw new Error('checkpoint-worker runs as a worker thread');
const connection = new Database(path, { fileMustExist: true });
// SQLite keeps the WAL beside the file's real path, whatever path named it (a symbolic link).
const walPath = `${canonicalPath(path)}-wal`;
useConnectionSettings(connection);
const timer = setInterval(() => {
  let report: CheckpointReport;
  try {
    const [result] = connection.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
    report = { checkpointed: result?.checkpointed ?? 0 };
    if (result !== undefined && result.log > result.checkpointed && result.checkpointed >= 0) {
      // With `synchronous = NORMAL` a commit is not synced: the WAL is, by SQLite, when a
      // checkpoint copies frames from it. While a reader holds a snapshot (an export, a backup's
      // step), a checkpoint cannot copy past it, and SQLite then syncs nothing: every commit of
      // those minutes would be lost to a power cut, not the last second's. So the worker syncs it.
      try {
        syncToDisk(walPath, true);
        report.walSynced = true;
      } catch (error) {
        report.error = `the WAL could not be synced: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
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
