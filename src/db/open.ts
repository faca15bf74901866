// Opens the SQLite file with the pragmas the service relies on and applies pending migrations.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { useConnectionSettings } from './connection.js';
import * as schema from './schema.js';
import { ServiceLockError, takeServiceLock } from './service-lock.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface ContentDatabase {
  /** The raw connection, for statements Drizzle cannot express (FTS5, pragmas). */
  sqlite: Database.Database;
  db: Db;
  /** How many migrations the code ships; readiness compares it with those applied. */
  migrationCount: number;
  close(): void;
}

/** Finds `migrations/` by walking up from this module: it sits in src/db or dist/src/db. */
function findMigrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('migrations folder not found');
}

/** How many migrations the file has had applied (none on a new file). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table === undefined ? 0 : (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

export interface OpenOptions {
  /**
   * A command run beside the service (import, export, keys): it migrates the file only while no
   * service serves it, holding the service's lock meanwhile; a service of an older version would
   * otherwise find a schema it does not know under it.
   */
  besideService?: boolean;
}

/**
 * Applies the migrations the file lacks. A file migrated by a newer version is refused: its
 * schema may have changed in ways this code does not know (a column renamed, say).
 */
function migrateFile(db: Db, sqlite: Database.Database, path: string, options: OpenOptions): number {
  const migrationsFolder = findMigrationsFolder();
  const shipped = (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] })
    .entries.length;
  const applied = appliedMigrations(sqlite);
  if (applied > shipped) {
    throw new Error(
      `${path} has ${applied} migrations applied, by a newer version; this version knows ${shipped}. Run the newer version, or restore a backup taken before it.`,
    );
  }
  if (applied === shipped) return shipped;
  let lock: { release(): void } | null = null;
  if (options.besideService && path !== ':memory:') {
    try {
      lock = takeServiceLock(path);
    } catch (error) {
      if (!(error instanceof ServiceLockError)) throw error;
      throw new ServiceLockError(
        `${path} needs ${shipped - applied} migrations of this version, and a service of an older version is serving it: upgrade the service (it migrates the file when it starts), then run this again.`,
      );
    }
  }
  try {
    migrate(db, { migrationsFolder });
  } finally {
    lock?.release();
  }
  return shipped;
}

/**
 * True when the connection is open and the migrations applied are exactly those in the folder:
 * not fewer, and not more (a newer version's, whose schema this code does not know).
 */
export function isMigrated(database: ContentDatabase): boolean {
  if (!database.sqlite.open) return false;
  try {
    return appliedMigrations(database.sqlite) === database.migrationCount;
  } catch {
    return false;
  }
}

/**
 * SQLite's own page cache for the service's connection, KiB (better-sqlite3 builds in 16 MB).
 * The OS page cache holds the file's hot pages anyway and the response caches absorb repeated
 * reads, so a large second copy inside the process mostly adds resident memory; a miss here is a
 * read from the OS cache, a few microseconds. Memory-mapped I/O stays off (SQLite's default):
 * mapped pages of a 16 GB file would count as the process's resident memory too.
 */
export const pageCacheKib = 4096;

export function openDatabase(path: string, options: OpenOptions = {}): ContentDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run while a write commits; NORMAL sync keeps every committed transaction
  // across a process crash (the WAL is in the OS cache) and may lose only the last ones on power loss.
  sqlite.pragma('journal_mode = WAL');
  useConnectionSettings(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = -${pageCacheKib}`);
  const db = drizzle(sqlite, { schema });
  let migrationCount: number;
  try {
    migrationCount = migrateFile(db, sqlite, path, options);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    sqlite,
    db,
    migrationCount,
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
