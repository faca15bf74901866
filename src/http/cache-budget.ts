// The response caches' memory: one budget (CACHE_MAX_BYTES) split between the four stores, and
// their hits, misses and bytes on GET /metrics. One total keeps the process's resident memory
// predictable (README "Scale"); the split follows what each cache holds (see cacheShares).
import { Counter, Gauge, type Registry } from 'prom-client';
import { MemoryRepresentationStore, type RepresentationStore } from './representation-store.js';

export type CacheName = 'articles' | 'page' | 'popular' | 'dateline';

/**
 * Each store's part of the budget. Articles (with related lists, lists, search and feeds) and
 * article pages hold nearly everything: a page is about 20 KB, an article 7 KB, its related
 * list 4 KB, and a page's parts are stored in the articles' store too. A ranking is a few
 * lists of 8 KB per window and a dateline a few hundred bytes, so their parts are small; a part
 * left unused costs nothing, as stores grow only as they fill.
 */
export const cacheShares: Record<CacheName, number> = { articles: 0.56, page: 0.4, popular: 0.01, dateline: 0.03 };

/**
 * What an entry takes besides its bodies and key, counted with them: the Representation, its
 * headers, ETag and date strings, the Buffer objects and their allocations, the map's entry.
 * About 500 bytes by the object sizes in a heap snapshot; it matters for small bodies (a
 * dateline is 270 bytes).
 */
export const entryOverheadBytes = 512;

/** Bytes for each store; together at most `totalBytes`. */
export function cacheBudgets(totalBytes: number): Record<CacheName, number> {
  const budgets = {} as Record<CacheName, number>;
  for (const [name, share] of Object.entries(cacheShares) as [CacheName, number][]) {
    budgets[name] = Math.floor(totalBytes * share);
  }
  return budgets;
}

/**
 * A store that counts each entry's overhead against its budget and its lookups by outcome; the
 * bytes it holds are read when /metrics is.
 */
class BudgetedStore<T> implements RepresentationStore<T> {
  constructor(
    private readonly inner: MemoryRepresentationStore<T>,
    private readonly onLookup: (hit: boolean) => void,
  ) {}

  get(key: string): T | undefined {
    const value = this.inner.get(key);
    this.onLookup(value !== undefined);
    return value;
  }

  set(key: string, value: T, bytes: number): void {
    this.inner.set(key, value, bytes + entryOverheadBytes);
  }

  resize(key: string, bytes: number): void {
    this.inner.resize(key, bytes);
  }

  clear(): void {
    this.inner.clear();
  }
}

/** The four stores, each bounded by its budget, with `response_cache_*` metrics in `registry`. */
export function createCacheStores<T>(
  budgets: Record<CacheName, number>,
  registry: Registry,
): Record<CacheName, RepresentationStore<T>> {
  const stores = {} as Record<CacheName, MemoryRepresentationStore<T>>;
  for (const name of Object.keys(budgets) as CacheName[]) stores[name] = new MemoryRepresentationStore<T>(budgets[name]);
  const lookups = new Counter({
    name: 'response_cache_lookups_total',
    help: 'Response cache lookups by cache and outcome (hit: a stored entry, expired or not; miss: none).',
    labelNames: ['cache', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'response_cache_bytes',
    help: 'Bytes each response cache accounts for (bodies, keys and a fixed overhead per entry), against its budget.',
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const name of Object.keys(stores) as CacheName[]) this.set({ cache: name }, stores[name].size);
    },
  });
  const counted = {} as Record<CacheName, RepresentationStore<T>>;
  for (const name of Object.keys(stores) as CacheName[]) {
    const hits = lookups.labels({ cache: name, outcome: 'hit' });
    const misses = lookups.labels({ cache: name, outcome: 'miss' });
    hits.inc(0);
    misses.inc(0);
    counted[name] = new BudgetedStore(stores[name], (hit) => (hit ? hits : misses).inc());
  }
  return counted;
}
