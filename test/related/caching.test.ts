import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { createArticle, idsOf, relatedOf } from './helpers.js';

t.test('the related list is cached for the public with ETag, 304 and Cache-Control', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  // Last-Modified is sent once the second of the last change (the demo's) has passed.
  clock.advance(1000);
  const first = await app.inject({ url: '/v1/articles/demo_001/related', headers: { 'accept-encoding': 'identity' } });
  t.equal(first.statusCode, 200);
  t.equal(first.headers['cache-control'], 'public, max-age=60');
  t.ok(first.headers.etag);
  t.ok(first.headers['last-modified']);
  const again = await app.inject({
    url: '/v1/articles/demo_001/related',
    headers: { 'if-none-match': String(first.headers.etag), 'accept-encoding': 'identity' },
  });
  t.equal(again.statusCode, 304);
  const gzip = await app.inject({ url: '/v1/articles/demo_001/related?limit=20', headers: { 'accept-encoding': 'gzip' } });
  t.equal(gzip.headers['content-encoding'], 'gzip', 'compressed when large enough');
  const editor = await app.inject({ url: '/v1/articles/demo_001/related', headers: auth('editor') });
  t.equal(editor.headers['cache-control'], 'private, no-store', 'editors get a private answer');
  const bySlug = await app.inject({ url: `/v1/articles/${first.json().data[0].article.slug}/related` });
  t.equal(bySlug.statusCode, 200, 'by slug too');
});

t.test('a PUT, and any article write, makes the next read fresh', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const text = (word: string) => ({ headline: word, standfirst: word, body: [{ type: 'paragraph', text: word }] });
  const source = await createArticle(t, app, editor, { ...text('Source'), tags: ['only-source'] });
  const target = await createArticle(t, app, editor, { ...text('Target'), section: 'sport', tags: ['only-target'] });
  const before = await app.inject({ url: `/v1/articles/${source}/related` });
  t.same(before.json().data, [], 'nothing related yet');
  await app.inject({ method: 'PUT', url: `/v1/articles/${source}/related`, headers: editor, payload: { articleIds: [target] } });
  const after = await app.inject({
    url: `/v1/articles/${source}/related`,
    headers: { 'if-none-match': String(before.headers.etag) },
  });
  t.equal(after.statusCode, 200, 'the old ETag does not match after the PUT');
  t.same(idsOf(after.json().data), [target]);
  await app.inject({ method: 'PATCH', url: `/v1/articles/${target}`, headers: editor, payload: { headline: 'Renamed target' } });
  t.equal((await relatedOf(app, source))[0]?.article.headline, 'Renamed target', 'an article edit shows at once');
});
