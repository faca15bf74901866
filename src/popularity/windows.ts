// The time arithmetic of "Most Popular": hourly buckets, the buckets each window counts, and
// the slices a window is summed in when it is summed without blocking (rankings.ts).
import type { PopularWindow } from './schemas.js';

export const hourMs = 3_600_000;
export const dayMs = 24 * hourMs;
const windowMs: Record<PopularWindow, number> = {
  '1h': hourMs,
  '24h': dayMs,
  '7d': 7 * dayMs,
  '30d': 30 * dayMs,
};

/** The longest window: older buckets are never read again. */
export const longestWindowMs = windowMs['30d'];

/** The end of a range that runs to the latest bucket. */
export const untilLatest = Number.MAX_SAFE_INTEGER;

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

/** The span of `window`, ms (without the current hour, which it also holds). */
export function windowLength(window: PopularWindow): number {
  return windowMs[window];
}

// A slice's cost is mostly its rows turned into JavaScript values, one per article it holds:
// about 10,000 to 16,000 at a million articles (a 50,000-article read set), 10-30 ms.
/** Hours summed in one slice, from the hourly rows. */
const hourSliceMs = 3 * hourMs;
/** Whole days summed in one slice, from the daily roll-up. */
const daySliceMs = dayMs;

/**
 * The ranges `[from, to)` that together cover every bucket from `from` on, in time order, each
 * cheap enough to sum in one turn of the event loop: the hours before the first whole day and
 * those of today three at a time, whole days one at a time, and last the latest few hours,
 * open-ended so that views written meanwhile are in it.
 */
export function sumSlices(from: number, now: number): Array<[number, number]> {
  const today = Math.floor(now / dayMs) * dayMs;
  const firstDay = Math.min(Math.ceil(from / dayMs) * dayMs, today);
  const slices: Array<[number, number]> = [];
  let start = from;
  const step = (length: number, until: number) => {
    for (; start < until; start = Math.min(start + length, until)) slices.push([start, Math.min(start + length, until)]);
  };
  step(hourSliceMs, firstDay);
  step(daySliceMs, today);
  step(hourSliceMs, bucketOf(now) - hourSliceMs);
  slices.push([start, untilLatest]);
  return slices;
}
