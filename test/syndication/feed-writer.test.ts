import t, { type Test } from 'tap';
import type { Article } from '../../src/articles/schemas.js';
import { FeedWriter } from '../../src/syndication/feed-writer.js';
import { buildFeed, type FeedChannel, type FeedFormat } from '../../src/syndication/feeds.js';
import { articleBody, buildTestApp, type TestApp } from '../helpers/app.js';

const formats: FeedFormat[] = ['rss', 'atom', 'json'];
const channel: FeedChannel = {
  title: 'Newsroom & Co',
  language: 'en',
  siteUrl: 'https://news.example.com',
  links: {
    rss: 'https://news.example.com/v1/feeds/rss.xml?section=world',
    atom: 'https://news.example.com/v1/feeds/atom.xml?section=world',
    json: 'https://news.example.com/v1/feeds/feed.json?section=world',
  },
};

/** The newest public articles in full, as GET /v1/articles/{id} gives them (what feeds carry). */
async function newest({ app }: TestApp, limit: number): Promise<Article[]> {
  const list = (await app.inject({ url: `/v1/articles?limit=${limit}` })).json().data as Array<{ id: string }>;
  return Promise.all(list.map(async ({ id }) => (await app.inject({ url: `/v1/articles/${id}` })).json() as Article));
}

function same(t: Test, writer: FeedWriter, articles: Article[], label: string) {
  for (const format of formats) {
    const expected = buildFeed(format, channel, articles, 0);
    t.equal(writer.write(format, channel, articles, 0).toString('utf8'), expected, `${label}: ${format}`);
  }
}

t.test('a feed put together from kept items is byte for byte the library’s whole document', async (t) => {
  const test = await buildTestApp(t);
  const { app, auth } = test;
  // Headlines are CDATA in the XML feeds: tags, CDATA ends and item tags in them must not cut the document.
  for (const headline of ['</item> and <entry> in a headline', 'A ]]> end of CDATA', 'Ünïcödé “quotes” — and 🦉']) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline, status: 'published' }),
    });
    t.equal(res.statusCode, 201);
  }
  const articles = await newest(test, 50);
  t.ok(articles.length >= 30, `demo content and the new articles (${articles.length})`);
  const writer = new FeedWriter(64 * 1024 * 1024);
  same(t, writer, articles, 'every item written afresh');
  t.equal(writer.keptItems, 3 * articles.length, 'each article’s item kept in each format');
  same(t, writer, articles, 'every item kept');
  t.equal(writer.keptItems, 3 * articles.length, 'and used again');
  same(t, writer, articles.slice(5, 25), 'kept items in another feed');
  same(t, writer, articles.slice(0, 1), 'one item');
  same(t, writer, [], 'no item');
  same(t, new FeedWriter(1), articles, 'no room to keep an item');

  // An edit makes a new item; so does a new headline of a "Read more" target the article shows.
  const edited = articles[3];
  if (!edited) throw new Error('no article to edit');
  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${edited.id}`,
    headers: auth('editor'),
    payload: { headline: 'An edited headline' },
  });
  t.equal(patched.statusCode, 200);
  const after = await newest(test, 50);
  t.not(JSON.stringify(after), JSON.stringify(articles), 'the listing changed');
  same(t, writer, after, 'after an edit');
  t.equal(writer.keptItems, 3 * (articles.length + 1), 'the edited article has new items');
});
