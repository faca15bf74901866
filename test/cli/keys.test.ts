import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { articleBody, tempDir } from '../helpers/app.js';
import { runCli } from '../helpers/processes.js';

t.test('keys create, list and revoke against DATABASE_PATH', async (t) => {
  const env = { DATABASE_PATH: join(tempDir(t), 'keys.db') };
  const created = runCli('keys', ['create', '--role', 'editor', '--name', 'Newsroom'], env);
  t.equal(created.status, 0, created.stderr);
  const lines = created.stdout.trim().split('\n');
  const secret = lines.at(-1) ?? '';
  t.match(secret, /^cak_[A-Za-z0-9_-]{40,}$/, 'the key alone on the last line');
  const id = /Created key (key_[0-9a-f]+)/.exec(created.stdout)?.[1] ?? '';
  t.ok(id);

  const listed = runCli('keys', ['list'], env);
  t.match(listed.stdout, new RegExp(`${id}\\teditor\\tactive`));
  t.notMatch(listed.stdout, secret, 'list never shows the key');

  const app = await buildApp({ config: defaultConfig({ ...env, DEMO_CONTENT: false, LOG_LEVEL: 'silent' }) });
  t.teardown(() => app.close());
  const headers = { authorization: `Bearer ${secret}` };
  t.equal((await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: articleBody() })).statusCode, 201);

  const revoked = runCli('keys', ['revoke', id], env);
  t.equal(revoked.status, 0, revoked.stderr);
  t.equal((await app.inject({ method: 'POST', url: '/v1/articles', headers, payload: articleBody() })).statusCode, 401);
  t.match(runCli('keys', ['list'], env).stdout, /revoked/);

  t.not(runCli('keys', ['revoke', 'key_nope'], env).status, 0, 'revoking an unknown key fails');
  const badRole = runCli('keys', ['create', '--role', 'owner', '--name', 'x'], env);
  t.not(badRole.status, 0);
  t.match(badRole.stderr, /owner/);
});
