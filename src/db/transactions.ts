// The one way the code writes in a transaction. Every write transaction begins IMMEDIATE: it
// takes the write lock at BEGIN, so when another connection (the import CLI, a second process)
// is writing, it waits up to busy_timeout for the lock. A DEFERRED transaction that reads first
// and writes later would instead fail at once with SQLITE_BUSY when another writer commits in
// between, since its read snapshot is stale and waiting cannot help it.
import type { Db } from './open.js';

/** Runs `work` in one write transaction that takes the write lock at once (nested: a savepoint). */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(() => work(), { behavior: 'immediate' });
}

/**
 * Runs `work` on one read snapshot: a DEFERRED transaction that only reads sees the database as
 * it was at its first read, whatever other connections commit meanwhile (WAL mode), and blocks
 * none of them. For reads that must agree with one another, such as an export's pages.
 */
export function readSnapshot<T>(db: Db, work: () => T): T {
  return db.transaction(() => work(), { behavior: 'deferred' });
}
