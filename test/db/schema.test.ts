// The migrated schema, read back from SQLite: what every table must have, whatever migration
// added it.
import { join } from 'node:path';
import t from 'tap';
import { createArticleRepository } from '../../src/articles/repository.js';
import { openDatabase } from '../../src/db/open.js';
import { tempDir } from '../helpers/app.js';
import { queryPlan, statementsPrepared } from '../helpers/statements.js';

t.test('every foreign key has an index that begins with its column', async (t) => {
  // Without one, each delete or edit that reaches the child table by that column reads all of
  // it: a body's edit deleted its "Read more" links by scanning every article's.
  // Articles are never deleted from the table (a deletion sets `deleted_at`), so the cascade
  // never runs; the daily views are read by day, and one more index would be written on every
  // flush for nothing.
  const exempt = new Set(['view_counts_daily.article_pk']);
  const database = openDatabase(join(tempDir(t), 'content.db'));
  t.teardown(() => database.close());
  const sqlite = database.sqlite;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  let keys = 0;
  for (const table of tables) {
    const leading = new Set(
      (sqlite.pragma(`index_list('${table}')`) as Array<{ name: string }>).map(
        (index) => (sqlite.pragma(`index_info('${index.name}')`) as Array<{ name: string }>)[0]?.name,
      ),
    );
    const primary = (sqlite.pragma(`table_info('${table}')`) as Array<{ name: string; pk: number }>).find(
      (column) => column.pk === 1,
    );
    if (primary) leading.add(primary.name);
    for (const key of sqlite.pragma(`foreign_key_list('${table}')`) as Array<{ from: string; seq: number }>) {
      if (key.seq !== 0 || exempt.has(`${table}.${key.from}`)) continue;
      keys += 1;
      t.ok(leading.has(key.from), `${table}.${key.from}`);
    }
  }
  t.ok(keys >= 8, `${keys} foreign keys checked`);
});

t.test('an import’s look-up of "Read more" links by headline reads an index, not every article', async (t) => {
  const database = openDatabase(join(tempDir(t), 'content.db'));
  t.teardown(() => database.close());
  const repository = createArticleRepository(database.db);
  const statements = await statementsPrepared(database.sqlite, () => repository.idsByHeadline(['Storm ends', 'Rates rise']));
  t.equal(statements.length, 1);
  for (const source of statements) {
    const plan = queryPlan(database.sqlite, source, 'Storm ends').join('\n');
    t.match(plan, /COVERING INDEX articles_live_by_headline/, plan);
    t.notMatch(plan, /^SCAN articles\b/m);
  }
});
