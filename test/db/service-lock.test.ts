// One service per database file (src/db/service-lock.ts), in process: what a second start may
// not do before it is refused. test/e2e/server.test.ts starts the compiled server twice.
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { ServiceLockError, takeServiceLock } from '../../src/db/service-lock.js';
import { tempDir } from '../helpers/app.js';

const quiet = { DEMO_CONTENT: false, LOG_LEVEL: 'silent', WAL_CHECKPOINT_INTERVAL_MS: 0, OTHER_WRITERS_CHECK_MS: 0 } as const;

t.test('a second service is refused before it opens the database: it migrates nothing', async (t) => {
  const config = defaultConfig({ ...quiet, DATABASE_PATH: join(tempDir(t), 'content.db') });
  const first = await buildApp({ config });
  t.teardown(() => first.close());
  // As if the first service were a version without the last migration, and the second the next version.
  const file = new Database(config.DATABASE_PATH);
  t.teardown(() => file.close());
  file.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
  const applied = () => file.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
  const before = applied();
  await t.rejects(buildApp({ config }), { name: 'ServiceLockError' });
  t.same(applied(), before, 'no migration was applied to the file the first one serves');
});

t.test('the lock is the file’s, whatever path names it: a symbolic link does not get around it', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'real'));
  const lock = takeServiceLock(join(dir, 'real', 'content.db'));
  t.teardown(() => lock.release());
  new Database(join(dir, 'real', 'content.db')).close();
  symlinkSync(join(dir, 'real', 'content.db'), join(dir, 'real', 'alias.db'));
  symlinkSync(join(dir, 'real'), join(dir, 'linked'));
  for (const path of [
    join(dir, 'real', 'alias.db'),
    join(dir, 'linked', 'content.db'),
    join(dir, 'real', '..', 'real', 'content.db'),
  ]) {
    t.throws(() => takeServiceLock(path), ServiceLockError, path);
  }
});

t.test('a lock is taken for a file not made yet, in a folder not made yet', async (t) => {
  const path = join(tempDir(t), 'new', 'folder', 'content.db');
  const lock = takeServiceLock(path);
  t.throws(() => takeServiceLock(path), ServiceLockError);
  lock.release();
  takeServiceLock(path).release();
});

/** A file as the version before this one left it: every migration but the last applied. */
function migratedByThePreviousVersion(t: Test, path: string): number {
  const folder = join(tempDir(t), 'migrations');
  cpSync(join(import.meta.dirname, '..', '..', 'migrations'), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  journal.entries.pop();
  writeFileSync(journalPath, JSON.stringify(journal));
  const file = new Database(path);
  migrate(drizzle(file), { migrationsFolder: folder });
  file.close();
  return journal.entries.length;
}

t.test('a command beside the service migrates the file only while no service serves it', async (t) => {
  const path = join(tempDir(t), 'content.db');
  const applied = migratedByThePreviousVersion(t, path);
  const service = takeServiceLock(path);
  t.throws(() => openDatabase(path, { besideService: true }), {
    name: 'ServiceLockError',
    message: /needs 1 migrations of this version, and a service of an older version is serving it/,
  });
  const file = new Database(path);
  t.same(file.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get(), { n: applied }, 'not migrated');
  file.close();
  // Nothing to migrate: it opens beside the service.
  service.release();
  const migrated = openDatabase(path, { besideService: true });
  t.equal(migrated.migrationCount, applied + 1, 'migrated once no service serves it');
  migrated.close();
  takeServiceLock(path).release();
  const again = takeServiceLock(path);
  t.teardown(() => again.release());
  t.doesNotThrow(() => openDatabase(path, { besideService: true }).close(), 'a migrated file opens beside a service');
});

t.test('a file migrated by a newer version is refused, not served with a schema this code does not know', async (t) => {
  const path = join(tempDir(t), 'content.db');
  const newer = openDatabase(path);
  newer.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('a newer version', 9999999999999)").run();
  newer.close();
  t.throws(() => openDatabase(path), /has \d+ migrations applied, by a newer version; this version knows \d+/);
  const config = defaultConfig({ ...quiet, DATABASE_PATH: path });
  await t.rejects(buildApp({ config }), /by a newer version/);
  t.doesNotThrow(() => takeServiceLock(path).release(), 'the refused start let go of the lock');
});
