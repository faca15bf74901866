// Repeat views: one visitor's views of one article within 30 minutes count once. The memory is
// bounded: a Map in insertion order is both the time order and the eviction order, and the
// oldest pair goes when it is full. Keys are 53-bit hashes of (visitor, article) and values whole
// seconds, which keeps an entry near 60 bytes (see README); a hash collision, about one in 10^10
// pairs at a million entries, can only drop a view, never add one.
import { hash53 } from './hash53.js';

export interface RepeatViews {
  /** True when `visitorId` viewed the article within the period; otherwise remembers this view. */
  isRepeat(visitorId: string, articlePk: number, now: number): boolean;
  /** Forgets the view `isRepeat` has just remembered, which could not be recorded after all: the visitor's next one counts. */
  forget(visitorId: string, articlePk: number): void;
  readonly size: number;
}

/** Expired pairs are swept from the front once per this many new pairs, not on every view. */
const sweepEvery = 1024;

export class MemoryRepeatViews implements RepeatViews {
  /** hash → the second after the counted view, oldest first. */
  private readonly seen = new Map<number, number>();
  private insertsSinceSweep = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly periodMs: number,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  isRepeat(visitorId: string, articlePk: number, now: number): boolean {
    const key = hash53(visitorId, articlePk);
    const counted = this.seen.get(key);
    if (counted !== undefined && this.within(counted, now)) return true;
    // Re-inserted at the end, so the map stays in the order views were counted.
    if (counted !== undefined) this.seen.delete(key);
    // The second after the view, not the one it fell in: a period counted from a second rounded
    // down ends up to a second early, and a repeat just inside 30 minutes counted again. Rounded
    // up, it may last up to a second longer, never shorter.
    this.seen.set(key, Math.ceil(now / 1000));
    if (this.seen.size > this.maxEntries) this.dropOldest(now, true);
    else if (++this.insertsSinceSweep >= sweepEvery) this.dropOldest(now, false);
    return false;
  }

  /** Whether a view counted at `second` (rounded up) is within the period at `now`. */
  private within(second: number, now: number): boolean {
    return now - second * 1000 < this.periodMs;
  }

  forget(visitorId: string, articlePk: number): void {
    this.seen.delete(hash53(visitorId, articlePk));
  }

  /** Drops the oldest pair when over the bound, and from the front every pair whose period is over. */
  private dropOldest(now: number, overBound: boolean): void {
    this.insertsSinceSweep = 0;
    let over = overBound;
    for (const [key, counted] of this.seen) {
      if (!over && this.within(counted, now)) break;
      this.seen.delete(key);
      over = false;
    }
  }
}
