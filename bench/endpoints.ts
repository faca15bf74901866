// The endpoints the benchmark measures, as data: each names its URL set and its goal (the lowest
// acceptable service/baseline req/s ratio). A new feature adds its endpoint with one entry here.
import { formatTimestamp } from '../src/clock.js';
import { observationsFrom, observationsTo } from './cities.js';
import type { Dataset } from './generate.js';
import { createRandom, type Random } from './random.js';
import { contentWords, sections } from './vocabulary.js';

export interface UrlContext {
  dataset: Dataset;
  /** Seeded per endpoint, so adding an endpoint never changes another's URLs. */
  random: Random;
  /** GETs a path from the running service and returns the parsed JSON; throws unless 200. */
  getJson(path: string): Promise<unknown>;
}

export interface Endpoint {
  name: string;
  /** Lowest acceptable service/baseline req/s ratio; null when the endpoint is only reported. */
  goal: number | null;
  /** The paths (with query strings) autocannon cycles through. */
  urls(context: UrlContext): Promise<string[]>;
  /** For a POST endpoint: the bodies sent in turn to its first URL, with these headers. */
  post?: PostRequests;
}

export interface PostRequests {
  headers: Record<string, string>;
  bodies(context: UrlContext): Promise<string[]>;
}

/** A browser's User-Agent: views from HTTP libraries (autocannon's included) are bots' and do not count. */
export const browserHeaders = {
  'content-type': 'application/json',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
};

/** Bodies of POST /v1/views with `events` views each of random published articles (one view: no batch). */
export function viewBodies(random: Random, slugs: readonly string[], bodies: number, events: number): string[] {
  return Array.from({ length: bodies }, () => {
    const views = Array.from({ length: events }, () => ({ article: random.pick(slugs) }));
    return JSON.stringify(events === 1 ? views[0] : { events: views });
  });
}

const slugCount = 2_000;
const deepPageHops = 200;
const searchQueryCount = 50;
const datelineUrlCount = 500;
const popularWindows = ['1h', '24h', '7d', '30d'];
const datelineLocales = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'hi-IN', 'ja-JP', 'pt-BR', 'ru-RU'];
// Queries use the commonest content words, the ones readers type and the ones with most matches.
const commonWords = contentWords.slice(0, 60);

function nextCursorOf(page: unknown): string | null {
  if (typeof page !== 'object' || page === null || !('nextCursor' in page)) throw new Error('list page without nextCursor');
  const cursor = page.nextCursor;
  if (cursor !== null && typeof cursor !== 'string') throw new Error('nextCursor is neither a string nor null');
  return cursor;
}

export const endpoints: Endpoint[] = [
  {
    name: 'article by slug',
    goal: 0.8,
    async urls({ dataset, random }) {
      const slugs = random.shuffle(dataset.publishedSlugs).slice(0, slugCount);
      return slugs.map((slug) => `/v1/articles/${slug}`);
    },
  },
  {
    name: 'list first page',
    goal: 0.6,
    async urls() {
      return ['/v1/articles?limit=20'];
    },
  },
  {
    name: 'list deep cursor page',
    goal: 0.6,
    async urls({ getJson }) {
      // Follow nextCursor from the first page, as a client paging through the archive would.
      let path = '/v1/articles?limit=20';
      for (let hop = 0; hop < deepPageHops; hop += 1) {
        const cursor = nextCursorOf(await getJson(path));
        if (cursor === null)
          throw new Error(`the listing ends after ${hop + 1} pages; use more --articles for ${deepPageHops} hops`);
        path = `/v1/articles?limit=20&cursor=${encodeURIComponent(cursor)}`;
      }
      return [path];
    },
  },
  {
    name: 'related by slug',
    goal: 0.6,
    async urls({ dataset, random }) {
      const slugs = random.shuffle(dataset.publishedSlugs).slice(0, slugCount);
      return slugs.map((slug) => `/v1/articles/${slug}/related`);
    },
  },
  {
    name: 'dateline',
    goal: 0.8,
    async urls({ dataset, random }) {
      // Explicit moments (a "now" answer would change under the baseline's replayed bytes),
      // spread over the observation window and a little beyond it, so some weather is stale.
      const span = observationsTo + 6 * 3_600_000 - observationsFrom;
      const urls = new Set<string>();
      while (urls.size < datelineUrlCount) {
        const at = formatTimestamp(observationsFrom + Math.floor(random.next() * span));
        const query = new URLSearchParams({ city: random.pick(dataset.citySlugs), at });
        if (random.chance(0.3)) query.set('units', 'imperial');
        if (random.chance(0.5)) query.set('locale', random.pick(datelineLocales));
        urls.add(`/v1/dateline?${query}`);
      }
      return [...urls];
    },
  },
  {
    name: 'article page',
    goal: 0.5,
    async urls({ dataset, random }) {
      // Explicit moments for the dateline, as above; every window of the rankings.
      const span = observationsTo - observationsFrom;
      return random
        .shuffle(dataset.publishedSlugs)
        .slice(0, slugCount)
        .map((slug) => {
          const at = formatTimestamp(observationsFrom + Math.floor(random.next() * span));
          const query = new URLSearchParams({ city: random.pick(dataset.citySlugs), at, window: random.pick(popularWindows) });
          return `/v1/pages/articles/${slug}?${query}`;
        });
    },
  },
  {
    name: 'search q',
    goal: null,
    async urls({ random }) {
      const queries = new Set<string>();
      while (queries.size < searchQueryCount) {
        const words = random.chance(0.5) ? [random.pick(commonWords)] : [random.pick(commonWords), random.pick(commonWords)];
        queries.add([...new Set(words)].join(' '));
      }
      return [...queries].map((q) => `/v1/articles?q=${encodeURIComponent(q)}`);
    },
  },
  {
    name: 'RSS feed',
    goal: 0.6,
    async urls() {
      // 50 full articles: served from the response cache like the first list page.
      return ['/v1/feeds/rss.xml'];
    },
  },
  {
    name: 'JSON feed by section',
    goal: 0.6,
    async urls() {
      return sections.map((section) => `/v1/feeds/feed.json?section=${section}`);
    },
  },
  ...(['1h', '24h', '7d', '30d'] as const).map(
    (window): Endpoint => ({
      name: `popular ${window}`,
      goal: 0.8,
      async urls() {
        // Rankings are ordered at most once a minute (POPULAR_MAX_AGE_SECONDS) from totals kept in memory.
        return [`/v1/popular?window=${window}`];
      },
    }),
  ),
  {
    name: 'record a view',
    goal: 0.6,
    async urls() {
      return ['/v1/views'];
    },
    post: {
      headers: browserHeaders,
      async bodies({ dataset, random }) {
        return viewBodies(random, dataset.publishedSlugs, 2_000, 1);
      },
    },
  },
];

/** A Random seeded from the run's seed and the endpoint's name (FNV-1a), independent of list order. */
export function endpointRandom(seed: number, name: string): Random {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash ^ name.charCodeAt(i), 0x01000193);
  return createRandom(hash >>> 0);
}
