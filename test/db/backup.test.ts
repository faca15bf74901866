// backupDatabase on its own: what the CLI's test (test/cli/backup.test.ts) cannot time.
import * as fs from 'node:fs';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { backupDatabase } from '../../src/db/backup.js';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';

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
