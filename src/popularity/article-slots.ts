// The rankings' per-article numbers, in typed arrays: each article viewed (or changed) gets one
// slot, and every window's totals and the articles' facts are arrays indexed by it. As one Map
// per window (pk → views) and a Map of fact objects they took about 250 bytes an article (heap
// snapshot at a million articles: five Maps of 7 MiB, the objects besides), and V8 lets its heap
// grow to about twice what it holds. Here an article takes about 80: its entry in the pk → slot
// Map, its pk, 8 bytes a window and 12 of facts. `npm run bench:memory -- --articles 1000000`:
// heap in use before the ingestion 50-56 MiB instead of 83-93. Slots of articles no window holds
// views of are given back and taken again (Rankings), so the arrays grow with the articles read
// in the last 30 days, not with every article viewed since the start.
import { isVisible } from '../articles/changes.js';
import type { ViewSnapshot } from './ordering.js';
import type { ArticleFacts } from './repository.js';

/** Arrays start this long and double as slots are taken. */
const initialCapacity = 1_024;

function grown<T extends Float64Array | Int32Array>(array: T, capacity: number, make: (length: number) => T): T {
  if (array.length >= capacity) return array;
  const next = make(capacity);
  next.set(array);
  return next;
}

/** Which article each slot holds. */
export class ArticleSlots {
  private readonly slots = new Map<number, number>();
  private pks = new Float64Array(initialCapacity);
  /** Slots given back, taken again first. */
  private readonly free: number[] = [];
  /** Slots ever taken: every slot below is held or free. */
  private used = 0;

  get size(): number {
    return this.slots.size;
  }

  /** How long the arrays indexed by slot must be to hold every slot taken. */
  get capacity(): number {
    return this.pks.length;
  }

  slotOf(pk: number): number | undefined {
    return this.slots.get(pk);
  }

  /** The article's slot, taken now when it has none: one given back, else a new one. */
  take(pk: number): number {
    let slot = this.slots.get(pk);
    if (slot === undefined) {
      slot = this.free.pop() ?? this.used++;
      if (slot >= this.pks.length) this.pks = grown(this.pks, 2 * this.pks.length, (n) => new Float64Array(n));
      this.pks[slot] = pk;
      this.slots.set(pk, slot);
    }
    return slot;
  }

  pkAt(slot: number): number {
    return this.pks[slot] ?? 0;
  }

  /**
   * Gives back every held slot `unused` says yes to, calling `release` with each first: the
   * arrays indexed by slots must hold nothing for it when it is taken again (zero views, no facts).
   */
  releaseWhere(unused: (slot: number) => boolean, release: (slot: number) => void): void {
    for (const [pk, slot] of this.slots) {
      if (!unused(slot)) continue;
      release(slot);
      this.slots.delete(pk);
      this.pks[slot] = 0;
      this.free.push(slot);
    }
  }
}

/** A window's view totals, one per slot; 0 is no views. */
export class SlotTotals {
  private views = new Float64Array(0);

  constructor(
    private readonly slots: ArticleSlots,
    /** The first bucket the totals hold. */
    public from: number,
  ) {}

  add(pk: number, views: number): void {
    const slot = this.slots.take(pk);
    if (slot >= this.views.length) this.views = grown(this.views, this.slots.capacity, (n) => new Float64Array(n));
    this.views[slot] = (this.views[slot] ?? 0) + views;
  }

  /** The views of the article in `slot`. */
  viewsAt(slot: number): number {
    return this.views[slot] ?? 0;
  }

  /** Takes views away, down to none. */
  subtract(pk: number, views: number): void {
    const slot = this.slots.slotOf(pk);
    if (slot === undefined || slot >= this.views.length) return;
    const remaining = (this.views[slot] ?? 0) - views;
    this.views[slot] = Math.max(remaining, 0);
  }

  /** The articles with views and their totals, in slot order. */
  snapshot(): ViewSnapshot {
    const { views } = this;
    let count = 0;
    for (let slot = 0; slot < views.length; slot += 1) if ((views[slot] ?? 0) > 0) count += 1;
    const snapshot: ViewSnapshot = { pks: new Float64Array(count), views: new Float64Array(count) };
    let index = 0;
    for (let slot = 0; slot < views.length; slot += 1) {
      const total = views[slot] ?? 0;
      if (total <= 0) continue;
      snapshot.pks[index] = this.slots.pkAt(slot);
      snapshot.views[index] = total;
      index += 1;
    }
    return snapshot;
  }

  /** Calls `each` with every article that has views, in slot order. */
  forEach(each: (pk: number, views: number) => void): void {
    const { views } = this;
    for (let slot = 0; slot < views.length; slot += 1) {
      const count = views[slot] ?? 0;
      if (count > 0) each(this.slots.pkAt(slot), count);
    }
  }
}

/** What ordering a ranking needs to know of an article, without an object per article. */
export interface RankFacts {
  /** The article's section when it may rank at `now` (visible, not hidden from "Most Popular"); else null, also when unknown. */
  rankingSection(pk: number, now: number): string | null;
  /** When an article that may rank was published, ms. */
  publishedAt(pk: number): number;
}

/** The facts of the articles in slots: their section, and from when they may rank. */
export class SlotFacts implements RankFacts {
  /** 1 + the index of the section's name; 0 while the facts are not known. */
  private sections = new Int32Array(0);
  /** When the article became visible, if it is not hidden from "Most Popular" and not deleted; else NaN. */
  private ranksFrom = new Float64Array(0);
  private readonly sectionNames: string[] = [];
  private readonly sectionIndex = new Map<string, number>();

  constructor(private readonly slots: ArticleSlots) {}

  has(pk: number): boolean {
    const slot = this.slots.slotOf(pk);
    return slot !== undefined && (this.sections[slot] ?? 0) !== 0;
  }

  set(facts: ArticleFacts): void {
    const slot = this.slots.take(facts.pk);
    if (slot >= this.sections.length) {
      this.sections = grown(this.sections, this.slots.capacity, (n) => new Int32Array(n));
      this.ranksFrom = grown(this.ranksFrom, this.slots.capacity, (n) => new Float64Array(n));
    }
    let section = this.sectionIndex.get(facts.section);
    if (section === undefined) {
      section = this.sectionNames.length;
      this.sectionNames.push(facts.section);
      this.sectionIndex.set(facts.section, section);
    }
    this.sections[slot] = section + 1;
    // Visible at some time: published and not deleted; from then on while not hidden.
    const ranks = !facts.hideFromPopular && isVisible(facts, Number.POSITIVE_INFINITY);
    this.ranksFrom[slot] = ranks ? (facts.publishedAt ?? Number.NaN) : Number.NaN;
  }

  /** Forgets the facts of the article in `slot`, which is given back. */
  forget(slot: number): void {
    if (slot >= this.sections.length) return;
    this.sections[slot] = 0;
    this.ranksFrom[slot] = Number.NaN;
  }

  rankingSection(pk: number, now: number): string | null {
    const slot = this.slots.slotOf(pk);
    // NaN, never ranking, fails the comparison.
    if (slot === undefined || !((this.ranksFrom[slot] ?? Number.NaN) <= now)) return null;
    return this.sectionNames[(this.sections[slot] ?? 0) - 1] ?? null;
  }

  publishedAt(pk: number): number {
    const slot = this.slots.slotOf(pk);
    const at = slot === undefined ? Number.NaN : (this.ranksFrom[slot] ?? Number.NaN);
    return Number.isNaN(at) ? 0 : at;
  }
}
