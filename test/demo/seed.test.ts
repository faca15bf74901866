import t from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { buildTestApp } from '../helpers/app.js';

t.test('demo content: published articles across sections, drafts, a scheduled one, "Read more" boxes', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const published = (await app.inject({ url: '/v1/articles?limit=100' })).json().data as Array<Record<string, unknown>>;
  t.ok(published.length >= 30, `${published.length} published`);
  const sections = (await app.inject({ url: '/v1/sections' })).json().data;
  t.ok(sections.length >= 4, `${sections.length} sections`);
  t.ok(
    published.every((a) => (a.tags as string[]).length > 0),
    'every article has tags',
  );
  t.ok(
    published.filter((a) => (a.leadImage as { caption?: string } | undefined)?.caption).length >= 6,
    'lead images with captions',
  );
  const drafts = (await app.inject({ url: '/v1/articles?status=draft', headers: auth('editor') })).json().data;
  t.ok(drafts.length >= 2, 'drafts');
  const scheduled = (await app.inject({ url: '/v1/articles?status=scheduled', headers: auth('editor') })).json().data;
  t.equal(scheduled.length, 1, 'one scheduled article');
  t.ok(Date.parse(scheduled[0].publishedAt) > clock.now());

  let boxes = 0;
  for (const summary of published) {
    const article = (await app.inject({ url: `/v1/articles/${summary.id}` })).json();
    for (const block of article.body) {
      if (block.type !== 'related') continue;
      boxes += 1;
      t.equal(block.article.id, block.articleId);
      t.ok(block.article.headline);
    }
  }
  t.ok(boxes >= 6, `${boxes} visible "Read more" boxes`);
});

t.test('demo content is deterministic', async (t) => {
  const first = await buildTestApp(t);
  const second = await buildTestApp(t);
  const a = (await first.app.inject({ url: '/v1/articles?limit=100' })).json();
  const b = (await second.app.inject({ url: '/v1/articles?limit=100' })).json();
  t.same(a, b);
});

t.test('demo content on a database an editor began with a city of their own: started, the city kept', async (t) => {
  const editors = await buildTestApp(t, { demo: false });
  const london = { slug: 'london', name: 'London', country: 'GB', timezone: 'Europe/London', latitude: 51.5, longitude: -0.12 };
  const created = await editors.app.inject({
    method: 'POST',
    url: '/v1/cities',
    headers: editors.auth('editor'),
    payload: london,
  });
  t.equal(created.statusCode, 201);
  await editors.app.close();
  editors.database.close();

  const config = defaultConfig({ DATABASE_PATH: editors.dbPath, LOG_LEVEL: 'silent', WAL_CHECKPOINT_INTERVAL_MS: 0 });
  t.equal(config.DEMO_CONTENT, true);
  const app = await buildApp({ config });
  t.teardown(() => app.close());
  t.ok((await app.inject({ url: '/v1/articles?limit=5' })).json().data.length > 0, 'the demo articles');
  t.same(
    (await app.inject({ url: '/v1/cities' })).json().data.map((city: { slug: string }) => city.slug),
    ['london'],
    'the editor’s cities alone',
  );
});
