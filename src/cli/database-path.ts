// What the commands do when DATABASE_PATH names no database yet. `keys` and `import` may make
// one (keys can be made before the service first starts), and say so, so a mistyped path is
// seen; `export` only reads, so there it is an error.
import { existsSync } from 'node:fs';

/** Says on standard error that a database will be made at `path`, when there is none there. */
export function announceNewDatabase(path: string): void {
  if (!existsSync(path)) process.stderr.write(`No database at ${path} (DATABASE_PATH): creating it.\n`);
}

/** Throws when there is no database at `path`. */
export function requireDatabase(path: string): void {
  if (!existsSync(path)) throw new Error(`No database at ${path} (DATABASE_PATH).`);
}
