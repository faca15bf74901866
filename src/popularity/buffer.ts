// The view buffer: accepted views wait here, summed per article and hour, until a flush writes
// them in one transaction. Behind an interface so a shared store (Redis, say) can take its place
// when several instances serve the API.
import type { ViewCount } from './repository.js';

export interface ViewBuffer {
  /** Adds `views` views of the article `articlePk` in the hour starting at `bucketStart`. */
  add(articlePk: number, bucketStart: number, views: number): void;
  /** Distinct article-hour counts waiting. */
  readonly entries: number;
  /** Takes every waiting count out of the buffer. */
  drain(): ViewCount[];
  /** Puts counts back (a write failed), so they are written with the next flush. */
  restore(counts: readonly ViewCount[]): void;
}

export class MemoryViewBuffer implements ViewBuffer {
  /** bucketStart → articlePk → views: views mostly fall in the current hour, so the outer map stays tiny. */
  private buckets = new Map<number, Map<number, number>>();
  private count = 0;

  get entries(): number {
    return this.count;
  }

  add(articlePk: number, bucketStart: number, views: number): void {
    let bucket = this.buckets.get(bucketStart);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(bucketStart, bucket);
    }
    const before = bucket.get(articlePk);
    if (before === undefined) this.count += 1;
    bucket.set(articlePk, (before ?? 0) + views);
  }

  drain(): ViewCount[] {
    const out: ViewCount[] = [];
    for (const [bucketStart, bucket] of this.buckets) {
      for (const [articlePk, views] of bucket) out.push({ articlePk, bucketStart, views });
    }
    this.buckets = new Map();
    this.count = 0;
    return out;
  }

  restore(counts: readonly ViewCount[]): void {
    for (const { articlePk, bucketStart, views } of counts) this.add(articlePk, bucketStart, views);
  }
}
