import t from 'tap';
import { articleInputSchema } from '../../src/articles/schemas.js';
import type { ArticleService } from '../../src/articles/service.js';
import { defaultConfig } from '../../src/config.js';
import { withArticleService } from '../../src/syndication/transfer/context.js';
import { articleBody, buildTestApp, demoNow, type TestApp } from '../helpers/app.js';

interface Change {
  seq: number;
  op: 'upsert' | 'delete';
  id?: string;
  article?: { id: string; headline: string; status: string; syndication: { allowed: boolean } };
}

async function readAll(app: TestApp['app'], headers: Record<string, string>, after = 0, limit = 500) {
  const changes: Change[] = [];
  let next = after;
  for (;;) {
    const res = await app.inject({ url: `/v1/syndication/changes?after=${next}&limit=${limit}`, headers });
    if (res.statusCode !== 200) throw new Error(res.body);
    const page = res.json() as { data: Change[]; next: number };
    changes.push(...page.data);
    if (page.data.length === 0) return { changes, next: page.next };
    next = page.next;
  }
}

const idOf = (change: Change) => change.article?.id ?? change.id;

t.test('the change feed needs a partner key', async (t) => {
  const { app, auth } = await buildTestApp(t);
  const url = '/v1/syndication/changes';
  const anonymous = await app.inject({ url });
  t.equal(anonymous.statusCode, 401);
  t.match(anonymous.headers['content-type'], /application\/problem\+json/);
  t.equal((await app.inject({ url, headers: auth('editor') })).statusCode, 403);
  t.equal((await app.inject({ url, headers: auth('partner') })).statusCode, 200);
  const admin = await app.inject({ url, headers: auth('admin') });
  t.equal(admin.statusCode, 200);
  t.equal(admin.headers['cache-control'], 'private, no-store');
  for (const query of ['after=-1', 'after=x', 'limit=0', 'limit=501', 'other=1']) {
    const res = await app.inject({ url: `${url}?${query}`, headers: auth('partner') });
    t.equal(res.statusCode, 400, query);
  }
});

t.test('demo content: visible syndicable articles are upserts, the rest deletes, once each', async (t) => {
  const { app, auth, clock } = await buildTestApp(t);
  const { changes, next } = await readAll(app, auth('partner'), 0, 7);
  const seqs = changes.map((change) => change.seq);
  t.same(
    seqs,
    [...seqs].sort((a, b) => a - b),
    'in order',
  );
  t.equal(new Set(seqs).size, seqs.length, 'strictly increasing');
  t.equal(new Set(changes.map(idOf)).size, 37, 'each of the 37 demo articles once');
  const upserts = changes.filter((change) => change.op === 'upsert').map(idOf);
  const deletes = changes.filter((change) => change.op === 'delete').map(idOf);
  t.ok(deletes.includes('demo_035'), 'the scheduled article is not held yet');
  t.ok(deletes.includes('demo_036') && deletes.includes('demo_037'), 'drafts are not held');
  const publicList = await app.inject({ url: '/v1/articles?limit=100' });
  const visible = (publicList.json().data as Array<{ id: string }>).map((article) => article.id);
  const syndicable: string[] = [];
  for (const id of visible) {
    if ((await app.inject({ url: `/v1/articles/${id}` })).json().syndication.allowed) syndicable.push(id);
  }
  t.same(upserts.sort(), syndicable.sort(), 'upserts are exactly the visible, syndicable articles');

  // Nothing new: the same `next` back, no data.
  const quiet = await app.inject({ url: `/v1/syndication/changes?after=${next}`, headers: auth('partner') });
  t.same(quiet.json(), { data: [], next });

  // The scheduled article comes due without any write, and shows up after `next`.
  const scheduled = await app.inject({ url: '/v1/articles/demo_035', headers: auth('editor') });
  clock.current = Date.parse(scheduled.json().publishedAt) + 1000;
  const due = await readAll(app, auth('partner'), next);
  t.same(
    due.changes.map((change) => [change.op, idOf(change)]),
    [
      ['upsert', 'demo_035'],
      ['upsert', 'demo_004'],
    ],
    'then demo_004, whose "Read more" box for it appears now',
  );
  const linker = due.changes[1]?.article as unknown as { body: Array<{ type: string; articleId?: string }> };
  t.ok(linker.body.some((block) => block.type === 'related' && block.articleId === 'demo_035'));
  t.ok((due.changes[0]?.seq ?? 0) > next);
  t.same((await readAll(app, auth('partner'), due.next)).changes, [], 'announced once');
});

t.test('an article coming due is announced with its linkers or not at all', async (t) => {
  const { app, auth, clock, database } = await buildTestApp(t);
  const { next } = await readAll(app, auth('partner'));
  const scheduled = await app.inject({ url: '/v1/articles/demo_035', headers: auth('editor') });
  clock.current = Date.parse(scheduled.json().publishedAt) + 1000;
  // The log refuses the linker's row (as a full disk would), after taking the due one's.
  database.sqlite.exec(
    "CREATE TRIGGER refuse_linker BEFORE INSERT ON syndication_changes WHEN new.article_id = 'demo_004' BEGIN SELECT RAISE(ABORT, 'no room'); END",
  );
  const failed = await app.inject({ url: `/v1/syndication/changes?after=${next}`, headers: auth('partner') });
  t.equal(failed.statusCode, 500);
  database.sqlite.exec('DROP TRIGGER refuse_linker');
  t.same(
    (await readAll(app, auth('partner'), next)).changes.map((change) => [change.op, idOf(change)]),
    [
      ['upsert', 'demo_035'],
      ['upsert', 'demo_004'],
    ],
    'both, once the log can be written',
  );
});

t.test('every write moves the article to the end, in its latest state only', async (t) => {
  const { app, auth, clock } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: editor, payload: articleBody() });
  const id = created.json().id as string;
  const first = await readAll(app, auth('partner'));
  t.same(
    first.changes.map((change) => [change.op, idOf(change)]),
    [['upsert', id]],
    'a create',
  );

  const edits: Array<[string, Record<string, unknown>, 'upsert' | 'delete']> = [
    ['edit', { headline: 'A second headline' }, 'upsert'],
    ['withdraw syndication', { syndication: { allowed: false } }, 'delete'],
    ['allow syndication again', { syndication: { allowed: true } }, 'upsert'],
    ['unpublish', { status: 'draft' }, 'delete'],
    ['publish', { status: 'published' }, 'upsert'],
    ['schedule for later', { publishedAt: new Date(clock.now() + 3_600_000).toISOString() }, 'delete'],
  ];
  let after = first.next;
  for (const [what, patch, op] of edits) {
    clock.advance(1000);
    const res = await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload: patch });
    t.equal(res.statusCode, 200, what);
    const page = await readAll(app, auth('partner'), after);
    t.same(
      page.changes.map((change) => [change.op, idOf(change)]),
      [[op, id]],
      what,
    );
    if (op === 'upsert') t.same(page.changes[0]?.article, (await app.inject({ url: `/v1/articles/${id}` })).json(), 'latest');
    after = page.next;
  }
  clock.advance(3_600_000);
  const due = await readAll(app, auth('partner'), after);
  t.same(
    due.changes.map((change) => [change.op, idOf(change)]),
    [['upsert', id]],
    'comes due',
  );

  // Several edits between two reads: one change, the latest state.
  for (const headline of ['Third', 'Fourth', 'Fifth and last']) {
    await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload: { headline } });
  }
  const squashed = await readAll(app, auth('partner'), due.next);
  t.equal(squashed.changes.length, 1);
  t.equal(squashed.changes[0]?.article?.headline, 'Fifth and last');
  t.same((await readAll(app, auth('partner'))).changes.length, 1, 'from the start: still one change for the article');

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: editor })).statusCode, 204);
  const deleted = await readAll(app, auth('partner'), squashed.next);
  t.same(
    deleted.changes.map((change) => [change.op, idOf(change)]),
    [['delete', id]],
  );
});

t.test('a write whose change cannot be logged is not made: partners never miss it', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { demo: false });
  const editor = auth('editor');
  const created = await app.inject({ method: 'POST', url: '/v1/articles', headers: editor, payload: articleBody() });
  const id = created.json().id as string;
  const before = await readAll(app, auth('partner'));

  // The change log refuses every row (as a full disk or a lost lock would fail the write).
  database.sqlite.exec(
    "CREATE TRIGGER refuse_changes BEFORE INSERT ON syndication_changes BEGIN SELECT RAISE(ABORT, 'no room'); END",
  );
  const attempts = [
    [
      'create',
      await app.inject({
        method: 'POST',
        url: '/v1/articles',
        headers: editor,
        payload: articleBody({ headline: 'Never made' }),
      }),
    ],
    [
      'update',
      await app.inject({ method: 'PATCH', url: `/v1/articles/${id}`, headers: editor, payload: { headline: 'Never changed' } }),
    ],
    ['delete', await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: editor })],
  ] as const;
  for (const [what, res] of attempts) {
    t.equal(res.statusCode, 500, `${what}: the editor is told it failed`);
    t.match(res.headers['content-type'], /application\/problem\+json/, `${what}: problem+json`);
  }
  const article = await app.inject({ url: `/v1/articles/${id}` });
  t.equal(article.statusCode, 200, 'the article is not deleted');
  t.equal(article.json().headline, created.json().headline, 'nor changed');
  t.equal((await app.inject({ url: '/v1/articles?q=never' })).json().data.length, 0, 'nor created');
  t.same((await readAll(app, auth('partner'), before.next)).changes, [], 'and partners have nothing to miss');

  database.sqlite.exec('DROP TRIGGER refuse_changes');
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/articles/${id}`, headers: editor })).statusCode, 204);
  t.same(
    (await readAll(app, auth('partner'), before.next)).changes.map((change) => [change.op, idOf(change)]),
    [['delete', id]],
    'once the log can be written, the delete is made and logged',
  );
});

t.test('a position past the end of the log (a restore from an earlier copy) is a 409 saying to read again from 0', async (t) => {
  const { app, auth, database } = await buildTestApp(t);
  const partner = auth('partner');
  const { next } = await readAll(app, partner);
  const at = (after: number) => app.inject({ url: `/v1/syndication/changes?after=${after}`, headers: partner });
  t.equal((await at(next)).statusCode, 200, 'at the end: nothing new');
  const beyond = await at(next + 1);
  t.equal(beyond.statusCode, 409);
  t.match(beyond.headers['content-type'], /application\/problem\+json/);
  t.match(beyond.json().detail, `The change log ends at ${next}, before ${next + 1}`);
  t.match(beyond.json().detail, /after=0/);

  // A backup taken three changes ago, restored: the log and its counter as they were then.
  database.sqlite.exec(`DELETE FROM syndication_changes WHERE seq > ${next - 3}`);
  database.sqlite.exec(`UPDATE sqlite_sequence SET seq = ${next - 3} WHERE name = 'syndication_changes'`);
  t.equal((await at(next)).statusCode, 409, 'a partner that read the lost changes is told');
  t.equal((await at(next - 3)).statusCode, 200, 'one that had not, reads on');
  t.equal((await at(0)).statusCode, 200, 'and from 0 anyone can');
});

t.test('an import run linking to an article of a later batch announces the linking one again then', async (t) => {
  const { app, auth, dbPath } = await buildTestApp(t, { demo: false });
  const partner = auth('partner');
  const input = (headline: string, related?: string) =>
    articleInputSchema.parse(
      articleBody({
        headline,
        publishedAt: new Date(demoNow - 3_600_000).toISOString(),
        body: [
          { type: 'paragraph', text: `${headline}.` },
          ...(related === undefined ? [] : [{ type: 'related', articleId: related }]),
        ],
      }),
    );
  const run = new Set(['a_linking', 'a_target']);
  const write = (items: Parameters<ArticleService['createMany']>[0]) =>
    withArticleService(defaultConfig({ DATABASE_PATH: dbPath }), (articles) => articles.createMany(items, run));

  write([{ id: 'a_linking', input: input('The linking article', 'a_target') }]);
  const first = await readAll(app, partner);
  t.same(first.changes.map(idOf), ['a_linking']);
  t.notMatch(JSON.stringify(first.changes[0]?.article), 'The target article', 'no box yet: its target does not exist');

  write([{ id: 'a_target', input: input('The target article') }]);
  const second = await readAll(app, partner, first.next);
  t.same(second.changes.map(idOf).sort(), ['a_linking', 'a_target'], 'the target, and the article linking to it again');
  const linking = second.changes.find((change) => idOf(change) === 'a_linking');
  t.match(JSON.stringify(linking?.article), 'The target article', 'now with its "Read more" box');
});
