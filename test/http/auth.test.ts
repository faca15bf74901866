import t from 'tap';
import { listKeys, revokeKey } from '../../src/auth/keys.js';
import { articleBody, buildTestApp } from '../helpers/app.js';

t.test('writes need a key with the right role', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const writes = [
    { method: 'POST' as const, url: '/v1/articles', payload: articleBody() },
    { method: 'PATCH' as const, url: '/v1/articles/abc', payload: {} },
    { method: 'DELETE' as const, url: '/v1/articles/abc' },
  ];
  for (const write of writes) {
    const none = await app.inject(write);
    t.equal(none.statusCode, 401, `${write.method} without a key`);
    t.equal(none.headers['www-authenticate'], 'Bearer');
    t.equal(none.headers['content-type'], 'application/problem+json; charset=utf-8');
    const unknown = await app.inject({ ...write, headers: { authorization: 'Bearer cak_not-a-real-key' } });
    t.equal(unknown.statusCode, 401, `${write.method} with an unknown key`);
    const malformed = await app.inject({ ...write, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    t.equal(malformed.statusCode, 401, `${write.method} with another scheme`);
    const partner = await app.inject({ ...write, headers: auth('partner') });
    t.equal(partner.statusCode, 403, `${write.method} with a partner key`);
    t.equal(partner.json().status, 403);
  }
  t.equal((await app.inject({ ...writes[0], headers: auth('admin') })).statusCode, 201, 'admin holds every right');
  t.equal((await app.inject({ ...writes[0], headers: auth('editor') })).statusCode, 201);
});

t.test('a revoked key fails at once, on reads too', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { demo: false });
  t.equal((await app.inject({ url: '/v1/articles', headers: auth('editor') })).statusCode, 200);
  const editor = listKeys(database.db).find((key) => key.role === 'editor');
  t.ok(editor && revokeKey(database.db, editor.id));
  const res = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  t.equal(res.statusCode, 401);
  t.equal((await app.inject({ url: '/v1/articles', headers: auth('editor') })).statusCode, 401);
  t.equal((await app.inject({ url: '/v1/articles' })).statusCode, 200, 'public reads need no key');
});
