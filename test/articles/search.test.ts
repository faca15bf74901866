import t from 'tap';
import { createArticleRepository } from '../../src/articles/repository.js';
import { toFtsQuery } from '../../src/articles/search-query.js';
import { ProblemError } from '../../src/http/problems.js';
import { articleBody, buildTestApp } from '../helpers/app.js';

t.test('q finds articles by headline, standfirst and body, best match first, with a highlight', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody(payload) });
  const inHeadline = (await post({ headline: 'Lighthouse keepers return to Skerry Point' })).json();
  const inBody = (
    await post({
      headline: 'Coastal budget agreed',
      body: [{ type: 'paragraph', text: 'The money also pays for a lighthouse survey and <b>new</b> buoys & chains.' }],
    })
  ).json();
  await post({ headline: 'Unrelated story about trains' });

  const res = await app.inject({ url: '/v1/articles?q=lighthouse' });
  t.equal(res.statusCode, 200);
  const ids = res.json().data.map((a: { id: string }) => a.id);
  t.same(ids, [inHeadline.id, inBody.id], 'headline matches rank above body matches');
  const bodyHit = res.json().data[1];
  t.match(bodyHit.highlight, /<mark>lighthouse<\/mark>/);
  t.match(bodyHit.highlight, /&lt;b&gt;new&lt;\/b&gt; buoys &amp; chains/, 'the highlight is escaped HTML');

  const stemmed = (await app.inject({ url: '/v1/articles?q=lighthouses' })).json().data;
  t.equal(stemmed.length, 2, 'plural forms match');
  const phrase = (await app.inject({ url: '/v1/articles?q=%22lighthouse%20survey%22' })).json().data;
  t.same(
    phrase.map((a: { id: string }) => a.id),
    [inBody.id],
    'quoted phrases match as phrases',
  );
  const excluded = (await app.inject({ url: '/v1/articles?q=lighthouse%20-budget' })).json().data;
  t.same(
    excluded.map((a: { id: string }) => a.id),
    [inHeadline.id],
    '-word excludes',
  );
  const filtered = (await app.inject({ url: '/v1/articles?q=lighthouse&section=sport' })).json().data;
  t.same(filtered, [], 'filters apply to search');

  const first = (await app.inject({ url: '/v1/articles?q=lighthouse&limit=1' })).json();
  t.ok(first.nextCursor);
  const second = (
    await app.inject({ url: `/v1/articles?q=lighthouse&limit=1&cursor=${encodeURIComponent(first.nextCursor)}` })
  ).json();
  t.same(
    second.data.map((a: { id: string }) => a.id),
    [inBody.id],
  );
  t.equal(second.nextCursor, null);
});

t.test('a highlight follows the article: kept passages are never shown for an edited text', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const paragraph = (text: string) => [{ type: 'paragraph', text }];
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: 'Harbour news', body: paragraph('The old lighthouse was painted red.') }),
  });
  const search = async (q: string) => (await app.inject({ url: `/v1/articles?q=${q}` })).json().data;
  t.match((await search('lighthouse'))[0].highlight, /painted red/);
  // Another query's passage of the same article is its own.
  t.match((await search('painted'))[0].highlight, /<mark>painted<\/mark>/);
  t.notMatch((await search('lighthouse'))[0].highlight, /<mark>painted/);

  const edited = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${created.json().id}`,
    headers: auth('editor'),
    payload: { body: paragraph('The old lighthouse was painted white.') },
  });
  t.equal(edited.statusCode, 200);
  const after = (await search('lighthouse'))[0].highlight;
  t.match(after, /painted white/);
  t.notMatch(after, /red/);
});

t.test('the passages of some matches are made for those alone', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { demo: false });
  const ids: string[] = [];
  for (const headline of ['Lighthouse one', 'Lighthouse two', 'Lighthouse three']) {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline }),
    });
    ids.push(created.json().id);
  }
  const pkOf = database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').pluck();
  const pks = ids.map((id) => pkOf.get(id) as number);
  const repository = createArticleRepository(database.db);
  const match = toFtsQuery('lighthouse');
  // One key: bound as a number beside MATCH, FTS5 once ignored it and made every match's passage.
  t.same([...repository.snippets(match, [pks[1] as number]).keys()], [pks[1]]);
  t.same([...repository.snippets(match, [pks[0] as number, pks[2] as number]).keys()].sort(), [pks[0], pks[2]].sort());
  t.match(repository.snippets(match, [pks[2] as number]).get(pks[2] as number), /\u0002Lighthouse\u0003 three/);
});

t.test('search never shows what the public may not see', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: 'Secret zeppelin plans', status: 'draft' }),
  });
  const gone = (
    await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline: 'Zeppelin museum' }),
    })
  ).json();
  await app.inject({ method: 'DELETE', url: `/v1/articles/${gone.id}`, headers: auth('editor') });
  t.same((await app.inject({ url: '/v1/articles?q=zeppelin' })).json().data, []);
});

t.test('any string at all gets results or a clear 400, never a 5xx', async (t) => {
  const { app } = await buildTestApp(t);
  const inputs = [
    '"',
    '""',
    '"unterminated phrase',
    '-',
    '--',
    '-"',
    'NOT',
    'AND OR NOT',
    'NEAR(a b)',
    'a NEAR/2 b',
    'col:value',
    'headline:china',
    '^start',
    'star*',
    '*',
    '(',
    ')',
    '((a OR b)',
    '{a b}',
    "'; DROP TABLE articles; --",
    '\\',
    '%',
    '\u0000',
    '\u0002marker\u0003',
    '😀',
    'naïve café',
    'ＦＵＬＬＷＩＤＴＨ',
    '中国',
    'a'.repeat(300),
    Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '),
    '-only -excluded',
    '   ',
    '+plus',
    'x:y:z',
    '½ ² ⅷ',
  ];
  for (const q of inputs) {
    const res = await app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` });
    t.ok(res.statusCode === 200 || res.statusCode === 400, `q=${JSON.stringify(q)} -> ${res.statusCode}`);
    if (res.statusCode === 400) {
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      t.ok(res.json().detail.length > 0);
    }
  }
  for (let i = 0; i < 300; i += 1) {
    const q = Array.from({ length: 1 + (i % 12) }, (_, j) => String.fromCharCode(33 + ((i * 7 + j * 13) % 94))).join(
      i % 3 ? ' ' : '',
    );
    const res = await app.inject({ url: `/v1/articles?q=${encodeURIComponent(q)}` });
    t.ok(res.statusCode < 500, `q=${JSON.stringify(q)}`);
  }
});

t.test('the query builder quotes every term', async (t) => {
  t.equal(toFtsQuery('china defence'), '"china" AND "defence"');
  t.equal(toFtsQuery('"joint statement" -trade'), '("joint statement") NOT ("trade")');
  t.equal(toFtsQuery('NEAR(a) OR b*'), '"NEAR a" AND "OR" AND "b"', 'punctuation inside a term makes a phrase');
  for (const input of ['-only', '!!!']) {
    const error = t.throws(() => toFtsQuery(input));
    t.equal(error instanceof ProblemError && error.status, 400, input);
  }
});
