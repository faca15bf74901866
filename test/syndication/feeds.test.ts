import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser } from 'fast-xml-parser';
import t, { type Test } from 'tap';
import { articleBody, buildTestApp, type TestApp } from '../helpers/app.js';

const hostile = 'Ministers <script>x</script> & "allies"';

async function postHostileArticle({ app, auth }: TestApp) {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({
      headline: hostile,
      standfirst: 'Talks <b>collapse</b> & resume',
      section: 'politics',
      tags: ['talks'],
      byline: 'R. <i>Writer</i>',
      leadImage: { url: 'https://images.example.org/a.jpg?x=1&y="2"', caption: 'A <caption>' },
      body: [
        { type: 'heading', text: 'Heading <h1>' },
        { type: 'paragraph', text: 'Text with <img src=x onerror=alert(1)> & more' },
        { type: 'quote', text: 'We <will> win', attribution: 'A & B' },
        { type: 'related', articleId: 'demo_001' },
        { type: 'related', articleId: 'demo_036' },
      ],
    }),
  });
  t.equal(res.statusCode, 201);
  return res.json() as { id: string; url: string };
}

function checkHtml(t: Test, html: string) {
  t.notMatch(html, /<script|<b>|<i>|<img src=x|<h1>|<will>/, 'no text became markup');
  t.match(html, '<p>Text with &lt;img src=x onerror=alert(1)&gt; &amp; more</p>');
  t.match(html, '<h2>Heading &lt;h1&gt;</h2>');
  t.match(html, '<blockquote><p>We &lt;will&gt; win</p><footer>A &amp; B</footer></blockquote>');
  t.match(
    html,
    /Read more: <a href="https:\/\/news\.example\.com\/articles\/[a-z0-9-]+">/,
    'a visible "Read more" target is a link',
  );
  t.equal(html.match(/Read more/g)?.length, 1, 'a draft target is left out');
}

/** The articles the public reads and partners may republish, by id. */
async function syndicableCount({ app }: TestApp): Promise<number> {
  const list = (await app.inject({ url: '/v1/articles?limit=100' })).json().data as Array<{ id: string }>;
  let count = 0;
  for (const { id } of list) if ((await app.inject({ url: `/v1/articles/${id}` })).json().syndication.allowed) count += 1;
  return count;
}

/** The full text as the feed carries it, read with a plain XML parser (feed parsers decode it further). */
function rawContent(path: string, xml: string): string {
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
  return path === 'rss.xml' ? parsed.rss.channel.item[0]['content:encoded'] : parsed.feed.entry[0].content['#text'];
}

t.test('RSS and Atom read back with a feed parser: text stays text', async (t) => {
  const testApp = await buildTestApp(t);
  const created = await postHostileArticle(testApp);
  const expectedCount = await syndicableCount(testApp);
  t.ok(expectedCount > 20 && expectedCount < 50);
  for (const [path, type] of [
    ['rss.xml', 'application/rss+xml'],
    ['atom.xml', 'application/atom+xml'],
  ] as const) {
    const res = await testApp.app.inject({ url: `/v1/feeds/${path}` });
    t.equal(res.statusCode, 200, path);
    t.match(res.headers['content-type'], type);
    const feed = parseFeed(res.body);
    t.equal(feed.items.length, expectedCount, `${path}: the visible, syndicable articles (fewer than 50 in the demo)`);
    const item = feed.items[0];
    t.equal(item?.title, hostile, `${path}: the headline is that text`);
    t.equal(item?.url, created.url);
    t.equal(item?.description, 'Talks <b>collapse</b> & resume', `${path}: the standfirst is text too`);
    checkHtml(t, rawContent(path, res.body));
    t.equal(feed.title, 'Newsroom');
  }
});

t.test('a headline that closes CDATA sections stays text in RSS, however many times', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const parser = new XMLParser({ ignoreAttributes: false });
  for (const headline of ['A ]]> B ]]></title><link>https://evil.example/</link><title>x', 'a ]]> b ]]> c ]]>', ']]>]]>]]]]>']) {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline }),
    });
    t.equal(created.statusCode, 201);
    const res = await app.inject({ url: '/v1/feeds/rss.xml' });
    const item = parseFeed(res.body).items[0];
    t.equal(item?.title, headline, 'read back by a feed parser as written');
    t.equal(item?.url, created.json().url, 'the item links to the article, nowhere else');
    const raw = parser.parse(res.body).rss.channel.item[0];
    t.equal(raw.title, headline, 'one title, the headline, to a plain XML parser');
    t.equal(raw.link, created.json().url);
  }
});

t.test('what each format holds as HTML is escaped text: Atom title and summary, RSS description', async (t) => {
  const testApp = await buildTestApp(t);
  await postHostileArticle(testApp);
  const standfirst = 'Talks &lt;b&gt;collapse&lt;/b&gt; &amp; resume';
  const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: 'cdata' });
  const atom = parser.parse((await testApp.app.inject({ url: '/v1/feeds/atom.xml' })).body).feed.entry[0];
  t.same(atom.title, { '@_type': 'html', cdata: 'Ministers &lt;script&gt;x&lt;/script&gt; &amp; &quot;allies&quot;' });
  t.same(atom.summary, { '@_type': 'html', cdata: standfirst });
  const rss = parser.parse((await testApp.app.inject({ url: '/v1/feeds/rss.xml' })).body).rss.channel.item[0];
  t.same(rss.title, { cdata: hostile }, 'an RSS title is plain text');
  t.same(rss.description, { cdata: standfirst });
  const json = JSON.parse((await testApp.app.inject({ url: '/v1/feeds/feed.json' })).body).items[0];
  t.equal(json.title, hostile, 'JSON Feed: plain text');
  t.equal(json.summary, 'Talks <b>collapse</b> & resume');
});

t.test('an item keeps its id when the article gets a new slug; an empty feed is dated now', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody() });
  const { id, createdAt } = created.json() as { id: string; createdAt: string };
  const itemId = `tag:news.example.com,${createdAt.slice(0, 10)}:articles/${id}`;
  const parser = new XMLParser({ ignoreAttributes: false });
  const ids = async () => {
    const atom = parser.parse((await app.inject({ url: '/v1/feeds/atom.xml' })).body).feed.entry[0];
    const rss = parser.parse((await app.inject({ url: '/v1/feeds/rss.xml' })).body).rss.channel.item[0];
    const json = JSON.parse((await app.inject({ url: '/v1/feeds/feed.json' })).body).items[0];
    return { atom: atom.id, rss: rss.guid, json: json.id, links: [[atom.link].flat()[0]['@_href'], rss.link, json.url] };
  };
  const before = await ids();
  t.same(
    { atom: before.atom, rss: before.rss, json: before.json },
    { atom: itemId, rss: { '#text': itemId, '@_isPermaLink': 'false' }, json: itemId },
  );
  clock.advance(60_000);
  const renamed = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${id}`,
    headers: auth('editor'),
    payload: { slug: 'a-new-name-for-the-terminal' },
  });
  t.equal(renamed.statusCode, 200);
  const after = await ids();
  t.same({ atom: after.atom, rss: after.rss, json: after.json }, { atom: before.atom, rss: before.rss, json: before.json });
  t.ok(
    after.links.every((link) => link.endsWith('/a-new-name-for-the-terminal')),
    'the links follow the slug',
  );

  const empty = parser.parse((await app.inject({ url: '/v1/feeds/atom.xml?section=no-such-section' })).body).feed;
  t.equal(empty.entry, undefined, 'no items');
  t.equal(empty.updated, new Date(clock.now()).toISOString(), 'dated when written, not 1970');
});

t.test('a lead image is an enclosure with its media type, or none when its URL does not say it', async (t) => {
  const { app, auth } = await buildTestApp(t, { demo: false });
  const parser = new XMLParser({ ignoreAttributes: false });
  const images = {
    'https://cdn.example.org/photos/123': undefined,
    'https://cdn.example.org/a.JPG?w=800': 'image/jpeg',
    'https://cdn.example.org/b.png': 'image/png',
    'https://cdn.example.org/v1.2/photo': undefined,
  };
  for (const [url, type] of Object.entries(images)) {
    const headline = `Picture ${url}`;
    const created = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline, leadImage: { url, caption: 'A picture' } }),
    });
    t.equal(created.statusCode, 201);
    // The newest item (one item alone is an object to the parser, not a list).
    const rss = [parser.parse((await app.inject({ url: '/v1/feeds/rss.xml' })).body).rss.channel.item].flat()[0];
    const atom = [parser.parse((await app.inject({ url: '/v1/feeds/atom.xml' })).body).feed.entry].flat()[0];
    const json = JSON.parse((await app.inject({ url: '/v1/feeds/feed.json' })).body).items[0];
    t.equal(rss.title, headline);
    const atomEnclosure = [atom.link].flat().find((link: Record<string, string>) => link['@_rel'] === 'enclosure');
    if (type === undefined) {
      t.equal(rss.enclosure, undefined, `${url}: no RSS enclosure`);
      t.equal(atomEnclosure, undefined, `${url}: no Atom enclosure`);
    } else {
      t.equal(rss.enclosure['@_type'], type, `${url}: RSS type`);
      t.equal(rss.enclosure['@_url'], url);
      t.match(atomEnclosure['@_type'], /^image\/[a-zA-Z]+$/, `${url}: Atom type`);
    }
    t.equal(json.image, url, 'JSON Feed names the image whatever its URL');
    t.match(rss['content:encoded'], `<img src="${url}"`, 'the HTML shows it');
  }
});

t.test('JSON Feed 1.1', async (t) => {
  const testApp = await buildTestApp(t);
  await postHostileArticle(testApp);
  const res = await testApp.app.inject({ url: '/v1/feeds/feed.json' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], 'application/feed+json');
  const feed = JSON.parse(res.body);
  t.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  t.same(feed.authors, [{ name: 'Newsroom', url: 'https://news.example.com' }]);
  t.notOk('author' in feed, 'the 1.0 field is gone');
  t.equal(feed.language, 'en');
  t.match(feed.feed_url, /\/v1\/feeds\/feed\.json$/);
  const item = feed.items[0];
  t.equal(item.title, hostile);
  t.same(item.authors, [{ name: 'R. <i>Writer</i>' }]);
  t.same(item.tags, ['talks']);
  checkHtml(t, item.content_html);
});

t.test('the feeds give their own address from API_BASE_URL, or else from a Host that names a host', async (t) => {
  const { app } = await buildTestApp(t, { demo: false });
  const feedUrl = async (host: string) => {
    const res = await app.inject({ url: '/v1/feeds/feed.json?section=world', headers: { host } });
    t.equal(res.statusCode, 200, host);
    return JSON.parse(res.body).feed_url;
  };
  t.equal(await feedUrl('api.example.org'), 'http://api.example.org/v1/feeds/feed.json?section=world');
  t.equal(await feedUrl('API.Example.org:80'), 'http://api.example.org/v1/feeds/feed.json?section=world', 'normalised');
  for (const host of ['foo bar', 'a<b', 'x:99999', '[zz']) {
    for (const path of ['rss.xml', 'atom.xml', 'feed.json']) {
      const res = await app.inject({ url: `/v1/feeds/${path}`, headers: { host } });
      t.equal(res.statusCode, 400, `${path} with Host ${host}`);
      t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      t.equal(res.json().detail, 'The Host header does not name a host.');
    }
  }

  const configured = await buildTestApp(t, { demo: false, config: { API_BASE_URL: 'https://api.example.com/content' } });
  for (const host of ['api.example.org', 'foo bar']) {
    const res = await configured.app.inject({ url: '/v1/feeds/feed.json', headers: { host } });
    t.equal(res.statusCode, 200);
    t.equal(JSON.parse(res.body).feed_url, 'https://api.example.com/content/v1/feeds/feed.json', 'whatever the Host');
  }
  const rss = (await configured.app.inject({ url: '/v1/feeds/rss.xml?tag=b' })).body;
  t.match(rss, '<atom:link href="https://api.example.com/content/v1/feeds/rss.xml?tag=b" rel="self"');
});

t.test('feeds: only visible, syndicable articles, newest first, at most 50, filtered', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  for (let i = 0; i < 55; i += 1) {
    clock.advance(60_000);
    await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline: `Story ${i}`, section: i % 2 ? 'sport' : 'world', tags: i % 3 ? ['a'] : ['b'] }),
    });
  }
  const hidden = [
    { headline: 'Not for partners', syndication: { allowed: false } },
    { headline: 'A draft', status: 'draft' },
    { headline: 'Later', publishedAt: new Date(clock.now() + 3_600_000).toISOString() },
  ];
  for (const extra of hidden) {
    await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody(extra) });
  }
  const all = JSON.parse((await app.inject({ url: '/v1/feeds/feed.json' })).body);
  t.equal(all.items.length, 50);
  t.equal(all.items[0].title, 'Story 54');
  t.notOk(all.items.some((item: { title: string }) => ['Not for partners', 'A draft', 'Later'].includes(item.title)));
  const sport = parseFeed((await app.inject({ url: '/v1/feeds/rss.xml?section=sport' })).body);
  t.equal(sport.items.length, 27);
  t.ok(sport.items.every((item) => Number(/\d+/.exec(item.title ?? '')?.[0]) % 2 === 1));
  const tagged = parseFeed((await app.inject({ url: '/v1/feeds/atom.xml?tag=b&section=world' })).body);
  t.same(
    tagged.items.map((item) => item.title),
    ['Story 54', 'Story 48', 'Story 42', 'Story 36', 'Story 30', 'Story 24', 'Story 18', 'Story 12', 'Story 6', 'Story 0'],
  );
  t.equal((await app.inject({ url: '/v1/feeds/rss.xml?section=Not_A_Slug' })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/feeds/rss.xml?page=2' })).statusCode, 400);

  clock.advance(3_600_000);
  const due = JSON.parse((await app.inject({ url: '/v1/feeds/feed.json' })).body);
  t.equal(due.items[0].title, 'Later', 'a scheduled article enters the feed when it comes due');
});

t.test('feeds and the sitemap answer conditional requests', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  // Last-Modified is sent once the second of the last change (the demo's) has passed.
  clock.advance(1000);
  for (const url of ['/v1/feeds/rss.xml', '/v1/feeds/atom.xml', '/v1/feeds/feed.json', '/v1/sitemaps/news.xml']) {
    const res = await app.inject({ url });
    t.match(res.headers.etag, /^"[^"]+"$/, url);
    t.equal(res.headers['cache-control'], 'public, max-age=60');
    t.ok(res.headers['last-modified']);
    t.equal((await app.inject({ url, headers: { 'if-none-match': res.headers.etag as string } })).statusCode, 304, url);
    const since = res.headers['last-modified'] as string;
    t.equal((await app.inject({ url, headers: { 'if-modified-since': since } })).statusCode, 304, url);
    const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    t.equal(gzip.headers['content-encoding'], 'gzip', `${url} compressed`);
    t.equal(gzip.headers['content-type'], res.headers['content-type'], 'with its own media type');
  }
  clock.advance(1000);
  const before = await app.inject({ url: '/v1/feeds/rss.xml' });
  await app.inject({ method: 'PATCH', url: '/v1/articles/demo_001', headers: auth('editor'), payload: { headline: 'Changed' } });
  const after = await app.inject({ url: '/v1/feeds/rss.xml', headers: { 'if-none-match': before.headers.etag as string } });
  t.equal(after.statusCode, 200, 'a write changes the feed');
  t.match(after.body, 'Changed');
});

t.test('the Google News sitemap: visible articles of the last 48 hours', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody(payload) });
  const hour = 3_600_000;
  await post({ headline: 'Three days old', publishedAt: new Date(clock.now() - 72 * hour).toISOString() });
  await post({ headline: hostile, language: 'fr-CA', publishedAt: new Date(clock.now() - 47 * hour).toISOString() });
  await post({ headline: 'Fresh and not syndicated', syndication: { allowed: false } });
  await post({ headline: 'A draft', status: 'draft' });
  await post({ headline: 'Scheduled', publishedAt: new Date(clock.now() + hour).toISOString() });
  const res = await app.inject({ url: '/v1/sitemaps/news.xml' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], 'application/xml');
  const parsed = new XMLParser({ ignoreAttributes: false }).parse(res.body);
  t.equal(parsed.urlset['@_xmlns:news'], 'http://www.google.com/schemas/sitemap-news/0.9');
  const urls = [parsed.urlset.url].flat();
  t.same(
    urls.map((url: { 'news:news': { 'news:title': string } }) => url['news:news']['news:title']),
    ['Fresh and not syndicated', hostile],
  );
  const news = urls[1]['news:news'];
  t.same(news['news:publication'], { 'news:name': 'Newsroom', 'news:language': 'fr' });
  t.equal(news['news:publication_date'], new Date(clock.now() - 47 * hour).toISOString().replace('.000Z', 'Z'));
  t.match(urls[1].loc, /^https:\/\/news\.example\.com\/articles\/ministers-script-x-script-allies/);

  clock.advance(2 * hour);
  const later = new XMLParser().parse((await app.inject({ url: '/v1/sitemaps/news.xml' })).body);
  t.same(
    [later.urlset.url].flat().map((url: { 'news:news': { 'news:title': string } }) => url['news:news']['news:title']),
    ['Scheduled', 'Fresh and not syndicated'],
    'old articles leave, a due one enters',
  );
  clock.advance(100 * hour);
  const empty = new XMLParser().parse((await app.inject({ url: '/v1/sitemaps/news.xml' })).body);
  t.equal(empty.urlset, '', 'an empty but valid sitemap');
});

t.test(
  'the news sitemap is dated when an article leaves its window, with no write: no 304 for a copy that lists it',
  async (t) => {
    const { app, auth, clock } = await buildTestApp(t, { demo: false });
    const hour = 3_600_000;
    const leaving = clock.now() - 47 * hour;
    for (const publishedAt of [leaving, clock.now() - hour])
      await app.inject({
        method: 'POST',
        url: '/v1/articles',
        headers: auth('editor'),
        payload: articleBody({ headline: `Published at ${publishedAt}`, publishedAt: new Date(publishedAt).toISOString() }),
      });
    clock.advance(2_000);
    const first = await app.inject({ url: '/v1/sitemaps/news.xml' });
    const since = String(first.headers['last-modified']);
    t.equal((await app.inject({ url: '/v1/sitemaps/news.xml', headers: { 'if-modified-since': since } })).statusCode, 304);

    clock.advance(2 * hour);
    const later = await app.inject({ url: '/v1/sitemaps/news.xml', headers: { 'if-modified-since': since } });
    t.equal(later.statusCode, 200, 'the article that left is no longer listed: the copy is out of date');
    t.equal(later.headers['last-modified'], new Date(leaving + 48 * hour).toUTCString(), 'dated when it left');
    t.not(later.body, first.body);
    t.equal(
      (
        await app.inject({
          url: '/v1/sitemaps/news.xml',
          headers: { 'if-modified-since': String(later.headers['last-modified']) },
        })
      ).statusCode,
      304,
      'and revalidates against that date',
    );
  },
);
