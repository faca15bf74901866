// Where cached responses are kept. In memory here; a shared store (Redis, say) can implement
// the same interface when several instances serve one database.

export interface RepresentationStore<T> {
  get(key: string): T | undefined;
  /** Stores `value`, which takes about `bytes` of memory. */
  set(key: string, value: T, bytes: number): void;
  /** Records that the entry at `key` grew by `bytes` (a compressed form was added). */
  resize(key: string, bytes: number): void;
  delete(key: string): void;
  clear(): void;
}

/** A least-recently-used map bounded by the bytes its entries hold, so no client can grow it. */
export class MemoryRepresentationStore<T> implements RepresentationStore<T> {
  private readonly entries = new Map<string, { value: T; bytes: number }>();
  private bytes = 0;

  /** `overheadBytes`: what an entry takes besides its bytes and key, counted with them. */
  constructor(
    private readonly maxBytes: number,
    private readonly overheadBytes = 0,
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Map keeps insertion order: moving the entry to the end marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T, bytes: number): void {
    this.delete(key);
    const held = bytes + key.length + this.overheadBytes;
    this.entries.set(key, { value, bytes: held });
    this.bytes += held;
    this.evict();
  }

  resize(key: string, bytes: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    entry.bytes += bytes;
    this.bytes += bytes;
    this.evict();
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Bytes held, for tests and metrics. */
  get size(): number {
    return this.bytes;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      this.delete(key);
    }
  }
}
