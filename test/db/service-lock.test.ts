// One service per database file (src/db/service-lock.ts), in process: what a second start may
// not do before it is refused. test/e2e/server.test.ts starts the compiled server twice.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
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
