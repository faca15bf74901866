// Time as a dependency: everything that compares with "now" asks a Clock, so tests can move time.
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Drops the milliseconds: publication times are kept as precisely as the API shows them. */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** RFC 3339 in UTC with second precision, as every timestamp in the API is written. */
export function formatTimestamp(ms: number): string {
  return new Date(wholeSecond(ms)).toISOString().replace('.000Z', 'Z');
}
