// The partners' change feed: records every article write (told by the article service) and
// answers "what changed after sequence number N" with each article's current state for partners.
import type { StoredArticle } from '../articles/rows.js';
import type { ArticleService } from '../articles/service.js';
import type { Clock } from '../clock.js';
import type { SyndicationRepository } from './repository.js';
import type { Change } from './schemas.js';

export interface ChangeFeedOptions {
  repository: SyndicationRepository;
  articles: Pick<ArticleService, 'publicVersions'>;
  clock: Clock;
}

/**
 * Records written articles, as the article service's change listener (which is why it does not
 * need the service); a scheduled one is remembered so it is announced again when it comes due.
 */
export function recordArticleWrites(repository: SyndicationRepository, clock: Clock) {
  return (changed: readonly StoredArticle[]): void => {
    const now = clock.now();
    repository.record(
      changed.map((article) => ({
        articleId: article.id,
        dueAt:
          article.deletedAt === null &&
          article.status === 'published' &&
          article.publishedAt !== null &&
          article.publishedAt > now
            ? article.publishedAt
            : null,
      })),
    );
  };
}

export function createChangeFeed({ repository, articles, clock }: ChangeFeedOptions) {
  return {
    /**
     * Changes after `after`, oldest first. Each is an upsert with the article as the public reads
     * it when the partner may republish it now, else a delete: a partner never holds an article
     * that is unpublished, deleted, scheduled for later or withdrawn from syndication.
     */
    changesAfter(after: number, limit: number): { data: Change[]; next: number } {
      repository.recordDue(clock.now());
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
