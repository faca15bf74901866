// Writes by another connection (the import command, a second process) reach this process's
// cached answers and rankings within OTHER_WRITERS_CHECK_MS (src/db/other-writers.ts).
import { setTimeout as sleep } from 'node:timers/promises';
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

t.test("the service's own writes are not taken for another connection's", async (t) => {
  const { app, auth } = await buildTestApp(t, { config: { OTHER_WRITERS_CHECK_MS: 20 } });
  const url = '/v1/articles?limit=1';
  const first = await app.inject({ url });
  await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ tags: ['elsewhere'] }),
  });
  await app.inject({
    method: 'POST',
    url: '/v1/views',
    headers: { 'user-agent': 'Mozilla/5.0' },
    payload: { article: 'demo_001' },
  });
  const sections = await app.inject({ url: '/v1/sections' });
  // Long enough for a write of the buffered views (VIEWS_FLUSH_INTERVAL_MS, 250) and several looks.
  await sleep(400);
  t.equal(
    (await app.inject({ url: '/v1/sections', headers: { 'if-none-match': String(sections.headers.etag) } })).statusCode,
    304,
    'a kept answer is still kept',
  );
  t.not((await app.inject({ url })).headers.etag, first.headers.etag);
});
