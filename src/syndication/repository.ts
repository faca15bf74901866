// Every SQL statement on `syndication_changes`, the partners' change log. Each article has one
// row, its latest change; recording a change moves the row to a new, higher sequence number.
import { and, asc, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { syndicationChanges } from '../db/schema.js';
import { writeTransaction } from '../db/transactions.js';

export interface ChangeRecord {
  articleId: string;
  /** For a scheduled article, when it comes due; null otherwise. */
  dueAt: number | null;
}

export interface LoggedChange {
  seq: number;
  articleId: string;
}

export function createSyndicationRepository(db: Db) {
  const forget = db
    .delete(syndicationChanges)
    .where(eq(syndicationChanges.articleId, sql.placeholder('articleId')))
    .prepare();
  const append = db
    .insert(syndicationChanges)
    .values({ articleId: sql.placeholder('articleId'), dueAt: sql.placeholder('dueAt') })
    .prepare();

  function moveToEnd(records: readonly ChangeRecord[]): void {
    for (const record of records) {
      forget.run({ articleId: record.articleId });
      append.run({ articleId: record.articleId, dueAt: record.dueAt });
    }
  }

  return {
    /** Records changes in order, in one transaction: each article's row moves to a new sequence number. */
    record(records: readonly ChangeRecord[]): void {
      if (records.length === 0) return;
      writeTransaction(db, () => moveToEnd(records));
    },

    /**
     * Announces scheduled articles that came due by `now` again, as a change of their own: no
     * write happened at that moment, yet partners must see the article appear. In one
     * transaction with what `alsoRecord` gives for them (the articles linking to them); returns
     * the ids announced.
     */
    recordDue(now: number, alsoRecord: (due: string[]) => readonly ChangeRecord[]): string[] {
      const dueAt = syndicationChanges.dueAt;
      const isDue = and(isNotNull(dueAt), lte(dueAt, now));
      // A cheap read first: most reads find nothing due and need no write lock.
      if (!db.select({ seq: syndicationChanges.seq }).from(syndicationChanges).where(isDue).limit(1).get()) return [];
      return writeTransaction(db, () => {
        const due = db
          .select({ articleId: syndicationChanges.articleId })
          .from(syndicationChanges)
          .where(isDue)
          .orderBy(asc(dueAt), asc(syndicationChanges.seq))
          .all();
        const ids = due.map(({ articleId }) => articleId);
        moveToEnd(ids.map((articleId) => ({ articleId, dueAt: null })));
        moveToEnd(alsoRecord(ids));
        return ids;
      });
    },

    /**
     * The highest sequence number ever given (AUTOINCREMENT keeps it in sqlite_sequence, also
     * when that change's row has moved on), 0 before the first.
     */
    highestSeqIssued(): number {
      return (
        db.get<{ seq: number } | undefined>(sql`SELECT seq FROM sqlite_sequence WHERE name = 'syndication_changes'`)?.seq ?? 0
      );
    },

    /** Up to `limit` changes with a sequence number above `after`, in order. */
    changesAfter(after: number, limit: number): LoggedChange[] {
      return db
        .select({ seq: syndicationChanges.seq, articleId: syndicationChanges.articleId })
        .from(syndicationChanges)
        .where(gt(syndicationChanges.seq, after))
        .orderBy(asc(syndicationChanges.seq))
        .limit(limit)
        .all();
    },
  };
}

export type SyndicationRepository = ReturnType<typeof createSyndicationRepository>;
