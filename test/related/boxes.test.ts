import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { statementsPrepared } from '../helpers/statements.js';
import { createArticle, idsOf, relatedOf } from './helpers.js';

const leadImage = { url: 'https://images.example.com/target.jpg', caption: 'The target at dawn' };

t.test('every read fills "Read more" boxes and leaves out those the reader may not see', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const shown = await createArticle(t, app, editor, { headline: 'Visible target', slug: 'visible-target', leadImage });
  const draft = await createArticle(t, app, editor, { headline: 'Draft target', status: 'draft' });
  const body = [
    { type: 'paragraph', text: 'Before.' },
    { type: 'related', articleId: shown },
    { type: 'related', articleId: draft },
  ];
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: editor, payload: { ...bodyOf(), body } });
  const source = created.json().id as string;
  t.same(
    created.json().body.map((block: { articleId?: string }) => block.articleId ?? null),
    [null, shown, draft],
    'the editor who wrote it sees both boxes in the answer to the POST',
  );

  const publicBody = (await app.inject({ url: `/v1/articles/${source}` })).json().body;
  t.same(publicBody[1], {
    type: 'related',
    articleId: shown,
    article: {
      id: shown,
      slug: 'visible-target',
      url: 'https://news.example.com/articles/visible-target',
      headline: 'Visible target',
      leadImage,
    },
  });
  t.equal(publicBody.length, 2, 'the box pointing at a draft is left out for the public');
  const editorBody = (await app.inject({ url: `/v1/articles/${source}`, headers: editor })).json().body;
  t.equal(editorBody[2].article.headline, 'Draft target', 'editors see boxes of unpublished targets, filled');

  // Boxes are filled with one query per article read, not one per box.
  const statements = await statementsPrepared(database.sqlite, () =>
    app.inject({ url: `/v1/articles/${source}`, headers: editor }),
  );
  t.equal(statements.filter((sql) => /"id" in \(\?, \?\)/.test(sql)).length, 1, 'both targets in one statement');

  await app.inject({ method: 'PATCH', url: `/v1/articles/${draft}`, headers: editor, payload: { status: 'published' } });
  t.equal((await app.inject({ url: `/v1/articles/${source}` })).json().body.length, 3, 'published: the box returns');
  await app.inject({ method: 'PATCH', url: `/v1/articles/${draft}`, headers: editor, payload: { status: 'draft' } });
  t.equal((await app.inject({ url: `/v1/articles/${source}` })).json().body.length, 2, 'unpublished: gone again');
  await app.inject({ method: 'PATCH', url: `/v1/articles/${draft}`, headers: editor, payload: { status: 'published' } });
  t.equal((await app.inject({ url: `/v1/articles/${source}` })).json().body.length, 3, 'and back once republished');
});

function bodyOf(): Record<string, unknown> {
  return {
    headline: 'Source with boxes',
    standfirst: 'An article with two boxes.',
    section: 'world',
    tags: ['boxes'],
    source: { name: 'Desk' },
  };
}

t.test('deleting an article removes it from every related list and body at once, cached or not', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const doomed = await createArticle(t, app, editor, { headline: 'Doomed target', slug: 'doomed-target' });
  const listed = await createArticle(t, app, editor, { headline: 'Lists the doomed one' });
  const boxed = await createArticle(t, app, editor, {
    headline: 'Boxes the doomed one',
    body: [{ type: 'related', articleId: doomed }],
  });
  await app.inject({ method: 'PUT', url: `/v1/articles/${listed}/related`, headers: editor, payload: { articleIds: [doomed] } });
  await app.inject({ method: 'PUT', url: `/v1/articles/${doomed}/related`, headers: editor, payload: { articleIds: [listed] } });
  // Read everything once so that the public answers are cached.
  for (const key of [listed, boxed]) {
    t.ok(idsOf(await relatedOf(app, key, { limit: 20 })).includes(doomed), 'listed before the deletion');
  }
  t.equal((await app.inject({ url: `/v1/articles/${boxed}` })).json().body.length, 1);
  const etag = (await app.inject({ url: `/v1/articles/${listed}/related?limit=20` })).headers.etag;

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${doomed}`, headers: editor })).statusCode, 204);
  for (const key of [listed, boxed]) {
    t.notOk(idsOf(await relatedOf(app, key, { limit: 20 })).includes(doomed), 'gone for the public');
    t.notOk(idsOf(await relatedOf(app, key, { limit: 20, headers: editor })).includes(doomed), 'gone for editors');
  }
  t.same((await app.inject({ url: `/v1/articles/${boxed}` })).json().body, [], 'the box is gone from the body');
  const revalidated = await app.inject({
    url: `/v1/articles/${listed}/related?limit=20`,
    headers: { 'if-none-match': String(etag) },
  });
  t.equal(revalidated.statusCode, 200, 'the old ETag no longer matches');
  const links = database.sqlite.prepare('SELECT count(*) AS n FROM related_links').get() as { n: number };
  t.equal(links.n, 0, 'no stored link points from or to the deleted article');
});
