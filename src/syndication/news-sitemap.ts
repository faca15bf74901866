// Builds the Google News sitemap with the `sitemap` library (it escapes every value and writes the
// news namespace), from the visible articles of the last two days.
import { Readable } from 'node:stream';
import { ErrorLevel, type SitemapItemLoose, SitemapStream, streamToPromise } from 'sitemap';

export interface NewsEntry {
  url: string;
  headline: string;
  /** ms since the epoch */
  publishedAt: number;
  updatedAt: number;
  /** BCP 47; Google News wants the ISO 639 part. */
  language: string;
}

/** Google News reads only articles of the last two days, and at most 1,000 a sitemap. */
export const newsSitemapWindowMs = 48 * 3_600_000;
export const newsSitemapLimit = 1000;

/**
 * The library refuses to write a sitemap without entries (EmptySitemap), yet "nothing new in two
 * days" is a valid answer; it is this fixed document, which holds no data.
 */
const emptyNewsSitemap =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>';

export async function buildNewsSitemap(publicationName: string, entries: NewsEntry[]): Promise<string> {
  if (entries.length === 0) return emptyNewsSitemap;
  const items: SitemapItemLoose[] = entries.map((entry) => ({
    url: entry.url,
    lastmod: new Date(entry.updatedAt).toISOString(),
    news: {
      publication: { name: publicationName, language: entry.language.split('-')[0] ?? entry.language },
      publication_date: new Date(entry.publishedAt).toISOString().replace('.000Z', 'Z'),
      title: entry.headline,
    },
  }));
  const stream = new SitemapStream({
    xmlns: { news: true, video: false, image: false, xhtml: false },
    level: ErrorLevel.THROW,
  });
  const xml = await streamToPromise(Readable.from(items).pipe(stream));
  return xml.toString('utf8');
}
