// Writes to the database file by another connection: the import command, `npm run keys`, a
// second process. Nothing tells this process's caches of them (the response caches, the facts
// the rankings keep), so they are found by SQLite's `data_version`, which changes on this
// connection when another one has committed: one pragma an interval. This connection's own
// commits do not change it, nor do the background checkpoints (PASSIVE: they move committed
// pages, they commit nothing).
import type Database from 'better-sqlite3';

export interface OtherWriters {
  stop(): void;
}

/** Calls `onWrite` within `intervalMs` of a commit by another connection to `sqlite`'s file. */
export function watchOtherWriters(sqlite: Database.Database, intervalMs: number, onWrite: () => void): OtherWriters {
  const version = () => sqlite.pragma('data_version', { simple: true }) as number;
  let seen = version();
  const timer = setInterval(() => {
    if (!sqlite.open) return;
    const now = version();
    if (now === seen) return;
    seen = now;
    onWrite();
  }, intervalMs);
  // Never what keeps the process alive, nor what keeps a test from ending.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
