// The views journal on its own: segments rotate and go once written, a crash's leftovers are
// replayed once (also when the crash fell between the commit and the deletion), and a torn last
// record is left out rather than failing the start.
import { appendFileSync, closeSync, existsSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { defaultConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { decodeSegment, encodeRecord, FileViewJournal, replayViewJournal } from '../../src/popularity/journal.js';
import { createViewRepository, type ViewCount } from '../../src/popularity/repository.js';
import { buildTestApp, demoNow, TestClock, tempDir } from '../helpers/app.js';
import { browser } from './helpers.js';

// An hour the demo views (at the test clock's now) leave empty.
const hour = Date.parse('2024-03-28T08:00:00Z');

async function setUp(t: Test) {
  // The app's own journal is off, so the recorded segment number is this test's alone.
  const { database } = await buildTestApp(t, { demo: true, config: { VIEWS_JOURNAL: false } });
  const repository = createViewRepository(database.db);
  const dir = tempDir(t);
  const path = join(dir, 'content.db-views.journal');
  const stored = (): number =>
    (
      database.sqlite.prepare('SELECT coalesce(sum(views), 0) AS n FROM view_counts WHERE bucket_start = ?').get(hour) as {
        n: number;
      }
    ).n;
  const files = () => readdirSync(dir).sort();
  return { repository, path, stored, files };
}

t.test('records round-trip; a torn or damaged record ends the segment', async (t) => {
  const into = new Map<string, ViewCount>();
  const text =
    encodeRecord(
      hour,
      new Map([
        [1, 2],
        [3, 1],
      ]),
    ) + encodeRecord(hour, new Map([[1, 5]]));
  t.equal(decodeSegment(text, into), 0);
  t.same(
    [...into.values()],
    [
      { articlePk: 1, bucketStart: hour, views: 7 },
      { articlePk: 3, bucketStart: hour, views: 1 },
    ],
  );
  const torn = new Map<string, ViewCount>();
  t.equal(decodeSegment(`${text}${hour} 9:`, torn), `${hour} 9:`.length, 'the torn tail is counted, not read');
  t.equal(torn.get(`1@${hour}`)?.views, 7);
  t.equal(decodeSegment(`${hour} x:1\n${text}`, new Map()), `${hour} x:1\n${text}`.length, 'nothing after damage is trusted');
});

t.test('a flush rotates the segment, records its number and deletes it', async (t) => {
  const { repository, path, stored, files } = await setUp(t);
  const journal = new FileViewJournal(path);
  replayViewJournal(journal, repository);
  journal.append(hour, new Map([[1, 3]]));
  t.same(files(), ['content.db-views.journal.1']);
  const segment = journal.rotate();
  t.equal(segment, 1);
  journal.append(hour, new Map([[2, 1]]));
  t.same(files(), ['content.db-views.journal.1', 'content.db-views.journal.2'], 'new views go to a new segment');
  repository.addViewCounts([{ articlePk: 1, bucketStart: hour, views: 3 }], segment);
  journal.discardThrough(segment);
  t.same(files(), ['content.db-views.journal.2']);
  t.equal(repository.flushedJournalSegment(), 1);
  t.equal(stored(), 3);
  journal.close();
});

t.test('after a crash, the segments not recorded are replayed once, a torn last record ignored', async (t) => {
  const { repository, path, stored, files } = await setUp(t);
  const first = new FileViewJournal(path);
  replayViewJournal(first, repository);
  first.append(hour, new Map([[1, 2]]));
  first.rotate();
  first.append(hour, new Map([[2, 4]]));
  first.close(); // the process dies: nothing flushed
  appendFileSync(`${path}.2`, `${hour} 1:10`); // a record cut short by the crash

  const replays: Array<{ views: number; ignoredBytes: number }> = [];
  const second = new FileViewJournal(path);
  replayViewJournal(second, repository, (replay) => replays.push(replay));
  t.equal(stored(), 6, 'both segments, without the torn record');
  t.same(replays, [{ views: 6, ignoredBytes: `${hour} 1:10`.length }]);
  t.same(files(), [], 'replayed segments are deleted');
  t.equal(repository.flushedJournalSegment(), 2);

  second.append(hour, new Map([[1, 1]]));
  t.same(files(), ['content.db-views.journal.3'], 'numbering goes on above the replayed segments');
  second.close();
  replayViewJournal(new FileViewJournal(path), repository);
  t.equal(stored(), 7);
});

t.test('a crash between the commit and the deletion does not count a segment twice', async (t) => {
  const { repository, path, stored, files } = await setUp(t);
  const first = new FileViewJournal(path);
  replayViewJournal(first, repository);
  first.append(hour, new Map([[1, 5]]));
  const segment = first.rotate();
  repository.addViewCounts([{ articlePk: 1, bucketStart: hour, views: 5 }], segment);
  first.close(); // dies before discardThrough
  t.ok(existsSync(`${path}.1`));

  const second = new FileViewJournal(path);
  replayViewJournal(second, repository);
  t.equal(stored(), 5, 'counted once');
  t.same(files(), [], 'the written segment is deleted');
  second.append(hour, new Map([[1, 1]]));
  t.same(files(), ['content.db-views.journal.2'], 'a new segment never reuses a recorded number');
  second.close();
});

t.test('replay drops views of articles no longer stored rather than failing the start', async (t) => {
  const { repository, path, stored } = await setUp(t);
  const first = new FileViewJournal(path);
  replayViewJournal(first, repository);
  first.append(
    hour,
    new Map([
      [1, 1],
      [999_999, 3],
    ]),
  );
  first.close();
  replayViewJournal(new FileViewJournal(path), repository);
  t.equal(stored(), 1);
});

t.test('after a failed append, later records go to a new segment', async (t) => {
  const { repository, path, stored, files } = await setUp(t);
  const journal = new FileViewJournal(path);
  replayViewJournal(journal, repository);
  journal.append(hour, new Map([[1, 1]]));
  appendFileSync(`${path}.1`, `${hour} 2:`); // what a write cut short by a full disk leaves
  // The next write fails: its file descriptor is closed under it.
  const { fd } = journal as unknown as { fd: number };
  closeSync(fd);
  t.throws(() => journal.append(hour, new Map([[1, 1]])), { code: 'EBADF' });
  journal.append(hour, new Map([[1, 2]]));
  t.same(files(), ['content.db-views.journal.1', 'content.db-views.journal.2']);
  journal.close();
  replayViewJournal(new FileViewJournal(path), repository);
  t.equal(stored(), 3, 'the records before the damage and those after it');
});

t.test('a journal that cannot be written refuses the views with a 503, counts none, and the retry counts', async (t) => {
  // No timed flush in between: it would close the segment and open the next one.
  const { app, dbPath } = await buildTestApp(t, { demo: true, config: { VIEWS_FLUSH_INTERVAL_MS: 60_000 } });
  const [first, second] = (await app.inject({ url: '/v1/articles?limit=2' })).json().data as Array<{ slug: string }>;
  const post = (events: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/v1/views',
      headers: { 'content-type': 'application/json', ...browser },
      payload: { events },
    });
  const accepted = async () =>
    Number(/^views_ingested_total\{outcome="accepted"\} (\d+)/m.exec((await app.inject({ url: '/metrics' })).body)?.[1]);
  t.same((await post([{ article: first?.slug }])).json(), { accepted: 1, rejected: 0 }, 'the journal is open');

  // A failing disk, as the process sees it: the segment's file descriptor stops working.
  const segment = `${dbPath}-views.journal.`;
  const descriptors = readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`).startsWith(segment);
    } catch {
      return false;
    }
  });
  t.equal(descriptors.length, 1, 'one open segment');
  closeSync(Number(descriptors[0]));

  const before = await accepted();
  const events = [
    { article: first?.slug, visitorId: 'reader-1' },
    { article: second?.slug, visitorId: 'reader-1' },
  ];
  const refused = await post(events);
  t.equal(refused.statusCode, 503);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(refused.headers['retry-after'], '1');
  t.match(refused.json(), {
    type: 'urn:content-api:problem:unavailable',
    status: 503,
    detail: 'The views could not be recorded (their journal could not be written); none was counted.',
  });
  t.equal(await accepted(), before, 'none counted');

  // The next append opens a new segment; the same views are not taken for repeats.
  const retried = await post(events);
  t.equal(retried.statusCode, 202);
  t.same(retried.json(), { accepted: 2, rejected: 0 });
  t.equal(await accepted(), before + 2);
  t.same((await post(events)).json(), { accepted: 0, rejected: 2 }, 'now they are repeats');
});

t.test('the journal lives beside the database file’s real path, whatever path names the file', async (t) => {
  // Else a start through a symbolic link and one without would each miss the other's segments,
  // and number theirs past the unreplayed ones, which a later start would then discard.
  const dir = tempDir(t);
  const real = join(dir, 'content.db');
  openDatabase(real).close();
  symlinkSync(real, join(dir, 'alias.db'));
  const app = await buildApp({
    config: defaultConfig({ DATABASE_PATH: join(dir, 'alias.db'), VIEWS_FLUSH_INTERVAL_MS: 60_000, OTHER_WRITERS_CHECK_MS: 0 }),
    clock: new TestClock(demoNow),
  });
  t.teardown(() => app.close());
  const [article] = (await app.inject({ url: '/v1/articles?limit=1' })).json().data as Array<{ slug: string }>;
  const sent = await app.inject({ method: 'POST', url: '/v1/views', headers: browser, payload: { article: article?.slug } });
  t.same(sent.json(), { accepted: 1, rejected: 0 });
  const journals = readdirSync(dir).filter((name) => name.includes('-views.journal.'));
  t.ok(journals.length > 0 && journals.every((name) => name.startsWith('content.db-views.journal.')), journals.join(', '));
});
