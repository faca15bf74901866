// The popularity rules: which views count (a visible article, no bot, no repeat within 30
// minutes), buffering them so no request writes to the database (journaled first, so a crash
// loses none: journal.ts), writing them in batches, and the "Most Popular" list of a window.
// GET /v1/popular and the article page both call `popularFresh`, so they show the same list.
import { isbot } from 'isbot';
import type { ArticleChange } from '../articles/changes.js';
import type { ArticlePresenter } from '../articles/presenter.js';
import type { StoredArticle } from '../articles/rows.js';
import { type Clock, formatTimestamp } from '../clock.js';
import { unavailable } from '../http/problems.js';
import { ArticleLookups } from './article-lookups.js';
import type { ViewBuffer } from './buffer.js';
import { noViewJournal, replayViewJournal, type ViewJournal } from './journal.js';
import { Rankings } from './rankings.js';
import type { RepeatViews } from './repeat-views.js';
import type { ViewRepository } from './repository.js';
import type { PopularItem, PopularList, PopularQuery, PopularWindow, ViewOutcome } from './schemas.js';
import { bucketOf, hourMs, longestWindowMs } from './windows.js';

export interface ViewEvent {
  article: string;
  visitorId?: string;
}

/** How the views of one request fared, for the metrics. */
export interface ViewTally {
  accepted: number;
  repeat: number;
  bot: number;
  unknown: number;
}

export interface PopularityOptions {
  repository: ViewRepository;
  presenter: ArticlePresenter;
  clock: Clock;
  buffer: ViewBuffer;
  repeats: RepeatViews;
  /** How old the counts behind a ranking may be, ms. */
  maxAgeMs: number;
  /** Buffered counts that trigger a write before the next interval. */
  bufferMaxEntries: number;
  /** Told how each request's views fared (metrics). */
  onTally?: (tally: ViewTally) => void;
  /** Told when a write failed; the views stay buffered for the next one. */
  onFlushError?: (error: unknown) => void;
  /** Told when the journal could not be written: the request's views are refused with a 503, none counted. */
  onJournalError?: (error: unknown) => void;
  /** Where accepted views are recorded before they are acknowledged; none by default. */
  journal?: ViewJournal;
  /** Told what start-up replayed from the journal. */
  onJournalReplay?: (replay: { views: number; ignoredBytes: number }) => void;
}

/**
 * Ids and slugs of articles that views name, kept (article-lookups.ts): 5 MiB. Enough for the
 * articles being read now and more (the benchmark's read set at a million articles is 50,000);
 * a look-up of any other costs tens of µs (a covering index).
 */
const articleLookupEntries = 2 ** 17;
/** User-Agents already judged: readers' browsers repeat, and the bot list is one long regex. */
const maxKnownAgents = 1_000;

export function createPopularity(options: PopularityOptions) {
  const { repository, presenter, clock, buffer, repeats } = options;
  const journal = options.journal ?? noViewJournal;
  replayViewJournal(journal, repository, options.onJournalReplay);
  const lookups = new ArticleLookups(articleLookupEntries, (key) => repository.factsByIdOrSlug(key));
  const agents = new Map<string, boolean>();
  let prunedUpTo = Number.NEGATIVE_INFINITY;
  let flushScheduled = false;
  // A failed write before ranking is logged, never a failed read: the ranking shows what is
  // stored, and the views stay buffered for the next write.
  const rankings = new Rankings({ repository, clock, maxAgeMs: options.maxAgeMs, beforeTaking: () => flushSafely() });

  function isBot(userAgent: string | undefined): boolean {
    if (userAgent === undefined) return false;
    let verdict = agents.get(userAgent);
    if (verdict === undefined) {
      verdict = isbot(userAgent);
      if (agents.size >= maxKnownAgents) agents.clear();
      agents.set(userAgent, verdict);
    }
    return verdict;
  }

  /** Writes every buffered view in one transaction, counts it in the rankings, and drops buckets no window reads any more. */
  function flush(): void {
    if (buffer.entries === 0) return;
    // The buffer holds exactly the journal's segments above the recorded one: this closes the
    // last of them, and its number goes into the database with the counts.
    const segment = journal.rotate();
    const counts = buffer.drain();
    try {
      repository.addViewCounts(counts, segment);
    } catch (error) {
      buffer.restore(counts);
      throw error;
    }
    if (segment !== null) journal.discardThrough(segment);
    // The rankings' totals follow the database: they add what was written, and subtract the
    // hours leaving their windows before the pruning below deletes them.
    rankings.written(counts);
    // An hour of slack: a window whose start was taken just before the hour turned may still
    // hold the hour that has just left the 30 days, and must find it to subtract it.
    const oldest = bucketOf(clock.now()) - longestWindowMs - hourMs;
    if (oldest > prunedUpTo) {
      repository.pruneBefore(oldest);
      prunedUpTo = oldest;
    }
  }

  function flushSafely(): void {
    flushScheduled = false;
    try {
      flush();
    } catch (error) {
      options.onFlushError?.(error);
    }
  }

  return {
    flush,
    flushSafely,

    /** Sums every window's ranking ahead, in slices between requests; see Rankings.warm. */
    warmRankings(): Promise<void> {
      return rankings.warm();
    },

    /** Settles when `window`'s ranking has been summed ahead; null when it has or will not be. */
    rankingWarming(window: PopularWindow): Promise<void> | null {
      return rankings.warmingOf(window);
    },

    /** The app is closing: stops warming, writes what is buffered (should that fail, the journal keeps it), then closes the journal. */
    close(): void {
      rankings.stop();
      try {
        flush();
      } finally {
        journal.close();
      }
    },

    /** Counts the views that count; `userAgent` is the sender's, and a known bot's views never count. */
    recordViews(events: readonly ViewEvent[], userAgent: string | undefined): ViewOutcome {
      const tally: ViewTally = { accepted: 0, repeat: 0, bot: 0, unknown: 0 };
      if (isBot(userAgent)) tally.bot = events.length;
      else {
        const now = clock.now();
        const bucket = bucketOf(now);
        const accepted = new Map<number, number>();
        /** The visitor-article pairs the repeat rule now remembers, forgotten again if the views cannot be journaled. */
        const remembered: Array<[string, number]> = [];
        for (const event of events) {
          const entry = lookups.entryOf(event.article);
          const pk = lookups.pkAt(entry);
          if (!lookups.visibleAt(entry, now)) tally.unknown += 1;
          else if (event.visitorId !== undefined && repeats.isRepeat(event.visitorId, pk, now)) tally.repeat += 1;
          else {
            if (event.visitorId !== undefined) remembered.push([event.visitorId, pk]);
            accepted.set(pk, (accepted.get(pk) ?? 0) + 1);
            tally.accepted += 1;
          }
        }
        // Journaled before they are buffered and acknowledged: a crash after the 202 loses none.
        // A journal that cannot be written (a full or failing disk) refuses them all, counting
        // none, and the visitors' next views are not taken for repeats: the sender may retry.
        if (accepted.size > 0) {
          try {
            journal.append(bucket, accepted);
          } catch (error) {
            for (const [visitorId, pk] of remembered) repeats.forget(visitorId, pk);
            options.onJournalError?.(error);
            throw unavailable('The views could not be recorded (their journal could not be written); none was counted.', 1);
          }
        }
        for (const [pk, views] of accepted) buffer.add(pk, bucket, views);
      }
      options.onTally?.(tally);
      if (buffer.entries >= options.bufferMaxEntries && !flushScheduled) {
        // Soon, but after this response: the request itself never waits for a write.
        flushScheduled = true;
        setImmediate(flushSafely);
      }
      return { accepted: tally.accepted, rejected: events.length - tally.accepted };
    },

    /** The body of GET /v1/popular for `query`, and how long it may be reused, ms. */
    popularFresh(query: PopularQuery): { body: PopularList; ttlMs: number } {
      const ranking = rankings.ranking(query.window);
      const chosen = [];
      for (const entry of ranking.entries) {
        if (query.section !== undefined && entry.section !== query.section) continue;
        chosen.push(entry);
        if (chosen.length === query.limit) break;
      }
      const stored = new Map(repository.articlesByPk(chosen.map((entry) => entry.pk)).map((article) => [article.pk, article]));
      const data: PopularItem[] = [];
      for (const entry of chosen) {
        const article = stored.get(entry.pk);
        if (article) data.push({ rank: data.length + 1, views: entry.views, article: presenter.summary(article) });
      }
      const ttlMs = Math.max(0, ranking.computedAt + options.maxAgeMs - clock.now());
      return { body: { window: query.window, generatedAt: formatTimestamp(ranking.computedAt), data }, ttlMs };
    },

    /** Articles changed: views and rankings follow their new state at once. */
    articlesChanged(changes: readonly ArticleChange[]): void {
      // Only the keys of the changed articles, as they were or are: a view of any other article
      // keeps its look-up (after each write of the load test, every view's article was looked up
      // again).
      for (const { before, after } of changes) {
        // What a look-up keeps: the article's keys (id, slug, former slugs) and when it counts views.
        if (
          before !== null &&
          before.slug === after.slug &&
          before.status === after.status &&
          before.publishedAt === after.publishedAt &&
          before.deletedAt === after.deletedAt
        )
          continue;
        lookups.forgetArticle(after.pk);
        // A key that named no article until now (a new slug) is kept with none.
        lookups.forget(after.id);
        lookups.forget(after.slug);
      }
      rankings.articlesChanged(changes);
    },

    /**
     * Another connection committed (the import command): views look every article up again,
     * since which keys it changed is unknown (a former slug it kept logs no article change).
     */
    otherWriterCommitted(): void {
      lookups.clear();
    },

    /** Articles written by another connection: the rankings read their facts again. */
    articlesRewritten(articles: readonly StoredArticle[]): void {
      rankings.articlesRewritten(articles);
    },

    /** Views waiting to be written (distinct article-hour counts). */
    get buffered(): number {
      return buffer.entries;
    },
  };
}

export type Popularity = ReturnType<typeof createPopularity>;
