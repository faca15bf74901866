// What the commands do with a DATABASE_PATH where there is no database: export reads, so that is
// an error (and the file it was to write stays as it was); keys and import may make a database
// before the service first starts, and say so, so a mistyped path is seen.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/processes.js';

t.test('export from no database is an error and leaves its file as it was', async (t) => {
  const dir = tempDir(t);
  const env = { DATABASE_PATH: join(dir, 'typo.db') };
  const target = join(dir, 'articles.ndjson');
  writeFileSync(target, '{"kept":true}\n');
  const res = runCli('export', [target], env);
  t.equal(res.status, 1);
  t.match(res.stderr, `No database at ${env.DATABASE_PATH} (DATABASE_PATH).`);
  t.equal(readFileSync(target, 'utf8'), '{"kept":true}\n', 'not emptied');
  t.notOk(existsSync(env.DATABASE_PATH), 'and no database made');
  t.notOk(existsSync(`${target}.partial`));
});

t.test('keys and import make a missing database, and say so', async (t) => {
  const dir = tempDir(t);
  const keys = runCli('keys', ['list'], { DATABASE_PATH: join(dir, 'keys.db') });
  t.equal(keys.status, 0);
  t.match(keys.stderr, `No database at ${join(dir, 'keys.db')} (DATABASE_PATH): creating it.`);
  t.notMatch(runCli('keys', ['list'], { DATABASE_PATH: join(dir, 'keys.db') }).stderr, 'No database', 'only the first time');
  const file = join(dir, 'one.ndjson');
  writeFileSync(file, '');
  const imported = runCli('import', [file], { DATABASE_PATH: join(dir, 'import.db') });
  t.equal(imported.status, 0);
  t.match(imported.stderr, 'creating it.');
});
