// The articles that incoming views name, by id or slug: for each key kept, its article's pk and
// from when the article counts views. A key not kept costs a look-up in SQLite (tens of µs at a
// million articles, a covering index). Until 2026-12-06 a Map of 20,000 keys, cleared when full,
// kept them: with views spread evenly over the benchmark's read set of 50,000 articles it missed
// 78% of them; this table, 2^17 keys in typed arrays, misses 4% (the first view of each, and a
// few for want of room), and a new key allocates nothing (a Map's cleared keys and facts objects
// were garbage for the old generation). A key is two 53-bit hashes; a false match needs both to
// collide with a key kept in the same set, about one look-up in 2^100. The table is 4-way
// set-associative: a key may sit in one set of four entries, and a new key takes an empty one
// or, when none is, the one used least recently, so the articles being read stay while the rest
// of the archive passes through.
import { isVisible } from '../articles/changes.js';
import { hash53 } from './hash53.js';
import type { ArticleFacts } from './repository.js';

const ways = 4;
const firstSeed = 0x5eed1;
const secondSeed = 0x5eed2;

/** From when the article counts views (published, not deleted); NaN: never, also for no article. */
function visibleFromOf(facts: ArticleFacts | null): number {
  // Visible at some time: published and not deleted; from its publication on.
  return facts && isVisible(facts, Number.POSITIVE_INFINITY) ? (facts.publishedAt ?? Number.NaN) : Number.NaN;
}

export class ArticleLookups {
  private readonly sets: number;
  /** The key's two hashes, -1 for an empty entry (a hash is at least 0). */
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  /** The article's pk, 0 when no article has the key. */
  private readonly pks: Float64Array;
  private readonly visibleFrom: Float64Array;
  /** When each entry was last used, in look-ups since the start. */
  private readonly used: Float64Array;
  private lookups = 0;

  /**
   * `entries` keys at most (a multiple of four); `load` finds the facts of a key not kept, null
   * when no article has it. 40 bytes a key: 2^17 entries take 5 MiB.
   */
  constructor(
    entries: number,
    private readonly load: (key: string) => ArticleFacts | null,
  ) {
    this.sets = Math.max(1, Math.floor(entries / ways));
    const size = this.sets * ways;
    this.first = new Float64Array(size).fill(-1);
    this.second = new Float64Array(size);
    this.pks = new Float64Array(size);
    this.visibleFrom = new Float64Array(size);
    this.used = new Float64Array(size);
  }

  /** The entry holding `key`, or -1. */
  private find(key: string, first: number): number {
    const base = (first % this.sets) * ways;
    let second = -1;
    for (let entry = base; entry < base + ways; entry += 1) {
      if (this.first[entry] !== first) continue;
      if (second === -1) second = hash53(key, secondSeed);
      if (this.second[entry] !== second) continue;
      this.lookups += 1;
      this.used[entry] = this.lookups;
      return entry;
    }
    return -1;
  }

  /** The entry of `key`: kept, or loaded now and kept in its set's empty or least recently used entry. */
  entryOf(key: string): number {
    const first = hash53(key, firstSeed);
    const found = this.find(key, first);
    if (found !== -1) return found;
    const facts = this.load(key);
    const entry = this.entryToTake(first % this.sets);
    this.lookups += 1;
    this.used[entry] = this.lookups;
    this.first[entry] = first;
    this.second[entry] = hash53(key, secondSeed);
    this.pks[entry] = facts?.pk ?? 0;
    this.visibleFrom[entry] = visibleFromOf(facts);
    return entry;
  }

  /** An empty entry of the set, else the one used least recently. */
  private entryToTake(set: number): number {
    const base = set * ways;
    let oldest = base;
    for (let entry = base; entry < base + ways; entry += 1) {
      if (this.first[entry] === -1) return entry;
      if ((this.used[entry] ?? 0) < (this.used[oldest] ?? 0)) oldest = entry;
    }
    return oldest;
  }

  pkAt(entry: number): number {
    return this.pks[entry] ?? 0;
  }

  /** Whether the entry's article counts views at `now`: published by then and not deleted. */
  visibleAt(entry: number, now: number): boolean {
    // NaN, never visible, fails the comparison.
    return (this.visibleFrom[entry] ?? Number.NaN) <= now;
  }

  /** Drops `key` (its article changed): its next view loads it again. */
  forget(key: string): void {
    const entry = this.find(key, hash53(key, firstSeed));
    if (entry !== -1) this.first[entry] = -1;
  }

  /**
   * Drops every key of the article with `pk`, whatever it is (a slug it had before a rename, by
   * which views still name it): a read of the whole table, some 100 µs, once per article write.
   */
  forgetArticle(pk: number): void {
    for (let entry = 0; entry < this.pks.length; entry += 1) if (this.pks[entry] === pk) this.first[entry] = -1;
  }

  /** Drops every key (articles changed, which ones and under what old slugs unknown). */
  clear(): void {
    this.first.fill(-1);
  }
}
