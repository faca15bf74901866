// Writes by another connection (the import command, a second process) reach this process's
// cached answers and rankings within OTHER_WRITERS_CHECK_MS (src/db/other-writers.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { articleInputSchema, articlePatchSchema } from '../../src/articles/schemas.js';
import { defaultConfig } from '../../src/config.js';
import { withArticleService } from '../../src/syndication/transfer/context.js';
import { articleBody, buildTestApp, demoNow } from '../helpers/app.js';

t.test("another connection's writes reach the cached answers and the rankings", async (t) => {
  const { app, dbPath } = await buildTestApp(t, { config: { OTHER_WRITERS_CHECK_MS: 50 } });
  const list = '/v1/articles?tag=from-elsewhere';
  const feed = '/v1/feeds/rss.xml?tag=from-elsewhere';
  t.same((await app.inject({ url: list })).json().data, [], 'cached: nothing tagged so yet');
  t.notMatch((await app.inject({ url: feed })).body, 'Written by the import');
  const top = (await app.inject({ url: '/v1/popular' })).json().data[0].article as { id: string };

  // As `npm run import` does it: its own connection, its own article service.
  withArticleService(defaultConfig({ DATABASE_PATH: dbPath }), (articles) => {
    const input = articleInputSchema.parse(
      articleBody({
        headline: 'Written by the import',
        tags: ['from-elsewhere'],
        publishedAt: new Date(demoNow - 60_000).toISOString(),
      }),
    );
    articles.create(input, { seesUnpublished: true });
    articles.patch(top.id, articlePatchSchema.parse({ hideFromPopular: true }), undefined, { seesUnpublished: true });
  });

  let found: Array<{ headline: string }> = [];
  for (let attempt = 0; attempt < 60 && found.length === 0; attempt++) {
    await sleep(50);
    found = (await app.inject({ url: list })).json().data;
  }
  t.same(
    found.map((article) => article.headline),
    ['Written by the import'],
    'the list shows the new article',
  );
  t.match((await app.inject({ url: feed })).body, 'Written by the import', 'so does the feed');
  const ranked = (await app.inject({ url: '/v1/popular?limit=50' }))
    .json()
    .data.map((entry: { article: { id: string } }) => entry.article.id);
  t.notOk(ranked.includes(top.id), 'an article hidden from "Most Popular" elsewhere leaves the rankings');
});

const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';

/** Lookups of the response caches that found an answer kept (GET /metrics). */
async function cacheHits(app: FastifyInstance): Promise<number> {
  const text = (await app.inject({ url: '/metrics' })).body;
  let hits = 0;
  for (const [, count] of text.matchAll(/^response_cache_lookups_total\{[^}]*outcome="hit"[^}]*\} (\d+)$/gm))
    hits += Number(count);
  return hits;
}

t.test("the service's own writes are not taken for another connection's", async (t) => {
  const checkMs = 20;
  const { app, auth, database } = await buildTestApp(t, { config: { OTHER_WRITERS_CHECK_MS: checkMs } });
  const url = '/v1/articles?limit=1';
  const first = await app.inject({ url });
  await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ tags: ['elsewhere'] }),
  });
  // Read on the service's own connection: a read is no write, another connection's or its own.
  const viewsStored = () =>
    (database.sqlite.prepare('SELECT coalesce(sum(views), 0) AS n FROM view_counts').get() as { n: number }).n;
  const storedBefore = viewsStored();
  const view = await app.inject({
    method: 'POST',
    url: '/v1/views',
    // A browser's: a bare "Mozilla/5.0" is taken for a bot, and its view is not counted.
    headers: { 'user-agent': browser },
    payload: { article: (first.json() as { data: Array<{ id: string }> }).data[0]?.id },
  });
  t.same(view.json(), { accepted: 1, rejected: 0 }, 'the view is counted, so a flush will write it');
  const sections = await app.inject({ url: '/v1/sections' });
  // The service writes the buffered view at its next flush (VIEWS_FLUSH_INTERVAL_MS, 250 ms).
  for (let tries = 0; tries < 1000 && viewsStored() === storedBefore; tries += 1) await sleep(10);
  t.equal(viewsStored(), storedBefore + 1, 'the flush has written the view');
  // The watcher's look is not observable, but timers of one duration fire in the order they
  // were set: a wait of the check interval, begun now, ends after its next look at the file.
  // Two, for two looks.
  await sleep(checkMs);
  await sleep(checkMs);
  const hits = await cacheHits(app);
  const conditional = await app.inject({ url: '/v1/sections', headers: { 'if-none-match': String(sections.headers.etag) } });
  t.equal(conditional.statusCode, 304, 'the answer has not changed');
  // The ETag is the body's hash, so a 304 alone would hold after the answer was dropped and made again.
  t.equal(await cacheHits(app), hits + 1, 'and it was answered from the kept copy: nothing dropped it');
  t.not((await app.inject({ url })).headers.etag, first.headers.etag);
});
