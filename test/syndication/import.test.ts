import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { createArticlePresenter } from '../../src/articles/presenter.js';
import { createArticleRepository } from '../../src/articles/repository.js';
import { createArticleService } from '../../src/articles/service.js';
import { recordArticleWrites } from '../../src/syndication/change-feed.js';
import { createSyndicationRepository } from '../../src/syndication/repository.js';
import { exportArticles } from '../../src/syndication/transfer/exporter.js';
import { fileFromText, fileOnDisk, type ImportFile, importFiles } from '../../src/syndication/transfer/importer.js';
import { articleBody, buildTestApp } from '../helpers/app.js';
import { runCli } from '../helpers/processes.js';

const fixtureNames = [
  'ferry-suspended.txt',
  'festival-no-final-newline.txt',
  'icebreaker.txt',
  'notes.txt',
  'two-line-headline.txt',
  'bad-read-more.txt',
];
const fixturePath = (name: string) => new URL(`fixtures/${name}`, import.meta.url).pathname;
const fixtures: ImportFile[] = fixtureNames.map((name) => fileFromText(name, readFileSync(fixturePath(name), 'utf8')));
const options = { timeZone: 'Europe/Oslo', section: 'news' };

/** An NDJSON line of an article whose body is a paragraph and a "Read more" block to `target`. */
function linkingLine(fields: Record<string, unknown>, target: string): string {
  const body = [
    { type: 'paragraph', text: 'Text.' },
    { type: 'related', articleId: target },
  ];
  return JSON.stringify(articleBody({ ...fields, body }));
}

/** The article service of a test app, which the importer uses like the CLI does. */
async function setUp(t: Test, demo = false) {
  const testApp = await buildTestApp(t, { demo });
  const repository = createArticleRepository(testApp.database.db);
  const articles = createArticleService({
    repository,
    presenter: createArticlePresenter('https://news.example.com'),
    clock: testApp.clock,
    record: recordArticleWrites(createSyndicationRepository(testApp.database.db), testApp.clock, (ids) =>
      repository.linkingTo(ids),
    ),
    onChange: () => {},
  });
  return { ...testApp, articles };
}

t.test('clippings: Read more boxes linked across files, non-clippings reported, idempotent', async (t) => {
  const { app, articles, auth } = await setUp(t);
  const report = importFiles(articles, fixtures, options);
  t.equal(report.created, 3);
  t.equal(report.updated, 0);
  t.same(report.skipped, []);
  t.same(
    report.rejected.map((finding) => finding.where),
    ['notes.txt', 'two-line-headline.txt', 'bad-read-more.txt'],
  );
  t.ok(
    report.rejected.every((finding) => /^not a clipping: .+/.test(finding.reason)),
    'each with its reason',
  );
  t.same(report.unresolved, [
    { where: 'ferry-suspended.txt', reason: '"Read more: Council weighs a second ferry terminal" matches no article' },
    {
      where: 'festival-no-final-newline.txt',
      reason: '"Read more: Lighthouse restoration finished ahead of schedule" matches no article',
    },
  ]);

  const ferry = (await app.inject({ url: '/v1/articles/harbour-ferry-service-suspended-as-ice-closes-the-channel' })).json();
  t.equal(ferry.publishedAt, '2024-01-08T22:05:00Z', '11:05PM in Oslo');
  t.same(ferry.source, { name: 'Harbour Gazette' });
  t.equal(ferry.section, 'news');
  t.same(
    ferry.body.map((block: { type: string }) => block.type),
    ['related', 'paragraph', 'paragraph', 'paragraph'],
    'the unresolved box is left out',
  );
  t.equal(ferry.body[0].article.headline, 'Icebreaker crew works through the night to reopen shipping lane', 'a later file');
  const icebreaker = (await app.inject({ url: `/v1/articles/${ferry.body[0].articleId}` })).json();
  t.equal(icebreaker.body[0].articleId, ferry.id, 'an earlier file');

  const again = importFiles(articles, fixtures, options);
  t.equal(again.created, 0, 'importing again creates nothing');
  t.equal(again.updated, 0, 'and updates nothing');
  t.equal(again.skipped.length, 3);
  t.ok(again.skipped.every((finding) => finding.reason.startsWith('unchanged')));

  // A Read more box resolves against articles already stored, too.
  await app.inject({
    method: 'POST',
    url: '/v1/articles',
    headers: auth('editor'),
    payload: articleBody({ headline: 'Council weighs a second ferry terminal' }),
  });
  const linked = importFiles(articles, fixtures.slice(0, 1), options);
  t.equal(linked.updated, 1, 'the ferry article gains its second box');
  t.same(linked.unresolved, []);
  const updated = (await app.inject({ url: `/v1/articles/${ferry.id}` })).json();
  t.equal(updated.body.filter((block: { type: string }) => block.type === 'related').length, 2);
});

t.test('NDJSON: bad lines reported with file and line, the rest imported, updates detected', async (t) => {
  const { app, articles } = await setUp(t);
  const good = (headline: string, extra: Record<string, unknown> = {}) => JSON.stringify(articleBody({ headline, ...extra }));
  const text = [
    good('First story'),
    '{ not json',
    '',
    JSON.stringify({ headline: 'No body or source' }),
    good('Second story', { slug: 'second', status: 'draft' }),
    good('Third story', {
      body: [
        { type: 'related', articleId: 'a_missing' },
        { type: 'paragraph', text: 'Text.' },
      ],
    }),
    good('First story', { standfirst: 'Same slug as line 1' }),
  ].join('\n');
  const report = importFiles(articles, [fileFromText('batch.ndjson', text)], options);
  t.equal(report.created, 3);
  t.same(
    report.rejected.map((finding) => finding.where),
    ['batch.ndjson:2', 'batch.ndjson:4'],
  );
  t.match(report.rejected[0]?.reason, /not JSON/);
  t.match(report.rejected[1]?.reason, /standfirst/);
  t.same(report.skipped, [{ where: 'batch.ndjson:7', reason: 'the same article as batch.ndjson:1' }]);
  t.same(report.unresolved, [{ where: 'batch.ndjson:6', reason: '"Read more" points at a_missing, which is not here' }]);
  t.equal((await app.inject({ url: '/v1/articles/first-story' })).statusCode, 200);

  const again = importFiles(articles, [fileFromText('batch.ndjson', text)], options);
  t.equal(again.created + again.updated, 0, 'idempotent');

  const edited = importFiles(
    articles,
    [fileFromText('edit.ndjson', good('Second story', { slug: 'second', status: 'published' }))],
    options,
  );
  t.equal(edited.updated, 1);
  t.equal((await app.inject({ url: '/v1/articles/second' })).json().status, 'published');
});

t.test('export, import into an empty database, export again: identical, former slugs included', async (t) => {
  const source = await setUp(t, true);
  const dir = join(source.dbPath, '..');
  // Renamed twice: links shared under either old slug redirect, here and wherever it is imported.
  const [renamed] = (await source.app.inject({ url: '/v1/articles?limit=1' })).json().data;
  for (const slug of ['renamed-once', 'renamed-twice']) {
    const res = await source.app.inject({
      method: 'PATCH',
      url: `/v1/articles/${renamed.id}`,
      headers: source.auth('editor'),
      payload: { slug },
    });
    t.equal(res.statusCode, 200);
  }
  const first = join(dir, 'first.ndjson');
  const exported = runCli('export', [first], { DATABASE_PATH: source.dbPath });
  t.equal(exported.status, 0, exported.stderr);
  t.match(exported.stderr, 'Exported 37 articles');
  const lines = readFileSync(first, 'utf8').trim().split('\n');
  t.equal(lines.length, 37, 'every article, drafts and the scheduled one included');
  const renamedLine = lines.map((line) => JSON.parse(line)).find((line) => line.id === renamed.id);
  t.same(renamedLine.formerSlugs, [renamed.slug, 'renamed-once'].sort(), 'the slugs it had before, sorted');
  t.equal(renamedLine.slug, 'renamed-twice');

  const emptyDb = join(dir, 'empty.db');
  const imported = runCli('import', [first], { DATABASE_PATH: emptyDb });
  t.equal(imported.status, 0, imported.stderr);
  t.match(imported.stdout, 'Created 37, updated 0, skipped 0, not imported 0');
  const second = join(dir, 'second.ndjson');
  t.equal(runCli('export', [second], { DATABASE_PATH: emptyDb }).status, 0);
  t.equal(readFileSync(second, 'utf8'), readFileSync(first, 'utf8'), 'byte for byte');

  const twice = runCli('import', [first], { DATABASE_PATH: emptyDb });
  t.match(twice.stdout, 'Created 0, updated 0, skipped 37');

  const imported_ = new Database(emptyDb, { readonly: true });
  t.teardown(() => imported_.close());
  t.same(
    imported_
      .prepare('SELECT f.slug FROM article_former_slugs f JOIN articles a ON a.pk = f.article_pk WHERE a.id = ? ORDER BY f.slug')
      .pluck()
      .all(renamed.id),
    [renamed.slug, 'renamed-once'].sort(),
    'the imported article redirects from its old slugs too',
  );
});

t.test(
  "former slugs in an import line are added to its article, the line's word winning, and written after the run's renames",
  async (t) => {
    const { app, articles, auth } = await setUp(t);
    const line = (fields: Record<string, unknown>) => JSON.stringify(articleBody(fields));
    const ndjson = (...lines: string[]) => fileFromText('lines.ndjson', lines.join('\n'));
    importFiles(
      articles,
      [ndjson(line({ headline: 'First', slug: 'first' }), line({ headline: 'Second', slug: 'second' }))],
      options,
    );
    const first = (await app.inject({ url: '/v1/articles/first' })).json();
    const second = (await app.inject({ url: '/v1/articles/second' })).json();
    // "second-old" was the second article's slug before, here.
    for (const slug of ['second-old', 'second'])
      await app.inject({ method: 'PATCH', url: `/v1/articles/${second.id}`, headers: auth('editor'), payload: { slug } });
    const withFormer = (formerSlugs: string[]) => ndjson(line({ headline: 'First', slug: 'first', id: first.id, formerSlugs }));
    const added = importFiles(articles, [withFormer(['first-draft', 'second-old', 'first'])], options);
    t.same({ created: added.created, updated: added.updated }, { created: 0, updated: 1 }, 'only former slugs were new');
    // Read with a key: the app's response cache does not hear of this service's writes.
    const location = async (slug: string) =>
      (await app.inject({ url: `/v1/articles/${slug}`, headers: auth('editor') })).headers.location;
    t.equal(await location('first-draft'), '/v1/articles/first');
    t.equal(await location('second-old'), '/v1/articles/first', 'the latest word on a slug wins, as with renames');
    const again = importFiles(articles, [withFormer(['first-draft', 'second-old'])], options);
    t.same(
      { created: again.created, updated: again.updated, skipped: again.skipped.length },
      { created: 0, updated: 0, skipped: 1 },
    );
    t.equal(
      first.updatedAt,
      (await app.inject({ url: '/v1/articles/first' })).json().updatedAt,
      'the article itself was not written',
    );

    // In one run, the first line renames its article away from "first", which the rename trigger
    // keeps as its former slug; the second line says the second article had it: it gets it.
    const swapLines = ndjson(
      line({ headline: 'First', slug: 'first-renamed', id: first.id }),
      line({ headline: 'Second', slug: 'second', id: second.id, formerSlugs: ['first'] }),
    );
    const swap = importFiles(articles, [swapLines], options);
    t.same({ created: swap.created, updated: swap.updated }, { created: 0, updated: 2 });
    t.equal(await location('first'), '/v1/articles/second');
    const swapAgain = importFiles(articles, [swapLines], options);
    t.same({ created: swapAgain.created, updated: swapAgain.updated }, { created: 0, updated: 0 }, 'and again changes nothing');

    const bad = importFiles(
      articles,
      [ndjson(line({ headline: 'Third', formerSlugs: Array.from({ length: 50 }, () => 'Not A Slug') }))],
      options,
    );
    t.equal(bad.rejected.length, 1);
    t.match(bad.rejected[0]?.reason, /formerSlugs\.0: .*; and 45 more$/, 'a line with many bad values says so briefly');
  },
);

t.test('the import command: options, summary, problems that do not stop the rest', async (t) => {
  const { dbPath } = await buildTestApp(t, { demo: false });
  const dir = join(dbPath, '..');
  const ndjson = join(dir, 'lines.ndjson');
  writeFileSync(ndjson, `${JSON.stringify(articleBody())}\nnot json\n`);
  const run = runCli(
    'import',
    ['--timezone', 'Asia/Kolkata', fixturePath('icebreaker.txt'), ndjson, fixturePath('notes.txt'), join(dir, 'missing.txt')],
    {
      DATABASE_PATH: dbPath,
    },
  );
  t.equal(run.status, 2, 'done, with problems');
  t.match(run.stdout, /lines\.ndjson:2: not JSON/);
  t.match(run.stdout, /notes\.txt: not a clipping: no publication time line/);
  t.match(run.stdout, /missing\.txt: cannot be read/);
  t.match(run.stdout, /"Read more: Harbour ferry service suspended as ice closes the channel" matches no article/);
  t.match(run.stdout, 'Created 2, updated 0, skipped 0, not imported 3, "Read more" unresolved 1.');
  t.match(run.stdout, /articles\/s/);
  for (const zone of ['Mars/Olympus', 'BST', 'IST']) {
    const badZone = runCli('import', ['--timezone', zone, ndjson], { DATABASE_PATH: dbPath });
    t.not(badZone.status, 0, `${zone} is not an IANA time zone (ICU reads BST as Dhaka's)`);
    t.match(badZone.stderr, /time zone/);
  }
});

t.test('NDJSON in several batches: searchable, the search index intact, every article in the change feed', async (t) => {
  const { app, articles, auth, database } = await setUp(t);
  const lines = Array.from({ length: 7 }, (_, index) =>
    JSON.stringify(
      articleBody({
        headline: `Lighthouse report ${index}`,
        body: [
          { type: 'paragraph', text: `Keeper ${index} writes about the fog.` },
          // Forward and backward links across batches, by id.
          { type: 'related', articleId: `a_line_${(index + 4) % 7}` },
        ],
        id: `a_line_${index}`,
      }),
    ),
  );
  const report = importFiles(articles, [fileFromText('many.ndjson', lines.join('\n'))], { ...options, batchSize: 3 });
  t.equal(report.created, 7);
  t.same(report.unresolved, []);
  t.doesNotThrow(() => database.sqlite.exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`));
  const found = (await app.inject({ url: '/v1/articles?q=fog&limit=50' })).json().data.map((a: { id: string }) => a.id);
  t.same(
    [...found].sort(),
    Array.from({ length: 7 }, (_, index) => `a_line_${index}`),
  );
  const changes = (await app.inject({ url: '/v1/syndication/changes?limit=500', headers: auth('partner') })).json().data;
  // Each once; an article linking to one of a later batch comes again after that batch.
  t.same(
    changes.map((change: { article?: { id: string } }) => change.article?.id),
    ['a_line_3', 'a_line_4', 'a_line_5', 'a_line_0', 'a_line_1', 'a_line_6', 'a_line_2'],
  );
});

t.test('an article imported before slugs were transliterated (and before identities were noted) is found again', async (t) => {
  const { articles, database } = await setUp(t);
  const clipping = fileFromText(
    'ru.txt',
    'Новости дня\n\nA standfirst for it\n\nA paragraph.\n\nJanuary 9, 2024 at 07:45AM\nCoastal Wire\n',
  );
  t.equal(importFiles(articles, [clipping], options).created, 1);
  // As such an import left it: under the old rule's slug, with no identity noted.
  database.sqlite.exec("UPDATE articles SET slug = 'article' WHERE slug = 'novosti-dnya'; DELETE FROM article_imports;");
  const again = importFiles(articles, [clipping], options);
  t.same(
    { created: again.created, updated: again.updated, skipped: again.skipped.length },
    { created: 0, updated: 0, skipped: 1 },
  );
  t.match(again.skipped[0]?.reason, 'unchanged');
  // Renamed by an editor since, or further along the series than a gap: found all the same.
  for (const sql of [
    "UPDATE articles SET slug = 'edited-by-hand' WHERE slug = 'article'; DELETE FROM article_imports;",
    "UPDATE articles SET slug = 'article-7' WHERE slug = 'edited-by-hand'; DELETE FROM article_former_slugs; DELETE FROM article_imports;",
  ]) {
    database.sqlite.exec(sql);
    const found = importFiles(articles, [clipping], options);
    t.same({ created: found.created, skipped: found.skipped.length }, { created: 0, skipped: 1 }, sql);
  }
  // The same headline at the same time from another source is another article.
  const otherSource = fileFromText(
    'ru-other.txt',
    'Новости дня\n\nA standfirst for it\n\nA paragraph.\n\nJanuary 9, 2024 at 07:45AM\nHarbour Times\n',
  );
  database.sqlite.exec('DELETE FROM article_imports;');
  t.equal(importFiles(articles, [otherSource], options).created, 1);
});

t.test('an export is one snapshot: what other connections write meanwhile is not in it', async (t) => {
  const { articles, dbPath } = await setUp(t);
  importFiles(
    articles,
    [
      fileFromText(
        'three.ndjson',
        ['First', 'Second', 'Third'].map((headline) => JSON.stringify(articleBody({ headline }))).join('\n'),
      ),
    ],
    options,
  );
  // The service's writes, as another connection makes them between two of the export's pages.
  const service = new Database(dbPath);
  t.teardown(() => service.close());
  const pages: string[] = [];
  const count = exportArticles(
    articles,
    (chunk) => {
      if (pages.length === 0) {
        service.prepare("UPDATE articles SET headline = 'Second, edited meanwhile' WHERE slug = 'second'").run();
        service.prepare("UPDATE articles SET deleted_at = 1 WHERE slug = 'third'").run();
      }
      pages.push(chunk);
    },
    1,
  );
  t.equal(count, 3);
  t.same(
    pages.map((line) => JSON.parse(line).headline),
    ['First', 'Second', 'Third'],
    'every page as the database was when the export began',
  );
  const after: string[] = [];
  exportArticles(articles, (chunk) => after.push(chunk), 1);
  t.same(
    after.map((line) => JSON.parse(line).headline),
    ['First', 'Second, edited meanwhile'],
    'the next export sees the writes',
  );
});

t.test('a clipping is its headline at its time: the same slug never makes another article its update', async (t) => {
  const { app, articles } = await setUp(t);
  const clipping = (headline: string, when: string, text = 'A paragraph of the story.') =>
    `${headline}\n\nA standfirst for it\n\n${text}\n\n${when}\nCoastal Wire\n`;
  const file = (name: string, headline: string, when: string, text?: string) =>
    fileFromText(name, clipping(headline, when, text));
  // Two headlines that transliterate to the same slug, novosti-dnya.
  t.equal(importFiles(articles, [file('ru.txt', 'Новости дня', 'January 9, 2024 at 07:45AM')], options).created, 1);
  const second = importFiles(articles, [file('ru-2.txt', 'НОВОСТИ ДНЯ', 'January 9, 2024 at 08:00AM')], options);
  t.equal(second.created, 1, 'a second article, not an update of the first');
  t.equal(second.updated, 0);
  // A recurring headline, twice in one run and once more later.
  const briefings = importFiles(
    articles,
    [
      file('monday.txt', 'Morning briefing', 'January 8, 2024 at 06:00AM'),
      file('tuesday.txt', 'Morning briefing', 'January 9, 2024 at 06:00AM'),
    ],
    options,
  );
  t.equal(briefings.created, 2);
  t.same(briefings.skipped, []);
  t.equal(importFiles(articles, [file('wednesday.txt', 'Morning briefing', 'January 10, 2024 at 06:00AM')], options).created, 1);

  const stored = (await app.inject({ url: '/v1/articles?limit=50' })).json().data as Array<{ slug: string; headline: string }>;
  t.same(stored.map((article) => `${article.slug} ${article.headline}`).sort(), [
    'morning-briefing Morning briefing',
    'morning-briefing-2 Morning briefing',
    'morning-briefing-3 Morning briefing',
    'novosti-dnya Новости дня',
    'novosti-dnya-2 НОВОСТИ ДНЯ',
  ]);

  // Imported again: each finds itself; one with a new text is its own update.
  const again = importFiles(
    articles,
    [
      file('ru.txt', 'Новости дня', 'January 9, 2024 at 07:45AM'),
      file('ru-2.txt', 'НОВОСТИ ДНЯ', 'January 9, 2024 at 08:00AM'),
      file('tuesday.txt', 'Morning briefing', 'January 9, 2024 at 06:00AM', 'A corrected paragraph.'),
    ],
    options,
  );
  t.same({ created: again.created, updated: again.updated }, { created: 0, updated: 1 });
  t.same(
    again.skipped.map((finding) => finding.where),
    ['ru.txt', 'ru-2.txt'],
    'unchanged',
  );
  const tuesday = (await app.inject({ url: '/v1/articles/morning-briefing-2' })).json();
  t.match(JSON.stringify(tuesday.body), 'A corrected paragraph.');
});

t.test('the import command stops with exit code 1 when the database fails a write, saying how far it got', async (t) => {
  const { dbPath } = await buildTestApp(t, { demo: false });
  const dir = join(dbPath, '..');
  const files = ['ferry-suspended.txt', 'icebreaker.txt'].map((name) => {
    const path = join(dir, name);
    writeFileSync(path, readFileSync(fixturePath(name), 'utf8'));
    return path;
  });
  // Another writer holds the lock past the busy timeout.
  const holder = new Database(dbPath);
  holder.exec('BEGIN IMMEDIATE');
  const locked = runCli('import', files, { DATABASE_PATH: dbPath });
  holder.exec('ROLLBACK');
  holder.close();
  t.equal(locked.status, 1);
  t.match(locked.stderr, /The database failed a write \(database is locked\); the import stopped after 0 created and 0 updated/);
  const again = runCli('import', files, { DATABASE_PATH: dbPath });
  t.equal(again.status, 0, 'once the lock is free, a second run imports them');
  t.match(again.stdout, 'Created 2, updated 0');
});

t.test(
  'a clipping imported again finds its article whatever an editor changed since, and a new time zone corrects it',
  async (t) => {
    const { app, articles, auth, database } = await setUp(t);
    const icebreaker = fixtures.filter((file) => file.name === 'icebreaker.txt');
    t.equal(importFiles(articles, icebreaker, options).created, 1);
    const [stored] = (await app.inject({ url: '/v1/articles' })).json().data;
    const edited = await app.inject({
      method: 'PATCH',
      url: `/v1/articles/${stored.id}`,
      headers: auth('editor'),
      payload: { headline: 'Icebreaker crew reopens the shipping lane overnight', slug: 'icebreaker-reopens-lane' },
    });
    t.equal(edited.statusCode, 200);

    const again = importFiles(articles, icebreaker, options);
    t.same({ created: again.created, updated: again.updated }, { created: 0, updated: 0 }, 'no second article');
    t.same(again.skipped, [{ where: 'icebreaker.txt', reason: `unchanged since it was imported (article ${stored.id})` }]);
    const kept = (await app.inject({ url: `/v1/articles/${stored.id}` })).json();
    t.equal(kept.headline, 'Icebreaker crew reopens the shipping lane overnight', "the editor's headline stays");
    t.equal(kept.slug, 'icebreaker-reopens-lane');

    // Imported first with the wrong time zone: again with the right one corrects the time.
    const corrected = importFiles(articles, icebreaker, { ...options, timeZone: 'America/Halifax' });
    t.same({ created: corrected.created, updated: corrected.updated }, { created: 0, updated: 1 });
    // Read with a key: the import writes through a service of its own, which the app's cache does not hear.
    const fresh = (url: string) => app.inject({ url, headers: auth('editor') });
    t.equal((await fresh(`/v1/articles/${stored.id}`)).json().publishedAt, '2024-01-09T11:45:00Z', '07:45 in Halifax');
    t.equal((await fresh('/v1/articles?limit=50')).json().data.length, 1, 'still one article');

    // An article imported before identities were noted is found by its headline and time, then noted.
    const festival = fixtures.filter((file) => file.name === 'festival-no-final-newline.txt');
    t.equal(importFiles(articles, festival, options).created, 1);
    database.sqlite.exec('DELETE FROM article_imports');
    const noted = importFiles(articles, festival, options);
    t.same({ created: noted.created, updated: noted.updated }, { created: 0, updated: 0 });
    const { id: festivalId } = database.sqlite.prepare('SELECT id FROM articles WHERE id != ?').get(stored.id) as { id: string };
    await app.inject({
      method: 'PATCH',
      url: `/v1/articles/${festivalId}`,
      headers: auth('editor'),
      payload: { headline: 'Renamed' },
    });
    const afterRename = importFiles(articles, festival, options);
    t.same({ created: afterRename.created, updated: afterRename.updated }, { created: 0, updated: 0 }, 'noted on the way');
    t.same(database.sqlite.prepare('SELECT count(*) AS n FROM articles').get(), { n: 2 });
  },
);

t.test('NDJSON: a byte order mark, a file that is not UTF-8, an id without a slug, updatedAt kept', async (t) => {
  const { app, articles } = await setUp(t);
  const line = (fields: Record<string, unknown>) => JSON.stringify(articleBody(fields));
  const withBom = importFiles(
    articles,
    [fileFromText('bom.ndjson', `\uFEFF${line({ headline: 'Morning briefing' })}\n`)],
    options,
  );
  t.same({ created: withBom.created, rejected: withBom.rejected }, { created: 1, rejected: [] }, 'the first line is read');

  const { dbPath } = await buildTestApp(t, { demo: false });
  const latin1 = join(dbPath, '..', 'latin1.ndjson');
  writeFileSync(latin1, Buffer.from(`${line({ headline: 'Menu of the café' })}\n`, 'latin1'));
  const notText = importFiles(articles, [fileOnDisk(latin1)], options);
  t.equal(notText.created, 0, 'nothing of it is imported');
  t.equal(notText.rejected.length, 1);
  t.match(notText.rejected[0]?.reason, /is not UTF-8 text/);

  const withId = importFiles(
    articles,
    [fileFromText('ids.ndjson', line({ id: 'a_fromelsewhere', headline: 'Morning briefing' }))],
    options,
  );
  t.same({ created: withId.created, skipped: withId.skipped }, { created: 1, skipped: [] }, 'numbered as POST numbers it');
  t.equal((await app.inject({ url: '/v1/articles/a_fromelsewhere' })).json().slug, 'morning-briefing-2');
  const idAgain = importFiles(
    articles,
    [fileFromText('ids.ndjson', line({ id: 'a_fromelsewhere', headline: 'Morning briefing' }))],
    options,
  );
  t.same({ created: idAgain.created, updated: idAgain.updated }, { created: 0, updated: 0 }, 'and found again by its id');

  const exported = line({ id: 'a_exported', headline: 'Edited after it was made', createdAt: '2024-03-01T10:00:00Z' });
  const withTimes = JSON.stringify({ ...JSON.parse(exported), updatedAt: '2024-03-02T11:30:00Z' });
  t.equal(importFiles(articles, [fileFromText('times.ndjson', withTimes)], options).created, 1);
  const read = (await app.inject({ url: '/v1/articles/a_exported' })).json();
  t.same([read.createdAt, read.updatedAt], ['2024-03-01T10:00:00Z', '2024-03-02T11:30:00Z'], 'an export reads back as it was');
});

t.test(
  'a "Read more" block to a later line: kept across batches on an update, dropped and reported when that line is not imported',
  async (t) => {
    const { app, articles } = await setUp(t);
    const line = (fields: Record<string, unknown>) => JSON.stringify(articleBody(fields));
    t.equal(
      importFiles(articles, [fileFromText('v1.ndjson', line({ id: 'a_first', headline: 'First version' }))], options).created,
      1,
    );
    // The update of a_first links to an article three lines later, in another batch.
    const v2 = [
      linkingLine({ id: 'a_first', headline: 'Second version' }, 'a_later'),
      line({ id: 'a_filler1', headline: 'Filler one' }),
      line({ id: 'a_filler2', headline: 'Filler two' }),
      line({ id: 'a_later', headline: 'The later one' }),
    ].join('\n');
    const updated = importFiles(articles, [fileFromText('v2.ndjson', v2)], { ...options, batchSize: 2 });
    t.same(
      { created: updated.created, updated: updated.updated, skipped: updated.skipped },
      { created: 3, updated: 1, skipped: [] },
    );
    const first = (await app.inject({ url: '/v1/articles/a_first' })).json();
    t.same(
      first.body
        .filter((block: { type: string }) => block.type === 'related')
        .map((block: { articleId: string }) => block.articleId),
      ['a_later'],
      'one run is enough',
    );

    // A block to a line that is then refused (its slug belongs to another article) points at nothing.
    const dangling = [
      linkingLine({ id: 'a_linker', headline: 'Linker' }, 'a_refused'),
      line({ id: 'a_refused', headline: 'Refused', slug: 'first-version' }),
    ].join('\n');
    const report = importFiles(articles, [fileFromText('dangling.ndjson', dangling)], options);
    t.equal(report.created, 1);
    t.match(report.skipped, [{ where: 'dangling.ndjson:2', reason: /slug "first-version" belongs to article a_first/ }]);
    t.same(report.unresolved, [
      { where: 'dangling.ndjson:1', reason: '"Read more" points at a_refused, which this import did not write' },
    ]);
    const linker = (await app.inject({ url: '/v1/articles/a_linker' })).json();
    t.same(
      linker.body.map((block: { type: string }) => block.type),
      ['paragraph'],
      'the block is taken out',
    );
    const revision = (id: string) => articles.storedById(id)?.revision;
    const before = revision('a_linker');
    const again = importFiles(articles, [fileFromText('dangling.ndjson', dangling)], options);
    t.same({ created: again.created, updated: again.updated }, { created: 0, updated: 0 }, 'imported again, nothing changes');
    t.equal(revision('a_linker'), before, 'not even a revision');
    t.same(again.unresolved, report.unresolved, 'and the block is reported again');

    // A block to a line whose article was deleted here: left out once, then nothing changes.
    const v3 = [
      linkingLine({ id: 'a_first', headline: 'Second version' }, 'a_later'),
      line({ id: 'a_later', headline: 'The later one' }),
    ].join('\n');
    articles.remove('a_later');
    const once = importFiles(articles, [fileFromText('v3.ndjson', v3)], options);
    t.same({ created: once.created, updated: once.updated }, { created: 0, updated: 1 });
    t.match(once.skipped, [{ where: 'v3.ndjson:2', reason: /deleted here/ }]);
    const firstRevision = revision('a_first');
    const twice = importFiles(articles, [fileFromText('v3.ndjson', v3)], options);
    t.same({ created: twice.created, updated: twice.updated }, { created: 0, updated: 0 }, 'the second time, nothing');
    t.equal(revision('a_first'), firstRevision);
  },
);

t.test('NDJSON lines known by themselves: one time written two ways is one article', async (t) => {
  const { articles } = await setUp(t);
  const line = (publishedAt: string) => JSON.stringify(articleBody({ headline: 'Tide tables', publishedAt }));
  const report = importFiles(
    articles,
    [fileFromText('times.ndjson', [line('2024-03-29T12:00:00Z'), line('2024-03-29T14:00:00+02:00')].join('\n'))],
    options,
  );
  t.equal(report.created, 1);
  t.same(report.skipped, [{ where: 'times.ndjson:2', reason: 'the same article as times.ndjson:1' }]);
});

t.test('an item whose block to a refused line was taken out keeps an editor’s changes when imported again', async (t) => {
  const { articles, app, auth } = await setUp(t);
  const line = (fields: Record<string, unknown>) => JSON.stringify(articleBody(fields));
  t.equal(
    importFiles(articles, [fileFromText('taken.ndjson', line({ id: 'a_owner', headline: 'Owner', slug: 'taken' }))], options)
      .created,
    1,
  );
  // Known by itself (no id, no slug), linking to a line whose slug is taken.
  const text = [
    linkingLine({ headline: 'Known by itself', publishedAt: '2024-03-29T12:00:00Z' }, 'a_refused'),
    line({ id: 'a_refused', headline: 'Refused', slug: 'taken' }),
  ].join('\n');
  const first = importFiles(articles, [fileFromText('self.ndjson', text)], options);
  t.equal(first.created, 1);
  const id = articles.storedBySlug('known-by-itself')?.id;
  await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: auth('editor'), payload: { headline: 'Edited here' } });
  const again = importFiles(articles, [fileFromText('self.ndjson', text)], options);
  t.same({ created: again.created, updated: again.updated }, { created: 0, updated: 0 });
  t.equal(articles.storedById(String(id))?.headline, 'Edited here', "the editor's headline stays");
});
