// Builds the RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents with the `feed` library, which
// escapes (or wraps in CDATA) every value it writes, so no value is put into a feed by hand
// (feed-writer.ts joins pieces the library wrote, never values).
import { Feed, type Item } from 'feed';
import type { Article } from '../articles/schemas.js';
import { articleHtml, escapeHtml } from './article-html.js';

export type FeedFormat = 'rss' | 'atom' | 'json';

export const feedMediaTypes: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export interface FeedChannel {
  title: string;
  language: string;
  /** The publisher's site. */
  siteUrl: string;
  /** Where each format of this feed (with the same filters) is served. */
  links: Record<FeedFormat, string>;
}

export interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}
export interface JsonFeedDocument {
  version: string;
  author?: JsonFeedAuthor;
  authors?: JsonFeedAuthor[];
  language?: string;
  items: Array<{ author?: JsonFeedAuthor; authors?: JsonFeedAuthor[] }>;
}

/** JSON Feed 1.1 replaced the single `author` object with an `authors` array (1.1 readers ignore `author`). */
export function withAuthors<T extends { author?: JsonFeedAuthor; authors?: JsonFeedAuthor[] }>(item: T): T {
  const { author, ...rest } = item;
  return (author ? { ...rest, authors: [author] } : rest) as T;
}

/**
 * `feed` v6 writes JSON Feed 1.0. Version 1.1 replaced the single `author` object with an
 * `authors` array and added `language`; everything else it writes is valid 1.1. So the
 * document is adapted after the library has built it, not written by hand.
 */
function asJsonFeed11(json: string, language: string): string {
  const document = JSON.parse(json) as JsonFeedDocument;
  const adapted = { ...withAuthors(document), version: 'https://jsonfeed.org/version/1.1', language };
  adapted.items = document.items.map(withAuthors);
  return JSON.stringify(adapted);
}

/**
 * The channel's feed, dated by the newest of `articles` (with none, by `now`: a feed may not
 * say it was last updated in 1970), with no items yet.
 */
export function channelFeed(channel: FeedChannel, articles: readonly Article[], now: number): Feed {
  const newest = articles.reduce((latest, article) => Math.max(latest, Date.parse(article.updatedAt)), 0);
  return new Feed({
    id: channel.siteUrl,
    title: channel.title,
    link: channel.siteUrl,
    language: channel.language,
    updated: new Date(articles.length === 0 ? now : newest),
    generator: false,
    feedLinks: { rss: channel.links.rss, atom: channel.links.atom, json: channel.links.json },
    author: { name: channel.title, link: channel.siteUrl },
    copyright: `© ${channel.title}`,
  });
}

/**
 * The item's permanent id: a tag URI (RFC 4151) of the site's host, the day the article was
 * created and its id, none of which an edit changes. Not its URL, which changes with its slug:
 * readers would show a renamed article again as a new item.
 */
export function itemId(article: Article, siteUrl: string): string {
  return `tag:${new URL(siteUrl).hostname},${article.createdAt.slice(0, 10)}:articles/${article.id}`;
}

/** Image media types by file extension, for the enclosure's `type` (RSS requires one). */
const imageTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/**
 * The lead image as an enclosure, when its URL's extension says its media type. The library
 * takes the type from the text after the path's last dot, whatever it is: a CDN URL without
 * an extension (`/photos/123`) became `image//photos/123`, which feed validators refuse. Such
 * an image is left to the item's HTML, where it always is (JSON Feed's `image` is only a URL,
 * and always given). RSS gets the registered type
 * (`image/jpeg`, not the library's `image/jpg`); Atom's link type is always the library's.
 */
function imageEnclosure(url: string | undefined, format: FeedFormat): Item['image'] {
  if (url === undefined || format === 'json') return url;
  const extension = /\.([A-Za-z0-9]+)$/.exec(new URL(url).pathname)?.[1];
  const type = extension === undefined ? undefined : imageTypes[extension.toLowerCase()];
  if (type === undefined) return undefined;
  return format === 'rss' ? { url, type } : url;
}

/**
 * Text the library writes in a CDATA section as it is (an RSS title). A `]]>` in it would end
 * the section: xml-js, which `feed` writes with, splits the first one (`]]]]><![CDATA[>`) and
 * leaves the rest, so a headline with two could write markup of its own into the feed. The
 * others are split here, in the same way; the first stays the library's.
 */
export function cdataText(text: string): string {
  const first = text.indexOf(']]>');
  if (first === -1) return text;
  const rest = first + ']]>'.length;
  return text.slice(0, rest) + text.slice(rest).replaceAll(']]>', ']]]]><![CDATA[>');
}

/**
 * An article as a `feed` item in `format`, its full text as HTML. Headline and standfirst are
 * plain text: the library writes Atom's title and summary as `type="html"`, and an RSS
 * description is HTML by convention, so there they are escaped (a headline's `<` or `&` stays
 * text); RSS titles and JSON Feed's title and summary are plain text as they are.
 */
export function itemOf(article: Article, format: FeedFormat, siteUrl: string): Item {
  return {
    title: format === 'atom' ? escapeHtml(article.headline) : format === 'rss' ? cdataText(article.headline) : article.headline,
    id: itemId(article, siteUrl),
    link: article.url,
    description: format === 'json' ? article.standfirst : escapeHtml(article.standfirst),
    content: articleHtml(article),
    date: new Date(article.updatedAt),
    published: article.publishedAt === null ? undefined : new Date(article.publishedAt),
    author: [{ name: article.byline ?? article.source.name }],
    category: article.tags.map((tag) => ({ name: tag, term: tag })),
    image: imageEnclosure(article.leadImage?.url, format),
  };
}

/** The document in `format`, JSON Feed adapted to 1.1. */
export function render(format: FeedFormat, feed: Feed, language: string): string {
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return asJsonFeed11(feed.json1(), language);
}

/** The whole document as the library writes it. */
export function buildFeed(format: FeedFormat, channel: FeedChannel, articles: Article[], now: number): string {
  const feed = channelFeed(channel, articles, now);
  for (const article of articles) feed.addItem(itemOf(article, format, channel.siteUrl));
  return render(format, feed, channel.language);
}
