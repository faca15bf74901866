// Imports NDJSON lines and clippings through the article service: plans every item first (who
// it is, whether it changed, what its "Read more" boxes point at), then creates new articles in
// batched transactions and updates changed ones. Importing the same files again changes nothing.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { boxTargetIds } from '../../articles/changes.js';
import type { StoredArticle } from '../../articles/rows.js';
import type { ArticlePatch, BlockInput } from '../../articles/schemas.js';
import { type ArticleService, newArticleId } from '../../articles/service.js';
import { slugify, slugifyBefore20261207 } from '../../articles/slug.js';
import { ProblemError } from '../../http/problems.js';
import { exportLineOf, type ImportLine, lineOver } from './records.js';
import {
  clippingItem,
  type Finding,
  type ImportFile,
  type Item,
  isNdjson,
  ndjsonItems,
  scanNdjson,
  UnreadableFile,
} from './sources.js';

export { type Finding, fileFromText, fileOnDisk, type ImportFile } from './sources.js';

export interface ImportOptions {
  /** Time zone of the clippings' publication times. */
  timeZone: string;
  /** Section given to clippings, which name none. */
  section: string;
  batchSize?: number;
  /** Told how many items of `total` are done, after each batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface ImportReport {
  created: number;
  updated: number;
  /** Items that were not written: unchanged, or refused (with why). */
  skipped: Finding[];
  /** Lines and files that could not be read at all. */
  rejected: Finding[];
  /** "Read more" boxes whose target was found neither in this run nor in the database. */
  unresolved: Finding[];
}

interface Planned {
  item: Item;
  id: string;
  /** The stored article the item updates, or null for a new one. */
  current: StoredArticle | null;
  /** For an item known by what it says of itself (a clipping): its identity, and its digest when last imported. */
  imported?: { key: string; digest: string | null };
}

/** Who an item is: the id an export wrote, else its slug (given, or derived from the headline). */
function identityOf(line: ImportLine): { id?: string; slug: string; derived: boolean } {
  return { id: line.id, slug: line.slug ?? slugify(line.headline), derived: line.id === undefined && line.slug === undefined };
}

/** What an item holds, its boxes resolved: the same digest as when last imported means nothing to do. */
function digestOf(item: Item): string {
  // Not the slug: the import gives it, and an editor may change it without the item changing.
  const { slug: _slug, ...held } = item.line;
  return createHash('sha256')
    .update(JSON.stringify([held, [...item.readMore]]))
    .digest('base64url');
}

/** The first of `slug`, `slug-2`, … that no article has, stored or of this run (as POST numbers a taken slug). */
function freeSlug(run: Run, slug: string): string {
  for (const candidate of numbered(slug)) {
    if (!run.slugs.has(candidate) && run.articles.storedBySlug(candidate) === null) return candidate;
  }
  throw new Error(`more than ${slugTries} articles have the headline's slug "${slug}"`);
}

/** Candidate slugs of a derived one, as the API numbers a taken slug: `s`, `s-2`, `s-3`, … */
const slugTries = 1000;
function* numbered(slug: string): Generator<string> {
  yield slug;
  for (let n = 2; n <= slugTries; n += 1) yield `${slug}-${n}`;
}

function timeOf(publishedAt: string | null | undefined): number | null {
  return publishedAt === null || publishedAt === undefined ? null : Date.parse(publishedAt);
}

/**
 * An item known by its headline alone (a clipping): a headline's slug is not an article's
 * identity (a recurring "Morning briefing"). The stored article under that slug, or under `-2`,
 * `-3`, … is this item only when its headline, source and publication time (when the item has
 * one) are the item's; else the item is a new article under the first of those slugs that is
 * free, in the database and in this run.
 */
function byHeadline(run: Run, line: ImportLine, slug: string): { slug: string; current: StoredArticle | null } {
  // Written before slugs were transliterated (and before 0012 noted identities): under the slug
  // of that rule (Straße's "stra-e", a Russian headline's "article", "article-2", …), now or
  // before an editor renamed it. One query, however long that series is.
  const before = slugifyBefore20261207(line.headline);
  if (before !== slug) {
    const earlier = run.articles
      .withHeadlineUnder(before, line.headline)
      .find((stored) => !run.slugs.has(stored.slug) && isItem(stored, line));
    if (earlier !== undefined) return { slug: earlier.slug, current: earlier };
  }
  for (const candidate of numbered(slug)) {
    if (run.slugs.has(candidate)) continue;
    const stored = run.articles.storedBySlug(candidate);
    if (stored === null) return { slug: candidate, current: null };
    if (isItem(stored, line)) return { slug: candidate, current: stored };
  }
  throw new Error(`more than ${slugTries} articles have the headline's slug "${slug}"`);
}

/** Whether a stored article is the item: the same headline and source, and time when the item has one. */
function isItem(stored: StoredArticle, line: ImportLine): boolean {
  // A line without a time (NDJSON may leave it out) says nothing against the stored one's.
  const sameTime = line.publishedAt === undefined || stored.publishedAt === timeOf(line.publishedAt);
  return stored.headline === line.headline && stored.source.name === line.source.name && sameTime;
}

function patchFrom(line: ImportLine): ArticlePatch {
  const {
    id: _id,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    formerSlugs: _formerSlugs,
    byline,
    leadImage,
    publishedAt,
    ...fields
  } = line;
  return {
    ...fields,
    byline: byline ?? null,
    leadImage: leadImage ?? null,
    // A draft without a date loses it; a published article without one keeps the one it has.
    publishedAt: publishedAt ?? (line.status === 'draft' ? null : undefined),
  };
}

interface Run {
  articles: ArticleService;
  options: ImportOptions;
  report: ImportReport;
  /** Identity key to where it was first seen: the first item wins when two are the same. */
  seen: Map<string, string>;
  /** Slugs given to the articles of this run so far. */
  slugs: Set<string>;
  /** Ids of every article of this run, so "Read more" blocks may point at later lines. */
  runIds: Set<string>;
  /** "Read more" blocks pointing at an article of this run (a later line maybe), checked once the run is done. */
  runLinks: Array<{ from: string; to: string; planned: Planned }>;
  /** Articles this run created. */
  created: Set<string>;
  /** Updates whose blocks point at lines not written yet: made once the run knows which were. */
  deferred: Array<Planned & { current: StoredArticle }>;
  /**
   * Slugs the lines say their articles had before, written once every article of the run is:
   * an update of this run renaming an article would otherwise take one from the article a
   * line gives it to (the rename trigger gives the slug it leaves to the article leaving it).
   */
  formerSlugs: Array<{ articleId: string; slugs: string[] }>;
  done: number;
  total: number;
}

/**
 * NDJSON files first, streamed in batches, then the clippings together: their "Read more" boxes
 * are resolved by headline against each other and against everything stored by then.
 */
export function importFiles(articles: ArticleService, files: ImportFile[], options: ImportOptions): ImportReport {
  const report: ImportReport = { created: 0, updated: 0, skipped: [], rejected: [], unresolved: [] };
  const ndjsonFiles: ImportFile[] = [];
  const clippingFiles: ImportFile[] = [];
  const runIds = new Set<string>();
  let total = 0;
  for (const file of files) {
    try {
      if (isNdjson(file)) {
        // Read whole before any of it is imported: a file that is not text is refused entire.
        const scan = scanNdjson(file);
        total += scan.lines;
        for (const id of scan.ids) runIds.add(id);
        ndjsonFiles.push(file);
      } else {
        clippingFiles.push(file);
        total += 1;
      }
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      report.rejected.push({ where: file.name, reason: error.message });
    }
  }
  const run: Run = {
    articles,
    options,
    report,
    seen: new Map(),
    slugs: new Set(),
    runIds,
    runLinks: [],
    created: new Set(),
    deferred: [],
    formerSlugs: [],
    done: 0,
    total,
  };

  const batchSize = options.batchSize ?? 2000;
  for (const file of ndjsonFiles) {
    let batch: Item[] = [];
    for (const item of ndjsonItems(file, report.rejected)) {
      batch.push(item);
      if (batch.length === batchSize) {
        importBatch(run, batch);
        batch = [];
      }
    }
    importBatch(run, batch);
  }
  const clippings = clippingFiles.flatMap((file) => clippingItem(file, options, report.rejected) ?? []);
  importBatch(run, clippings);
  finishDeferred(run);
  dropLinksToMissing(run);
  try {
    articles.keepFormerSlugs(run.formerSlugs);
  } catch (error) {
    throw databaseFailure(error, report);
  }
  return report;
}

/** Why a block to a line of this run is left out: that line was not written. */
const notWritten = (target: string) => `"Read more" points at ${target}, which this import did not write`;

/**
 * The updates held back for lines further on, now that every line was written or refused: a
 * block to a line that was not written is left out (and reported) before the update is compared
 * with what is stored, so importing the same files again finds it unchanged.
 */
function finishDeferred(run: Run): void {
  if (run.deferred.length === 0) return;
  const targets = run.deferred.flatMap(({ item }) => boxTargetIds(item.line.body).filter((id) => run.runIds.has(id)));
  const written = run.articles.existingIds([...new Set(targets)]);
  const identified: Identified[] = [];
  for (const planned of run.deferred) {
    const { item, id } = planned;
    item.line.body = item.line.body.filter((block) => {
      if (block.type !== 'related' || !run.runIds.has(block.articleId) || written.has(block.articleId)) return true;
      run.report.unresolved.push({ where: item.where, reason: notWritten(block.articleId) });
      return false;
    });
    const current = run.articles.storedById(id);
    if (current !== null && current.deletedAt === null) updateItem(run, { ...planned, current }, identified);
    else run.report.skipped.push({ where: item.where, reason: `article ${id} was deleted while the import ran` });
  }
  recordImports(run, identified);
}

/**
 * A new article's block may point at a line further on (it is created before that line is
 * read); if that line was then not written (refused, its slug taken), the block points at
 * nothing: it is taken out again and reported, as a box whose target is nowhere is.
 */
function dropLinksToMissing(run: Run): void {
  const links = run.runLinks.filter((link) => run.created.has(link.from));
  const written = run.articles.existingIds([...new Set(links.map((link) => link.to))]);
  const missing = new Map<string, { planned: Planned; targets: Set<string> }>();
  for (const { from, to, planned } of links) {
    if (written.has(to)) continue;
    const entry = missing.get(from) ?? { planned, targets: new Set<string>() };
    entry.targets.add(to);
    missing.set(from, entry);
  }
  const identified: Identified[] = [];
  for (const [id, { planned, targets }] of missing) {
    const { where } = planned.item;
    const article = run.articles.storedById(id);
    if (article === null || article.deletedAt !== null) continue;
    const kept = (block: BlockInput) => block.type !== 'related' || !targets.has(block.articleId);
    const body = article.body.filter(kept);
    if (body.length === article.body.length) continue;
    try {
      // At the revision read above: an editor's edit through the service in between (another
      // process) is not overwritten with the body read before it, the item is reported instead.
      run.articles.patch(id, { body }, { revision: article.revision }, { seesUnpublished: true });
      for (const target of targets) run.report.unresolved.push({ where, reason: notWritten(target) });
      // Noted as the next run reads the item (its blocks to lines not written left out), so
      // that run finds it unchanged and keeps what an editor changes meanwhile.
      planned.item.line.body = planned.item.line.body.filter(kept);
      identify(identified, planned);
    } catch (error) {
      if (!refusesItem(error)) throw databaseFailure(error, run.report);
      const reason = error instanceof Error ? error.message : String(error);
      run.report.skipped.push({ where, reason: `its blocks to lines not written could not be taken out: ${reason}` });
    }
  }
  recordImports(run, identified);
}

/** Finds each item's article, or gives it an id; items that cannot be imported are skipped with why. */
function plan(run: Run, items: Item[]): Planned[] {
  const planned: Planned[] = [];
  for (const item of items) {
    const identity = identityOf(item.line);
    // Known by what it says of itself (a clipping), an item is its source's headline at that time.
    const key =
      identity.id ??
      (identity.derived
        ? (item.importKey ?? `${identity.slug} ${timeOf(item.line.publishedAt)} ${item.line.headline}`)
        : identity.slug);
    const earlier = run.seen.get(key);
    const skip = (reason: string) => run.report.skipped.push({ where: item.where, reason });
    if (earlier !== undefined) {
      skip(`the same article as ${earlier}`);
      continue;
    }
    run.seen.set(key, item.where);
    const importKey = identity.derived ? item.importKey : undefined;
    const known = importKey === undefined ? null : run.articles.importedAs(importKey);
    const imported = importKey === undefined ? undefined : { key: importKey, digest: known?.digest ?? null };
    let slug = identity.slug;
    let bySlug: StoredArticle | null;
    let current: StoredArticle | null;
    if (known !== null) {
      // Imported before: its article, whatever an editor changed since (its headline, say).
      current = known.article;
      bySlug = current;
      slug = current.slug;
    } else if (identity.derived) {
      ({ slug, current } = byHeadline(run, item.line, identity.slug));
      bySlug = current;
    } else if (identity.id !== undefined) {
      current = run.articles.storedById(identity.id);
      // A new article with an id but no slug is numbered as POST numbers it; one stored keeps its slug.
      slug = item.line.slug ?? current?.slug ?? freeSlug(run, identity.slug);
      bySlug = run.articles.storedBySlug(slug);
    } else {
      bySlug = run.articles.storedBySlug(slug);
      current = bySlug;
    }
    if (current !== null && current.deletedAt !== null) skip(`article ${current.id} was deleted here`);
    else if (bySlug !== null && bySlug.pk !== current?.pk) skip(`the slug "${slug}" belongs to article ${bySlug.id}`);
    else {
      // A new article keeps the slug it is identified by, so the next import finds it again.
      item.line.slug = slug;
      run.slugs.add(slug);
      const id = current?.id ?? identity.id ?? newArticleId();
      run.runIds.add(id);
      planned.push({ item, id, current, ...(imported ? { imported } : {}) });
    }
  }
  return planned;
}

/** Creates the new articles of `items` in one transaction, then updates the changed ones. */
function importBatch(run: Run, items: Item[]): void {
  if (items.length === 0) return;
  const planned = plan(run, items);
  resolveLinks(run, planned);
  const creates = planned.flatMap(({ item, id, current }) => {
    if (current !== null) return [];
    const { id: _id, createdAt, updatedAt, formerSlugs: _formerSlugs, ...input } = item.line;
    const at = (timestamp: string | undefined) => (timestamp === undefined ? undefined : Date.parse(timestamp));
    return [{ where: item.where, id, input, createdAt: at(createdAt), updatedAt: at(updatedAt) }];
  });
  const created = createBatch(run.articles, creates, run.runIds, run.report);
  for (const id of created) run.created.add(id);
  for (const { item, id } of planned)
    if (created.has(id) && item.line.formerSlugs?.length) noteFormerSlugs(run, id, item.line.formerSlugs);
  // Which article each item known by itself is, once written (or found unchanged): noted after
  // the batch's writes. Should the run stop in between, the next finds it by headline and time.
  const identified: Identified[] = [];
  const updates = planned.filter((entry): entry is Planned & { current: StoredArticle } => entry.current !== null);
  // An update whose block points at a line not written yet waits for the end of the run.
  const forward = updates.flatMap(({ item }) => boxTargetIds(item.line.body).filter((id) => run.runIds.has(id)));
  const existing = run.articles.existingIds([...new Set(forward)]);
  for (const entry of planned) {
    if (entry.current === null) {
      if (created.has(entry.id)) identify(identified, entry);
      continue;
    }
    const waits = boxTargetIds(entry.item.line.body).some((id) => run.runIds.has(id) && !existing.has(id));
    if (waits) run.deferred.push({ ...entry, current: entry.current });
    else updateItem(run, { ...entry, current: entry.current }, identified);
  }
  recordImports(run, identified);
  run.done += items.length;
  run.options.onProgress?.(Math.min(run.done, run.total), run.total);
}

type Identified = { key: string; articleId: string; digest: string };

/** Notes which article an item known by itself is, with its digest as read now (nothing for other items). */
function identify(identified: Identified[], { item, id, imported }: Planned): void {
  if (imported) identified.push({ key: imported.key, articleId: id, digest: digestOf(item) });
}

function recordImports(run: Run, identified: Identified[]): void {
  try {
    run.articles.recordImports(identified);
  } catch (error) {
    throw databaseFailure(error, run.report);
  }
}

/** Updates the item's stored article when the item differs from it (noting the identity of an item known by itself). */
function updateItem(run: Run, planned: Planned & { current: StoredArticle }, identified: Identified[]): void {
  const { item, id, current, imported } = planned;
  if (imported?.digest === digestOf(item)) {
    // As when it was last imported: nothing to do, whatever an editor changed since (a headline).
    run.report.skipped.push({ where: item.where, reason: `unchanged since it was imported (article ${id})` });
    return;
  }
  // Former slugs are compared apart: they are only ever added, and written at the end of the run.
  const slug = item.line.slug ?? current.slug;
  const given = (item.line.formerSlugs ?? []).filter((former) => former !== slug);
  const known = given.length === 0 ? [] : (run.articles.formerSlugsOf([current.pk]).get(current.pk) ?? []);
  const newFormer = given.some((former) => !known.includes(former));
  const changed = !isDeepStrictEqual(lineOver(item.line, current), exportLineOf(current));
  if (!changed && !newFormer) {
    run.report.skipped.push({ where: item.where, reason: `unchanged (article ${id})` });
    identify(identified, planned);
    return;
  }
  try {
    if (changed) run.articles.patch(id, patchFrom(item.line), undefined, { seesUnpublished: true });
    if (newFormer) noteFormerSlugs(run, id, given);
    run.report.updated += 1;
    identify(identified, planned);
  } catch (error) {
    if (!refusesItem(error)) throw databaseFailure(error, run.report);
    run.report.skipped.push({ where: item.where, reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Notes the slugs an article had before, for the end of the run. */
function noteFormerSlugs(run: Run, articleId: string, slugs: string[]): void {
  run.formerSlugs.push({ articleId, slugs });
}

type NewItem = Parameters<ArticleService['createMany']>[0][number] & { where: string };

/** Whether a failed write was refused for what an item holds (a rule, a taken slug), not for the database. */
function refusesItem(error: unknown): boolean {
  return error instanceof ProblemError || String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * The database failed a write (locked past the busy timeout, full, failing): the import stops,
 * saying how far it got. Retrying item by item would wait the busy timeout for each.
 */
function databaseFailure(error: unknown, report: ImportReport): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `The database failed a write (${reason}); the import stopped after ${report.created} created and ${report.updated} updated (the write that failed was not made). Run it again: what was written is found and skipped.`,
  );
}

/**
 * One transaction for the batch; should an item be refused, each item alone, so one bad item
 * costs only itself. Returns the ids created.
 */
function createBatch(articles: ArticleService, batch: NewItem[], runIds: ReadonlySet<string>, report: ImportReport): Set<string> {
  const created = new Set<string>();
  if (batch.length === 0) return created;
  try {
    articles.createMany(batch, runIds);
    report.created += batch.length;
    for (const item of batch) created.add(item.id);
  } catch (error) {
    if (!refusesItem(error)) throw databaseFailure(error, report);
    for (const item of batch) {
      try {
        articles.createMany([item], runIds);
        report.created += 1;
        created.add(item.id);
      } catch (error) {
        if (!refusesItem(error)) throw databaseFailure(error, report);
        report.skipped.push({ where: item.where, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return created;
}

/**
 * Points clippings' "Read more" boxes at the article with that headline (in this run first, else
 * stored), and drops related blocks whose target is nowhere; both kinds of misses are reported.
 */
function resolveLinks({ articles, report, runIds, runLinks }: Run, planned: Planned[]): void {
  const byHeadline = new Map<string, string>();
  for (const { item, id } of planned) if (!byHeadline.has(item.line.headline)) byHeadline.set(item.line.headline, id);
  const wanted = planned.flatMap(({ item }) => [...item.readMore.values()].filter((headline) => !byHeadline.has(headline)));
  for (const [headline, id] of articles.idsByHeadline([...new Set(wanted)])) byHeadline.set(headline, id);

  const referenced = planned.flatMap(({ item }) =>
    item.line.body.flatMap((block) => (block.type === 'related' && !runIds.has(block.articleId) ? [block.articleId] : [])),
  );
  const stored = articles.existingIds([...new Set(referenced)]);

  for (const entry of planned) {
    const { item, id } = entry;
    const body: BlockInput[] = [];
    item.line.body.forEach((block, index) => {
      const headline = item.readMore.get(index);
      if (headline !== undefined) {
        const target = byHeadline.get(headline);
        if (target !== undefined && target !== id) body.push({ type: 'related', articleId: target });
        else report.unresolved.push({ where: item.where, reason: `"Read more: ${headline}" matches no article` });
        return;
      }
      if (block.type === 'related' && block.articleId === id) {
        report.unresolved.push({ where: item.where, reason: '"Read more" points at the article itself' });
        return;
      }
      if (block.type === 'related' && !runIds.has(block.articleId) && !stored.has(block.articleId)) {
        report.unresolved.push({ where: item.where, reason: `"Read more" points at ${block.articleId}, which is not here` });
        return;
      }
      body.push(block);
    });
    for (const block of body) {
      if (block.type === 'related' && runIds.has(block.articleId))
        runLinks.push({ from: id, to: block.articleId, planned: entry });
    }
    item.line.body = body;
  }
}
