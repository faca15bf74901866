// HTTP routes of syndication: the RSS, Atom and JSON feeds, the Google News sitemap, and the
// partners' change feed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPage } from '../articles/changes.js';
import type { ArticleService } from '../articles/service.js';
import type { Clock } from '../clock.js';
import type { ResponseCache } from '../http/caching.js';
import { documentResponse, noQuerySchema, notModifiedResponse, problemResponses } from '../http/primitives.js';
import { badRequest } from '../http/problems.js';
import type { ChangeFeed } from './change-feed.js';
import type { FeedWriter } from './feed-writer.js';
import { type FeedFormat, feedMediaTypes } from './feeds.js';
import { buildNewsSitemap, newsSitemapLimit, newsSitemapWindowMs } from './news-sitemap.js';
import { changePageSchema, changesQuerySchema, feedQuerySchema } from './schemas.js';

export interface SyndicationRoutesOptions {
  articles: ArticleService;
  changes: ChangeFeed;
  cache: ResponseCache;
  /** Writes the feeds from items kept by article version. */
  feeds: FeedWriter;
  clock: Clock;
  publication: { name: string; language: string; siteUrl: string };
  /** Where clients reach this API (API_BASE_URL); without it, the origin each request names. */
  apiBaseUrl?: string;
}

/** How many articles a feed carries. */
const feedSize = 50;
const feedPaths: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };
const tags = ['Syndication'];

const feedExamples: Record<FeedFormat, string> = {
  rss: '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Newsroom</title><item><title><![CDATA[City council approves new harbour bridge]]></title><content:encoded><![CDATA[<p>Councillors voted 31 to 9 on Thursday to fund the bridge.</p>]]></content:encoded></item></channel></rss>',
  atom: '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Newsroom</title><entry><title type="html"><![CDATA[City council approves new harbour bridge]]></title><content type="html">&lt;p&gt;Councillors voted 31 to 9 on Thursday.&lt;/p&gt;</content></entry></feed>',
  json: '{"version":"https://jsonfeed.org/version/1.1","title":"Newsroom","items":[{"id":"tag:news.example.com,2024-03-29:articles/a_Hq3vR8kT2mWx","url":"https://news.example.com/articles/city-council-approves-new-harbour-bridge","title":"City council approves new harbour bridge","content_html":"<p>Councillors voted 31 to 9 on Thursday.</p>"}]}',
};
const sitemapExample =
  '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://news.example.com/articles/city-council-approves-new-harbour-bridge</loc><news:news><news:publication><news:name>Newsroom</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-03-29T09:30:00Z</news:publication_date><news:title>City council approves new harbour bridge</news:title></news:news></url></urlset>';

/** JSON Feed is JSON: documented as the object it is (its fields are jsonfeed.org's), not as a string. */
const jsonFeedSchema = z
  .looseObject({
    version: z.string(),
    title: z.string(),
    home_page_url: z.string().optional(),
    feed_url: z.string().optional(),
    items: z.array(z.looseObject({ id: z.string() })),
  })
  .meta({ example: JSON.parse(feedExamples.json) });

function feedResponse(format: FeedFormat, name: string) {
  const mediaType = feedMediaTypes[format].split(';')[0] ?? 'application/xml';
  const description = `The ${name} document.`;
  if (format !== 'json') return documentResponse(mediaType, description, feedExamples[format]);
  return { description, content: { [mediaType]: { schema: jsonFeedSchema } } };
}

export async function syndicationRoutes(app: FastifyInstance, options: SyndicationRoutesOptions) {
  const { articles, changes, cache, feeds, clock, publication, apiBaseUrl } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  /**
   * Where this API's feeds are, as the client reached them: API_BASE_URL, or else the origin the
   * request names, normalised (so spellings of one host share a cached feed), and a 400 when the
   * Host header names none (the feed library would fail on the address).
   */
  function feedsBase(request: FastifyRequest): string {
    if (apiBaseUrl !== undefined) return `${apiBaseUrl}/v1/feeds/`;
    const named = `${request.protocol}://${request.host}`;
    let base = bases.get(named);
    if (base === undefined) {
      try {
        base = `${new URL(named).origin}/v1/feeds/`;
      } catch {
        throw badRequest('The Host header does not name a host.');
      }
      // The few origins clients use, parsed once each; junk hosts cannot grow it.
      if (bases.size >= 64) bases.clear();
      bases.set(named, base);
    }
    return base;
  }
  const bases = new Map<string, string>();

  /** This feed's address in every format, with the same filters. */
  function feedLinks(base: string, query: string): Record<FeedFormat, string> {
    const suffix = query === '' ? '' : `?${query}`;
    return { rss: `${base}rss.xml${suffix}`, atom: `${base}atom.xml${suffix}`, json: `${base}feed.json${suffix}` };
  }

  for (const format of ['rss', 'atom', 'json'] as const) {
    const name = { rss: 'RSS 2.0', atom: 'Atom 1.0', json: 'JSON Feed 1.1' }[format];
    routes.get(
      `/v1/feeds/${feedPaths[format]}`,
      {
        schema: {
          tags,
          summary: `${name} feed`,
          description: `The ${feedSize} newest published articles partners may republish, in full (HTML), as ${name} (\`${feedMediaTypes[format].split(';')[0]}\`). Supports ETag and If-Modified-Since.`,
          querystring: feedQuerySchema,
          response: {
            200: feedResponse(format, name),
            ...notModifiedResponse,
            ...problemResponses(400, 401, 429),
          },
        },
      },
      (request, reply) => {
        const { section, tag } = request.query;
        const query = new URLSearchParams(
          Object.entries({ section, tag }).filter((e): e is [string, string] => e[1] !== undefined),
        );
        const base = feedsBase(request);
        cache.send(request, reply, `feed:${format}:${base}:${query}`, () => {
          const filters = { section, tag, syndicable: true };
          const { stored, articles: items } = articles.listPublicFull(filters, feedSize);
          const channel = { title: publication.name, language: publication.language, siteUrl: publication.siteUrl };
          return {
            body: feeds.write(format, { ...channel, links: feedLinks(base, query.toString()) }, items, clock.now()),
            contentType: feedMediaTypes[format],
            lastModified: Math.max(0, ...items.map((item) => Date.parse(item.updatedAt))),
            dependsOn: listPage({ ...filters, status: 'published' }, stored, { full: stored.length === feedSize }),
          };
        });
      },
    );
  }

  routes.get(
    '/v1/sitemaps/news.xml',
    {
      schema: {
        tags,
        summary: 'Google News sitemap',
        description: `Published articles of the last 48 hours, newest first, at most ${newsSitemapLimit}, with publication name and language, publication date and title.`,
        querystring: noQuerySchema,
        response: {
          200: documentResponse('application/xml', 'The sitemap.', sitemapExample),
          ...notModifiedResponse,
          ...problemResponses(400, 401, 429),
        },
      },
    },
    async (request, reply) => {
      await cache.sendAsync(request, reply, 'sitemap:news', async () => {
        const filters = { status: 'published' as const, from: clock.now() - newsSitemapWindowMs };
        const page = articles.list(filters, newsSitemapLimit, {});
        const entries = page.stored.map((stored, index) => ({
          url: page.items[index]?.url ?? '',
          headline: stored.headline,
          publishedAt: stored.publishedAt ?? stored.createdAt,
          updatedAt: stored.updatedAt,
          language: stored.language,
        }));
        // The newest article that has left the window left it, and the sitemap changed, at its
        // publication plus the window, with no write: the sitemap is dated no earlier, or a
        // client revalidating with If-Modified-Since would keep the copy that still lists it.
        const gone = articles.list({ status: 'published', to: filters.from - 1 }, 1, {}).stored[0];
        const leftAt = gone ? (gone.publishedAt ?? gone.createdAt) + newsSitemapWindowMs : 0;
        return {
          body: await buildNewsSitemap(publication.name, entries),
          contentType: 'application/xml; charset=utf-8',
          lastModified: Math.max(leftAt, ...entries.map((entry) => entry.updatedAt)),
          // Articles leave the window as time passes, without any write.
          ttlMs: 60_000,
          dependsOn: listPage(filters, page.stored, { full: page.next !== null }),
        };
      });
    },
  );

  routes.get(
    '/v1/syndication/changes',
    {
      config: { auth: 'partner' },
      schema: {
        tags,
        summary: 'Change feed for partners',
        description:
          'Every change to what partners may republish, oldest first, each article once in its latest state: `upsert` (replace your copy) or `delete` (remove it). Apply in order, then ask again with `after` set to `next`. An `after` beyond the end of the log is a 409: the log was restored from an earlier copy, and the partner must read it again from 0.',
        security: [{ bearerAuth: [] }],
        querystring: changesQuerySchema,
        response: { 200: changePageSchema, ...problemResponses(400, 401, 403, 409, 429) },
      },
    },
    (request) => changes.changesAfter(request.query.after, request.query.limit),
  );
}
