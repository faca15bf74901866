// Where cached responses are kept. In memory here; a shared store (Redis, say) can implement
// the same interface when several instances serve one database.
import { LRUCache } from 'lru-cache';

export interface RepresentationStore<T> {
  get(key: string): T | undefined;
  /** Stores `value`, which takes about `bytes` of memory. */
  set(key: string, value: T, bytes: number): void;
  /** Records that the entry at `key` grew by `bytes` (a compressed form was added). */
  resize(key: string, bytes: number): void;
  delete(key: string): void;
  clear(): void;
}

/**
 * A least-recently-used store bounded by the bytes its entries hold, so no client can grow it:
 * lru-cache, whose hits change no Map. Until 2026-12-07 a Map kept the order itself, each hit
 * deleting its key and setting it again; V8 leaves a deleted entry in its bucket's chain until the
 * table is rehashed, so a few keys asked for thousands of times a second grew their chains, and
 * each hit walked them. At a million articles a cached list page cost 60 µs of CPU instead of 30
 * (`npm run bench:memory`), a third of it in that `set`.
 */
export class MemoryRepresentationStore<T extends {}> implements RepresentationStore<T> {
  private readonly entries: LRUCache<string, T>;

  /** `overheadBytes`: what an entry takes besides its bytes and key, counted with them. */
  constructor(
    maxBytes: number,
    private readonly overheadBytes = 0,
  ) {
    // An entry larger than the whole store is not kept (lru-cache's maxEntrySize is its maxSize).
    this.entries = new LRUCache<string, T>({ maxSize: Math.max(1, maxBytes) });
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: T, bytes: number): void {
    this.entries.set(key, value, { size: bytes + key.length + this.overheadBytes });
  }

  resize(key: string, bytes: number): void {
    const entry = this.entries.info(key);
    if (entry === undefined) return;
    // lru-cache keeps an entry's size when the same value is set again: take it out first.
    this.entries.delete(key);
    this.entries.set(key, entry.value, { size: (entry.size ?? 0) + bytes });
  }

  clear(): void {
    this.entries.clear();
  }

  /** Bytes held, for tests and metrics. */
  get size(): number {
    return this.entries.calculatedSize;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
