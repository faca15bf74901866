// Crash safety, end to end: the compiled server takes concurrent editor writes and views and is
// killed with SIGKILL at a random moment, several times, restarting on the same file each time.
// Every acknowledged write and view must be there afterwards, and SQLite's and the search
// index's integrity checks must pass. Each cycle must have had work acknowledged and cut off
// by its kill, and its views are checked after its own restart. Restart times are printed, not
// asserted.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { createKey } from '../../src/auth/keys.js';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';
import {
  editorLoop,
  emptyLedger,
  emptyTally,
  killing,
  observationLoop,
  seededRandom,
  viewLoop,
  type Workload,
} from '../helpers/crash-workload.js';
import { type RunningServer, startServer } from '../helpers/processes.js';

const cycles = 4;
const seed = Number(process.env.CRASH_SEED ?? 20261129);

async function timedStart(env: Record<string, string>): Promise<{ server: RunningServer; ms: number }> {
  const started = performance.now();
  const server = await startServer(env);
  return { server, ms: Math.round(performance.now() - started) };
}

function totalViews(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT coalesce(sum(views), 0) AS n FROM view_counts').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

t.test('acknowledged writes and views survive SIGKILL at random moments', async (t) => {
  const path = join(tempDir(t), 'content.db');
  const setup = openDatabase(path);
  const editorKey = createKey(setup.db, { name: 'crash test', role: 'editor' }).secret;
  setup.close();
  const env = {
    DATABASE_PATH: path,
    // Flushes fall inside the traffic, so some kills land mid-flush or between flushes.
    VIEWS_FLUSH_INTERVAL_MS: '100',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_VIEWS_PER_MINUTE: '1000000',
  };
  const random = seededRandom(seed);
  t.comment(`seed ${seed} (CRASH_SEED replays a run)`);
  const ledger = emptyLedger();
  const restarts: number[] = [];
  let cutOff = 0;

  let { server, ms } = await timedStart(env);
  t.teardown(() => server.stop('SIGKILL'));
  t.comment(`first start (demo content): ${ms} ms`);
  const listed = (await (await fetch(`${server.baseUrl}/v1/articles?limit=20`)).json()) as {
    data: Array<{ id: string; slug: string }>;
  };
  const targets = listed.data.map(({ id, slug }) => ({ id, slug }));
  // Views counted so far: the demo content's, then each restart's (which replays the journal
  // of the server before it ahead of listening).
  let viewsBefore = totalViews(path);

  for (let cycle = 0; cycle < cycles; cycle += 1) {
    const tally = emptyTally();
    const work: Workload = { baseUrl: server.baseUrl, editorKey, targets, random, ledger, tally, cycle };
    const loops = [
      ...Array.from({ length: 4 }, (_, worker) => editorLoop(work, worker)),
      observationLoop(work),
      ...Array.from({ length: 4 }, () => viewLoop(work)),
    ];
    const killAfter = 150 + Math.floor(random() * 600);
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    // Not before the cycle has something of each kind to lose (a bound, not a timing: on a
    // machine too busy for that, the kill goes ahead and the checks below fail).
    const progressed = () => tally.created > 0 && tally.observations > 0 && tally.viewBatches > 0;
    for (let waits = 0; waits < 1000 && !progressed(); waits += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const stopped = server.stop('SIGKILL');
    killing(tally);
    await stopped;
    await Promise.all(loops);
    ({ server, ms } = await timedStart(env));
    restarts.push(ms);
    t.comment(`cycle ${cycle}: killed after ${killAfter} ms, restarted in ${ms} ms; ${JSON.stringify(tally)}`);

    t.ok(tally.created > 0, `cycle ${cycle}: ${tally.created} articles created`);
    t.ok(tally.observations > 0, `cycle ${cycle}: ${tally.observations} observations acknowledged`);
    t.ok(tally.viewBatches > 0, `cycle ${cycle}: ${tally.viewBatches} view batches acknowledged`);
    t.ok(tally.inFlightAtKill > 0, `cycle ${cycle}: ${tally.inFlightAtKill} requests unanswered at the kill`);
    // Within the cycle: another cycle's views cannot make up for views this one lost, nor
    // hide one it counted twice.
    const viewsNow = totalViews(path);
    const counted = viewsNow - viewsBefore;
    t.ok(counted >= tally.viewsAcknowledged, `cycle ${cycle}: ${counted} views counted, ${tally.viewsAcknowledged} acknowledged`);
    t.ok(
      counted <= tally.viewsAcknowledged + tally.viewsUnanswered,
      `cycle ${cycle}: no view counted twice (${tally.viewsUnanswered} unanswered)`,
    );
    viewsBefore = viewsNow;
    cutOff += tally.cutOff;
  }
  // Per cycle the kill may land when every answer has been sent and not yet read; over the run,
  // it must have broken requests the server had not answered, the case the ledger's pending
  // changes are for.
  t.ok(cutOff > 0, `${cutOff} requests cut off by a kill`);
  t.equal(await server.stop('SIGTERM'), 0, 'the last restart closes gracefully');
  t.comment(`restart (spawn → listening) ms: ${restarts.join(', ')}; max ${Math.max(...restarts)}`);
  t.equal(totalViews(path), viewsBefore, 'the graceful close counted no view more or less');

  t.same(ledger.unexpected, [], 'no answer other than success (or a refusal under load)');

  const db = new Database(path, { readonly: true });
  t.teardown(() => db.close());
  const row = db.prepare('SELECT headline, deleted_at AS deletedAt FROM articles WHERE id = ?');
  const related = db.prepare(
    'SELECT t.id FROM related_links r JOIN articles a ON a.pk = r.article_pk JOIN articles t ON t.pk = r.target_pk WHERE a.id = ? ORDER BY r.position',
  );
  const lost: string[] = [];
  for (const article of ledger.articles) {
    const stored = row.get(article.id) as { headline: string; deletedAt: number | null } | undefined;
    if (!stored) {
      lost.push(`${article.id}: created, missing`);
      continue;
    }
    if (article.deleted === 'acknowledged' && stored.deletedAt === null) lost.push(`${article.id}: deleted, still there`);
    if (article.deleted === 'no' && stored.deletedAt !== null) lost.push(`${article.id}: deleted, never asked`);
    if (stored.headline !== article.headline && stored.headline !== article.pendingHeadline) {
      lost.push(`${article.id}: headline ${stored.headline}, acknowledged ${article.headline}`);
    }
    if (article.related && article.deleted === 'no') {
      const ids = (related.all(article.id) as Array<{ id: string }>).map(({ id }) => id);
      const expected = [JSON.stringify(article.related), JSON.stringify(article.pendingRelated)];
      if (!expected.includes(JSON.stringify(ids)))
        lost.push(`${article.id}: related ${ids.join()}, acknowledged ${article.related.join()}`);
    }
  }
  const observed = new Set(
    (db.prepare('SELECT observed_at AS at FROM weather_observations').all() as Array<{ at: number }>).map(({ at }) => at),
  );
  for (const at of ledger.observations) if (!observed.has(at)) lost.push(`observation at ${new Date(at).toISOString()} missing`);
  t.same(lost, [], 'every acknowledged write is stored as acknowledged (or as a later change in flight)');

  t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'PRAGMA integrity_check');
  const writer = new Database(path);
  t.teardown(() => writer.close());
  t.doesNotThrow(() => writer.exec(`INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')`), 'FTS5 integrity-check');
});
