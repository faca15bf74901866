// The database file on disk: its one path, and syncing what SQLite does not sync itself.
import { closeSync, existsSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * The database file's own path, whatever names it: SQLite follows a symbolic link to the file
 * (and the folders on the way), and keeps its WAL beside the real path. What sits beside the
 * file (the service lock, the views journal) is named from this, so a start through a link and
 * one without find the same. The file may not exist yet; its folder is made, as opening the
 * database would.
 */
export function canonicalPath(databasePath: string): string {
  const path = resolve(databasePath);
  if (existsSync(path)) return realpathSync(path);
  mkdirSync(dirname(path), { recursive: true });
  return join(realpathSync(dirname(path)), basename(path));
}

/** Syncs a file (its data only, with `dataOnly`) or a folder (the names in it) to disk. */
export function syncToDisk(path: string, dataOnly = false): void {
  const descriptor = openSync(path, 'r');
  try {
    if (dataOnly) fdatasyncSync(descriptor);
    else fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
