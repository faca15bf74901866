// Feeds put together from their items' text. A feed is 50 full articles (some 330 KB), and each
// article write that lands in a feed drops it in every format: the library wrote the whole
// document again each time, 15-20 ms at 10,000 articles, several times a second under load.
// Here the `feed` library still writes everything, but each item once per version of its
// article and format (kept in an LRU bounded by bytes), and the channel around the items once
// per feed; the document is those pieces joined. test/syndication/feed-writer.test.ts checks
// that the result is byte for byte the library's own document.
import { createHash } from 'node:crypto';
import type { Item } from 'feed';
import { LRUCache } from 'lru-cache';
import type { Article } from '../articles/schemas.js';
import {
  buildFeed,
  channelFeed,
  type FeedChannel,
  type FeedFormat,
  itemOf,
  type JsonFeedDocument,
  render,
  withAuthors,
} from './feeds.js';

/** Where a document's items start and end, by format: the first opening tag, the last closing one. */
const itemTags = { rss: ['<item>', '</item>'], atom: ['<entry>', '</entry>'] } as const;

/** What a feed's items go between: the document before the first, between two, after the last. */
interface Frame {
  head: string;
  between: string;
  tail: string;
}

/** An item of fixed, plain text, written where the real ones go to find the frame around them. */
function standIn(withContent: boolean): Item {
  return {
    title: 'stand-in',
    id: 'https://stand-in.invalid/',
    link: 'https://stand-in.invalid/',
    date: new Date(0),
    ...(withContent ? { content: '<p>stand-in</p>' } : {}),
  };
}

/** `document` cut at its first item's start and its last item's end (its headlines are CDATA and may hold tags, so not in between). */
function cut(format: 'rss' | 'atom', document: string): { head: string; items: string; tail: string } | null {
  const [open, close] = itemTags[format];
  const start = document.indexOf(open);
  const end = document.lastIndexOf(close);
  if (start < 0 || end < start) return null;
  return {
    head: document.slice(0, start),
    items: document.slice(start, end + close.length),
    tail: document.slice(end + close.length),
  };
}

function xmlFrame(format: 'rss' | 'atom', channel: FeedChannel, articles: readonly Article[]): Frame | null {
  // RSS declares its content namespace only when an item has content: the stand-ins do as the items do.
  const withContent = articles.some((article) => Boolean(article.leadImage) || article.body.length > 0);
  const written = (count: number) => {
    // `now` dates an empty feed only, and this one has items.
    const feed = channelFeed(channel, articles, 0);
    for (let index = 0; index < count; index += 1) feed.addItem(standIn(withContent));
    return cut(format, render(format, feed, channel.language));
  };
  const one = written(1);
  const two = written(2);
  if (!one || !two || one.head !== two.head || one.tail !== two.tail) return null;
  return { head: one.head, between: two.items.slice(one.items.length, two.items.length - one.items.length), tail: one.tail };
}

function jsonFrame(channel: FeedChannel, articles: readonly Article[]): Frame | null {
  const document = render('json', channelFeed(channel, articles, 0), channel.language);
  const marker = '"items":[';
  const at = document.indexOf(`${marker}]`);
  if (at < 0) return null;
  return { head: document.slice(0, at + marker.length), between: ',', tail: document.slice(at + marker.length) };
}

export class FeedWriter {
  private readonly items: LRUCache<string, Buffer>;

  /** `maxBytes`: memory for items kept, their text and keys together. */
  constructor(maxBytes: number) {
    this.items = new LRUCache({ maxSize: Math.max(1, maxBytes), sizeCalculation: (text, key) => text.length + key.length });
  }

  /** How many items are kept, for tests. */
  get keptItems(): number {
    return this.items.size;
  }

  /**
   * The feed of `articles` in `format`, as UTF-8: what `buildFeed` writes (`now` dates a feed
   * with no articles). Should the library ever write the stand-ins' frame differently than
   * expected, the whole document is written by it instead.
   */
  write(format: FeedFormat, channel: FeedChannel, articles: readonly Article[], now: number): Buffer {
    const frame =
      articles.length === 0 ? null : format === 'json' ? jsonFrame(channel, articles) : xmlFrame(format, channel, articles);
    if (frame === null) return Buffer.from(buildFeed(format, channel, [...articles], now));
    const between = Buffer.from(frame.between);
    const parts: Buffer[] = [Buffer.from(frame.head)];
    articles.forEach((article, index) => {
      if (index > 0) parts.push(between);
      parts.push(this.item(format, channel, article));
    });
    parts.push(Buffer.from(frame.tail));
    return Buffer.concat(parts);
  }

  /** The article's item as the library writes it, kept by the article's content (any change, a "Read more" target's headline included, makes a new one). */
  private item(format: FeedFormat, channel: FeedChannel, article: Article): Buffer {
    const key = `${format}:${channel.siteUrl}:${createHash('sha1').update(JSON.stringify(article)).digest('base64url')}`;
    let text = this.items.get(key);
    if (text === undefined) {
      text = Buffer.from(itemText(format, channel, article));
      this.items.set(key, text);
    }
    return text;
  }
}

function itemText(format: FeedFormat, channel: FeedChannel, article: Article): string {
  const feed = channelFeed(channel, [article], 0);
  feed.addItem(itemOf(article, format, channel.siteUrl));
  if (format === 'json') {
    const document = JSON.parse(feed.json1()) as JsonFeedDocument;
    return JSON.stringify(withAuthors(document.items[0] ?? {}));
  }
  const written = cut(format, render(format, feed, channel.language));
  if (!written) throw new Error(`the feed library wrote no ${format} item`);
  return written.items;
}
