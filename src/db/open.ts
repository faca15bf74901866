// Opens the SQLite file with the pragmas the service relies on and applies pending migrations.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { useConnectionSettings } from './connection.js';
import * as schema from './schema.js';

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

/**
 * True when the connection is open and the migrations applied are exactly those in the folder:
 * not fewer, and not more (a newer version's, whose schema this code does not know).
 */
export function isMigrated(database: ContentDatabase): boolean {
  if (!database.sqlite.open) return false;
  try {
    const row = database.sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    return row.n === database.migrationCount;
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

export function openDatabase(path: string): ContentDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run while a write commits; NORMAL sync keeps every committed transaction
  // across a process crash (the WAL is in the OS cache) and may lose only the last ones on power loss.
  sqlite.pragma('journal_mode = WAL');
  useConnectionSettings(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`cache_size = -${pageCacheKib}`);
  const db = drizzle(sqlite, { schema });
  const migrationsFolder = findMigrationsFolder();
  migrate(db, { migrationsFolder });
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return {
    sqlite,
    db,
    migrationCount: journal.entries.length,
    close() {
      if (sqlite.open) sqlite.close();
    },
  };
}
