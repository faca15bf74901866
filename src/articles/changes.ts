// What a committed article write changed, and which cached answers it touches. Every create,
// edit and delete is told as an `ArticleChange`; a cached answer that says what it depends on
// (a `DependsOn`) is dropped only when a change touches it, one that does not by every change.
// A predicate here may drop an answer that did not change; it must never keep one that did.
import type { ListFilters, ListPosition } from './repository.js';
import type { StoredArticle } from './rows.js';
import type { BlockInput } from './schemas.js';

export interface ArticleChange {
  /** The article before the write; null when it was created. */
  before: StoredArticle | null;
  /** The article after it (a deleted one with `deletedAt` set). */
  after: StoredArticle;
  /** When the write committed (ms). */
  at: number;
}

/** Whether a change touches a cached answer. */
export type DependsOn = (change: ArticleChange) => boolean;

/** Visible to the public at `now`: the one rule, for articles and for the facts rankings keep of them. */
export function isVisible(article: Pick<StoredArticle, 'deletedAt' | 'status' | 'publishedAt'>, now: number): boolean {
  return (
    article.deletedAt === null && article.status === 'published' && article.publishedAt !== null && article.publishedAt <= now
  );
}

/** The ids of the articles the "Read more" boxes of `body` point at. */
export function boxTargetIds(body: readonly BlockInput[]): string[] {
  return body.flatMap((block) => (block.type === 'related' ? [block.articleId] : []));
}

/** Both sides of a change that exist: the article as it was and as it is. */
function states({ before, after }: ArticleChange): StoredArticle[] {
  return before === null ? [after] : [before, after];
}

/** A change that shows or hides an existing article (a publication, an unpublication, a delete). */
export function changesVisibility({ before, after, at }: ArticleChange): boolean {
  return before !== null && isVisible(before, at) !== isVisible(after, at);
}

/**
 * An answer that shows these articles, with the "Read more" boxes of their bodies (a box
 * shows its target's headline). One asked for by slug needs no more: another article can take
 * that slug only after the one shown gave it up, and a missing article's 404 is never cached.
 */
export function showing(articles: readonly StoredArticle[]): DependsOn {
  const ids = new Set(articles.flatMap((article) => [article.id, ...boxTargetIds(article.body)]));
  return (change) => ids.has(change.after.id);
}

function matches(filters: ListFilters, article: StoredArticle): boolean {
  return (
    (filters.section === undefined || article.section === filters.section) &&
    (filters.tag === undefined || article.tags.includes(filters.tag)) &&
    (filters.source === undefined || article.source.name === filters.source) &&
    (filters.from === undefined || (article.publishedAt ?? 0) >= filters.from) &&
    (filters.to === undefined || (article.publishedAt ?? 0) <= filters.to) &&
    (!filters.syndicable || article.syndicationAllowed)
  );
}

/** `(publishedAt, pk)` of `article` is below `position` in the newest-first order. */
function below(article: StoredArticle, position: ListPosition): boolean {
  const at = article.publishedAt ?? 0;
  return at < position.at || (at === position.at && article.pk < position.pk);
}

/**
 * A page of a public newest-first listing: the articles after `from` (the cursor), down to its
 * last row when the listing goes on (`full`). It changes when an article it shows changes, or
 * when a visible article matching `filters` enters or leaves that span, before or after the
 * write; a page further on starts at its own cursor and is not touched by what lands above it.
 */
export function listPage(
  filters: ListFilters,
  shown: readonly StoredArticle[],
  span: { from?: ListPosition; full: boolean },
): DependsOn {
  // Editors' listings (drafts by update time, scheduled) are never shared; nothing to narrow.
  if (filters.status !== 'published') return () => true;
  const shows = showing(shown);
  const last = shown.at(-1);
  const to = span.full && last ? { at: last.publishedAt ?? 0, pk: last.pk } : undefined;
  const within = (article: StoredArticle) =>
    (span.from === undefined || below(article, span.from)) && (to === undefined || !below(article, to));
  return (change) =>
    shows(change) || states(change).some((state) => isVisible(state, change.at) && matches(filters, state) && within(state));
}

/**
 * Counts of visible articles by section or tag: touched when what the article adds to them
 * differs before and after (it became visible or hidden, or moved while visible).
 */
export function facetCounts(facet: 'section' | 'tag'): DependsOn {
  const counted = (article: StoredArticle | null, at: number): string =>
    article !== null && isVisible(article, at) ? JSON.stringify(facet === 'section' ? article.section : article.tags) : '';
  return ({ before, after, at }) => counted(before, at) !== counted(after, at);
}

/** For answers no article change touches (a dateline). */
export const noArticle: DependsOn = () => false;

/** Either of two dependencies (an answer made of parts depends on each part). */
export function eitherOf(dependencies: ReadonlyArray<DependsOn | undefined>): DependsOn | undefined {
  if (dependencies.some((dependsOn) => dependsOn === undefined)) return undefined;
  const all = dependencies.filter((dependsOn): dependsOn is DependsOn => dependsOn !== undefined);
  return (change) => all.some((dependsOn) => dependsOn(change));
}
