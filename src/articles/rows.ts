// Stored articles as plain objects, and their mapping to and from the `articles` row.
import type { articles } from '../db/schema.js';
import type { BlockInput } from './schemas.js';

export interface StoredImage {
  url: string;
  caption?: string;
  credit?: string;
}

export interface StoredArticle {
  pk: number;
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  section: string;
  tags: string[];
  source: { name: string; url?: string };
  byline: string | null;
  language: string;
  status: 'draft' | 'published';
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  leadImage: StoredImage | null;
  body: BlockInput[];
  syndicationAllowed: boolean;
  hideFromPopular: boolean;
  revision: number;
}

export type NewArticle = Omit<StoredArticle, 'pk' | 'deletedAt' | 'revision'>;

export type Row = typeof articles.$inferSelect;

export function fromRow(row: Row): StoredArticle {
  const source: StoredArticle['source'] = { name: row.sourceName };
  if (row.sourceUrl !== null) source.url = row.sourceUrl;
  return {
    pk: row.pk,
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    standfirst: row.standfirst,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    source,
    byline: row.byline,
    language: row.language,
    status: row.status,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    leadImage: row.leadImage === null ? null : (JSON.parse(row.leadImage) as StoredImage),
    body: JSON.parse(row.body) as BlockInput[],
    syndicationAllowed: row.syndicationAllowed,
    hideFromPopular: row.hideFromPopular,
    revision: row.revision,
  };
}

export function toColumns(article: NewArticle) {
  return {
    id: article.id,
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    section: article.section,
    tags: JSON.stringify(article.tags),
    sourceName: article.source.name,
    sourceUrl: article.source.url ?? null,
    byline: article.byline,
    language: article.language,
    status: article.status,
    publishedAt: article.publishedAt,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    leadImage: article.leadImage === null ? null : JSON.stringify(article.leadImage),
    body: JSON.stringify(article.body),
    syndicationAllowed: article.syndicationAllowed,
    hideFromPopular: article.hideFromPopular,
  };
}
