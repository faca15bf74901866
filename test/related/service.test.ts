import t from 'tap';
import { createArticlePresenter } from '../../src/articles/presenter.js';
import { createArticleRepository } from '../../src/articles/repository.js';
import { createArticleService } from '../../src/articles/service.js';
import type { ContentDatabase } from '../../src/db/open.js';
import { createRelatedRepository } from '../../src/related/repository.js';
import { createRelatedService } from '../../src/related/service.js';
import { createSimilarArticles } from '../../src/related/similar.js';
import { createSimilarityRepository } from '../../src/related/similarity-repository.js';
import { buildTestApp, type TestClock } from '../helpers/app.js';
import { queryPlan, statementsPrepared } from '../helpers/statements.js';

function relatedService(database: ContentDatabase, clock: TestClock) {
  const presenter = createArticlePresenter('https://news.example.com');
  const articles = createArticleService({
    repository: createArticleRepository(database.db),
    presenter,
    clock,
    onChange: () => {},
  });
  return createRelatedService({
    articles,
    repository: createRelatedRepository(database.db),
    similar: createSimilarArticles(createSimilarityRepository(database.db), clock),
    presenter,
    clock,
    onChange: () => {},
  });
}

t.test('the exported list() gives exactly the body GET /related answers', async (t) => {
  const { app, database, clock, auth } = await buildTestApp(t);
  const service = relatedService(database, clock);
  for (const [key, limit] of [
    ['demo_004', 5],
    ['demo_024', 20],
    ['demo_031', 1],
  ] as const) {
    const res = await app.inject({ url: `/v1/articles/${key}/related?limit=${limit}` });
    t.same(res.json(), service.list(key, { seesUnpublished: false }, limit).list, `${key}, limit ${limit}`);
  }
  const editor = await app.inject({ url: '/v1/articles/demo_004/related', headers: auth('editor') });
  t.same(editor.json(), service.list('demo_004', { seesUnpublished: true }, 5).list, 'the same for editors');
  t.ok(
    editor.json().data.some((entry: { article: { id: string } }) => entry.article.id === 'demo_035'),
    'editors see the link to the scheduled article',
  );
});

t.test('every statement of a similar-article search is an index search, never a table scan', async (t) => {
  const { database, clock } = await buildTestApp(t);
  const statements = new Set(
    await statementsPrepared(database.sqlite, () => {
      const service = relatedService(database, clock);
      for (const key of ['demo_001', 'demo_012', 'demo_029'])
        t.ok(service.list(key, { seesUnpublished: false }, 20).list.data.length > 0);
    }),
  );
  t.ok(statements.size >= 5);
  for (const source of statements) {
    // Stored tables only: FTS5 is reached through its MATCH index and json_each walks the
    // statement's own parameter, both shown as a "SCAN" of a virtual table.
    const scans = queryPlan(database.sqlite, source, '1').filter((step) =>
      /^SCAN (articles|article_tags|related_links)( |$)/.test(step),
    );
    t.same(scans, [], source.slice(0, 90));
  }
  const limited = [...statements].filter((source) => /articles_fts|article_tags/.test(source));
  t.ok(
    limited.every((source) => /limit \?/i.test(source)),
    'every look-up in the index or the tags has a LIMIT',
  );
});
