// The time arithmetic of "Most Popular": hourly buckets, the buckets each window counts, and
// the slices a window is summed in when it is summed without blocking (rankings.ts).
import type { PopularWindow } from './schemas.js';

export const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
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

/** Hours summed in one slice before the first whole day: about 65,000 hourly rows at a million articles. */
const hourSliceMs = 6 * hourMs;
/** Whole days summed in one slice, from the daily roll-up: about 65,000 rows at a million articles. */
const daySliceMs = 4 * dayMs;

/**
 * The ranges `[from, to)` that together cover every bucket from `from` on, in time order, each
 * cheap enough to sum in one turn of the event loop: the hours before the first whole day six
 * at a time, whole days four at a time, and last everything from the start of today (one daily
 * row per article), open-ended so views written meanwhile are in it.
 */
export function sumSlices(from: number, now: number): Array<[number, number]> {
  const today = Math.floor(now / dayMs) * dayMs;
  const firstDay = Math.min(Math.ceil(from / dayMs) * dayMs, today);
  const slices: Array<[number, number]> = [];
  let start = from;
  for (; start < firstDay; start = Math.min(start + hourSliceMs, firstDay)) {
    slices.push([start, Math.min(start + hourSliceMs, firstDay)]);
  }
  for (; start < today; start = Math.min(start + daySliceMs, today)) slices.push([start, Math.min(start + daySliceMs, today)]);
  slices.push([start, untilLatest]);
  return slices;
}
