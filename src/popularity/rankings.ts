// The rankings, computed ahead and served from memory. Each window's view totals are kept in
// memory and follow the database without summing it again: every write of buffered views adds
// its counts, and when the window's first hour moves on, the hours that left it are read (one
// small range of the bucket index) and subtracted. A window is summed in full only once after a
// start, by `warm` in slices between requests (at a million articles one 30-day sum in a single
// statement blocked the event loop for seconds), or on the spot when a ranking is asked for
// before that or the clock jumps back or past the whole window. At most once per
// POPULAR_MAX_AGE_SECONDS the totals are ordered with the facts of the articles (visible, not
// hidden from "Most Popular", newer first on a tie). Article changes only update those facts,
// so an edit, unpublishing or deletion shows at once.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type ArticleChange, changesVisibility } from '../articles/changes.js';
import type { StoredArticle } from '../articles/rows.js';
import type { Clock } from '../clock.js';
import { ArticleSlots, SlotFacts, SlotTotals } from './article-slots.js';
import { rankEntries, type ViewSnapshot } from './ordering.js';
import type { ArticleFacts, ArticleViews, ViewCount, ViewRepository } from './repository.js';
import { maxPopularLimit, type PopularWindow, popularWindows } from './schemas.js';
import { sumSlices, windowLength, windowStart } from './windows.js';

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

/** A window being summed in slices: the buckets from `from` up to `summedTo` are in its totals. */
interface PartialTotals {
  totals: SlotTotals;
  summedTo: number;
}

/** The window that holds every other's hours. */
const longestWindow: PopularWindow = '30d';

/** Articles whose facts are read in one turn while warming. */
const factsPerTurn = 1_000;

/**
 * A change that may move an article into or out of a ranking: its section, its "Most Popular"
 * flag, its visibility, or its publication time (ties go to the newer) changed. A new article has
 * no views yet, so cannot rank before the counts are next taken; nor can an edit of text or tags
 * move one.
 */
export function movesInRankings(change: ArticleChange): boolean {
  const { before, after } = change;
  if (before === null) return false;
  return (
    changesVisibility(change) ||
    before.section !== after.section ||
    before.hideFromPopular !== after.hideFromPopular ||
    before.publishedAt !== after.publishedAt
  );
}

function factsOf(article: StoredArticle): ArticleFacts {
  const { pk, section, status, publishedAt, deletedAt, hideFromPopular } = article;
  return { pk, section, status, publishedAt, deletedAt, hideFromPopular };
}

export class Rankings {
  /** Every window's totals and the articles' facts, in arrays indexed by the same slots. */
  private readonly slots = new ArticleSlots();
  private readonly totals = new Map<PopularWindow, SlotTotals>();
  private readonly partial = new Map<PopularWindow, PartialTotals>();
  private readonly warming = new Map<PopularWindow, Promise<void>>();
  private stopped = false;
  /** The totals each ranking was ordered from, kept to order again when articles change. */
  private readonly taken = new Map<PopularWindow, { computedAt: number; views: ViewSnapshot }>();
  private readonly facts = new SlotFacts(this.slots);
  private readonly ordered = new Map<PopularWindow, Ranking>();
  /** The longest window's first bucket when slots were last given back. */
  private releasedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: RankingsOptions) {}

  /** Articles that hold a slot: those with views in a window, and those changed since the last hour turned. */
  get articlesHeld(): number {
    return this.slots.size;
  }

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

  /**
   * Sums every window not summed yet, shortest first, one slice of its hours or days (or of its
   * articles' facts) per turn of the event loop. Not ranked here: the first ranking asked for
   * is taken then, holding every view written until then. Resolves when all are done; a
   * window that fails is left to be summed on the spot, and the first failure rejects.
   */
  async warm(): Promise<void> {
    let previous: Promise<void> = Promise.resolve();
    const failures: unknown[] = [];
    for (const window of popularWindows) {
      const done: Promise<void> = previous
        .then(() => this.warmWindow(window))
        .catch((error: unknown) => {
          this.partial.delete(window);
          failures.push(error);
        })
        .finally(() => {
          if (this.warming.get(window) === done) this.warming.delete(window);
        });
      this.warming.set(window, done);
      previous = done;
    }
    await previous;
    if (failures.length > 0) throw failures[0];
  }

  /** While `window` waits to be warmed or is being warmed: settles (never rejects) when it is done. */
  warmingOf(window: PopularWindow): Promise<void> | null {
    return this.warming.get(window) ?? null;
  }

  /** The app is closing: warming stops at its next turn. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Articles changed (written, published, hidden, deleted): their new facts apply at once, and
   * the rankings are ordered again when a change may move an article in them.
   */
  articlesChanged(changes: readonly ArticleChange[]): void {
    for (const { after } of changes) this.facts.set(factsOf(after));
    if (changes.some(movesInRankings)) this.ordered.clear();
  }

  /**
   * Articles written by another connection, as they are now (what they were is not known): the
   * facts of those the rankings hold are read again, and the rankings ordered again. The others'
   * facts are read at their first views, as always.
   */
  articlesRewritten(articles: readonly StoredArticle[]): void {
    const known = articles.filter((article) => this.facts.has(article.pk));
    for (const article of known) this.facts.set(factsOf(article));
    if (known.length > 0) this.ordered.clear();
  }

  /**
   * Counts were added to the stored ones (exactly what the buffer drained): each window counts
   * those in its hours, then moves to now. In that order, since the hours leaving the window are
   * subtracted as stored, these counts included, and a sum afresh includes them too. Called
   * before old buckets are pruned, so the hours leaving a window are still there to subtract.
   * A window being warmed counts those in the hours it has summed; its later slices read the rest.
   */
  written(counts: readonly ViewCount[]): void {
    const now = this.options.clock.now();
    for (const partial of this.partial.values()) addCounts(partial.totals, counts, partial.summedTo);
    let failure: unknown = null;
    for (const [window, totals] of this.totals) {
      try {
        addCounts(totals, counts, Number.POSITIVE_INFINITY);
        this.advance(window, totals, now);
      } catch (error) {
        // These totals may now miss a move or these counts: forget them, the next ranking sums afresh.
        this.totals.delete(window);
        failure = error;
      }
    }
    if (failure !== null) throw failure;
    this.releaseUnviewed();
  }

  /**
   * Once an hour, when the longest window moves on: gives back the slots of articles that no
   * window holds views of (their views left the 30 days, or only their facts were noted when
   * they changed). Only when every window is summed, since one being summed could still add
   * views to them; an article given back takes a slot again at its next views, and its facts are
   * read again then.
   */
  private releaseUnviewed(): void {
    const longest = this.totals.get(longestWindow);
    if (!longest || longest.from === this.releasedAt) return;
    if (this.partial.size > 0 || this.totals.size < popularWindows.length) return;
    this.releasedAt = longest.from;
    const windows = [...this.totals.values()];
    this.slots.releaseWhere(
      (slot) => windows.every((totals) => totals.viewsAt(slot) === 0),
      (slot) => this.facts.forget(slot),
    );
  }

  private async warmWindow(window: PopularWindow): Promise<void> {
    if (this.stopped || this.totals.has(window)) return;
    const now = this.options.clock.now();
    const from = windowStart(window, now);
    const partial: PartialTotals = { totals: new SlotTotals(this.slots, from), summedTo: from };
    this.partial.set(window, partial);
    for (const [start, end] of sumSlices(from, now)) {
      await nextTurn();
      // Closing, or a ranking asked for meanwhile summed the window on the spot.
      if (this.stopped || this.partial.get(window) !== partial) return;
      for (const { pk, views } of this.options.repository.totalsBetween(start, end)) partial.totals.add(pk, views);
      partial.summedTo = end;
    }
    // The last slice ran to the latest bucket: these are the window's totals from now on.
    this.partial.delete(window);
    this.totals.set(window, partial.totals);
    const unknown: number[] = [];
    partial.totals.forEach((pk) => {
      if (!this.facts.has(pk)) unknown.push(pk);
    });
    for (let start = 0; start < unknown.length; start += factsPerTurn) {
      await nextTurn();
      if (this.stopped) return;
      const part = unknown.slice(start, start + factsPerTurn).filter((pk) => !this.facts.has(pk));
      for (const facts of this.options.repository.factsByPk(part)) if (!this.facts.has(facts.pk)) this.facts.set(facts);
    }
  }

  private take(window: PopularWindow, asked: number) {
    this.options.beforeTaking();
    // The write may take a while and moves the windows to its own time: should an hour turn
    // meanwhile, the totals are already in it, and taking them at `asked` would look like the
    // clock going back (a sum of the whole window, on the request's turn). So as of now.
    const now = Math.max(asked, this.options.clock.now());
    const held = this.totals.get(window);
    const totals = held ? this.advance(window, held, now) : this.sum(window, now);
    // Typed arrays: a copy of 67,000 totals at a million articles, taken every refresh.
    const views = totals.snapshot();
    const unknown = Array.from(views.pks).filter((pk) => !this.facts.has(pk));
    for (const facts of this.options.repository.factsByPk(unknown)) this.facts.set(facts);
    const taken = { computedAt: now, views };
    this.taken.set(window, taken);
    this.releaseUnviewed();
    return taken;
  }

  /** Sums the whole window in the database at once: asked for before it was warmed, or after the clock jumped. */
  private sum(window: PopularWindow, now: number): SlotTotals {
    const totals = new SlotTotals(this.slots, windowStart(window, now));
    for (const { pk, views } of this.options.repository.totalsBetween(totals.from)) totals.add(pk, views);
    this.partial.delete(window);
    this.totals.set(window, totals);
    return totals;
  }

  /** Moves the window's totals to `now`: subtracts the hours that left it. */
  private advance(window: PopularWindow, totals: SlotTotals, now: number): SlotTotals {
    const from = windowStart(window, now);
    if (from === totals.from) return totals;
    // Back in time, or past the whole window (which holds its length and the current hour):
    // every hour held would be subtracted, so summing afresh is no dearer.
    if (from < totals.from || from - totals.from > windowLength(window)) return this.sum(window, now);
    const left = this.options.repository.totalsBetween(totals.from, from);
    for (const { pk, views } of left) totals.subtract(pk, views);
    totals.from = from;
    return totals;
  }

  private order(computedAt: number, views: ViewSnapshot, now: number): Ranking {
    return { computedAt, entries: rankEntries(views, this.facts, now, maxPopularLimit) };
  }
}

/** Adds the counts of the buckets from the totals' start up to `before`. */
function addCounts(totals: SlotTotals, counts: readonly ViewCount[], before: number): void {
  for (const { articlePk, bucketStart, views } of counts) {
    if (bucketStart >= totals.from && bucketStart < before) totals.add(articlePk, views);
  }
}
