// The response caches' memory: one budget (CACHE_MAX_BYTES) split between the four stores, and
// their hits, misses and bytes on GET /metrics. One total keeps the process's resident memory
// predictable (README "Scale"); the split follows what each cache holds (see cacheShares).
import { Counter, Gauge, type Registry } from 'prom-client';
import type { LookupOutcome } from './caching.js';
import { MemoryRepresentationStore } from './representation-store.js';

export type CacheName = 'articles' | 'page' | 'popular' | 'dateline';
const cacheNames: CacheName[] = ['articles', 'page', 'popular', 'dateline'];
/** What the budget is split between: the four response caches and the feeds' items (syndication/feed-writer.ts). */
export type BudgetName = CacheName | 'feedItems';

/**
 * Each store's part of the budget. Articles (with related lists, lists, search and feeds) hold
 * nearly everything: an article is about 7 KB, its related list 4 KB, a feed 330 KB. A page
 * (about 20 KB) is made of parts kept in the other stores, so a page missing from its own store
 * is put together again from them (some 100 µs), while an article or related list missing from
 * its store is computed again (0.3 and 1.1 ms at 10,000 articles): in the load test, with 56%
 * for articles and 40% for pages, articles and related lists were evicted and computed again
 * about 120 times a second. Feeds are put together from items kept apart (about 6.5 KB an
 * article and format; the load test's 33 feeds hold some 1,600). A ranking is a few lists of 8 KB
 * per window and a dateline a few hundred bytes, so their parts are small; a part left unused
 * costs nothing, as stores grow only as they fill.
 */
export const cacheShares: Record<BudgetName, number> = {
  articles: 0.72,
  page: 0.16,
  feedItems: 0.08,
  popular: 0.01,
  dateline: 0.03,
};

/**
 * What a cached response takes besides its bodies and key, counted with them: the
 * Representation, its headers, ETag and date strings, the Buffer objects, the map's entry.
 * About 500 bytes by the object sizes in a heap snapshot; it matters for small bodies (a
 * dateline is 270 bytes).
 */
export const entryOverheadBytes = 512;

/** Bytes for each store; together at most `totalBytes`. */
export function cacheBudgets(totalBytes: number): Record<BudgetName, number> {
  const budgets = {} as Record<BudgetName, number>;
  for (const [name, share] of Object.entries(cacheShares) as [BudgetName, number][]) {
    budgets[name] = Math.floor(totalBytes * share);
  }
  return budgets;
}

/** The four stores, each bounded by its budget, and how each counts its lookups in `registry`'s `response_cache_*` metrics. */
export function createCacheStores<T extends {}>(
  budgets: Record<CacheName, number>,
  registry: Registry,
): Record<CacheName, { store: MemoryRepresentationStore<T>; onLookup: (outcome: LookupOutcome) => void }> {
  const stores = {} as Record<CacheName, MemoryRepresentationStore<T>>;
  for (const name of cacheNames) stores[name] = new MemoryRepresentationStore<T>(budgets[name], entryOverheadBytes);
  const lookups = new Counter({
    name: 'response_cache_lookups_total',
    help: 'Response cache lookups by cache and outcome (hit; miss: none stored; expired: stored, but past its time).',
    labelNames: ['cache', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'response_cache_bytes',
    help: 'Bytes each response cache accounts for (bodies, keys and a fixed overhead per entry), against its budget.',
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const name of cacheNames) this.set({ cache: name }, stores[name].size);
    },
  });
  const outcomes: LookupOutcome[] = ['hit', 'miss', 'expired'];
  const caches = {} as Record<CacheName, { store: MemoryRepresentationStore<T>; onLookup: (outcome: LookupOutcome) => void }>;
  for (const name of cacheNames) {
    const counters = Object.fromEntries(outcomes.map((outcome) => [outcome, lookups.labels({ cache: name, outcome })]));
    for (const counter of Object.values(counters)) counter.inc(0);
    caches[name] = { store: stores[name], onLookup: (outcome) => counters[outcome]?.inc() };
  }
  return caches;
}
