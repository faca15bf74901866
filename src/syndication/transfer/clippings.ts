// Reads plain-text clippings (pages saved by feed-to-file automations): optional dateline
// header, headline, standfirst, paragraphs with "Read more" boxes, publication time and source,
// then page furniture. The format is described in the project README.
import { wallTimeToInstant } from './local-time.js';

export type ClippingBlock = { type: 'paragraph'; text: string } | { type: 'read-more'; headline: string; caption?: string };

export interface Clipping {
  headline: string;
  standfirst: string;
  body: ClippingBlock[];
  /** ms since the epoch */
  publishedAt: number;
  /** The publication time line as written ("April 14, 2023 at 05:30PM"), whatever the time zone. */
  publishedAs: string;
  sourceName: string;
}

export type ClippingResult = { ok: true; clipping: Clipping } | { ok: false; reason: string };

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const temperatureLine = /^-?\d+(?:\.\d+)? [CF]$/;
const headerDateLine = /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/;
const publicationLine = new RegExp(`^(${months.join('|')}) (\\d{1,2}), (\\d{4}) at (\\d{2}):(\\d{2})(AM|PM)$`);

/** The instant of a line such as "April 14, 2023 at 05:30PM" in `zone`, or null when it is not one. */
export function parsePublicationLine(line: string, zone: string): number | null {
  const match = publicationLine.exec(line.trim());
  if (!match) return null;
  const [, monthName = '', day, year, hour12, minute, half] = match;
  const hour = Number(hour12);
  const month = months.indexOf(monthName) + 1;
  // The month's own length ("February 30" is no date, not March 2); Date.UTC's day 0 is the last of the month before.
  const daysInMonth = new Date(Date.UTC(Number(year), month, 0)).getUTCDate();
  if (hour < 1 || hour > 12 || Number(minute) > 59 || Number(day) < 1 || Number(day) > daysInMonth) return null;
  return wallTimeToInstant(
    {
      year: Number(year),
      month,
      day: Number(day),
      hour: (hour % 12) + (half === 'PM' ? 12 : 0),
      minute: Number(minute),
    },
    zone,
  );
}

function blocksOf(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.split('\n').map((line) => line.trim()))
    .map((lines) => lines.filter((line, index) => line !== '' || (index > 0 && index < lines.length - 1)))
    .filter((lines) => lines.length > 0);
}

function isHeader(lines: string[]): boolean {
  const [temperature = '', city = '', date = ''] = lines;
  return lines.length === 3 && temperatureLine.test(temperature) && city !== '' && headerDateLine.test(date);
}

export function parseClipping(text: string, zone: string): ClippingResult {
  const blocks = blocksOf(text);
  if (blocks.length === 0) return { ok: false, reason: 'the file is empty' };
  let index = blocks[0] && isHeader(blocks[0]) ? 1 : 0;
  const headline = blocks[index];
  const standfirst = blocks[index + 1];
  if (!headline || !standfirst) return { ok: false, reason: 'there is no headline and standfirst' };
  if (headline.length !== 1) return { ok: false, reason: `the headline block has ${headline.length} lines, not 1` };
  index += 2;

  const end = blocks.findIndex((lines, at) => at >= index && parsePublicationLine(lines[0] ?? '', zone) !== null);
  if (end === -1) {
    return { ok: false, reason: 'no publication time line such as "April 14, 2023 at 05:30PM" after the body' };
  }
  const [timeLine = '', sourceName] = blocks[end] ?? [];
  if (!sourceName) return { ok: false, reason: 'the publication time is not followed by a line with the source' };

  const body: ClippingBlock[] = [];
  for (; index < end; index += 1) {
    const lines = blocks[index] ?? [];
    if (lines.length === 1 && lines[0] === 'Read more') {
      const box = blocks[index + 1];
      if (!box || index + 1 >= end || box.length > 2) {
        return { ok: false, reason: 'a "Read more" box must be followed by a block of one or two lines' };
      }
      const [first = '', second] = box;
      body.push(
        second === undefined ? { type: 'read-more', headline: first } : { type: 'read-more', caption: first, headline: second },
      );
      index += 1;
    } else {
      body.push({ type: 'paragraph', text: lines.join('\n') });
    }
  }
  if (!body.some((block) => block.type === 'paragraph')) return { ok: false, reason: 'the body has no paragraphs' };
  return {
    ok: true,
    clipping: {
      headline: headline[0] ?? '',
      standfirst: standfirst.join(' '),
      body,
      publishedAt: parsePublicationLine(timeLine, zone) ?? 0,
      publishedAs: timeLine,
      sourceName,
    },
  };
}
