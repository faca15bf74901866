import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import type { CheckpointReport } from '../../src/db/checkpoint-worker.js';
import { fallbackAutocheckpointPages, startBackgroundCheckpoints } from '../../src/db/checkpoints.js';
import { articleBody, buildTestApp, tempDir } from '../helpers/app.js';

const checkpointedPages = async (app: Awaited<ReturnType<typeof buildTestApp>>['app']): Promise<number | null> => {
  const metrics = (await app.inject({ url: '/metrics' })).body;
  const match = /^sqlite_wal_checkpointed_pages_total (\d+)/m.exec(metrics);
  return match ? Number(match[1]) : null;
};

t.test('a worker thread checkpoints the WAL, and the requests’ connection only past a far larger one', async (t) => {
  const { app, auth, database } = await buildTestApp(t, { config: { WAL_CHECKPOINT_INTERVAL_MS: 20 } });
  t.equal(database.sqlite.pragma('wal_autocheckpoint', { simple: true }), fallbackAutocheckpointPages);
  for (let index = 0; index < 20; index += 1) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/articles',
      headers: auth('editor'),
      payload: articleBody({ headline: `Checkpointed article ${index}`, status: 'published' }),
    });
    t.equal(res.statusCode, 201);
  }
  let pages = 0;
  for (let waited = 0; waited < 100 && pages === 0; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    pages = (await checkpointedPages(app)) ?? 0;
  }
  t.ok(pages > 0, `the worker copied ${pages} pages into the database file`);
  const [wal] = database.sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number; checkpointed: number }>;
  t.equal(wal?.checkpointed, wal?.log, 'nothing committed was left behind in the WAL');
  t.equal(database.sqlite.pragma('integrity_check', { simple: true }), 'ok');
  await app.close();
  t.notOk(database.sqlite.open, 'the app closed, the worker first, then the database');
});

t.test('WAL_CHECKPOINT_INTERVAL_MS=0 leaves checkpoints to SQLite', async (t) => {
  const { app, database } = await buildTestApp(t, { config: { WAL_CHECKPOINT_INTERVAL_MS: 0 } });
  t.equal(database.sqlite.pragma('wal_autocheckpoint', { simple: true }), 1000);
  t.equal(await checkpointedPages(app), null, 'no background checkpoints');
});

t.test('a checkpoint that cannot run is reported as -1 pages, not as a failure (the app counts only pages copied)', async (t) => {
  const sqlite = new Database(join(tempDir(t), 'rollback.db'));
  t.teardown(() => sqlite.close());
  // A file with a rollback journal: SQLite answers a checkpoint with -1 pages.
  sqlite.pragma('journal_mode = DELETE');
  sqlite.exec('CREATE TABLE t (x)');
  const reports: CheckpointReport[] = [];
  const checkpoints = startBackgroundCheckpoints(sqlite, 10, (report) => reports.push(report));
  // The worker loads its modules first (through the tests' TypeScript loader, a second or more).
  for (let waited = 0; waited < 200 && reports.length === 0; waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  await checkpoints.stop();
  t.ok(reports.length > 0, 'the worker reported');
  t.same(reports[0], { checkpointed: -1 });
});

t.test('while a reader holds a snapshot, the worker syncs the WAL the checkpoint cannot copy', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'pinned.db');
  new Database(path).close();
  // Named through a symbolic link, as DATABASE_PATH may be: the WAL is beside the real file.
  symlinkSync(path, join(dir, 'alias.db'));
  const writer = new Database(join(dir, 'alias.db'));
  t.teardown(() => writer.close());
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = NORMAL');
  writer.exec('CREATE TABLE t (x)');
  // An export's snapshot: a read transaction kept open.
  const reader = new Database(path);
  t.teardown(() => reader.close());
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM t').get();
  for (let index = 0; index < 20; index += 1) writer.prepare('INSERT INTO t VALUES (?)').run(index);
  const reports: CheckpointReport[] = [];
  const checkpoints = startBackgroundCheckpoints(writer, 10, (report) => reports.push(report));
  const waitFor = async (found: () => boolean) => {
    for (let waited = 0; waited < 200 && !found(); waited += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  await waitFor(() => reports.some((report) => report.walSynced));
  t.ok(
    reports.some((report) => report.walSynced),
    'synced while the commits could not be copied',
  );
  t.same(
    reports.filter((report) => report.error !== undefined),
    [],
    'no failure: the WAL was found beside the real file',
  );
  reader.exec('COMMIT');
  const before = reports.length;
  await waitFor(() => reports.slice(before).some((report) => report.checkpointed > 0 && !report.walSynced));
  await checkpoints.stop();
  t.ok(
    reports.slice(before).some((report) => report.checkpointed > 0 && !report.walSynced),
    'once the snapshot is gone, the checkpoint copies them (SQLite syncs the WAL itself)',
  );
});
