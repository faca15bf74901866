import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { createArticle, idsOf, relatedOf } from './helpers.js';

const put = (articleIds: unknown) => ({ articleIds });

t.test('PUT sets the ordered editorial list; GET shows it first, in that order', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const source = await createArticle(t, app, editor, { headline: 'Source article' });
  const a = await createArticle(t, app, editor, { headline: 'First target' });
  const b = await createArticle(t, app, editor, { headline: 'Second target' });
  const c = await createArticle(t, app, editor, { headline: 'Third target' });
  const res = await app.inject({
    method: 'PUT',
    url: `/v1/articles/${source}/related`,
    headers: editor,
    payload: put([c, a, b]),
  });
  t.equal(res.statusCode, 200);
  t.same(res.json(), { articleIds: [c, a, b] });
  const list = await relatedOf(app, source, { limit: 3 });
  t.same(idsOf(list), [c, a, b]);
  t.ok(list.every((entry) => entry.reason === 'editorial'));
  t.equal(list[0]?.article.headline, 'Third target', 'items carry the article summary');

  // Replacing the list replaces it entirely; an empty list clears it.
  await app.inject({ method: 'PUT', url: `/v1/articles/${source}/related`, headers: editor, payload: put([b]) });
  t.same(idsOf((await relatedOf(app, source)).filter((e) => e.reason === 'editorial')), [b]);
  await app.inject({ method: 'PUT', url: `/v1/articles/${source}/related`, headers: editor, payload: put([]) });
  t.same(
    (await relatedOf(app, source)).filter((e) => e.reason === 'editorial'),
    [],
  );
});

t.test('self-links, unknown ids and duplicates are a 400 naming each, and change nothing', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const source = await createArticle(t, app, editor, { headline: 'Source article' });
  const a = await createArticle(t, app, editor, { headline: 'A target' });
  const url = `/v1/articles/${source}/related`;
  t.equal((await app.inject({ method: 'PUT', url, headers: editor, payload: put([a]) })).statusCode, 200);
  for (const [ids, path, message] of [
    [[a, source], 'body.articleIds[1]', /itself/],
    [['a_nothing_here'], 'body.articleIds[0]', /no article has the id "a_nothing_here"/],
    [[a, a], 'body.articleIds[1]', /already in the list/],
  ] as const) {
    const res = await app.inject({ method: 'PUT', url, headers: editor, payload: put(ids) });
    t.equal(res.statusCode, 400, JSON.stringify(ids));
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.equal(res.json().errors[0].path, path);
    t.match(res.json().errors[0].message, message);
    t.same(idsOf(await relatedOf(app, source)).slice(0, 1), [a], 'the list is unchanged');
  }
  for (const payload of [{}, { articleIds: 'x' }, { articleIds: ['no-underscore'] }, { articleIds: [], extra: 1 }]) {
    const res = await app.inject({ method: 'PUT', url, headers: editor, payload });
    t.equal(res.statusCode, 400, JSON.stringify(payload));
  }
  const tooMany = Array.from({ length: 21 }, (_, i) => `a_${i}`);
  t.equal((await app.inject({ method: 'PUT', url, headers: editor, payload: put(tooMany) })).statusCode, 400);
});

t.test('PUT needs an editor key; unknown articles are 404, deleted ones 410', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const source = await createArticle(t, app, auth('editor'));
  const url = `/v1/articles/${source}/related`;
  t.equal((await app.inject({ method: 'PUT', url, payload: put([]) })).statusCode, 401);
  t.equal((await app.inject({ method: 'PUT', url, headers: auth('partner'), payload: put([]) })).statusCode, 403);
  t.equal((await app.inject({ method: 'PUT', url, headers: auth('admin'), payload: put([]) })).statusCode, 200);
  const missing = '/v1/articles/a_missing/related';
  t.equal((await app.inject({ method: 'PUT', url: missing, headers: auth('editor'), payload: put([]) })).statusCode, 404);
  await app.inject({ method: 'DELETE', url: `/v1/articles/${source}`, headers: auth('editor') });
  t.equal((await app.inject({ method: 'PUT', url, headers: auth('editor'), payload: put([]) })).statusCode, 410);
  t.equal((await app.inject({ url: `/v1/articles/${source}/related` })).statusCode, 410);
  t.equal((await app.inject({ url: '/v1/articles/no-such-article/related' })).statusCode, 404);
  t.equal((await app.inject({ url: `/v1/articles/${source}/related?limit=0` })).statusCode, 400);
  t.equal((await app.inject({ url: `/v1/articles/${source}/related?limit=21` })).statusCode, 400);
  t.equal((await app.inject({ url: `/v1/articles/${source}/related?colour=blue` })).statusCode, 400);
});

t.test('links to unpublished articles are kept and appear once their target is visible', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const source = await createArticle(t, app, editor, { headline: 'Source article' });
  const draft = await createArticle(t, app, editor, { headline: 'A draft target', status: 'draft' });
  const scheduledAt = new Date(clock.now() + 3_600_000).toISOString();
  const scheduled = await createArticle(t, app, editor, { headline: 'A scheduled target', publishedAt: scheduledAt });
  const put1 = await app.inject({
    method: 'PUT',
    url: `/v1/articles/${source}/related`,
    headers: editor,
    payload: put([draft, scheduled]),
  });
  t.equal(put1.statusCode, 200);
  t.notOk(idsOf(await relatedOf(app, source)).includes(draft), 'the public does not see the draft');
  t.notOk(idsOf(await relatedOf(app, source)).includes(scheduled), 'nor the scheduled article');
  t.same(idsOf(await relatedOf(app, source, { headers: editor })).slice(0, 2), [draft, scheduled], 'editors see both');

  clock.advance(3_600_000);
  t.same(idsOf(await relatedOf(app, source)).slice(0, 1), [scheduled], 'the scheduled one appears when due');
  await app.inject({ method: 'PATCH', url: `/v1/articles/${draft}`, headers: editor, payload: { status: 'published' } });
  t.same(idsOf(await relatedOf(app, source)).slice(0, 2), [draft, scheduled], 'the draft appears once published');
  await app.inject({ method: 'PATCH', url: `/v1/articles/${draft}`, headers: editor, payload: { status: 'draft' } });
  t.same(idsOf(await relatedOf(app, source)).slice(0, 1), [scheduled], 'and goes again when unpublished');
});

t.test('"Read more" boxes count as editorial links, after the set list, without duplicates', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const a = await createArticle(t, app, editor, { headline: 'Listed target' });
  const b = await createArticle(t, app, editor, { headline: 'Boxed target' });
  const source = await createArticle(t, app, editor, {
    headline: 'Source article',
    body: [
      { type: 'related', articleId: b },
      { type: 'paragraph', text: 'Text between the boxes.' },
      { type: 'related', articleId: a },
    ],
  });
  t.same(idsOf(await relatedOf(app, source)).slice(0, 2), [b, a], 'boxes in body order');
  await app.inject({ method: 'PUT', url: `/v1/articles/${source}/related`, headers: editor, payload: put([a]) });
  const list = await relatedOf(app, source, { limit: 20 });
  t.same(idsOf(list).slice(0, 2), [a, b], 'the set list first, then boxes not already listed');
  t.same(
    list.slice(0, 2).map((entry) => entry.reason),
    ['editorial', 'editorial'],
  );
  t.equal(new Set(idsOf(list)).size, list.length, 'no duplicates');
  t.notOk(idsOf(list).includes(source), 'never the article itself');
  t.same(idsOf(await relatedOf(app, source, { limit: 1 })), [a], 'limit cuts the editorial part too');
});
