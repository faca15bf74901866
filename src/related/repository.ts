// Every SQL statement on `related_links`, the editorial lists, and the look-ups that turn a list
// or a body's "Read more" ids into articles. Each read is one statement, however many links.
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { visibleAt } from '../articles/repository.js';
import { fromRow, type StoredArticle } from '../articles/rows.js';
import type { Db } from '../db/open.js';
import { articles, relatedLinks } from '../db/schema.js';
import { writeTransaction } from '../db/transactions.js';

/** What a new editorial list is checked against, read inside the write transaction. */
export interface LinkEnds {
  /** The article whose list is set; null when no article has the id. */
  source: { pk: number; deleted: boolean } | null;
  /** Of the requested target ids, those of undeleted articles, with their keys. */
  targets: Map<string, number>;
}

/** Any undeleted article (what editors see), or (`public`) only those public at the placeholder `now`. */
function visibility(shown: 'public' | 'undeleted'): SQL {
  return shown === 'undeleted' ? isNull(articles.deletedAt) : visibleAt(sql.placeholder('now'));
}

export function createRelatedRepository(db: Db) {
  const sourceById = db
    .select({ pk: articles.pk, deletedAt: articles.deletedAt })
    .from(articles)
    .where(eq(articles.id, sql.placeholder('id')))
    .prepare();

  // Prepared once, in a public and an editors' form: every related list computed reads them.
  const editorialTargets = (shown: 'public' | 'undeleted') =>
    db
      .select({ article: articles })
      .from(relatedLinks)
      .innerJoin(articles, eq(articles.pk, relatedLinks.targetPk))
      .where(and(eq(relatedLinks.articlePk, sql.placeholder('pk')), visibility(shown)))
      .orderBy(asc(relatedLinks.position))
      .prepare();
  const editorialTargetsOf = { public: editorialTargets('public'), undeleted: editorialTargets('undeleted') };
  // The ids travel as one JSON array, so one prepared statement serves any number of them.
  const articlesByIds = (shown: 'public' | 'undeleted') =>
    db
      .select()
      .from(articles)
      .where(and(sql`${articles.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`, visibility(shown)))
      .prepare();
  const articlesByIdsOf = { public: articlesByIds('public'), undeleted: articlesByIds('undeleted') };

  return {
    /**
     * Replaces the editorial list of the article `id` with `targetIds`, in that order, once
     * `check` accepts what the ids point at: one write transaction, so no target can be deleted
     * between the check and the write.
     */
    replaceEditorialLinks(id: string, targetIds: string[], check: (ends: LinkEnds) => void): void {
      writeTransaction(db, () => {
        const source = sourceById.get({ id });
        const rows =
          targetIds.length === 0
            ? []
            : db
                .select({ id: articles.id, pk: articles.pk })
                .from(articles)
                .where(and(inArray(articles.id, targetIds), isNull(articles.deletedAt)))
                .all();
        check({
          source: source ? { pk: source.pk, deleted: source.deletedAt !== null } : null,
          targets: new Map(rows.map((row) => [row.id, row.pk])),
        });
        if (!source) return;
        db.delete(relatedLinks).where(eq(relatedLinks.articlePk, source.pk)).run();
        const links = targetIds.flatMap((targetId, position) => {
          const targetPk = rows.find((row) => row.id === targetId)?.pk;
          return targetPk === undefined ? [] : [{ articlePk: source.pk, position, targetPk }];
        });
        if (links.length > 0) db.insert(relatedLinks).values(links).run();
      });
    },

    /** The targets of the article's editorial list that are visible at `now` (null: undeleted), in the editor's order. */
    editorialTargets(articlePk: number, now: number | null): StoredArticle[] {
      const rows =
        now === null
          ? editorialTargetsOf.undeleted.all({ pk: articlePk })
          : editorialTargetsOf.public.all({ pk: articlePk, now });
      return rows.map((row) => fromRow(row.article));
    },

    /** Articles by id that are visible at `now` (null: undeleted), in no particular order. */
    articlesByIds(ids: string[], now: number | null): StoredArticle[] {
      if (ids.length === 0) return [];
      const json = JSON.stringify(ids);
      const rows = now === null ? articlesByIdsOf.undeleted.all({ ids: json }) : articlesByIdsOf.public.all({ ids: json, now });
      return rows.map(fromRow);
    },
  };
}

export type RelatedRepository = ReturnType<typeof createRelatedRepository>;
