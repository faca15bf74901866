// backupDatabase on its own: what the CLI's test (test/cli/backup.test.ts) cannot time.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';

/** better-sqlite3 copies 100 pages in a backup step unless its progress callback asks otherwise. */
const backupStepPages = 100;

/**
 * The service's database with a table of a few hundred pages more: bigger than a backup step,
 * and a page each row. A table of its own, so a change to it can touch the whole file at once.
 */
function fillerDatabase(path: string, rows: number): Database.Database {
  openDatabase(path).close();
  const sqlite = new Database(path);
  sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, generation INTEGER NOT NULL, data BLOB NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO filler (id, generation, data) VALUES (?, 0, randomblob(3000))');
  sqlite.transaction(() => {
    for (let id = 1; id <= rows; id += 1) insert.run(id);
  })();
  return sqlite;
}

/** A digest of the filler table's rows: equal digests, equal contents. */
function fillerState(sqlite: Database.Database): string {
  const hash = createHash('sha256');
  for (const row of sqlite.prepare('SELECT id, generation, data FROM filler ORDER BY id').iterate() as Iterable<{
    id: number;
    generation: number;
    data: Buffer;
  }>) {
    hash.update(`${row.id}:${row.generation}:`).update(row.data);
  }
  return hash.digest('hex');
}

const partials = (dir: string) => readdirSync(dir).filter((name) => name.includes('.partial'));

t.test('a file made at the target while the copy is made is never replaced', async (t) => {
  const dir = tempDir(t);
  openDatabase(join(dir, 'content.db')).close();
  const target = join(dir, 'backup.db');
  // The check that the target is free runs when the backup starts; the copy takes a while.
  const pending = backupDatabase(join(dir, 'content.db'), target);
  writeFileSync(target, 'another backup, finished first');
  await t.rejects(pending, { name: 'BackupError', message: /exists; choose a new file name/ });
  t.equal(readFileSync(target, 'utf8'), 'another backup, finished first');
  t.same(
    readdirSync(dir).filter((name) => name.includes('.partial')),
    [],
    'no partial copy left behind',
  );

  const done = await backupDatabase(join(dir, 'content.db'), join(dir, 'second.db'));
  t.equal(done.articles, 0);
  t.ok(existsSync(join(dir, 'second.db')));
});

t.test('on a file system without hard links the copy is placed all the same, never over a file', async (t) => {
  const { backupDatabase: backupWithoutLinks } = await t.mockImport<typeof import('../../src/db/backup.js')>(
    '../../src/db/backup.js',
    {
      'node:fs': {
        ...fs,
        linkSync: () => {
          throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
        },
      },
    },
  );
  const dir = tempDir(t);
  openDatabase(join(dir, 'content.db')).close();
  const done = await backupWithoutLinks(join(dir, 'content.db'), join(dir, 'copy.db'));
  t.equal(done.articles, 0);
  t.ok(existsSync(join(dir, 'copy.db')));
  const pending = backupWithoutLinks(join(dir, 'content.db'), join(dir, 'taken.db'));
  writeFileSync(join(dir, 'taken.db'), 'made meanwhile');
  await t.rejects(pending, { name: 'BackupError' });
  t.equal(readFileSync(join(dir, 'taken.db'), 'utf8'), 'made meanwhile');
  t.same(
    readdirSync(dir).filter((name) => name.includes('.partial')),
    [],
  );
});

t.test('another connection commits during the backup, and the copy is the state before or after it', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'content.db');
  const writer = fillerDatabase(path, 400);
  t.teardown(() => writer.close());
  // No waiting: should the backup hold the write lock, this connection's commit fails at once.
  writer.pragma('busy_timeout = 0');
  t.ok(
    (writer.pragma('page_count', { simple: true }) as number) > 3 * backupStepPages,
    'the database spans several backup steps',
  );
  const before = fillerState(writer);
  let after: string | null = null;
  let commitError: unknown = null;
  // Every row and one more: a copy with part of this commit would match neither state.
  const commit = writer.transaction(() => {
    writer.exec('UPDATE filler SET generation = 1');
    writer.prepare('INSERT INTO filler (id, generation, data) VALUES (?, 1, randomblob(3000))').run(1_000_000);
  });
  // The backup's own Database, whose progress callback (called between steps, with the backup
  // under way) commits on the writer's connection first, once.
  class DuringBackup extends Database {
    override backup(destination: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata> {
      const progress = options?.progress;
      return super.backup(destination, {
        ...options,
        progress: (info) => {
          if (after === null && commitError === null) {
            try {
              commit();
              after = fillerState(writer);
            } catch (error) {
              commitError = error;
            }
          }
          return progress ? progress(info) : backupStepPages;
        },
      });
    }
  }
  const { backupDatabase: backupDuringCommit } = await t.mockImport<typeof import('../../src/db/backup.js')>(
    '../../src/db/backup.js',
    { 'better-sqlite3': DuringBackup },
  );
  const target = join(dir, 'backup.db');
  const result = await backupDuringCommit(path, target);
  t.equal(commitError, null, 'the commit during the backup succeeded without waiting: the backup holds no write lock');
  t.not(after, null, 'a commit was made while the backup was under way');
  t.ok(result.pages > backupStepPages, `${result.pages} pages copied`);
  const copy = new Database(target, { readonly: true });
  t.teardown(() => copy.close());
  const copied = fillerState(copy);
  t.ok(copied === before || copied === after, `the copy is the state ${copied === after ? 'after' : 'before'} the commit, whole`);
  t.same(partials(dir), [], 'no partial copy left behind');
});

t.test('a source with a damaged page is refused: no copy is placed, and none is left behind', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'content.db');
  const sqlite = fillerDatabase(path, 400);
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  // A leaf of the filler table, far from the schema's pages, so the file still opens.
  const { pageno } = sqlite
    .prepare("SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 200")
    .get() as { pageno: number };
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  // Its b-tree page header: an invalid page type, and a cell count it cannot hold.
  const file = openSync(path, 'r+');
  writeSync(file, Buffer.from([0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 0, 8, (pageno - 1) * pageSize);
  closeSync(file);
  const damaged = new Database(path, { readonly: true });
  t.not(damaged.pragma('integrity_check', { simple: true }), 'ok', 'the source is damaged');
  damaged.close();

  const target = join(dir, 'backup.db');
  await t.rejects(backupDatabase(path, target), /integrity_check/, 'the copy fails its check');
  t.notOk(existsSync(target), 'no file at the target');
  t.same(partials(dir), [], 'no partial copy left behind');
});
