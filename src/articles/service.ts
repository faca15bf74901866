// The article rules: who sees what, slugs, "Read more" targets, optimistic concurrency.
// Routes call these functions; SQL stays in the repository.
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { type Clock, wholeSecond } from '../clock.js';
import { badRequest, conflict, type FieldError, gone, notFound, preconditionFailed } from '../http/problems.js';
import { type ArticleChange, boxTargetIds, isVisible } from './changes.js';
import type { ArticlePresenter } from './presenter.js';
import type { ArticleRepository, ListFilters, ListPosition } from './repository.js';
import type { NewArticle, StoredArticle } from './rows.js';
import type { Article, ArticleInput, ArticlePatch, ArticleSummary, BlockInput, Facet } from './schemas.js';
import { highlightToHtml, toFtsQuery } from './search-query.js';
import { firstFreeSlug, slugify } from './slug.js';

export interface Viewer {
  /** Editors and admins see drafts, scheduled articles and their "Read more" boxes. */
  seesUnpublished: boolean;
}

export interface ArticleServiceOptions {
  repository: ArticleRepository;
  presenter: ArticlePresenter;
  clock: Clock;
  /**
   * Told of every change inside the transaction that writes it, before it commits: what must be
   * written with the change or not at all (the partners' change log, which a partner that
   * missed a change would never see again). A throw rolls the change back.
   */
  record?: (changes: readonly ArticleChange[]) => void;
  /**
   * Told after every committed change with the articles it wrote, as they were and are now (a
   * deleted one with `deletedAt` set), so caches and rankings can drop what it touches.
   */
  onChange: (changes: readonly ArticleChange[]) => void;
}

/** Ids always hold an underscore and slugs never do, so one look-up tells them apart. */
export function newArticleId(): string {
  return `a_${randomBytes(9).toString('base64url')}`;
}

/** The prefix of the strong ETags of an article's answers: its revision and id, which If-Match compares. */
export function etagPrefixOf(article: StoredArticle): string {
  return `${article.revision}.${article.id}`;
}

/**
 * Whether an If-Match tag is one of the ETags of `article` at its current revision (of any of
 * its answers: public or an editor's, in any content coding). Another article's ETag at the
 * same revision is not.
 */
function namesRevision(tag: string, article: StoredArticle): boolean {
  // Compared from the known prefix: the hash may hold a `-` (base64url), so a pattern splitting
  // the tag at dashes read `-gzip` tags whose hash had one in a certain place as another id.
  const prefix = `"${etagPrefixOf(article)}-`;
  const trimmed = tag.trim();
  return trimmed.startsWith(prefix) && /^[A-Za-z0-9_-]{22}(?:-br|-gzip)?"$/.test(trimmed.slice(prefix.length));
}

/**
 * What a write requires of the article's current state: the If-Match header (absent or `*`:
 * anything), or the revision a writer read it at outside the write's transaction (the import).
 */
export type Precondition = string | { revision: number } | undefined;

/** Refuses with 412 unless the precondition names the article's current revision. */
function requireMatch(ifMatch: Precondition, article: StoredArticle): void {
  if (typeof ifMatch === 'object') {
    if (ifMatch.revision === article.revision) return;
    throw preconditionFailed('The article has changed since it was read; read it again and retry.');
  }
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  if (!ifMatch.split(',').some((tag) => namesRevision(tag, article))) {
    throw preconditionFailed('The article has changed since that ETag was issued; read it again and retry.');
  }
}

const publicViewer: Viewer = { seesUnpublished: false };

/**
 * Search passages kept, each a couple of hundred bytes: twenty for each of a few hundred
 * searches. A cached search looks for new matches every 10 s (articles/routes.ts), and its
 * page then shows mostly the same articles as before: their passages were more than half of
 * the work (FTS5's snippet reads and tokenizes each article's whole text, 4-5 ms a page of 20).
 */
const highlightsKept = 5_000;

export function createArticleService({ repository, presenter, clock, record, onChange }: ArticleServiceOptions) {
  // By query, article and revision: a passage depends on nothing else, so none is ever stale.
  const highlights = new LRUCache<string, string>({ max: highlightsKept });

  /** The search passage of each article for `match`, made only for those not kept. */
  function highlightsOf(match: string, found: readonly StoredArticle[]): string[] {
    const keys = found.map((article) => `${article.revision}:${article.pk}:${match}`);
    const kept = keys.map((key) => highlights.get(key));
    const made = repository.snippets(
      match,
      found.flatMap((article, index) => (kept[index] === undefined ? [article.pk] : [])),
    );
    return found.map((article, index) => {
      const known = kept[index];
      if (known !== undefined) return known;
      const highlight = made.get(article.pk);
      if (highlight === undefined) return '';
      highlights.set(keys[index] as string, highlight);
      return highlight;
    });
  }

  function checkRelatedBlocks(body: BlockInput[], selfId: string, alsoExisting: ReadonlySet<string> = new Set()): void {
    const stored = repository.existingIds(boxTargetIds(body).filter((id) => !alsoExisting.has(id)));
    const errors: FieldError[] = [];
    body.forEach((block, index) => {
      if (block.type !== 'related') return;
      if (block.articleId === selfId)
        errors.push({ path: `body.body[${index}].articleId`, message: 'an article cannot link to itself' });
      else if (!stored.has(block.articleId) && !alsoExisting.has(block.articleId))
        errors.push({ path: `body.body[${index}].articleId`, message: `no article has the id "${block.articleId}"` });
    });
    if (errors.length > 0) throw badRequest('A "Read more" block points at an article that cannot be linked.', errors);
  }

  function uniqueSlug(requested: string | undefined, headline: string, selfPk: number | null): string {
    if (requested !== undefined) {
      const holder = repository.findBySlug(requested);
      if (holder && holder.pk !== selfPk) throw conflict(`The slug "${requested}" is taken.`);
      return requested;
    }
    const base = slugify(headline);
    return firstFreeSlug(base, repository.slugsStartingWith(base));
  }

  function fromInput(input: ArticleInput, id: string, now: number, createdAt: number, updatedAt = createdAt): NewArticle {
    return {
      id,
      slug: uniqueSlug(input.slug, input.headline, null),
      headline: input.headline,
      standfirst: input.standfirst,
      section: input.section,
      tags: [...new Set(input.tags)],
      source: input.source,
      byline: input.byline ?? null,
      language: input.language,
      status: input.status,
      publishedAt: input.publishedAt
        ? wholeSecond(Date.parse(input.publishedAt))
        : input.status === 'published'
          ? wholeSecond(now)
          : null,
      createdAt,
      updatedAt,
      leadImage: input.leadImage ?? null,
      body: input.body,
      syndicationAllowed: input.syndication.allowed,
      hideFromPopular: input.hideFromPopular,
    };
  }

  /** 404 for an article that never existed, 410 for a deleted one. */
  function requireLive(current: StoredArticle | null, key: string): StoredArticle {
    if (!current) throw notFound(`No article has the id or slug "${key}".`);
    if (current.deletedAt !== null) throw gone(`The article "${key}" has been deleted.`);
    return current;
  }

  function applyPatch(current: StoredArticle, patch: ArticlePatch, now: number): NewArticle {
    const status = patch.status ?? current.status;
    let publishedAt =
      patch.publishedAt === undefined
        ? current.publishedAt
        : patch.publishedAt === null
          ? null
          : wholeSecond(Date.parse(patch.publishedAt));
    if (status === 'published' && publishedAt === null) publishedAt = wholeSecond(now);
    return {
      ...current,
      slug: patch.slug !== undefined && patch.slug !== current.slug ? uniqueSlug(patch.slug, '', current.pk) : current.slug,
      headline: patch.headline ?? current.headline,
      standfirst: patch.standfirst ?? current.standfirst,
      section: patch.section ?? current.section,
      tags: patch.tags ? [...new Set(patch.tags)] : current.tags,
      source: patch.source ?? current.source,
      byline: patch.byline === undefined ? current.byline : patch.byline,
      language: patch.language ?? current.language,
      status,
      publishedAt,
      updatedAt: now,
      leadImage: patch.leadImage === undefined ? current.leadImage : patch.leadImage,
      body: patch.body ?? current.body,
      syndicationAllowed: patch.syndication?.allowed ?? current.syndicationAllowed,
      hideFromPopular: patch.hideFromPopular ?? current.hideFromPopular,
    };
  }

  /**
   * Runs `write` and records the changes it made in its transaction (`record`), then, once
   * committed, tells `onChange`.
   */
  function commit<T>(write: () => T, changesOf: (written: T) => ArticleChange[]): T {
    let changes: ArticleChange[] = [];
    const written = repository.transaction(() => {
      const result = write();
      changes = changesOf(result);
      record?.(changes);
      return result;
    });
    onChange(changes);
    return written;
  }

  function render(article: StoredArticle, viewer: Viewer): Article {
    const ids = boxTargetIds(article.body);
    const targets = repository.findTargets(ids, viewer.seesUnpublished ? null : clock.now());
    return presenter.full(article, new Map(targets.map((target) => [target.id, target])));
  }

  return {
    /** The article as `viewer` may see it; 404 when it does not exist for them, 410 when deleted. */
    get(key: string, viewer: Viewer): { stored: StoredArticle; article: Article } {
      const stored = requireLive(repository.findByIdOrSlug(key), key);
      if (!viewer.seesUnpublished && !isVisible(stored, clock.now())) throw notFound(`No article has the id or slug "${key}".`);
      return { stored, article: render(stored, viewer) };
    },

    /**
     * The article that had the slug `key` before an editor renamed it, when no article has it now
     * and `viewer` may see that one (null otherwise); 410 when it has been deleted.
     */
    renamedFrom(key: string, viewer: Viewer): StoredArticle | null {
      // Ids hold an underscore and slugs never do: an id is never a former slug.
      // An article that has the slug now wins, seen or not (a 404 for its page's unknown city stays one).
      if (key.includes('_') || repository.findBySlug(key) !== null) return null;
      const stored = repository.findByFormerSlug(key);
      if (stored === null) return null;
      requireLive(stored, key);
      return viewer.seesUnpublished || isVisible(stored, clock.now()) ? stored : null;
    },

    create(input: ArticleInput, viewer: Viewer, id: string = newArticleId()): { stored: StoredArticle; article: Article } {
      const now = clock.now();
      const [stored] = commit(
        () =>
          repository.insertChecked([
            () => {
              checkRelatedBlocks(input.body, id);
              return fromInput(input, id, now, now);
            },
          ]),
        (written) => written.map((after) => ({ before: null, after, at: now })),
      );
      if (!stored) throw new Error('insert returned nothing');
      return { stored, article: render(stored, viewer) };
    },

    /**
     * Creates many articles in one transaction; "Read more" blocks may point at articles of the
     * same batch, whatever their order, or at `knownIds` (a bulk import's ids, this batch's
     * included, so later batches may be linked to).
     * Used to seed demo content and by bulk imports.
     */
    createMany(
      items: Array<{ id: string; input: ArticleInput; createdAt?: number; updatedAt?: number }>,
      knownIds?: ReadonlySet<string>,
    ): StoredArticle[] {
      const now = clock.now();
      const batchIds = knownIds ?? new Set(items.map((item) => item.id));
      return commit(
        () =>
          repository.insertMany(
            items.map(({ id, input, createdAt = now, updatedAt }) => () => {
              checkRelatedBlocks(input.body, id, batchIds);
              // An export's updatedAt is kept (never before the creation), so a copy reads as the original.
              return fromInput(input, id, now, createdAt, Math.max(createdAt, updatedAt ?? createdAt));
            }),
          ),
        (written) => written.map((after) => ({ before: null, after, at: now })),
      );
    },

    /** Applies a partial update; `ifMatch` (the If-Match header, or the revision the writer read) must name the current revision. */
    patch(id: string, patch: ArticlePatch, ifMatch: Precondition, viewer: Viewer) {
      const now = clock.now();
      let before: StoredArticle | null = null;
      const stored = commit(
        () =>
          repository.updateChecked(id, (current) => {
            const live = requireLive(current, id);
            before = live;
            requireMatch(ifMatch, live);
            if (patch.body) checkRelatedBlocks(patch.body, live.id);
            return applyPatch(live, patch, now);
          }),
        (after) => [{ before, after, at: now }],
      );
      return { stored, article: render(stored, viewer) };
    },

    /** Deletes an article; `ifMatch` (the If-Match header) must name the current revision. */
    remove(id: string, ifMatch?: string): void {
      const now = clock.now();
      let before: StoredArticle | null = null;
      commit(
        () =>
          repository.deleteChecked(
            id,
            (current) => {
              const live = requireLive(current, id);
              requireMatch(ifMatch, live);
              before = live;
              return live;
            },
            now,
          ),
        (after) => [{ before, after, at: now }],
      );
    },

    /** One page of a listing; with `q`, by relevance with highlights, else newest first. */
    list(filters: ListFilters, limit: number, page: { q?: string; position?: ListPosition; offset?: number }) {
      const now = clock.now();
      if (page.q !== undefined) {
        const match = toFtsQuery(page.q);
        const offset = page.offset ?? 0;
        const rows = repository.searchPage(match, filters, now, limit + 1, offset);
        const stored = rows.slice(0, limit);
        const passages = highlightsOf(match, stored);
        const items: ArticleSummary[] = stored.map((article, index) => ({
          ...presenter.summary(article),
          highlight: highlightToHtml(passages[index] ?? ''),
        }));
        return { items, stored, next: rows.length > limit ? { offset: offset + limit } : null };
      }
      const rows = repository.listPage(filters, now, limit + 1, page.position);
      const pageRows = rows.slice(0, limit);
      const last = pageRows.at(-1);
      const next =
        rows.length > limit && last
          ? { at: (filters.status === 'draft' ? last.updatedAt : last.publishedAt) ?? 0, pk: last.pk }
          : null;
      return { items: pageRows.map(presenter.summary), stored: pageRows, next };
    },

    /** The given articles as the public reads them now; invisible and unknown ids are absent. */
    publicVersions(ids: string[]): Map<string, Article> {
      const visible = repository.findTargets(ids, clock.now());
      return new Map(visible.map((stored) => [stored.id, render(stored, publicViewer)]));
    },

    /** The newest visible articles matching `filters`, in full as the public reads them. */
    listPublicFull(filters: Omit<ListFilters, 'status'>, limit: number): { stored: StoredArticle[]; articles: Article[] } {
      const stored = repository.listPage({ ...filters, status: 'published' }, clock.now(), limit);
      return { stored, articles: stored.map((article) => render(article, publicViewer)) };
    },

    /** The article with this id, deleted or not, as stored; for imports. */
    storedById(id: string): StoredArticle | null {
      return repository.findById(id);
    },

    storedBySlug(slug: string): StoredArticle | null {
      return repository.findBySlug(slug);
    },

    /** Of the given ids, those of articles that exist and are not deleted. */
    existingIds(ids: string[]): Set<string> {
      return repository.existingIds(ids);
    },

    /** The article an import wrote from the item with this identity, and the item's digest then; for imports. */
    importedAs(key: string): { article: StoredArticle; digest: string } | null {
      return repository.importedAs(key);
    },

    /** Notes which article each imported item is, and what it held; for imports. */
    recordImports(entries: Array<{ key: string; articleId: string; digest: string }>): void {
      repository.recordImports(entries);
    },

    /** The slugs each article (by pk) had before a rename and still redirects from, sorted; for exports and imports. */
    formerSlugsOf(pks: number[]): Map<number, string[]> {
      return repository.formerSlugsOf(pks);
    },

    /** Notes slugs articles had before (an import of an export); the line's word wins. */
    keepFormerSlugs(entries: Array<{ articleId: string; slugs: string[] }>): void {
      repository.keepFormerSlugs(entries);
    },

    /** Articles, deleted or not, with this headline whose slug, now or before, is `slug` or `slug-N`; for imports. */
    withHeadlineUnder(slug: string, headline: string): StoredArticle[] {
      return repository.withHeadlineUnder(slug, headline);
    },

    /** Ids of undeleted articles by exact headline (the newest when several share one). */
    idsByHeadline(headlines: string[]): Map<string, string> {
      return repository.idsByHeadline(headlines);
    },

    /** Runs `work` on one read snapshot of the articles (an export's pages agree with one another). */
    snapshot<T>(work: () => T): T {
      return repository.snapshot(work);
    },

    /** Undeleted articles, drafts included, in creation order after `afterPk`; for exports. */
    storedPage(afterPk: number, limit: number): StoredArticle[] {
      return repository.undeletedAfter(afterPk, limit);
    },

    /** A page of sections or tags, most articles first; `next` is where the next page starts, or null. */
    facets(facet: 'section' | 'tag', limit: number, after?: Facet): { items: Facet[]; next: Facet | null } {
      const rows = repository.countVisibleBy(facet, clock.now(), limit + 1, after);
      const items = rows.slice(0, limit);
      return { items, next: rows.length > limit ? (items.at(-1) ?? null) : null };
    },
  };
}

export type ArticleService = ReturnType<typeof createArticleService>;
