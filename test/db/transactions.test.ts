// Immediate write transactions: while another connection holds the write lock, the app's writes
// wait for it (busy_timeout) and succeed once it is released, rather than failing with
// SQLITE_BUSY; a deferred transaction that read first fails at once, which is why none is used.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import t from 'tap';
import { useConnectionSettings } from '../../src/db/connection.js';
import { articleBody, buildTestApp } from '../helpers/app.js';
import { browser, createArticle } from '../popularity/helpers.js';

/**
 * Another connection, in a thread of its own (better-sqlite3 waits for a lock synchronously, so
 * the holder cannot share the test's thread): it takes the write lock, reports it, keeps it for
 * `holdMs` and commits. Resolves with the time it committed.
 */
function holdWriteLock(path: string, holdMs: number): { locked: Promise<void>; released: Promise<number> } {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.driver);
     const db = new Database(workerData.path);
     db.pragma('busy_timeout = 5000');
     db.exec('BEGIN IMMEDIATE');
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
     db.exec('COMMIT');
     parentPort.postMessage(Date.now());
     db.close();`,
    { eval: true, workerData: { path, holdMs, driver: createRequire(import.meta.url).resolve('better-sqlite3') } },
  );
  const messages: unknown[] = [];
  const waiters: Array<() => void> = [];
  worker.on('message', (message) => {
    messages.push(message);
    for (const wake of waiters.splice(0)) wake();
  });
  const nth = (n: number) =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('error', reject);
      const check = () => (messages.length > n ? resolve(messages[n]) : waiters.push(check));
      check();
    });
  return { locked: nth(0).then(() => undefined), released: nth(1).then(Number) };
}

t.test('editor writes and a views flush wait for another writer, then succeed', async (t) => {
  const { app, auth, dbPath, database } = await buildTestApp(t, { demo: true });
  const { id, slug } = await createArticle(t, app, auth('editor'), { headline: 'Waiting for the lock' });
  const target = await createArticle(t, app, auth('editor'), { headline: 'A related target' });
  const views = await app.inject({ method: 'POST', url: '/v1/views', headers: browser, payload: { article: slug } });
  t.equal(views.statusCode, 202);

  const holder = holdWriteLock(dbPath, 300);
  await holder.locked;
  const editor = auth('editor');
  const answers = [
    await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: editor,
      payload: { ...articleBody(), headline: 'Written after the wait' },
    }),
    await app.inject({
      method: 'PATCH',
      url: `/v1/articles/${id}`,
      headers: editor,
      payload: { headline: 'Changed after the wait' },
    }),
    await app.inject({ method: 'PUT', url: `/v1/articles/${id}/related`, headers: editor, payload: { articleIds: [target.id] } }),
    await app.inject({
      method: 'POST',
      url: '/v1/cities/delhi/observations',
      headers: editor,
      payload: { observedAt: '2024-03-29T11:00:00Z', temperatureC: 31 },
    }),
    // Ranking writes the buffered views first.
    await app.inject({ method: 'GET', url: '/v1/popular?window=1h' }),
    await app.inject({ method: 'DELETE', url: `/v1/articles/${target.id}`, headers: editor }),
  ];
  const finished = Date.now();
  const releasedAt = await holder.released;
  t.ok(finished >= releasedAt, 'the writes could finish only once the lock was released');
  t.same(
    answers.map((res) => res.statusCode),
    [201, 200, 200, 201, 200, 204],
    'every write succeeded',
  );
  const stored = database.sqlite.prepare('SELECT headline FROM articles WHERE id = ?').get(id) as { headline: string };
  t.equal(stored.headline, 'Changed after the wait');
  const counted = database.sqlite
    .prepare('SELECT coalesce(sum(views), 0) AS n FROM view_counts v JOIN articles a ON a.pk = v.article_pk WHERE a.id = ?')
    .get(id) as { n: number };
  t.equal(counted.n, 1, 'the buffered view was written');
});

t.test('a deferred transaction that read first fails at once while another connection writes', async (t) => {
  const { dbPath } = await buildTestApp(t, { demo: false });
  const reader = new Database(dbPath);
  useConnectionSettings(reader);
  t.teardown(() => reader.close());
  const holder = holdWriteLock(dbPath, 300);
  await holder.locked;
  reader.exec('BEGIN DEFERRED');
  reader.prepare('SELECT count(*) FROM articles').get();
  t.throws(() => reader.prepare('DELETE FROM view_counts').run(), { code: 'SQLITE_BUSY' }, 'no wait: SQLITE_BUSY');
  reader.exec('ROLLBACK');
  await holder.released;
});
