// Imports NDJSON lines and clippings through the article service: plans every item first (who
// it is, whether it changed, what its "Read more" boxes point at), then creates new articles in
// batched transactions and updates changed ones. Importing the same files again changes nothing.
import { isDeepStrictEqual } from 'node:util';
import type { StoredArticle } from '../../articles/rows.js';
import type { ArticlePatch, BlockInput } from '../../articles/schemas.js';
import { type ArticleService, newArticleId } from '../../articles/service.js';
import { slugify } from '../../articles/slug.js';
import { ProblemError } from '../../http/problems.js';
import { exportLineOf, type ImportLine, lineOver } from './records.js';
import { clippingItem, type Finding, type ImportFile, type Item, isNdjson, ndjsonItems, scanNdjson } from './sources.js';

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
}

/** Who an item is: the id an export wrote, else its slug (given, or derived from the headline). */
function identityOf(line: ImportLine): { id?: string; slug: string; derived: boolean } {
  return { id: line.id, slug: line.slug ?? slugify(line.headline), derived: line.id === undefined && line.slug === undefined };
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
 * identity (a recurring "Morning briefing", or any headline without Latin letters, whose slug is
 * `article`). The stored article under that slug, or under `-2`, `-3`, … is this item only
 * when its headline and publication time (when the item has one) are the item's; else the item
 * is a new article under the first of those slugs that is free, in the database and in this run.
 */
function byHeadline(run: Run, line: ImportLine, slug: string): { slug: string; current: StoredArticle | null } {
  for (const candidate of numbered(slug)) {
    if (run.slugs.has(candidate)) continue;
    const stored = run.articles.storedBySlug(candidate);
    if (stored === null) return { slug: candidate, current: null };
    // A line without a time (NDJSON may leave it out) says nothing against the stored one's.
    const sameTime = line.publishedAt === undefined || stored.publishedAt === timeOf(line.publishedAt);
    if (stored.headline === line.headline && sameTime) return { slug: candidate, current: stored };
  }
  throw new Error(`more than ${slugTries} articles have the headline's slug "${slug}"`);
}

function patchFrom(line: ImportLine): ArticlePatch {
  const { id: _id, createdAt: _createdAt, byline, leadImage, publishedAt, ...fields } = line;
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
  done: number;
  total: number;
}

/**
 * NDJSON files first, streamed in batches, then the clippings together: their "Read more" boxes
 * are resolved by headline against each other and against everything stored by then.
 */
export function importFiles(articles: ArticleService, files: ImportFile[], options: ImportOptions): ImportReport {
  const report: ImportReport = { created: 0, updated: 0, skipped: [], rejected: [], unresolved: [] };
  const ndjsonFiles = files.filter(isNdjson);
  const clippingFiles = files.filter((file) => !ndjsonFiles.includes(file));
  const runIds = new Set<string>();
  let total = clippingFiles.length;
  for (const file of ndjsonFiles) {
    const scan = scanNdjson(file);
    total += scan.lines;
    for (const id of scan.ids) runIds.add(id);
  }
  const run: Run = { articles, options, report, seen: new Map(), slugs: new Set(), runIds, done: 0, total };

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
  return report;
}

/** Finds each item's article, or gives it an id; items that cannot be imported are skipped with why. */
function plan(run: Run, items: Item[]): Planned[] {
  const planned: Planned[] = [];
  for (const item of items) {
    const identity = identityOf(item.line);
    // Known by its headline alone, an item is that headline at that time.
    const key =
      identity.id ??
      (identity.derived ? `${identity.slug} ${timeOf(item.line.publishedAt)} ${item.line.headline}` : identity.slug);
    const earlier = run.seen.get(key);
    const skip = (reason: string) => run.report.skipped.push({ where: item.where, reason });
    if (earlier !== undefined) {
      skip(`the same article as ${earlier}`);
      continue;
    }
    run.seen.set(key, item.where);
    let slug = identity.slug;
    let bySlug: StoredArticle | null;
    let current: StoredArticle | null;
    if (identity.derived) {
      ({ slug, current } = byHeadline(run, item.line, identity.slug));
      bySlug = current;
    } else {
      bySlug = run.articles.storedBySlug(slug);
      current = identity.id === undefined ? bySlug : run.articles.storedById(identity.id);
    }
    if (current !== null && current.deletedAt !== null) skip(`article ${current.id} was deleted here`);
    else if (bySlug !== null && bySlug.pk !== current?.pk) skip(`the slug "${slug}" belongs to article ${bySlug.id}`);
    else {
      // A new article keeps the slug it is identified by, so the next import finds it again.
      item.line.slug = slug;
      run.slugs.add(slug);
      const id = current?.id ?? identity.id ?? newArticleId();
      run.runIds.add(id);
      planned.push({ item, id, current });
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
    const { id: _id, createdAt, ...input } = item.line;
    return [{ where: item.where, id, input, createdAt: createdAt === undefined ? undefined : Date.parse(createdAt) }];
  });
  createBatch(run.articles, creates, run.runIds, run.report);
  for (const { item, id, current } of planned) {
    if (current === null) continue;
    if (isDeepStrictEqual(lineOver(item.line, current), exportLineOf(current))) {
      run.report.skipped.push({ where: item.where, reason: `unchanged (article ${id})` });
    } else {
      try {
        run.articles.patch(id, patchFrom(item.line), undefined, { seesUnpublished: true });
        run.report.updated += 1;
      } catch (error) {
        if (!refusesItem(error)) throw databaseFailure(error, run.report);
        run.report.skipped.push({ where: item.where, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  run.done += items.length;
  run.options.onProgress?.(Math.min(run.done, run.total), run.total);
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
    `The database failed a write (${reason}); the import stopped after ${report.created} created and ${report.updated} updated (nothing of the failed batch was written). Run it again: what was written is found and skipped.`,
  );
}

/** One transaction for the batch; should an item be refused, each item alone, so one bad item costs only itself. */
function createBatch(articles: ArticleService, batch: NewItem[], runIds: ReadonlySet<string>, report: ImportReport): void {
  if (batch.length === 0) return;
  try {
    articles.createMany(batch, runIds);
    report.created += batch.length;
  } catch (error) {
    if (!refusesItem(error)) throw databaseFailure(error, report);
    for (const item of batch) {
      try {
        articles.createMany([item], runIds);
        report.created += 1;
      } catch (error) {
        if (!refusesItem(error)) throw databaseFailure(error, report);
        report.skipped.push({ where: item.where, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

/**
 * Points clippings' "Read more" boxes at the article with that headline (in this run first, else
 * stored), and drops related blocks whose target is nowhere; both kinds of misses are reported.
 */
function resolveLinks({ articles, report, runIds }: Run, planned: Planned[]): void {
  const byHeadline = new Map<string, string>();
  for (const { item, id } of planned) if (!byHeadline.has(item.line.headline)) byHeadline.set(item.line.headline, id);
  const wanted = planned.flatMap(({ item }) => [...item.readMore.values()].filter((headline) => !byHeadline.has(headline)));
  for (const [headline, id] of articles.idsByHeadline([...new Set(wanted)])) byHeadline.set(headline, id);

  const referenced = planned.flatMap(({ item }) =>
    item.line.body.flatMap((block) => (block.type === 'related' && !runIds.has(block.articleId) ? [block.articleId] : [])),
  );
  const stored = articles.existingIds([...new Set(referenced)]);

  for (const { item, id } of planned) {
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
    item.line.body = body;
  }
}
