// Crash safety, end to end: the compiled server takes concurrent editor writes and views and is
// killed with SIGKILL at a random moment, several times, restarting on the same file each time.
// Every acknowledged write and view must be there afterwards, and SQLite's and the search
// index's integrity checks must pass. Restart times are printed, not asserted.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { createKey } from '../../src/auth/keys.js';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';
import { editorLoop, emptyLedger, observationLoop, seededRandom, viewLoop, type Workload } from '../helpers/crash-workload.js';
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

  let { server, ms } = await timedStart(env);
  t.teardown(() => server.stop('SIGKILL'));
  t.comment(`first start (demo content): ${ms} ms`);
  const listed = (await (await fetch(`${server.baseUrl}/v1/articles?limit=20`)).json()) as {
    data: Array<{ id: string; slug: string }>;
  };
  const targets = listed.data.map(({ id, slug }) => ({ id, slug }));
  const baseViews = totalViews(path);

  for (let cycle = 0; cycle < cycles; cycle += 1) {
    const work: Workload = { baseUrl: server.baseUrl, editorKey, targets, random, ledger, cycle };
    const loops = [
      ...Array.from({ length: 4 }, (_, worker) => editorLoop(work, worker)),
      observationLoop(work),
      ...Array.from({ length: 4 }, () => viewLoop(work)),
    ];
    const killAfter = 150 + Math.floor(random() * 600);
    await new Promise((resolve) => setTimeout(resolve, killAfter));
    await server.stop('SIGKILL');
    await Promise.all(loops);
    ({ server, ms } = await timedStart(env));
    restarts.push(ms);
    t.comment(`cycle ${cycle}: killed after ${killAfter} ms, restarted in ${ms} ms`);
  }
  t.equal(await server.stop('SIGTERM'), 0, 'the last restart closes gracefully');
  t.comment(`restart (spawn → listening) ms: ${restarts.join(', ')}; max ${Math.max(...restarts)}`);

  t.same(ledger.unexpected, [], 'no answer other than success (or a refusal under load)');
  t.ok(ledger.articles.length > cycles, `${ledger.articles.length} articles created`);
  t.ok(ledger.viewsAcknowledged > 0, `${ledger.viewsAcknowledged} views acknowledged`);

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
  t.ok(ledger.observations.length > 0, `${ledger.observations.length} observations acknowledged`);

  const counted = totalViews(path) - baseViews;
  t.ok(counted >= ledger.viewsAcknowledged, `${counted} views counted, ${ledger.viewsAcknowledged} acknowledged`);
  t.ok(
    counted <= ledger.viewsAcknowledged + ledger.viewsUnanswered,
    `no view counted twice (${ledger.viewsUnanswered} unanswered)`,
  );

  t.equal(db.pragma('integrity_check', { simple: true }), 'ok', 'PRAGMA integrity_check');
  const writer = new Database(path);
  t.teardown(() => writer.close());
  t.doesNotThrow(() => writer.exec(`INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')`), 'FTS5 integrity-check');
});
