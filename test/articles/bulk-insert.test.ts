// createMany (imports, demo content) fills the search index for a whole batch at once instead of
// through the per-row trigger: the index must come out exactly as the trigger would write it.
import t from 'tap';
import { articleInputSchema } from '../../src/articles/schemas.js';
import type { ContentDatabase } from '../../src/db/open.js';
import { articleBody, articleServiceOf, buildTestApp } from '../helpers/app.js';

const blocks = [
  { type: 'paragraph', text: 'Ferries resume <b>crossings</b> after the storm.' },
  { type: 'heading', text: 'What changes' },
  { type: 'quote', text: 'We are ready to sail', attribution: 'The harbour master' },
  { type: 'image', url: 'https://images.example.com/pier.jpg', caption: 'The pier at dawn' },
  { type: 'paragraph', text: 'Timetables are online.' },
];

function searchIndex(database: ContentDatabase) {
  const row = database.sqlite.prepare('SELECT headline, standfirst, body FROM articles_fts WHERE rowid = ?');
  const pkOf = database.sqlite.prepare('SELECT pk FROM articles WHERE id = ?').pluck();
  return {
    rowOf: (id: string) => row.get(pkOf.get(id)) as { headline: string; standfirst: string; body: string } | undefined,
    /** Throws when the index does not match the text it indexes. */
    check: () => database.sqlite.exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`),
    triggers: () =>
      database.sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles' ORDER BY name`)
        .pluck()
        .all(),
  };
}

t.test('createMany indexes a batch for search exactly as the per-row trigger does', async (t) => {
  const { app, auth, clock, database } = await buildTestApp(t, { demo: false });
  const index = searchIndex(database);
  const triggers = index.triggers();
  t.ok(triggers.includes('articles_fts_insert'));
  const articles = articleServiceOf({ database, clock });
  const post = (headline: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline, body: blocks }),
    });
  const single = (await post('Ferries resume')).json();

  const batch = ['one', 'two', 'three'].map((name) => ({
    id: `a_bulk_${name}`,
    input: articleInputSchema.parse(
      articleBody({
        headline: 'Ferries resume',
        slug: `ferries-${name}`,
        body: [...blocks, { type: 'related', articleId: single.id }],
      }),
    ),
  }));
  t.equal(articles.createMany(batch).length, 3);
  const expected = index.rowOf(single.id);
  t.match(expected, { body: /^Ferries resume <b>crossings<\/b> after the storm\. What changes We are ready to sail Timetables/ });
  for (const { id } of batch) t.same(index.rowOf(id), expected, `${id} indexed like a POSTed article`);
  t.doesNotThrow(index.check, 'integrity-check passes');
  t.same(index.triggers(), triggers, 'the trigger is back');

  const found = (await app.inject({ url: '/v1/articles?q=timetables' })).json().data.map((a: { id: string }) => a.id);
  t.same([...found].sort(), [single.id, ...batch.map((item) => item.id)].sort(), 'search finds the batch');

  // A batch that fails leaves everything as it was, the trigger included.
  const clash = [
    { id: 'a_bulk_four', input: articleInputSchema.parse(articleBody({ headline: 'Four', slug: 'four', body: blocks })) },
    { id: 'a_bulk_five', input: articleInputSchema.parse(articleBody({ headline: 'Five', slug: 'ferries-one', body: blocks })) },
  ];
  t.throws(() => articles.createMany(clash));
  t.equal(index.rowOf('a_bulk_four'), undefined, 'rolled back');
  t.same(index.triggers(), triggers, 'the trigger survives a failed batch');
  const after = (await post('Ferries resume once more')).json();
  t.same(
    index.rowOf(after.id),
    { ...expected, headline: 'Ferries resume once more' },
    'single inserts are indexed by the trigger',
  );
  t.doesNotThrow(index.check);
});
