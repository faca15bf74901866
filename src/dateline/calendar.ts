// Calendar days with Intl: which day it is in a city at a moment, and how a locale writes it.
// Time-zone rules (midnight, daylight saving) come from the ICU data Node ships, never from
// offsets of our own. Formatters are costly to build, so each zone and locale gets them once.
import { badRequest } from '../http/problems.js';

export interface LocalDay {
  /** The Gregorian date in the zone, YYYY-MM-DD. */
  date: string;
  weekday: string;
  /** The full date as the locale writes it ("Friday, March 29, 2024"). */
  display: string;
}

const ianaName = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const listedZones = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
/**
 * The IANA time zone database's names without an area: zones such as EST5EDT, and the older
 * names it keeps as links, such as GMT, CET (Brussels), Japan and W-SU. ICU accepts other single
 * words as well, its own abbreviations, which are not IANA names and read differently from place
 * to place: to ICU, IST is India (Ireland or Israel to others) and BST is Bangladesh (British
 * Summer Time to a London newsroom). EST, MST and HST are IANA names but left out too: fixed
 * offsets without daylight saving (Panama's, Phoenix's and Honolulu's time), which a newsroom in
 * New York or Denver typing EST or MST would get an hour wrong half the year.
 */
const arealessZones = new Map(
  [
    'CET',
    'CST6CDT',
    'EET',
    'EST5EDT',
    'MET',
    'MST7MDT',
    'PST8PDT',
    'WET',
    'Cuba',
    'Egypt',
    'Eire',
    'GB',
    'GB-Eire',
    'GMT',
    'GMT+0',
    'GMT-0',
    'GMT0',
    'Greenwich',
    'Hongkong',
    'Iceland',
    'Iran',
    'Israel',
    'Jamaica',
    'Japan',
    'Kwajalein',
    'Libya',
    'NZ',
    'NZ-CHAT',
    'Navajo',
    'PRC',
    'Poland',
    'Portugal',
    'ROC',
    'ROK',
    'Singapore',
    'Turkey',
    'UCT',
    'UTC',
    'Universal',
    'W-SU',
    'Zulu',
  ].map((zone) => [zone.toLowerCase(), zone]),
);

/**
 * The zone's usual spelling when it is an IANA name Intl knows, else null. Area/Location aliases
 * Intl accepts but does not list (Asia/Calcutta, Etc/GMT+5) are kept as given, and so are the
 * database's names without an area (GMT, CET, EST5EDT) in its spelling; offsets (+05:30), ICU's
 * own abbreviations (IST, BST) and the fixed-offset EST, MST and HST are refused.
 */
export function knownTimeZone(name: string): string | null {
  if (!ianaName.test(name)) return null;
  const lower = name.toLowerCase();
  // SystemV/EST5 and the like left the database in 2020 (fixed offsets under old names).
  if (lower.startsWith('systemv/')) return null;
  const known = listedZones.get(lower) ?? arealessZones.get(lower) ?? (name.includes('/') ? name : null);
  if (known === null) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: known });
    return known;
  } catch {
    return null;
  }
}

/** The canonical form of a BCP 47 tag the runtime can format dates in; a 400 otherwise. */
export function supportedLocale(tag: string): string {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0];
  } catch {
    canonical = undefined;
  }
  const problem = (message: string) => badRequest(`The locale "${tag}" ${message}.`, [{ path: 'querystring.locale', message }]);
  if (canonical === undefined) throw problem('is not a valid BCP 47 language tag');
  if (Intl.DateTimeFormat.supportedLocalesOf(canonical).length === 0) throw problem('is not a supported locale');
  return canonical;
}

interface Formatters {
  isoDate: Intl.DateTimeFormat;
  weekday: Intl.DateTimeFormat;
  display: Intl.DateTimeFormat;
}

/** Bounded, since `locale` comes from clients; a full map is simply started again. */
const maxFormatters = 1_000;
const formatters = new Map<string, Formatters>();

function formattersFor(timeZone: string, locale: string): Formatters {
  const key = `${timeZone} ${locale}`;
  let found = formatters.get(key);
  if (!found) {
    if (formatters.size >= maxFormatters) formatters.clear();
    found = {
      // The machine-readable date is Gregorian with Latin digits whatever the locale uses.
      isoDate: new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
      weekday: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long' }),
      display: new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }),
    };
    formatters.set(key, found);
  }
  return found;
}

/** The calendar day in `timeZone` at the moment `at` (ms), written for `locale`. */
export function localDay(at: number, timeZone: string, locale: string): LocalDay {
  const { isoDate, weekday, display } = formattersFor(timeZone, locale);
  const moment = new Date(at);
  const parts: Record<string, string> = {};
  for (const part of isoDate.formatToParts(moment)) parts[part.type] = part.value;
  const year = (parts.year ?? '').padStart(4, '0');
  return {
    date: `${year}-${parts.month}-${parts.day}`,
    weekday: weekday.format(moment),
    display: display.format(moment),
  };
}
