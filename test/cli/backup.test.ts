// `npm run backup`: a consistent, checked copy made while the compiled server takes writes, and
// a restore that serves it.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { articleBody, tempDir } from '../helpers/app.js';
import { runCli, runCliAsync, startServer } from '../helpers/processes.js';

t.test('a backup taken during writes holds every write acknowledged before it began, and restores', async (t) => {
  const dir = tempDir(t);
  const env = { DATABASE_PATH: join(dir, 'content.db') };
  const server = await startServer(env);
  t.teardown(() => server.stop('SIGKILL'));
  const key = runCli('keys', ['create', '--role', 'editor', '--name', 'backup test'], env).stdout.trim().split('\n').at(-1);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };

  const acknowledged: string[] = [];
  let writing = true;
  const writes = (async () => {
    for (let i = 0; writing; i += 1) {
      const res = await fetch(`${server.baseUrl}/v1/articles`, {
        method: 'POST',
        headers,
        body: JSON.stringify(articleBody({ headline: `Written during the backup, number ${i}` })),
      });
      if (res.status !== 201) throw new Error(`write ${i}: ${res.status}`);
      acknowledged.push(((await res.json()) as { id: string }).id);
    }
  })();
  while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 10));

  const before = acknowledged.length;
  const copyPath = join(dir, 'copy.db');
  const backup = await runCliAsync('backup', [copyPath], env);
  const during = acknowledged.length;
  writing = false;
  await writes;
  t.equal(backup.status, 0, backup.stderr);
  t.match(backup.stdout, /Backed up \d+ articles .* passed integrity checks/);

  const copy = new Database(copyPath, { readonly: true });
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  const ids = new Set((copy.prepare('SELECT id FROM articles').all() as Array<{ id: string }>).map((row) => row.id));
  copy.close();
  // The writes are sent one after another, so a copy of one committed state holds the first
  // `copied` of them and none after (the last perhaps committed but answered after the backup).
  const copied = acknowledged.filter((id) => ids.has(id)).length;
  t.same(
    acknowledged.filter((id) => ids.has(id)),
    acknowledged.slice(0, copied),
    `the copy holds the first ${copied} writes, and no later one`,
  );
  t.ok(copied >= before, `every write acknowledged before the backup began is in the copy (${before})`);
  t.ok(copied <= during + 1, `nothing the server had not taken by the end of the backup (${during})`);
  // Writes answered after the copy's state was taken and before the backup ended: the server
  // went on taking writes while the backup ran (one that held the write lock would stop them).
  t.ok(during - copied >= 2, `${during - copied} writes acknowledged while the backup ran, after its copy's state`);
  const demoCount = ids.size - copied;
  t.ok(demoCount > 0, 'the demo content is in the copy too');

  const refused = runCli('backup', [copyPath], env);
  t.equal(refused.status, 2, 'an existing file is never overwritten');
  t.match(refused.stderr, /exists/);
  const missing = runCli('backup', [join(dir, 'other.db')], { DATABASE_PATH: join(dir, 'absent.db') });
  t.equal(missing.status, 2);
  t.match(missing.stderr, /no database/);

  // Restore: the copy, put where DATABASE_PATH points, serves what it holds.
  await server.stop('SIGTERM');
  const restoredPath = join(dir, 'restored.db');
  copyFileSync(copyPath, restoredPath);
  const restored = await startServer({ DATABASE_PATH: restoredPath });
  t.teardown(() => restored.stop('SIGKILL'));
  const read = await fetch(`${restored.baseUrl}/v1/articles/${acknowledged[0]}`);
  t.equal(read.status, 200);
  const search = await fetch(`${restored.baseUrl}/v1/articles?q=${encodeURIComponent('"number 3"')}`);
  t.equal(search.status, 200);
  t.ok(((await search.json()) as { data: unknown[] }).data.length > 0, 'the search index came along');
});
