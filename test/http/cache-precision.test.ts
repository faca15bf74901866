// An article write drops only the cached answers it touches (src/articles/changes.ts): the
// others keep their bytes and their Last-Modified, so a client revalidating them still gets
// 304. Correctness in general is the property test beside this one; these are the promises.
import t from 'tap';
import { articleBody, buildTestApp } from '../helpers/app.js';

interface Summary {
  id: string;
  section: string;
}

t.test('an edit and a create keep the cached answers they do not touch', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  // Last-Modified is sent once the second of the last change (the demo's) has passed.
  clock.advance(1000);
  const first = (await app.inject({ url: '/v1/articles?limit=3' })).json();
  const edited: Summary = first.data[0];
  const page2 = `/v1/articles?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`;
  const untouchedSection = (await app.inject({ url: '/v1/sections' }))
    .json()
    .data.map((section: { name: string }) => section.name)
    .find((name: string) => name !== 'world' && name !== edited.section);
  // An article neither linking to the edited one nor linked from it.
  const all: Summary[] = (await app.inject({ url: '/v1/articles?limit=50' })).json().data;
  let other: string | undefined;
  for (const { id } of all.slice(5)) {
    const article = (await app.inject({ url: `/v1/articles/${id}` })).json();
    if (!article.body.some((block: { type: string }) => block.type === 'related')) other = id;
  }
  t.ok(other && untouchedSection, 'the demo content has an unlinked article and a third section');
  const kept = [
    `/v1/articles/${other}`,
    page2,
    `/v1/articles?section=${untouchedSection}`,
    `/v1/feeds/rss.xml?section=${untouchedSection}`,
  ];
  const before = new Map<string, string>();
  for (const url of kept) before.set(url, (await app.inject({ url })).headers['last-modified'] as string);

  clock.advance(10_000);
  const editor = auth('editor');
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${edited.id}`,
    headers: editor,
    payload: { headline: 'Edited' },
  });
  t.equal(patched.statusCode, 200);
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: editor,
    payload: articleBody({ status: 'published' }),
  });
  t.equal(created.statusCode, 201);

  for (const url of kept) {
    const lastModified = before.get(url) as string;
    const again = await app.inject({ url });
    t.equal(again.headers['last-modified'], lastModified, `${url} is still the cached answer`);
    const revalidated = await app.inject({ url, headers: { 'if-modified-since': lastModified } });
    t.equal(revalidated.statusCode, 304, `${url} revalidates`);
  }
  const firstAfter = (await app.inject({ url: '/v1/articles?limit=3' })).json();
  t.equal(firstAfter.data[0].id, created.json().id, 'the first page shows the new article');
  t.equal(firstAfter.data[1].headline, 'Edited', 'and the edit');
  t.equal((await app.inject({ url: `/v1/articles/${edited.id}` })).json().headline, 'Edited');
});

t.test('an article scheduled by a write appears when it comes due, before any other scheduled one', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const url = '/v1/articles?limit=3';
  const before = (await app.inject({ url })).json();
  const due = new Date(clock.now() + 60_000).toISOString();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ status: 'published', publishedAt: due }),
  });
  t.equal(created.statusCode, 201);
  t.same((await app.inject({ url })).json(), before, 'not shown before it is due');
  clock.advance(61_000);
  t.equal((await app.inject({ url })).json().data[0].id, created.json().id, 'shown once due');
});

t.test('a search shows its articles as they are now, and finds new matches within 10 s', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const url = '/v1/articles?q=harbour';
  const before = (await app.inject({ url })).json();
  t.ok(before.data.length > 0, 'the demo content has matches');
  const shown = before.data[0].id;
  const editor = auth('editor');
  await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${shown}`,
    headers: editor,
    payload: { standfirst: 'Harbour news, edited.' },
  });
  t.equal(
    (await app.inject({ url })).json().data.find((item: Summary) => item.id === shown)?.standfirst,
    'Harbour news, edited.',
  );
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: editor,
    payload: articleBody({ status: 'published' }),
  });
  const ids = async () => (await app.inject({ url })).json().data.map((item: Summary) => item.id);
  t.notOk((await ids()).includes(created.json().id), 'a new match may wait');
  clock.advance(10_000);
  t.ok((await ids()).includes(created.json().id), 'for 10 s at most');
});

t.test('section and tag counts are kept by edits that do not move them', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  clock.advance(1000);
  const id = (await app.inject({ url: '/v1/articles?limit=1' })).json().data[0].id;
  const counts = async () =>
    Promise.all(['/v1/sections', '/v1/tags'].map(async (url) => (await app.inject({ url })).headers['last-modified']));
  const before = await counts();
  clock.advance(10_000);
  const editor = auth('editor');
  await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload: { headline: 'Only the headline' } });
  t.same(await counts(), before, 'a headline edit keeps both');
  await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload: { tags: ['retagged'] } });
  clock.advance(1000);
  const [sections, tags] = await counts();
  t.equal(sections, before[0], 'a retag keeps the sections');
  t.not(tags, before[1], 'and drops the tags');
  const tagList = (await app.inject({ url: '/v1/tags?limit=100' })).json().data;
  t.same(
    tagList.find((tag: { name: string }) => tag.name === 'retagged'),
    { name: 'retagged', count: 1 },
  );
});
