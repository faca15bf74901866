import t from 'tap';
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
