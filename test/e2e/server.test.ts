// End to end: the compiled server on a real file, over real HTTP, like a client.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { tempDir } from '../helpers/app.js';
import { runCli, startServer } from '../helpers/processes.js';

t.test('npm start path: creates the database, fills demo content, serves, closes on SIGTERM', async (t) => {
  const dir = tempDir(t);
  const env = { DATABASE_PATH: join(dir, 'nested', 'content.db') };
  const server = await startServer(env);
  t.teardown(() => server.stop('SIGKILL'));

  const list = await fetch(`${server.baseUrl}/v1/articles?limit=5`);
  t.equal(list.status, 200);
  const page = (await list.json()) as { data: Array<{ slug: string }>; nextCursor: string };
  t.equal(page.data.length, 5);
  t.match(list.headers.get('link'), /rel="next"/);

  const article = await fetch(`${server.baseUrl}/v1/articles/${page.data[0]?.slug}`, { headers: { 'accept-encoding': 'gzip' } });
  t.equal(article.status, 200);
  t.equal(article.headers.get('content-encoding'), 'gzip');
  const etag = article.headers.get('etag') ?? '';
  const again = await fetch(`${server.baseUrl}/v1/articles/${page.data[0]?.slug}`, { headers: { 'if-none-match': etag } });
  t.equal(again.status, 304);

  const key = runCli('keys', ['create', '--role', 'editor', '--name', 'e2e'], env).stdout.trim().split('\n').at(-1);
  const created = await fetch(`${server.baseUrl}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      headline: 'Written over real HTTP',
      standfirst: 'An end-to-end test wrote this.',
      section: 'world',
      source: { name: 'Test Desk' },
      body: [{ type: 'paragraph', text: 'Hello.' }],
    }),
  });
  t.equal(created.status, 201);
  const docs = await fetch(`${server.baseUrl}/docs/`);
  t.equal(docs.status, 200);
  const visible = async (baseUrl: string) => {
    const sections = (await (await fetch(`${baseUrl}/v1/sections?limit=100`)).json()) as { data: Array<{ count: number }> };
    return sections.data.reduce((sum, section) => sum + section.count, 0);
  };
  const before = await visible(server.baseUrl);
  t.ok(before > 30, 'the demo content and the new article');

  const code = await server.stop('SIGTERM');
  t.equal(code, 0, 'a graceful close exits cleanly');
  t.match(server.output(), /closing/);

  const restarted = await startServer(env);
  t.teardown(() => restarted.stop('SIGKILL'));
  const kept = await fetch(`${restarted.baseUrl}/v1/articles/written-over-real-http`);
  t.equal(kept.status, 200, 'the write survived the restart');
  t.equal(await visible(restarted.baseUrl), before, 'demo content is not seeded twice or lost');
  t.equal(await restarted.stop('SIGINT'), 0, 'SIGINT closes gracefully too');
});

t.test('a bad configuration value stops the start and names the variable', async (t) => {
  const dir = tempDir(t);
  await t.rejects(startServer({ DATABASE_PATH: join(dir, 'x.db'), PORT: 'not-a-port' }), /PORT/);
});

t.test('DEMO_CONTENT=false leaves the database empty', async (t) => {
  const server = await startServer({ DATABASE_PATH: join(tempDir(t), 'empty.db'), DEMO_CONTENT: 'false' });
  t.teardown(() => server.stop('SIGKILL'));
  const body = (await (await fetch(`${server.baseUrl}/v1/articles`)).json()) as { data: unknown[] };
  t.same(body.data, []);
  t.equal(await server.stop(), 0);
});

t.test('one service per database file: a second start is refused, and counts no view twice', async (t) => {
  const env = { DATABASE_PATH: join(tempDir(t), 'content.db'), VIEWS_FLUSH_INTERVAL_MS: '60000' };
  const first = await startServer(env);
  t.teardown(() => first.stop('SIGKILL'));
  const totalViews = () => {
    const database = new Database(env.DATABASE_PATH, { readonly: true });
    try {
      return (database.prepare('SELECT coalesce(sum(views), 0) AS n FROM view_counts').get() as { n: number }).n;
    } finally {
      database.close();
    }
  };
  const before = totalViews();
  const slug = ((await (await fetch(`${first.baseUrl}/v1/articles?limit=1`)).json()) as { data: Array<{ slug: string }> }).data[0]
    ?.slug;
  const views = await fetch(`${first.baseUrl}/v1/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' },
    body: JSON.stringify({ events: Array.from({ length: 5 }, (_, index) => ({ article: slug, visitorId: `visitor-${index}` })) }),
  });
  t.same(await views.json(), { accepted: 5, rejected: 0 }, 'buffered and in the journal, not yet written');

  // The first one's views are in its open journal segment: a second service must not take them.
  await t.rejects(startServer(env), /Another service is serving .*content\.db/);
  t.equal(await first.stop(), 0, 'the first one goes on, then closes');
  t.equal(totalViews(), before + 5, 'each view counted once');
  const again = await startServer(env);
  t.equal(await again.stop(), 0, 'the lock is free once the service has gone');
});
