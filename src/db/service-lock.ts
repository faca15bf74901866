// One service per database file. The views journal beside the file, the rankings and the
// response caches are one process's own: a second service started on the same file replayed the
// first one's open journal segment into the database and deleted it, so the first one's views
// were counted twice (again at its next write) and its later ones went to a deleted file. The
// CLIs (import, export, keys, backup) take no lock: they may run beside the service.
//
// The lock is SQLite's own on a small file beside the database (`-service.lock`), held by a
// connection in exclusive locking mode: an fcntl lock, which the operating system drops when
// the process ends however it ends, so a restart after a crash (or SIGKILL) takes it at once,
// where a lock file with a process id could be stale or name a reused id (pid 1 in containers).
import Database from 'better-sqlite3';
import { canonicalPath } from './files.js';

export class ServiceLockError extends Error {
  override name = 'ServiceLockError';
}

export interface ServiceLock {
  release(): void;
}

/** Takes the lock of the service on `databasePath`, or throws a ServiceLockError when another process holds it. */
export function takeServiceLock(databasePath: string): ServiceLock {
  const path = `${canonicalPath(databasePath)}-service.lock`;
  const lock = new Database(path, { timeout: 0 });
  try {
    lock.pragma('journal_mode = MEMORY');
    lock.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this mode it is held until the connection closes.
    lock.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new ServiceLockError(
        `Another service is serving ${databasePath} (it holds ${path}). One service per database file: its views journal, rankings and caches are its own.`,
      );
    }
    throw error;
  }
  return { release: () => lock.close() };
}
