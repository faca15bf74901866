// The rules that keep search and tag listings bounded on a large archive: search ranks only the
// newest `searchCandidates` matches, and a common tag is listed by walking the date index.
// Both must still give exactly the right, visible articles in the right order.
import t from 'tap';
import { createArticleRepository, searchCandidates } from '../../src/articles/repository.js';
import { articleInputSchema } from '../../src/articles/schemas.js';
import { formatTimestamp } from '../../src/clock.js';
import { articleBody, articleServiceOf, buildTestApp, demoNow } from '../helpers/app.js';

const hour = 3_600_000;

t.test('search ranks the newest matches; a common tag lists newest first, visible only', async (t) => {
  const { app, auth, clock, database } = await buildTestApp(t, { demo: false });
  const articles = articleServiceOf({ database, clock });
  const total = searchCandidates + 200;
  // Older articles (lower pk) say "zebra" in the headline, the strongest match; the newest only in the body.
  const items = Array.from({ length: total }, (_, index) => ({
    id: `a_large_${index}`,
    input: articleInputSchema.parse(
      articleBody({
        headline: index < 10 ? `Zebra crossing ${index}` : `Harbour story ${index}`,
        slug: `large-${index}`,
        tags: ['common'],
        publishedAt: formatTimestamp(demoNow - (total - index) * hour),
        body: [{ type: 'paragraph', text: `A note about a zebra, number ${index}.` }],
      }),
    ),
  }));
  articles.createMany(items);
  // Invalidate the response cache the direct writes bypassed.
  await app.inject({ method: 'POST', url: '/v1/articles', headers: auth('editor'), payload: articleBody({ slug: 'fresh' }) });

  const found = (await app.inject({ url: '/v1/articles?q=zebra&limit=50' })).json();
  const ids: string[] = found.data.map((a: { id: string }) => a.id);
  t.equal(ids.length, 50);
  t.notOk(
    ids.some((id) => Number(id.split('_').pop()) < total - searchCandidates),
    'matches older than the newest searchCandidates are not ranked, even the strongest',
  );

  const listed = (await app.inject({ url: '/v1/articles?tag=common&limit=5' })).json();
  t.same(
    listed.data.map((a: { id: string }) => a.id),
    [1, 2, 3, 4, 5].map((back) => `a_large_${total - back}`),
    'a common tag lists newest first',
  );
  const next = (
    await app.inject({ url: `/v1/articles?tag=common&limit=5&cursor=${encodeURIComponent(listed.nextCursor)}` })
  ).json();
  t.equal(next.data[0].id, `a_large_${total - 6}`, 'and pages on');
  await app.inject({ method: 'DELETE', url: `/v1/articles/a_large_${total - 1}`, headers: auth('editor') });
  const after = (await app.inject({ url: '/v1/articles?tag=common&limit=1' })).json();
  t.equal(after.data[0].id, `a_large_${total - 2}`, 'a deleted article is not listed');
});

t.test('which of 40,000 ids exist, asked at once (an import checks every link of its run)', async (t) => {
  const { database } = await buildTestApp(t);
  const repository = createArticleRepository(database.db);
  const ids = [...Array.from({ length: 40_000 }, (_, index) => `a_missing${index}`), 'demo_001', 'demo_002'];
  t.same([...repository.existingIds(ids)].sort(), ['demo_001', 'demo_002'], 'over SQLite’s limit on bound parameters');
});
