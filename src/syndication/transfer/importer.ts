// Imports NDJSON lines and clippings through the article service: plans every item first (who
// it is, whether it changed, what its "Read more" boxes point at), then creates new articles in
// batched transactions and updates changed ones. Importing the same files again changes nothing.
import { isDeepStrictEqual } from 'node:util';
import type { StoredArticle } from '../../articles/rows.js';
import type { ArticlePatch, BlockInput } from '../../articles/schemas.js';
import { type ArticleService, newArticleId } from '../../articles/service.js';
import { slugify } from '../../articles/slug.js';
import { exportLineOf, type ImportLine, lineOver } from './records.js';
import { type Finding, type ImportFile, type Item, isNdjson, readClipping, readNdjson } from './sources.js';

export type { Finding, ImportFile } from './sources.js';

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

/** Who an item is: the id an export wrote, else its slug (given, or derived from the headline). */
function identityOf(line: ImportLine): { id?: string; slug: string } {
  return { id: line.id, slug: line.slug ?? slugify(line.headline) };
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

export function importFiles(articles: ArticleService, files: ImportFile[], options: ImportOptions): ImportReport {
  const report: ImportReport = { created: 0, updated: 0, skipped: [], rejected: [], unresolved: [] };
  const items: Item[] = [];
  for (const file of files) {
    const parsed = isNdjson(file) ? readNdjson(file) : readClipping(file, options);
    items.push(...parsed.items);
    report.rejected.push(...parsed.rejected);
  }

  // Plan: find each item's article, or give it an id; the first item wins when two are the same.
  const planned: Array<{ item: Item; id: string; current: StoredArticle | null }> = [];
  const seen = new Map<string, string>();
  for (const item of items) {
    const identity = identityOf(item.line);
    const key = identity.id ?? identity.slug;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report.skipped.push({ where: item.where, reason: `the same article as ${earlier}` });
      continue;
    }
    seen.set(key, item.where);
    const byId = identity.id === undefined ? null : articles.storedById(identity.id);
    const bySlug = articles.storedBySlug(identity.slug);
    const current = identity.id === undefined ? bySlug : byId;
    if (current?.deletedAt !== null && current !== null) {
      report.skipped.push({ where: item.where, reason: `article ${current.id} was deleted here` });
      continue;
    }
    if (bySlug !== null && current !== null && bySlug.pk !== current.pk) {
      report.skipped.push({ where: item.where, reason: `the slug "${identity.slug}" belongs to another article` });
      continue;
    }
    if (current === null && bySlug !== null) {
      report.skipped.push({ where: item.where, reason: `the slug "${identity.slug}" belongs to article ${bySlug.id}` });
      continue;
    }
    // A new article keeps the slug it is identified by, so the next import finds it again.
    item.line.slug = identity.slug;
    planned.push({ item, id: current?.id ?? identity.id ?? newArticleId(), current });
  }

  resolveLinks(articles, planned, report);

  const creates = planned.filter((entry) => entry.current === null);
  const runIds = new Set(planned.map((entry) => entry.id));
  const batchSize = options.batchSize ?? 2000;
  const total = planned.length;
  for (let start = 0; start < creates.length; start += batchSize) {
    const batch = creates.slice(start, start + batchSize).map(({ item, id }) => {
      const { id: _id, createdAt, ...input } = item.line;
      return { where: item.where, id, input, createdAt: createdAt === undefined ? undefined : Date.parse(createdAt) };
    });
    createBatch(articles, batch, runIds, report);
    options.onProgress?.(Math.min(start + batchSize, creates.length), total);
  }
  let done = creates.length;
  for (const { item, id, current } of planned) {
    if (current === null) continue;
    done += 1;
    if (isDeepStrictEqual(lineOver(item.line, current), exportLineOf(current))) {
      report.skipped.push({ where: item.where, reason: `unchanged (article ${id})` });
    } else {
      articles.patch(id, patchFrom(item.line), undefined, { seesUnpublished: true });
      report.updated += 1;
    }
    if (done % batchSize === 0 || done === total) options.onProgress?.(done, total);
  }
  return report;
}

type NewItem = Parameters<ArticleService['createMany']>[0][number] & { where: string };

/** One transaction for the batch; should it fail, each item alone, so one bad item costs only itself. */
function createBatch(articles: ArticleService, batch: NewItem[], runIds: ReadonlySet<string>, report: ImportReport): void {
  try {
    articles.createMany(batch, runIds);
    report.created += batch.length;
  } catch {
    for (const item of batch) {
      try {
        articles.createMany([item], runIds);
        report.created += 1;
      } catch (error) {
        report.skipped.push({ where: item.where, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

/**
 * Points clippings' "Read more" boxes at the article with that headline (in this run first, else
 * stored), and drops related blocks whose target is nowhere; both kinds of misses are reported.
 */
function resolveLinks(articles: ArticleService, planned: Array<{ item: Item; id: string }>, report: ImportReport): void {
  const byHeadline = new Map<string, string>();
  for (const { item, id } of planned) if (!byHeadline.has(item.line.headline)) byHeadline.set(item.line.headline, id);
  const wanted = planned.flatMap(({ item }) => [...item.readMore.values()].filter((headline) => !byHeadline.has(headline)));
  for (const [headline, id] of articles.idsByHeadline([...new Set(wanted)])) byHeadline.set(headline, id);

  const runIds = new Set(planned.map((entry) => entry.id));
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
