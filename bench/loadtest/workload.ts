// The load test's request mix: 90% reads spread over every public endpoint, 10% writes (views,
// single and in small batches, and an editor creating and updating articles). Every URL is
// planned up front against the running service; then each request is drawn by weight from a
// seeded generator, so one seed gives every run the same sequence of requests.
import { browserHeaders, endpointRandom, endpoints, viewBodies } from '../endpoints.js';
import type { Dataset } from '../generate.js';
import { createRandom, type Random } from '../random.js';
import { getText } from '../servers.js';
import { contentWords, sections, sources } from '../vocabulary.js';
import type { PlannedRequest } from './open-loop.js';

/**
 * Weights in percent: reads 90, writes 10. Editor writes are rare next to views, as in a newsroom:
 * at 2,000 req/s their 0.1% is two edits a second (7,200 an hour, several times a large
 * newsroom's pace). Each one empties the response cache. `--weight KIND=N` changes one.
 */
export const mixWeights = {
  'article by slug': 20,
  'article by id': 5,
  'list first page': 4,
  'list filtered': 6,
  'list cursor page': 6,
  'search q': 8,
  related: 6,
  dateline: 5,
  'article page': 12,
  popular: 6,
  cities: 2,
  'sections and tags': 2,
  feeds: 6,
  sitemap: 2,
  view: 7.9,
  'view batch': 2,
  'article create': 0.05,
  'article update': 0.05,
};

export type Kind = keyof typeof mixWeights;
export type Weights = Record<Kind, number>;

export function isKind(name: string): name is Kind {
  return Object.hasOwn(mixWeights, name);
}

export interface Workload {
  /**
   * A fresh request sequence from the seed (each run replays the same one); writes use the
   * editor key, and reads send `acceptEncoding` as their Accept-Encoding (none when empty).
   */
  sequence(seed: number, editorKey: string, weights: Weights, acceptEncoding: string): () => PlannedRequest;
  /** How many planned GET paths there are, per kind. */
  urlCounts: Record<string, number>;
  /** The most requested path of each GET kind: fetched once after start, so one-time work (loading the
   * view totals, compiling the hot paths) happens before the warm-up. */
  primingPaths: string[];
}

interface Listing {
  data: Array<{ id?: unknown; name?: unknown }>;
  nextCursor: string | null;
}

const cursorPages = 25;
const checkedPerKind = 50;

/** URLs of an endpoint of the benchmark (bench/endpoints.ts), by its name there. */
async function benchUrls(name: string, dataset: Dataset, seed: number, getJson: (path: string) => Promise<unknown>) {
  const endpoint = endpoints.find((candidate) => candidate.name === name);
  if (!endpoint) throw new Error(`bench/endpoints.ts has no endpoint "${name}"`);
  return endpoint.urls({ dataset, random: endpointRandom(seed, name), getJson });
}

/** Plans every URL of the mix against the running service (list pages followed through their cursors). */
export async function planWorkload(dataset: Dataset, seed: number, origin: string): Promise<Workload> {
  const random = createRandom(seed);
  const getJson = async (path: string): Promise<unknown> => JSON.parse(await getText(origin, path));
  const listing = async (path: string) => (await getJson(path)) as Listing;
  const tags = (await listing('/v1/tags')).data.flatMap((tag) => (typeof tag.name === 'string' ? [tag.name] : []));
  const topTags = tags.slice(0, 20);
  const filtered = [
    ...sections.map((section) => `/v1/articles?section=${section}`),
    ...topTags.map((tag) => `/v1/articles?tag=${encodeURIComponent(tag)}`),
    ...sources.map((source) => `/v1/articles?source=${encodeURIComponent(source.name)}&limit=10`),
    '/v1/articles?from=2025-01-01T00:00:00Z&to=2025-06-30T23:59:59Z',
    '/v1/articles?section=world&from=2024-06-01T00:00:00Z&limit=50',
  ];
  // Follow the cursors of a few listings, as readers paging through an archive do; collect ids on the way.
  const cursorUrls: string[] = [];
  const ids = new Set<string>();
  for (const first of ['/v1/articles?limit=20', ...filtered.slice(0, 5), ...filtered.slice(5, 8)]) {
    let path = first;
    for (let page = 0; page < cursorPages; page += 1) {
      const body = await listing(path);
      for (const item of body.data) if (typeof item.id === 'string') ids.add(item.id);
      if (body.nextCursor === null) break;
      path = `${first}${first.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(body.nextCursor)}`;
      cursorUrls.push(path);
    }
  }
  const articleIds = [...ids];
  const urls: Partial<Record<Kind, string[]>> = {
    'article by slug': await benchUrls('article by slug', dataset, seed, getJson),
    'article by id': articleIds.map((id) => `/v1/articles/${id}`),
    'list first page': ['/v1/articles', '/v1/articles?limit=20', '/v1/articles?limit=50'],
    'list filtered': filtered,
    'list cursor page': [...cursorUrls, ...(await benchUrls('list deep cursor page', dataset, seed, getJson))],
    'search q': await benchUrls('search q', dataset, seed, getJson),
    related: await benchUrls('related by slug', dataset, seed, getJson),
    dateline: [...(await benchUrls('dateline', dataset, seed, getJson)), '/v1/dateline'],
    'article page': await benchUrls('article page', dataset, seed, getJson),
    popular: ['1h', '24h', '7d', '30d'].flatMap((window) => [
      `/v1/popular?window=${window}`,
      ...sections.map((section) => `/v1/popular?window=${window}&section=${section}&limit=5`),
    ]),
    cities: ['/v1/cities', ...dataset.citySlugs.map((slug) => `/v1/cities/${slug}`)],
    'sections and tags': ['/v1/sections', '/v1/tags'],
    feeds: ['rss.xml', 'atom.xml', 'feed.json'].flatMap((feed) => [
      `/v1/feeds/${feed}`,
      ...sections.map((section) => `/v1/feeds/${feed}?section=${section}`),
      ...topTags.slice(0, 5).map((tag) => `/v1/feeds/${feed}?tag=${encodeURIComponent(tag)}`),
    ]),
    sitemap: ['/v1/sitemaps/news.xml'],
  };
  // Check the most requested URLs of each kind now (the skew puts them first): one that failed here
  // would be an error of the plan, not of the load. All 10,000 would take half a minute.
  for (const paths of Object.values(urls)) for (const path of paths.slice(0, checkedPerKind)) await getText(origin, path);
  const views = viewBodies(random, dataset.publishedSlugs, 2_000, 1);
  const viewBatches = Array.from(
    { length: 500 },
    () => viewBodies(random, dataset.publishedSlugs, 1, random.int(2, 10))[0] ?? '',
  );

  return {
    primingPaths: Object.values(urls).flatMap((paths) => paths.slice(0, 1)),
    urlCounts: Object.fromEntries(Object.entries(urls).map(([kind, paths]) => [kind, paths.length])),
    sequence(sequenceSeed: number, editorKey: string, weights: Weights, acceptEncoding: string) {
      const editor = { 'content-type': 'application/json', authorization: `Bearer ${editorKey}` };
      const reader: Record<string, string> = acceptEncoding === '' ? {} : { 'accept-encoding': acceptEncoding };
      const draw = createRandom(sequenceSeed);
      const pick = weightedPicker(draw, weights);
      let created = 0;
      return (): PlannedRequest => {
        const kind = pick();
        const paths = urls[kind];
        // Skewed: a few articles, pages and queries get most of the reads, as in news traffic.
        if (paths) return { kind, method: 'GET', path: draw.pickSkewed(paths), headers: reader };
        if (kind === 'view' || kind === 'view batch') {
          const body = draw.pickSkewed(kind === 'view' ? views : viewBatches);
          return { kind, method: 'POST', path: '/v1/views', headers: browserHeaders, body };
        }
        if (kind === 'article create') {
          created += 1;
          return { kind, method: 'POST', path: '/v1/articles', headers: editor, body: newArticle(draw, created) };
        }
        const body = JSON.stringify({ standfirst: words(draw, 20), tags: [draw.pick(contentWords.slice(0, 200))] });
        return { kind, method: 'PATCH', path: `/v1/articles/${draw.pick(articleIds)}`, headers: editor, body };
      };
    },
  };
}

function weightedPicker(random: Random, weights: Weights): () => Kind {
  const entries = Object.entries(weights).filter((entry): entry is [Kind, number] => isKind(entry[0]) && entry[1] > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let ticket = random.next() * total;
    for (const [kind, weight] of entries) {
      ticket -= weight;
      if (ticket < 0) return kind;
    }
    return entries[0]?.[0] ?? 'article by slug';
  };
}

function words(random: Random, count: number): string {
  const text = Array.from({ length: count }, () => random.pickSkewed(contentWords)).join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A small published article; the service derives a unique slug from the headline. */
function newArticle(random: Random, index: number): string {
  return JSON.stringify({
    headline: `Load test ${index}: ${words(random, 6)}`,
    standfirst: words(random, 18),
    section: random.pick(sections),
    tags: [random.pick(contentWords.slice(0, 200)), random.pick(contentWords.slice(0, 200))],
    source: { name: random.pick(sources).name },
    status: 'published',
    body: Array.from({ length: random.int(3, 8) }, () => ({ type: 'paragraph', text: words(random, 40) })),
  });
}
