// The NDJSON line format of imports and exports: a POST /v1/articles body, plus the optional `id`,
// `createdAt` and `updatedAt` an export writes so that importing it elsewhere reproduces the same articles
// (and the "Read more" blocks that point at them by id), and `formerSlugs`, the slugs an article had
// before a rename, so that links shared under them still redirect there.
import { z } from 'zod';
import type { StoredArticle } from '../../articles/rows.js';
import { articleInputSchema } from '../../articles/schemas.js';
import { formatTimestamp, wholeSecond } from '../../clock.js';
import { idSchema, slugSchema, timestampSchema } from '../../http/primitives.js';

export const importLineSchema = articleInputSchema.extend({
  id: idSchema.optional(),
  // Every rename leaves one; an article renamed 10,000 times is not one a newsroom has.
  formerSlugs: z.array(slugSchema.max(100)).max(10_000).optional(),
  createdAt: timestampSchema.optional(),
  updatedAt: timestampSchema.optional(),
});

export type ImportLine = z.infer<typeof importLineSchema>;

/** An article as an export line, fields in a fixed order, optional ones left out when empty; `formerSlugs` sorted. */
export function exportLineOf(article: StoredArticle, formerSlugs: readonly string[] = []): ImportLine {
  const line: ImportLine = {
    id: article.id,
    slug: article.slug,
    ...(formerSlugs.length > 0 ? { formerSlugs: [...formerSlugs] } : {}),
    headline: article.headline,
    standfirst: article.standfirst,
    section: article.section,
    tags: article.tags,
    source: article.source,
    language: article.language,
    status: article.status,
    createdAt: formatTimestamp(article.createdAt),
    updatedAt: formatTimestamp(article.updatedAt),
    body: article.body,
    syndication: { allowed: article.syndicationAllowed },
    hideFromPopular: article.hideFromPopular,
  };
  if (article.byline !== null) line.byline = article.byline;
  if (article.publishedAt !== null) line.publishedAt = formatTimestamp(article.publishedAt);
  if (article.leadImage !== null) line.leadImage = article.leadImage;
  return line;
}

/**
 * The line as the stored article would read once imported over `current`: what an import compares
 * to decide that nothing changed. Fields the line leaves out keep their stored value where the
 * API would keep them (the slug; a published article's publication time). Former slugs are not
 * part of it: the import compares them apart (they are only ever added).
 */
export function lineOver(line: ImportLine, current: StoredArticle): ImportLine {
  const { formerSlugs: _formerSlugs, ...rest } = line;
  const merged: ImportLine = {
    ...rest,
    id: current.id,
    slug: line.slug ?? current.slug,
    tags: [...new Set(line.tags)],
    // Creation time is set once, on creation; an update cannot change it, and sets its own time.
    createdAt: formatTimestamp(current.createdAt),
    updatedAt: formatTimestamp(current.updatedAt),
  };
  if (line.publishedAt !== undefined) merged.publishedAt = normalise(line.publishedAt);
  else if (current.publishedAt !== null && line.status === 'published') merged.publishedAt = formatTimestamp(current.publishedAt);
  return merged;
}

function normalise(timestamp: string): string {
  return formatTimestamp(wholeSecond(Date.parse(timestamp)));
}
