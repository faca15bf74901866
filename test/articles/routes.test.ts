import t from 'tap';
import { articleBody, buildTestApp } from '../helpers/app.js';

t.test('lists visible articles newest first with cursor pagination and a Link header', async (t) => {
  const { app } = await buildTestApp(t);
  const seen: string[] = [];
  let url: string | null = '/v1/articles?limit=7';
  let previous = Number.POSITIVE_INFINITY;
  while (url) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200);
    const page = res.json() as { data: Array<{ id: string; publishedAt: string }>; nextCursor: string | null };
    for (const item of page.data) {
      const at = Date.parse(item.publishedAt);
      t.ok(at <= previous, 'newest first');
      previous = at;
      seen.push(item.id);
    }
    if (page.nextCursor) {
      t.match(res.headers.link, /^<\/v1\/articles\?limit=7&cursor=[^>]+>; rel="next"$/);
    } else t.notOk(res.headers.link);
    url = page.nextCursor ? `/v1/articles?limit=7&cursor=${encodeURIComponent(page.nextCursor)}` : null;
  }
  t.ok(seen.length >= 30, 'every published demo article');
  t.equal(new Set(seen).size, seen.length, 'no duplicates across pages');
});

t.test('a tampered or foreign cursor is a 400', async (t) => {
  const { app } = await buildTestApp(t);
  const first = (await app.inject({ url: '/v1/articles?limit=2' })).json();
  const cursor: string = first.nextCursor;
  const flipped = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
  // The signature's last character carries 2 bits of 6: one differing only in the other 4
  // decodes to the same bytes, and must be refused all the same.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const spare = cursor.slice(0, -1) + alphabet[alphabet.indexOf(cursor.slice(-1)) ^ 1];
  for (const bad of [flipped, spare, 'garbage', `${cursor}x`, 'a.b.c']) {
    const res = await app.inject({ url: `/v1/articles?limit=2&cursor=${encodeURIComponent(bad)}` });
    t.equal(res.statusCode, 400, bad);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const other = await app.inject({ url: `/v1/articles?limit=2&section=sport&cursor=${encodeURIComponent(cursor)}` });
  t.equal(other.statusCode, 400, 'a cursor only works for the query it came from');
});

t.test('filters by section, tag, source and date range', async (t) => {
  const { app } = await buildTestApp(t);
  const sport = (await app.inject({ url: '/v1/articles?section=sport&limit=100' })).json().data;
  t.ok(sport.length > 0);
  t.ok(sport.every((a: { section: string }) => a.section === 'sport'));
  const tagged = (await app.inject({ url: '/v1/articles?tag=football&limit=100' })).json().data;
  t.ok(tagged.length > 0);
  t.ok(tagged.every((a: { tags: string[] }) => a.tags.includes('football')));
  const source = sport[0].source.name;
  const bySource = (await app.inject({ url: `/v1/articles?source=${encodeURIComponent(source)}&limit=100` })).json().data;
  t.ok(bySource.length > 0 && bySource.every((a: { source: { name: string } }) => a.source.name === source));
  const from = '2024-03-10T00:00:00Z';
  const to = '2024-03-20T00:00:00Z';
  const ranged = (await app.inject({ url: `/v1/articles?from=${from}&to=${to}&limit=100` })).json().data;
  t.ok(ranged.length > 0);
  t.ok(ranged.every((a: { publishedAt: string }) => a.publishedAt >= from && a.publishedAt <= to));
  const bad = await app.inject({ url: '/v1/articles?from=yesterday' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().errors[0].path, 'querystring.from');
  t.equal((await app.inject({ url: '/v1/articles?colour=blue' })).statusCode, 400, 'unknown parameters are named, not ignored');
});

t.test('from and to are inclusive of the publication time the API shows', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const created = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ publishedAt: '2024-03-01T10:00:00.500+00:00' }),
  });
  t.equal(created.json().publishedAt, '2024-03-01T10:00:00Z');
  const exact = (await app.inject({ url: '/v1/articles?from=2024-03-01T10:00:00Z&to=2024-03-01T10:00:00Z' })).json().data;
  t.same(
    exact.map((a: { id: string }) => a.id),
    [created.json().id],
  );
  const offset = (await app.inject({ url: `/v1/articles?from=${encodeURIComponent('2024-03-01T15:30:00+05:30')}` })).json().data;
  t.equal(offset.length, 1, 'offsets are honoured');
  const lowerCase = (await app.inject({ url: '/v1/articles?from=2024-03-01t10:00:00z&to=2024-03-01t10:00:00z' })).json().data;
  t.equal(lowerCase.length, 1, 'RFC 3339 allows a lower-case t and z');
  const written = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: 'Written in lower case', publishedAt: '2024-03-02t08:00:00z' }),
  });
  t.equal(written.json().publishedAt, '2024-03-02T08:00:00Z', 'and is written back in upper case');
  t.equal((await app.inject({ url: '/v1/articles?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z' })).json().data.length, 0);
});

t.test('ids and slugs never collide: ids hold an underscore, slugs cannot', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const created = (
    await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() })
  ).json();
  t.match(created.id, /_/);
  const clash = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ slug: created.id }),
  });
  t.equal(clash.statusCode, 400, 'a slug shaped like an id is refused');
  t.equal((await app.inject({ url: `/v1/articles/${created.id}` })).json().id, created.id);
});

t.test('gets an article by id and by slug; the summary and the article agree', async (t) => {
  const { app } = await buildTestApp(t);
  const [summary] = (await app.inject({ url: '/v1/articles?limit=1' })).json().data;
  const byId = await app.inject({ url: `/v1/articles/${summary.id}` });
  const bySlug = await app.inject({ url: `/v1/articles/${summary.slug}` });
  t.equal(byId.statusCode, 200);
  t.same(byId.json(), bySlug.json());
  const article = byId.json();
  t.equal(article.url, `https://news.example.com/articles/${summary.slug}`);
  t.equal(article.headline, summary.headline);
  t.match(article.publishedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  t.ok(Array.isArray(article.body) && article.body.length > 0);
  t.equal((await app.inject({ url: '/v1/articles/no-such-article' })).statusCode, 404);
});

t.test('creates articles with derived, unique slugs; a taken explicit slug is a 409', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const first = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  t.equal(first.statusCode, 201);
  const created = first.json();
  t.equal(created.slug, 'harbour-council-approves-the-new-ferry-terminal');
  t.equal(first.headers.location, `/v1/articles/${created.id}`);
  t.ok(first.headers.etag);
  t.equal(created.status, 'published');
  t.equal(created.language, 'en');
  t.same(created.syndication, { allowed: true });
  const second = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  t.equal(second.json().slug, 'harbour-council-approves-the-new-ferry-terminal-2');
  const taken = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ slug: created.slug }),
  });
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().status, 409);
  const accents = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('admin'),
    payload: articleBody({ headline: 'Café owners’ “rent strike” ends — 100% of them reopen!' }),
  });
  t.equal(accents.json().slug, 'cafe-owners-rent-strike-ends-100-of-them-reopen');
  const fetched = await app.inject({ url: `/v1/articles/${created.id}` });
  t.same(fetched.json(), created, 'what POST returns is what GET returns');
});

t.test('PATCH changes only what it names and honours If-Match', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  const { id } = created.json();
  const etag = created.headers.etag as string;
  clock.advance(60_000);
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: { ...auth('editor'), 'if-match': etag },
    payload: { headline: 'Harbour council delays the ferry terminal', byline: 'M. Okafor' },
  });
  t.equal(patched.statusCode, 200);
  const after = patched.json();
  t.equal(after.headline, 'Harbour council delays the ferry terminal');
  t.equal(after.byline, 'M. Okafor');
  t.equal(after.standfirst, created.json().standfirst, 'unnamed fields are kept');
  t.equal(after.slug, created.json().slug, 'the slug stays when the headline changes');
  t.not(after.updatedAt, created.json().updatedAt);
  t.not(patched.headers.etag, etag);
  const stale = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: { ...auth('editor'), 'if-match': etag },
    payload: { headline: 'A lost update' },
  });
  t.equal(stale.statusCode, 412);
  t.equal((await app.inject({ url: `/v1/articles/${id}` })).json().headline, 'Harbour council delays the ferry terminal');
  const read = await app.inject({ url: `/v1/articles/${id}` });
  const fresh = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: { ...auth('editor'), 'if-match': read.headers.etag as string },
    payload: { byline: null },
  });
  t.equal(fresh.statusCode, 200, 'the ETag of a public read works for If-Match');
  const other = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: 'Another article' }),
  });
  const otherEtag = other.headers.etag as string;
  t.match(otherEtag, /^"1\./, 'at revision 1');
  const first = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({
      headline: 'A third article',
      body: [{ type: 'paragraph', text: 'Long enough to be compressed. '.repeat(100) }],
    }),
  });
  const wrongArticle = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${first.json().id}`,
    headers: { ...auth('editor'), 'if-match': otherEtag },
    payload: { headline: 'Not with another article’s ETag' },
  });
  t.equal(wrongArticle.statusCode, 412, 'another article’s ETag at the same revision does not match');
  const gzipRead = await app.inject({ url: `/v1/articles/${first.json().id}`, headers: { 'accept-encoding': 'gzip' } });
  t.match(gzipRead.headers.etag, /-gzip"$/);
  const withGzipTag = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${first.json().id}`,
    headers: { ...auth('editor'), 'if-match': `"other", ${gzipRead.headers.etag}` },
    payload: { headline: 'A third article, edited' },
  });
  t.equal(withGzipTag.statusCode, 200, 'the ETag of a compressed read works too, in a list');
  // A hash is base64url and may hold a dash: one at its fifth character once made a -gzip tag
  // read as another id's (one revision in 64 could not be edited with a compressed read's tag).
  const revisionOf = (etag: unknown) => Number(String(etag).slice(1).split('.')[0]);
  let revision = revisionOf(withGzipTag.headers.etag);
  for (const coding of ['-gzip', '-br', '']) {
    const dashed = await app.inject({
      method: 'PATCH',
      url: `/v1/articles/${first.json().id}`,
      headers: { ...auth('editor'), 'if-match': `"${revision}.${first.json().id}-abcd-efghijklmnopq-rst${coding}"` },
      payload: { headline: `A third article, edited at ${revision}` },
    });
    t.equal(dashed.statusCode, 200, `a tag whose hash holds dashes names the revision (${coding || 'identity'})`);
    t.equal(revisionOf(dashed.headers.etag), revision + 1);
    revision += 1;
  }
  const dashedOther = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${first.json().id}`,
    headers: { ...auth('editor'), 'if-match': `"${revision}.${other.json().id}-abcd-efghijklmnopq-rst-gzip"` },
    payload: { headline: 'Not with another article’s ETag either' },
  });
  t.equal(dashedOther.statusCode, 412, 'but not another id’s');
  t.notOk('byline' in fresh.json(), 'null clears an optional field');
  const empty = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: auth('editor'),
    payload: { headline: '' },
  });
  t.equal(empty.statusCode, 400);
  const missing = await app.inject({ method: 'PATCH', url: '/v1/articles/a_missing', headers: auth('editor'), payload: {} });
  t.equal(missing.statusCode, 404);
  const malformed = await app.inject({ method: 'PATCH', url: '/v1/articles/nope', headers: auth('editor'), payload: {} });
  t.equal(malformed.statusCode, 400, 'a string that cannot be an id');
});

t.test('DELETE honours If-Match', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  const { id } = created.json();
  const etag = created.headers.etag as string;
  clock.advance(1000);
  const edited = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: auth('editor'),
    payload: { headline: 'Changed by someone else' },
  });
  const stale = await app.inject({
    method: 'DELETE',
    url: `/v1/articles/${id}`,
    headers: { ...auth('editor'), 'if-match': etag },
  });
  t.equal(stale.statusCode, 412, 'an ETag from before the edit refuses the deletion');
  t.match(stale.headers['content-type'], /^application\/problem\+json/);
  t.equal((await app.inject({ url: `/v1/articles/${id}` })).statusCode, 200, 'the article is still there');
  const current = await app.inject({
    method: 'DELETE',
    url: `/v1/articles/${id}`,
    headers: { ...auth('editor'), 'if-match': edited.headers.etag as string },
  });
  t.equal(current.statusCode, 204, 'the current ETag deletes it');
  t.equal((await app.inject({ url: `/v1/articles/${id}` })).statusCode, 410);
});

t.test('DELETE answers 204, then the article is gone from every read with 410', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const list = (await app.inject({ url: '/v1/articles?limit=100' })).json().data;
  const victim = list[0];
  const sectionsBefore = (await app.inject({ url: '/v1/sections' })).json().data;
  const del = await app.inject({ method: 'DELETE', url: `/v1/articles/${victim.id}`, headers: auth('editor') });
  t.equal(del.statusCode, 204);
  t.equal(del.body, '');
  t.equal((await app.inject({ url: `/v1/articles/${victim.id}` })).statusCode, 410);
  t.equal((await app.inject({ url: `/v1/articles/${victim.slug}` })).statusCode, 410);
  t.equal((await app.inject({ url: `/v1/articles/${victim.id}`, headers: auth('editor') })).statusCode, 410);
  const after = (await app.inject({ url: '/v1/articles?limit=100' })).json().data;
  t.notOk(after.some((a: { id: string }) => a.id === victim.id));
  const sectionsAfter = (await app.inject({ url: '/v1/sections' })).json().data;
  const count = (data: Array<{ name: string; count: number }>) => data.find((s) => s.name === victim.section)?.count ?? 0;
  t.equal(count(sectionsAfter), count(sectionsBefore) - 1);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${victim.id}`, headers: auth('editor') })).statusCode, 410);
  const patch = await app.inject({ method: 'PATCH', url: `/v1/articles/${victim.id}`, headers: auth('editor'), payload: {} });
  t.equal(patch.statusCode, 410);
});

t.test('drafts and scheduled articles are invisible to the public, visible to editors', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody(payload) });
  const draft = (await post({ headline: 'A draft about tides', status: 'draft' })).json();
  t.equal(draft.publishedAt, null);
  const scheduledAt = new Date(clock.now() + 3_600_000).toISOString();
  const scheduled = (await post({ headline: 'An embargoed report', publishedAt: scheduledAt })).json();
  const live = (await post({ headline: 'A live story' })).json();

  const publicIds = async () => (await app.inject({ url: '/v1/articles' })).json().data.map((a: { id: string }) => a.id);
  t.same(await publicIds(), [live.id]);
  t.equal((await app.inject({ url: `/v1/articles/${draft.id}` })).statusCode, 404);
  t.equal((await app.inject({ url: `/v1/articles/${scheduled.slug}` })).statusCode, 404);
  t.equal((await app.inject({ url: `/v1/articles/${draft.id}`, headers: auth('editor') })).statusCode, 200);
  t.equal((await app.inject({ url: `/v1/articles/${scheduled.id}`, headers: auth('admin') })).statusCode, 200);
  t.equal((await app.inject({ url: `/v1/articles/${draft.id}`, headers: auth('partner') })).statusCode, 404);

  const drafts = await app.inject({ url: '/v1/articles?status=draft', headers: auth('editor') });
  t.same(
    drafts.json().data.map((a: { id: string }) => a.id),
    [draft.id],
  );
  t.equal(drafts.headers['cache-control'], 'private, no-store');
  t.equal((await app.inject({ url: '/v1/articles?status=draft' })).statusCode, 401);
  t.equal((await app.inject({ url: '/v1/articles?status=draft', headers: auth('partner') })).statusCode, 403);
  const upcoming = await app.inject({ url: '/v1/articles?status=scheduled', headers: auth('editor') });
  t.same(
    upcoming.json().data.map((a: { id: string }) => a.id),
    [scheduled.id],
  );

  clock.advance(3_600_000);
  t.same(await publicIds(), [scheduled.id, live.id], 'the scheduled article appears by itself when its time comes');
  t.equal((await app.inject({ url: `/v1/articles/${scheduled.slug}` })).statusCode, 200);

  const published = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${draft.id}`,
    headers: auth('editor'),
    payload: { status: 'published' },
  });
  t.equal(published.json().publishedAt, new Date(clock.now()).toISOString().replace('.000Z', 'Z'));
  t.equal((await app.inject({ url: `/v1/articles/${draft.id}` })).statusCode, 200, 'publishing a draft shows it at once');
  const sections = (await app.inject({ url: '/v1/sections' })).json().data;
  t.same(sections, [{ name: 'world', count: 3 }]);
});

t.test('sections and tags count visible articles', async (t) => {
  const { app } = await buildTestApp(t);
  const all = (await app.inject({ url: '/v1/articles?limit=100' })).json().data as Array<{ section: string; tags: string[] }>;
  const sections = (await app.inject({ url: '/v1/sections' })).json().data as Array<{ name: string; count: number }>;
  t.ok(sections.length >= 4);
  for (const { name, count } of sections) t.equal(count, all.filter((a) => a.section === name).length, name);
  const tags = (await app.inject({ url: '/v1/tags' })).json().data as Array<{ name: string; count: number }>;
  for (const { name, count } of tags) t.equal(count, all.filter((a) => a.tags.includes(name)).length, name);
  t.same(
    tags.map((tag) => tag.count),
    [...tags.map((tag) => tag.count)].sort((a, b) => b - a),
    'most first',
  );
});

t.test('sections and tags are cursor-paginated, most first then by name, with a Link header', async (t) => {
  const { app } = await buildTestApp(t);
  const whole = (await app.inject({ url: '/v1/tags?limit=100' })).json() as {
    data: Array<{ name: string; count: number }>;
    nextCursor: string | null;
  };
  t.ok(whole.data.length > 6, 'the demo content has tags enough for several pages');
  t.equal(whole.nextCursor, null, 'one page holds them all');
  const ordered = [...whole.data].sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  t.same(whole.data, ordered, 'most articles first, ties by name');
  t.ok(
    whole.data.some((tag, i) => i > 0 && whole.data[i - 1]?.count === tag.count),
    'ties among the counts (so the order within them is tested)',
  );

  const walked: Array<{ name: string; count: number }> = [];
  let url: string | null = '/v1/tags?limit=3';
  while (url !== null) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200);
    const page = res.json() as { data: Array<{ name: string; count: number }>; nextCursor: string | null };
    t.ok(page.data.length <= 3);
    walked.push(...page.data);
    if (page.nextCursor === null) {
      t.notOk(res.headers.link, 'no Link on the last page');
      url = null;
    } else {
      const next = `/v1/tags?limit=3&cursor=${encodeURIComponent(page.nextCursor)}`;
      t.equal(res.headers.link, `<${next}>; rel="next"`);
      url = next;
    }
  }
  t.same(walked, whole.data, 'the pages together are the whole list, each tag once');

  const sections = (await app.inject({ url: '/v1/sections?limit=1' })).json();
  t.equal(sections.data.length, 1);
  const sectionCursor = encodeURIComponent(sections.nextCursor);
  const foreign = await app.inject({ url: `/v1/tags?limit=1&cursor=${sectionCursor}` });
  t.equal(foreign.statusCode, 400, "a section list's cursor is not the tag list's");
  t.match(foreign.headers['content-type'], /^application\/problem\+json/);
  t.equal((await app.inject({ url: '/v1/sections?limit=1&cursor=abc.def' })).statusCode, 400, 'a tampered cursor');
  t.equal((await app.inject({ url: '/v1/sections?limit=101' })).statusCode, 400, 'limit over 100');
  t.equal((await app.inject({ url: `/v1/sections?limit=1&cursor=${sectionCursor}` })).json().data.length, 1, 'the next section');
});

t.test('"Read more" blocks carry their target and hide targets the reader may not see', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody(payload) });
  const target = (
    await post({ headline: 'Ferry fares rise', leadImage: { url: 'https://images.example.org/f.jpg', caption: 'A ferry' } })
  ).json();
  const hidden = (await post({ headline: 'Unfinished piece', status: 'draft' })).json();
  const article = (
    await post({
      headline: 'The harbour in numbers',
      body: [
        { type: 'paragraph', text: 'First.' },
        { type: 'related', articleId: target.id },
        { type: 'related', articleId: hidden.id },
      ],
    })
  ).json();
  const read = (await app.inject({ url: `/v1/articles/${article.id}` })).json();
  t.same(read.body, [
    { type: 'paragraph', text: 'First.' },
    {
      type: 'related',
      articleId: target.id,
      article: {
        id: target.id,
        slug: 'ferry-fares-rise',
        url: 'https://news.example.com/articles/ferry-fares-rise',
        headline: 'Ferry fares rise',
        leadImage: { url: 'https://images.example.org/f.jpg', caption: 'A ferry' },
      },
    },
  ]);
  const editorRead = (await app.inject({ url: `/v1/articles/${article.id}`, headers: auth('editor') })).json();
  t.equal(editorRead.body.length, 3, 'editors see the box of a draft target');
  await app.inject({ method: 'DELETE', url: `/v1/articles/${target.id}`, headers: auth('editor') });
  t.equal((await app.inject({ url: `/v1/articles/${article.id}` })).json().body.length, 1, 'a deleted target leaves no box');
  const self = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${article.id}`,
    headers: auth('editor'),
    payload: { body: [{ type: 'related', articleId: article.id }] },
  });
  t.equal(self.statusCode, 400);
  const unknown = await post({ body: [{ type: 'related', articleId: 'does-not-exist' }] });
  t.equal(unknown.statusCode, 400);
  t.equal(unknown.json().errors[0].path, 'body.body[0].articleId');
});

t.test('a slug an article had before it was renamed answers 301 to its current slug, while no article has it', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const created = (
    await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ slug: 'first-name' }),
    })
  ).json();
  // Read (and cached) under the first slug before the rename.
  t.equal((await app.inject({ url: '/v1/articles/first-name' })).statusCode, 200);
  t.equal((await app.inject({ url: '/v1/pages/articles/first-name?city=delhi&window=7d' })).statusCode, 200);
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${created.id}`,
    headers: auth('editor'),
    payload: { slug: 'second-name' },
  });
  t.equal(renamed.json().slug, 'second-name');
  for (const [from, to] of [
    ['/v1/articles/first-name', '/v1/articles/second-name'],
    ['/v1/articles/first-name/related?limit=3', '/v1/articles/second-name/related?limit=3'],
    ['/v1/pages/articles/first-name?city=delhi&window=7d', '/v1/pages/articles/second-name?city=delhi&window=7d'],
  ] as const) {
    const moved = await app.inject({ url: from });
    t.equal(moved.statusCode, 301, from);
    t.equal(moved.headers.location, to);
    t.equal(moved.headers['cache-control'], 'public, max-age=60', 'kept a minute: a slug can change again');
    t.match(moved.headers.vary, /\bAuthorization\b/, 'not for a keyed request from a shared cache');
    t.equal(moved.body, '', 'no body');
    t.equal(moved.headers['content-type'], undefined);
    t.equal((await app.inject({ url: String(moved.headers.location) })).statusCode, 200, `${to} answers`);
  }
  const encoded = await app.inject({ url: '/v1/articles/%66irst-name' });
  t.equal(encoded.headers.location, '/v1/articles/second-name', 'a slug spelled with an escape: no loop');
  // A former slug that is also a word of the path.
  const named = (
    await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody({ slug: 'articles' }) })
  ).json();
  await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${named.id}`,
    headers: auth('editor'),
    payload: { slug: 'articles-renamed' },
  });
  t.equal((await app.inject({ url: '/v1/pages/articles/articles' })).headers.location, '/v1/pages/articles/articles-renamed');
  t.equal((await app.inject({ url: '/v1/articles/articles/related' })).headers.location, '/v1/articles/articles-renamed/related');
  // Renamed twice: both former slugs lead to the current one.
  await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${created.id}`,
    headers: auth('editor'),
    payload: { slug: 'third-name' },
  });
  for (const former of ['first-name', 'second-name']) {
    t.equal((await app.inject({ url: `/v1/articles/${former}` })).headers.location, '/v1/articles/third-name', former);
  }
  // Another article may take a former slug: then the slug is that article's.
  const other = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ slug: 'first-name', headline: 'Another story' }),
  });
  t.equal(other.statusCode, 201);
  t.equal((await app.inject({ url: '/v1/articles/first-name' })).json().headline, 'Another story');
  t.equal(
    (await app.inject({ url: '/v1/pages/articles/first-name?city=atlantis' })).statusCode,
    404,
    "its page's unknown city is its own 404, not a redirect",
  );
  // Back to a former slug: it is the current one again, not a redirect.
  await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${created.id}`,
    headers: auth('editor'),
    payload: { slug: 'second-name' },
  });
  t.equal((await app.inject({ url: '/v1/articles/second-name' })).statusCode, 200);
  t.equal((await app.inject({ url: '/v1/articles/third-name' })).headers.location, '/v1/articles/second-name');
  // Hidden or deleted: the reader gets what the article's own URL would give.
  await app.inject({ method: 'PATCH', url: `/v1/articles/${created.id}`, headers: auth('editor'), payload: { status: 'draft' } });
  t.equal((await app.inject({ url: '/v1/articles/third-name' })).statusCode, 404, 'not to a draft');
  t.equal((await app.inject({ url: '/v1/articles/third-name', headers: auth('editor') })).statusCode, 301, 'but for an editor');
  await app.inject({ method: 'DELETE', url: `/v1/articles/${created.id}`, headers: auth('editor') });
  clock.advance(1000);
  t.equal((await app.inject({ url: '/v1/articles/third-name' })).statusCode, 410, 'deleted');
  t.equal((await app.inject({ url: '/v1/articles/never-was-a-slug' })).statusCode, 404);
});
