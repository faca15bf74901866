// The related-articles rules: the editorial list (set by editors, plus the targets of the
// article's "Read more" boxes) first, in the editor's order, then similar articles up to the
// limit; never the article itself, a duplicate, or an article the reader may not see.
import { boxTargetIds, changesVisibility, type DependsOn, showing } from '../articles/changes.js';
import type { ArticlePresenter } from '../articles/presenter.js';
import type { StoredArticle } from '../articles/rows.js';
import type { ArticleService, Viewer } from '../articles/service.js';
import type { Clock } from '../clock.js';
import { badRequest, type FieldError, gone, notFound } from '../http/problems.js';
import type { LinkEnds, RelatedRepository } from './repository.js';
import type { EditorialLinks, RelatedItem, RelatedList } from './schemas.js';
import type { SimilarArticles } from './similar.js';

export interface RelatedServiceOptions {
  articles: ArticleService;
  repository: RelatedRepository;
  similar: SimilarArticles;
  presenter: ArticlePresenter;
  clock: Clock;
  /** Told after every committed change of a list, so caches drop what they hold. */
  onChange: () => void;
}

function checkLinks(id: string, articleIds: string[], { source, targets }: LinkEnds): void {
  if (!source) throw notFound(`No article has the id "${id}".`);
  if (source.deleted) throw gone(`The article "${id}" has been deleted.`);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  articleIds.forEach((targetId, index) => {
    const path = `body.articleIds[${index}]`;
    if (targetId === id) errors.push({ path, message: 'an article cannot be related to itself' });
    else if (seen.has(targetId)) errors.push({ path, message: `"${targetId}" is already in the list` });
    else if (!targets.has(targetId)) errors.push({ path, message: `no article has the id "${targetId}"` });
    seen.add(targetId);
  });
  if (errors.length > 0) throw badRequest('The related list names an article that cannot be linked.', errors);
}

export function createRelatedService({ articles, repository, similar, presenter, clock, onChange }: RelatedServiceOptions) {
  /** Editorial targets the viewer may see: the set list first, then "Read more" boxes in body order. */
  function editorialTargets(article: StoredArticle, viewer: Viewer, now: number): StoredArticle[] {
    const visibleAt = viewer.seesUnpublished ? null : now;
    const listed = repository.editorialTargets(article.pk, visibleAt);
    const boxIds = boxTargetIds(article.body);
    const boxes = new Map(repository.articlesByIds(boxIds, visibleAt).map((target) => [target.id, target]));
    const seen = new Set([article.id]);
    const out: StoredArticle[] = [];
    for (const target of [...listed, ...boxIds.flatMap((id) => boxes.get(id) ?? [])]) {
      if (seen.has(target.id)) continue;
      seen.add(target.id);
      out.push(target);
    }
    return out;
  }

  return {
    /**
     * The body of GET /v1/articles/{idOrSlug}/related for `viewer`: 404 when the article does not
     * exist for them, 410 when deleted. The article page builds on this very function.
     *
     * With it, the article changes that touch it: one of the articles shown or the article
     * itself, or any article shown or hidden (it may be an editorial link not shown until now).
     * A new or retagged article that would now count as similar is not among them: similar
     * articles are suggestions, looked for again when the cached list expires (five minutes).
     */
    list(idOrSlug: string, viewer: Viewer, limit: number): { list: RelatedList; dependsOn: DependsOn } {
      const { stored } = articles.get(idOrSlug, viewer);
      const now = clock.now();
      const editorial = editorialTargets(stored, viewer, now).slice(0, limit);
      const exclude = new Set(editorial.map((target) => target.id));
      const similarTargets = similar.similarTo(stored, exclude, limit - editorial.length, now);
      const data: RelatedItem[] = [
        ...editorial.map((target) => ({ reason: 'editorial' as const, article: presenter.summary(target) })),
        ...similarTargets.map((target) => ({ reason: 'similar' as const, article: presenter.summary(target) })),
      ];
      const shows = showing([stored, ...editorial, ...similarTargets]);
      return { list: { data }, dependsOn: (change) => shows(change) || changesVisibility(change) };
    },

    /** Sets the editorial list of the article `id`; refuses self-links, unknown ids and duplicates. */
    setEditorial(id: string, { articleIds }: EditorialLinks): EditorialLinks {
      repository.replaceEditorialLinks(id, articleIds, (ends) => checkLinks(id, articleIds, ends));
      onChange();
      return { articleIds };
    },
  };
}

export type RelatedService = ReturnType<typeof createRelatedService>;
