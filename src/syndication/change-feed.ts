// The partners' change feed: records every article write (told by the article service) and
// answers "what changed after sequence number N" with each article's current state for partners.
import type { ArticleChange } from '../articles/changes.js';
import type { StoredArticle } from '../articles/rows.js';
import type { ArticleService } from '../articles/service.js';
import type { Clock } from '../clock.js';
import { conflict } from '../http/problems.js';
import type { SyndicationRepository } from './repository.js';
import type { Change } from './schemas.js';

export interface ChangeFeedOptions {
  repository: SyndicationRepository;
  articles: Pick<ArticleService, 'publicVersions'>;
  clock: Clock;
  linkersOf: LinkersOf;
}

/** The articles whose "Read more" boxes point at any of `ids` (their rendering shows the target). */
export type LinkersOf = (ids: string[]) => StoredArticle[];

function dueAtOf(article: StoredArticle, now: number): number | null {
  const scheduled =
    article.deletedAt === null && article.status === 'published' && article.publishedAt !== null && article.publishedAt > now;
  return scheduled ? article.publishedAt : null;
}

/**
 * Records written articles, as the article service's change listener (which is why it does not
 * need the service); a scheduled one is remembered so it is announced again when it comes due.
 * The articles linking to a written one are announced again too: their "Read more" box shows
 * its headline and image, or disappears when it is no longer public. A new article has linkers
 * when a bulk import wrote them in an earlier batch (links may point at ids of the same run): a
 * partner that read them in between holds them without that box.
 */
export function recordArticleWrites(repository: SyndicationRepository, clock: Clock, linkersOf: LinkersOf) {
  return (changes: readonly ArticleChange[]): void => {
    const now = clock.now();
    const changed = changes.map((change) => change.after);
    const ids = new Set(changed.map((article) => article.id));
    const linkers = linkersOf([...ids]).filter((article) => !ids.has(article.id));
    repository.record([...changed, ...linkers].map((article) => ({ articleId: article.id, dueAt: dueAtOf(article, now) })));
  };
}

export function createChangeFeed({ repository, articles, clock, linkersOf }: ChangeFeedOptions) {
  return {
    /**
     * Changes after `after`, oldest first. Each is an upsert with the article as the public reads
     * it when the partner may republish it now, else a delete: a partner never holds an article
     * that is unpublished, deleted, scheduled for later or withdrawn from syndication.
     */
    changesAfter(after: number, limit: number): { data: Change[]; next: number } {
      const now = clock.now();
      // With the articles linking to them, in the same transaction: were those recorded apart
      // and failed, the due ones would be announced and their linkers' new boxes never.
      repository.recordDue(now, (due) =>
        linkersOf(due).map((article) => ({ articleId: article.id, dueAt: dueAtOf(article, now) })),
      );
      const end = repository.highestSeqIssued();
      if (after > end) {
        // Only a log older than the partner's position, restored from a backup, ends before it:
        // what the partner holds may no longer be true, and new changes would reuse numbers it
        // has passed. Said while it can be: once new writes pass that position it cannot be told.
        throw conflict(
          `The change log ends at ${end}, before ${after}: it was restored from an earlier copy. Read it again from after=0 (every article once, as it is now) and drop what it does not list.`,
        );
      }
      const logged = repository.changesAfter(after, limit);
      const versions = articles.publicVersions(logged.map((change) => change.articleId));
      const data = logged.map(({ seq, articleId }): Change => {
        const article = versions.get(articleId);
        return article?.syndication.allowed ? { seq, op: 'upsert', article } : { seq, op: 'delete', id: articleId };
      });
      return { data, next: logged.at(-1)?.seq ?? after };
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
