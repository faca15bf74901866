// backupDatabase on its own: what the CLI's test (test/cli/backup.test.ts) cannot time.
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
