// The articles whose "Read more" boxes point at an article: kept from the bodies by triggers, so
// every write of a body (create, edit, import) keeps them right, and found without a scan.
import t from 'tap';
import { createArticleRepository } from '../../src/articles/repository.js';
import { articleBody, buildTestApp } from '../helpers/app.js';
import { queryPlan, statementsPrepared } from '../helpers/statements.js';

t.test('linkingTo follows boxes as bodies are written, edited and deleted', async (t) => {
  const { app, auth, database } = await buildTestApp(t);
  const repository = createArticleRepository(database.db);
  const linkers = (id: string) => repository.linkingTo([id]).map((article) => article.id);

  t.same(linkers('demo_035'), ['demo_004'], 'demo content stored before the links were kept');
  const demoLinkers = linkers('demo_001');
  t.ok(demoLinkers.length > 0);
  const box = (articleId: string) => ({ type: 'related', articleId });
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({
      body: [
        { type: 'paragraph', text: 'Two boxes for one article count once.' },
        box('demo_035'),
        box('demo_035'),
        box('demo_001'),
      ],
    }),
  });
  t.equal(created.statusCode, 201);
  const { id } = created.json();
  t.same(linkers('demo_035').sort(), ['demo_004', id].sort());
  t.same(linkers('demo_001').sort(), [...demoLinkers, id].sort());

  const edited = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: auth('editor'),
    payload: { body: [{ type: 'paragraph', text: 'Now only one box.' }, box('demo_001')] },
  });
  t.equal(edited.statusCode, 200);
  t.same(linkers('demo_035'), ['demo_004'], 'an edit that drops a box drops its link');
  t.same(linkers('demo_001').sort(), [...demoLinkers, id].sort());

  const deleted = await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: auth('editor') });
  t.equal(deleted.statusCode, 204);
  t.same(linkers('demo_001'), demoLinkers, 'a deleted article links nowhere');
});

t.test('linkingTo is an index search, never a read of every body', async (t) => {
  const { database } = await buildTestApp(t);
  const repository = createArticleRepository(database.db);
  const statements = await statementsPrepared(database.sqlite, () => repository.linkingTo(['demo_035', 'demo_001']));
  t.ok(statements.length > 0);
  for (const source of statements) {
    t.same(
      queryPlan(database.sqlite, source, 'demo_035').filter((step) => /^SCAN (articles|article_box_links)( |$)/.test(step)),
      [],
      source.slice(0, 90),
    );
  }
});
