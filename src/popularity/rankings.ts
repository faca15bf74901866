// The rankings, computed ahead and served from memory. Each window's view totals are kept in
// memory and follow the database without summing it again: every write of buffered views adds
// its counts, and when the window's first hour moves on, the hours that left it are read (one
// small range of the bucket index) and subtracted. The full window is summed only at its first
// use, or when the clock jumps back or past the whole window. At most once per
// POPULAR_MAX_AGE_SECONDS the totals are ordered with the facts of the articles (visible, not
// hidden from "Most Popular", newer first on a tie). Article changes only update those facts,
// so an edit, unpublishing or deletion shows at once.
import type { Clock } from '../clock.js';
import type { ArticleFacts, ArticleViews, ViewCount, ViewRepository } from './repository.js';
import type { PopularWindow } from './schemas.js';

const hourMs = 3_600_000;
const windowMs: Record<PopularWindow, number> = {
  '1h': hourMs,
  '24h': 24 * hourMs,
  '7d': 7 * 24 * hourMs,
  '30d': 30 * 24 * hourMs,
};

/** The longest window: older buckets are never read again. */
export const longestWindowMs = windowMs['30d'];

export function bucketOf(at: number): number {
  return Math.floor(at / hourMs) * hourMs;
}

/**
 * The first bucket a window counts at `now`: every hour that overlaps the last `window`, so the
 * 1h window holds the current hour and the previous one, and no view drops out early.
 */
export function windowStart(window: PopularWindow, now: number): number {
  return bucketOf(now) - windowMs[window];
}

/** Visible to the public at `now`. */
export function isVisible(facts: ArticleFacts, now: number): boolean {
  return facts.deletedAt === null && facts.status === 'published' && facts.publishedAt !== null && facts.publishedAt <= now;
}

export interface Ranking {
  /** When the totals were taken; they hold every view recorded before. */
  computedAt: number;
  /** Articles that may rank, most viewed first. */
  entries: ReadonlyArray<ArticleViews & { section: string }>;
}

export interface RankingsOptions {
  repository: ViewRepository;
  clock: Clock;
  maxAgeMs: number;
  /** Runs before the totals are taken: writes the buffered views, which come back through `written`. */
  beforeTaking: () => void;
}

/** A window's totals: every stored view in the buckets from `from` on, pk → views. */
interface WindowTotals {
  from: number;
  views: Map<number, number>;
}

export class Rankings {
  private readonly totals = new Map<PopularWindow, WindowTotals>();
  /** The totals each ranking was ordered from, kept to order again when articles change. */
  private readonly taken = new Map<PopularWindow, { computedAt: number; views: ArticleViews[] }>();
  private readonly facts = new Map<number, ArticleFacts>();
  private readonly ordered = new Map<PopularWindow, Ranking>();

  constructor(private readonly options: RankingsOptions) {}

  /** The ranking of `window`, its totals taken at most `maxAgeMs` ago. */
  ranking(window: PopularWindow): Ranking {
    const now = this.options.clock.now();
    let taken = this.taken.get(window);
    if (!taken || now - taken.computedAt >= this.options.maxAgeMs || now < taken.computedAt) {
      taken = this.take(window, now);
      this.ordered.delete(window);
    }
    let ranking = this.ordered.get(window);
    if (!ranking) {
      ranking = this.order(taken.computedAt, taken.views, now);
      this.ordered.set(window, ranking);
    }
    return ranking;
  }

  /** Articles changed (written, published, hidden, deleted): their new facts apply at once. */
  articlesChanged(changed: readonly ArticleFacts[]): void {
    for (const facts of changed) this.facts.set(facts.pk, facts);
    this.ordered.clear();
  }

  /**
   * Counts were added to the stored ones (exactly what the buffer drained): each window counts
   * those in its hours, then moves to now. In that order, since the hours leaving the window are
   * subtracted as stored, these counts included, and a sum afresh includes them too. Called
   * before old buckets are pruned, so the hours leaving a window are still there to subtract.
   */
  written(counts: readonly ViewCount[]): void {
    const now = this.options.clock.now();
    let failure: unknown = null;
    for (const [window, totals] of this.totals) {
      try {
        for (const { articlePk, bucketStart, views } of counts) {
          if (bucketStart >= totals.from) totals.views.set(articlePk, (totals.views.get(articlePk) ?? 0) + views);
        }
        this.advance(window, totals, now);
      } catch (error) {
        // These totals may now miss a move or these counts: forget them, the next ranking sums afresh.
        this.totals.delete(window);
        failure = error;
      }
    }
    if (failure !== null) throw failure;
  }

  private take(window: PopularWindow, now: number) {
    this.options.beforeTaking();
    const held = this.totals.get(window);
    const totals = held ? this.advance(window, held, now) : this.sum(window, now);
    const views: ArticleViews[] = [];
    const unknown: number[] = [];
    for (const [pk, count] of totals.views) {
      views.push({ pk, views: count });
      if (!this.facts.has(pk)) unknown.push(pk);
    }
    for (const facts of this.options.repository.factsByPk(unknown)) this.facts.set(facts.pk, facts);
    const taken = { computedAt: now, views };
    this.taken.set(window, taken);
    return taken;
  }

  /** Sums the whole window in the database: its first use, or after the clock jumped. */
  private sum(window: PopularWindow, now: number): WindowTotals {
    const from = windowStart(window, now);
    const views = new Map(this.options.repository.totalsSince(from).map(({ pk, views }) => [pk, views]));
    const totals = { from, views };
    this.totals.set(window, totals);
    return totals;
  }

  /** Moves the window's totals to `now`: subtracts the hours that left it. */
  private advance(window: PopularWindow, totals: WindowTotals, now: number): WindowTotals {
    const from = windowStart(window, now);
    if (from === totals.from) return totals;
    // Back in time, or past the whole window (which holds windowMs and the current hour): every
    // hour held would be subtracted, so summing afresh is no dearer.
    if (from < totals.from || from - totals.from > windowMs[window]) return this.sum(window, now);
    const left = this.options.repository.totalsBetween(totals.from, from);
    for (const { pk, views } of left) {
      const remaining = (totals.views.get(pk) ?? 0) - views;
      if (remaining > 0) totals.views.set(pk, remaining);
      else totals.views.delete(pk);
    }
    totals.from = from;
    return totals;
  }

  private order(computedAt: number, views: readonly ArticleViews[], now: number): Ranking {
    const entries: Array<ArticleViews & { section: string; publishedAt: number }> = [];
    for (const { pk, views: count } of views) {
      const facts = this.facts.get(pk);
      if (!facts || facts.hideFromPopular || !isVisible(facts, now)) continue;
      entries.push({ pk, views: count, section: facts.section, publishedAt: facts.publishedAt ?? 0 });
    }
    entries.sort((a, b) => b.views - a.views || b.publishedAt - a.publishedAt || b.pk - a.pk);
    return { computedAt, entries };
  }
}
