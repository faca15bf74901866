// Turns stored articles into what the API returns: public URLs, UTC timestamps, and "Read more"
// boxes filled with their target (or left out when the reader may not see the target).
import { formatTimestamp } from '../clock.js';
import type { StoredArticle } from './rows.js';
import type { Article, ArticleSummary, Block, RelatedTarget } from './schemas.js';

export function createArticlePresenter(publicBaseUrl: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const urlOf = (slug: string) => `${base}/articles/${slug}`;

  function relatedTarget(target: StoredArticle): RelatedTarget {
    const out: RelatedTarget = { id: target.id, slug: target.slug, url: urlOf(target.slug), headline: target.headline };
    if (target.leadImage) out.leadImage = target.leadImage;
    return out;
  }

  function summary(article: StoredArticle): ArticleSummary {
    const out: ArticleSummary = {
      id: article.id,
      slug: article.slug,
      url: urlOf(article.slug),
      headline: article.headline,
      standfirst: article.standfirst,
      section: article.section,
      tags: article.tags,
      source: article.source,
      publishedAt: article.publishedAt === null ? null : formatTimestamp(article.publishedAt),
      updatedAt: formatTimestamp(article.updatedAt),
    };
    if (article.leadImage) out.leadImage = article.leadImage;
    return out;
  }

  return {
    urlOf,
    relatedTarget,
    summary,

    /** The full article; `targets` holds the related-block targets this reader may see. */
    full(article: StoredArticle, targets: Map<string, StoredArticle>): Article {
      const body: Block[] = [];
      for (const block of article.body) {
        if (block.type !== 'related') {
          body.push(block);
          continue;
        }
        const target = targets.get(block.articleId);
        if (target) body.push({ ...block, article: relatedTarget(target) });
      }
      const out: Article = {
        ...summary(article),
        language: article.language,
        status: article.status,
        createdAt: formatTimestamp(article.createdAt),
        body,
        syndication: { allowed: article.syndicationAllowed },
        hideFromPopular: article.hideFromPopular,
      };
      if (article.byline !== null) out.byline = article.byline;
      return out;
    },
  };
}

export type ArticlePresenter = ReturnType<typeof createArticlePresenter>;
