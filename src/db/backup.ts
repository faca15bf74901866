// Online backup: a consistent copy of the database while the service keeps serving it, through
// SQLite's backup API (better-sqlite3's `backup`), which starts over by itself when another
// connection writes between its steps, so the copy is one committed state. It is
// written beside the target and linked into place once checked, so a half-made copy never
// carries the target's name.
import { copyFileSync, existsSync, constants as fsConstants, linkSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { useConnectionSettings } from './connection.js';
import { syncToDisk } from './files.js';

export interface BackupResult {
  pages: number;
  articles: number;
}

/** Raised for what the operator can fix (a missing source, a target that exists). */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** PRAGMA integrity_check and the search index's own check, on the copy. */
function checkCopy(path: string): number {
  const copy = new Database(path, { fileMustExist: true });
  useConnectionSettings(copy);
  try {
    const verdict = copy.pragma('integrity_check', { simple: true });
    if (verdict !== 'ok') throw new Error(`the copy failed integrity_check: ${String(verdict)}`);
    copy.exec(`INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')`);
    return (copy.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } finally {
    copy.close();
  }
}

/** What `link` fails with where the file system has no hard links. */
const linkUnsupported = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Gives the checked copy the target's name, never replacing a file: one made there since the
 * check at the start (another backup to the same name) fails the link, where a rename would
 * silently replace it. The folder is synced, so the name survives a power cut as the copy does.
 */
function placeCopy(partial: string, targetPath: string): void {
  try {
    try {
      linkSync(partial, targetPath);
    } catch (error) {
      // A file system without hard links (exFAT, many network mounts): a copy that refuses an existing file.
      if (!linkUnsupported.has((error as { code?: string }).code ?? '')) throw error;
      copyFileSync(partial, targetPath, fsConstants.COPYFILE_EXCL);
      syncToDisk(targetPath);
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') throw new BackupError(`${targetPath} exists; choose a new file name`);
    throw error;
  }
  rmSync(partial);
  syncToDisk(dirname(targetPath));
}

export async function backupDatabase(sourcePath: string, targetPath: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new BackupError(`no database at ${sourcePath}`);
  if (existsSync(targetPath)) throw new BackupError(`${targetPath} exists; choose a new file name`);
  const partial = `${targetPath}.partial-${process.pid}`;
  const source = new Database(sourcePath, { fileMustExist: true });
  try {
    // The service may hold the write lock for a moment; wait as its own connections do.
    useConnectionSettings(source);
    // After the first step, the rest in one: a write by the service between steps makes SQLite
    // start the copy over, so small steps would never finish on a busy database. One step holds
    // a read transaction, which in WAL mode never blocks the service's writers, and it blocks
    // only this command's process.
    const { totalPages } = await source.backup(partial, { progress: ({ totalPages: total }) => total });
    const articles = checkCopy(partial);
    placeCopy(partial, targetPath);
    return { pages: totalPages, articles };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    source.close();
  }
}
