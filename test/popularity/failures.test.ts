// What a failing database write must not do to readers: a failed write of buffered views is
// not a failed read, and a write whose record for partners fails is not made, in the rankings
// either. Cached
// rankings are never offered downstream for longer than they have left.
import t from 'tap';
import { buildTestApp } from '../helpers/app.js';
import { browser, popularityConfig } from './helpers.js';

t.test('a failing write of buffered views leaves GET /v1/popular and the page answering', async (t) => {
  const { app, clock, database } = await buildTestApp(t, { config: popularityConfig });
  const slug = 'defence-ministers-agree-joint-patrols-on-the-amsel-river';
  t.equal((await app.inject({ url: '/v1/popular' })).statusCode, 200);
  database.sqlite.exec(`CREATE TRIGGER refuse_views BEFORE INSERT ON view_counts BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
  database.sqlite.exec(`CREATE TRIGGER refuse_more BEFORE UPDATE ON view_counts BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
  const views = await app.inject({ method: 'POST', url: '/v1/views', headers: browser, payload: { article: slug } });
  t.equal(views.statusCode, 202);
  clock.advance(2_000);
  t.equal((await app.inject({ url: '/v1/popular' })).statusCode, 200);
  t.equal((await app.inject({ url: `/v1/pages/articles/${slug}` })).statusCode, 200);

  // Once the database takes writes again, the buffered view is counted.
  const before = (await app.inject({ url: '/v1/popular?window=1h&limit=50' })).json().data;
  const viewsBefore = before.find((entry: { article: { slug: string } }) => entry.article.slug === slug)?.views ?? 0;
  database.sqlite.exec('DROP TRIGGER refuse_views; DROP TRIGGER refuse_more;');
  clock.advance(2_000);
  const after = (await app.inject({ url: '/v1/popular?window=1h&limit=50' })).json().data;
  t.equal(after.find((entry: { article: { slug: string } }) => entry.article.slug === slug)?.views, viewsBefore + 1);
});

t.test('an unpublish whose record for partners fails is not made: the article stays ranked and counted', async (t) => {
  const { app, clock, database, auth } = await buildTestApp(t, { config: popularityConfig });
  const top = (await app.inject({ url: '/v1/popular' })).json().data[0].article;
  database.sqlite.exec(
    `CREATE TRIGGER refuse_changes BEFORE INSERT ON syndication_changes BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
  );
  database.sqlite.exec(
    `CREATE TRIGGER refuse_change_updates BEFORE UPDATE ON syndication_changes BEGIN SELECT RAISE(ABORT, 'disk full'); END;`,
  );
  const patch = await app.inject({
    method: 'PATCH',
    url: `/v1/articles/${top.id}`,
    headers: auth('editor'),
    payload: { status: 'draft' },
  });
  t.equal(patch.statusCode, 500, 'the write failed with its record');
  t.equal((await app.inject({ url: `/v1/articles/${top.id}` })).statusCode, 200, 'the article is still published');
  clock.advance(2_000);
  const ranked = (await app.inject({ url: '/v1/popular?limit=50' }))
    .json()
    .data.map((entry: { article: { id: string } }) => entry.article.id);
  t.ok(ranked.includes(top.id), 'and still ranked');
  const views = await app.inject({ method: 'POST', url: '/v1/views', headers: browser, payload: { article: top.id } });
  t.same(views.json(), { accepted: 1, rejected: 0 }, 'and its views still count');
});

t.test('a cached ranking is offered downstream only for the time it has left', async (t) => {
  const { app, clock } = await buildTestApp(t, { config: { POPULAR_MAX_AGE_SECONDS: 60 } });
  t.equal((await app.inject({ url: '/v1/popular' })).headers['cache-control'], 'public, max-age=60');
  clock.advance(45_000);
  t.equal((await app.inject({ url: '/v1/popular' })).headers['cache-control'], 'public, max-age=15');
  t.equal(
    (await app.inject({ url: '/v1/articles?limit=1' })).headers['cache-control'],
    'public, max-age=60',
    'lists do not expire',
  );
});
