// The rankings, computed ahead and served from memory: each window's view totals are summed in
// the database at most once per POPULAR_MAX_AGE_SECONDS, and ordered with the facts of the
// articles (visible, not hidden from "Most Popular", newer first on a tie). Article changes only
// update those facts, so an edit, unpublishing or deletion shows at once without summing again.
import type { Clock } from '../clock.js';
import type { ArticleFacts, ArticleViews, ViewRepository } from './repository.js';
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
  /** When the totals were summed; they hold every view recorded before. */
  computedAt: number;
  /** Articles that may rank, most viewed first. */
  entries: ReadonlyArray<ArticleViews & { section: string }>;
}

export interface RankingsOptions {
  repository: ViewRepository;
  clock: Clock;
  maxAgeMs: number;
  /** Runs before totals are summed: writes the buffered views, so the sums include them. */
  beforeSumming: () => void;
}

export class Rankings {
  private readonly totals = new Map<PopularWindow, { computedAt: number; views: ArticleViews[] }>();
  private readonly facts = new Map<number, ArticleFacts>();
  private readonly ordered = new Map<PopularWindow, Ranking>();

  constructor(private readonly options: RankingsOptions) {}

  /** The ranking of `window`, summed at most `maxAgeMs` ago. */
  ranking(window: PopularWindow): Ranking {
    const now = this.options.clock.now();
    let totals = this.totals.get(window);
    if (!totals || now - totals.computedAt >= this.options.maxAgeMs || now < totals.computedAt) {
      totals = this.sum(window, now);
      this.ordered.delete(window);
    }
    let ranking = this.ordered.get(window);
    if (!ranking) {
      ranking = this.order(totals.computedAt, totals.views, now);
      this.ordered.set(window, ranking);
    }
    return ranking;
  }

  /** Articles changed (written, published, hidden, deleted): their new facts apply at once. */
  articlesChanged(changed: readonly ArticleFacts[]): void {
    for (const facts of changed) this.facts.set(facts.pk, facts);
    this.ordered.clear();
  }

  private sum(window: PopularWindow, now: number) {
    this.options.beforeSumming();
    const views = this.options.repository.totalsSince(windowStart(window, now));
    const unknown = views.filter(({ pk }) => !this.facts.has(pk)).map(({ pk }) => pk);
    for (const facts of this.options.repository.factsByPk(unknown)) this.facts.set(facts.pk, facts);
    const totals = { computedAt: now, views };
    this.totals.set(window, totals);
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
