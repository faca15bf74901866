// The settings every connection the code opens sets, in a module of its own so the checkpoint
// worker (src/db/checkpoint-worker.ts) can use them without loading Drizzle and the schema.
import type Database from 'better-sqlite3';

/**
 * What every connection the code opens sets (WAL is a property of the file, set once): the sync
 * level, explicit rather than the build's default (README "Durability"), and a busy timeout so a
 * writer waits for another connection's write lock (immediate transactions, src/db/transactions.ts).
 */
export function useConnectionSettings(sqlite: Database.Database): void {
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
}
