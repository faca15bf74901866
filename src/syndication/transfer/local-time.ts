// Wall-clock times of a named time zone turned into instants, with the platform's time-zone
// database (Intl), so daylight saving time is handled without a date library.

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which `zone`'s clocks show this wall time (month 1 to 12). A time skipped by a
 * daylight-saving jump resolves to the offset in force just before it; a repeated one to the first.
 */
export function wallTimeToInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  zone: string,
): number {
  const asIfUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offsets a day before and a day after (two transitions are never a day apart): the wall
  // time is read with each, and kept where the zone's clocks do show it at that instant.
  const before = offsetAt(asIfUtc - dayMs, zone);
  const after = offsetAt(asIfUtc + dayMs, zone);
  const shown = [asIfUtc - before, asIfUtc - after].filter((instant) => asIfUtc - offsetAt(instant, zone) === instant);
  // Repeated (clocks set back): the first of the two. Skipped (clocks set forward): none shows
  // it, and the offset in force before the jump reads it (02:30 in New York is 03:30 EDT).
  return shown.length > 0 ? Math.min(...shown) : asIfUtc - before;
}

const dayMs = 86_400_000;
