// The SQL a piece of code runs, for tests that check how it reaches the tables: which
// statements it prepares, and the query plan SQLite chooses for each.
import type Database from 'better-sqlite3';

/** The SQL `work` prepares on `sqlite`, in order (statements prepared before it are not seen). */
export async function statementsPrepared(sqlite: Database.Database, work: () => unknown): Promise<string[]> {
  const statements: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    statements.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare;
  try {
    await work();
  } finally {
    sqlite.prepare = prepare;
  }
  return statements;
}

/** SQLite's query plan of `source`, one line a step, each `?` bound to `value`. */
export function queryPlan(sqlite: Database.Database, source: string, value: unknown): string[] {
  const parameters = (source.match(/\?/g) ?? []).map(() => value);
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as Array<{ detail: string }>).map(
    (row) => row.detail,
  );
}
