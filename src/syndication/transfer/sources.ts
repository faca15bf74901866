// Reads the files an import is given: NDJSON lines (each a POST /v1/articles body, maybe with
// the id and createdAt an export writes) and plain-text clippings, into items to import.
// NDJSON is read line by line, so a file of any size never has to fit in one string.
// Lines and files that cannot be read are reported with where they are and why.

import { isAscii, isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { z } from 'zod';
import { formatTimestamp } from '../../clock.js';
import { parseClipping } from './clippings.js';
import { type ImportLine, importLineSchema } from './records.js';

export interface ImportFile {
  name: string;
  /** The file's lines, without their line ends; may be called more than once. */
  lines: () => Iterable<string>;
}

/** A file that is not text (not UTF-8): reported, and nothing of it is imported. */
export class UnreadableFile extends Error {}

/** A file held in memory, for tests and small inputs. */
export function fileFromText(name: string, text: string): ImportFile {
  return { name, lines: () => withoutByteOrderMark(text.split('\n')) };
}

/** A file on disk, read in chunks of 1 MiB (more for a longer line) each time its lines are asked for. */
export function fileOnDisk(path: string): ImportFile {
  return { name: path, lines: () => withoutByteOrderMark(linesOf(path)) };
}

/** Editors on some systems begin UTF-8 files with a byte order mark, which is not part of the first line. */
function* withoutByteOrderMark(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    yield first ? line.replace(/^\uFEFF/, '') : line;
    first = false;
  }
}

/**
 * Decodes only whole lines: a newline byte never occurs inside a multi-byte UTF-8 character, so
 * everything up to the last one in the buffer is complete text. Pure ASCII, the common case, is
 * decoded as Latin-1, which gives the same string faster.
 */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.alloc(1 << 20);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        const larger = Buffer.alloc(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
      const end = buffer.lastIndexOf(newline, filled - 1);
      if (end === -1) continue;
      yield* decode(buffer.subarray(0, end), path).split('\n');
      buffer.copy(buffer, 0, end + 1, filled);
      filled -= end + 1;
    }
    if (filled > 0) yield decode(buffer.subarray(0, filled), path);
  } finally {
    closeSync(fd);
  }
}

const newline = 0x0a;

/** Text that is not UTF-8 (Latin-1, Windows-1252) is refused: decoded anyway, its accents would be stored as U+FFFD. */
function decode(bytes: Buffer, path: string): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (!isUtf8(bytes))
    throw new UnreadableFile(`${path} is not UTF-8 text; convert it (iconv -f latin1 -t utf-8, say) and import it again`);
  return bytes.toString('utf8');
}

export interface Finding {
  /** `file:line` for NDJSON, the file name for a clipping. */
  where: string;
  reason: string;
}

/** One article to import; "Read more" boxes of clippings are resolved by headline later. */
export interface Item {
  where: string;
  line: ImportLine;
  /** Body positions of clippings' "Read more" boxes, with the headline each names. */
  readMore: Map<number, string>;
  /**
   * For an item without an id or slug, its identity from what it says of itself: its source,
   * headline and publication time as written. Neither an editor's later change to the article
   * nor the import's options (the time zone) change it.
   */
  importKey?: string;
}

function importKeyOf(kind: string, source: string, headline: string, published: string): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, source, headline, published]))
    .digest('base64url');
}

export function isNdjson(file: ImportFile): boolean {
  if (/\.(nd)?jsonl?$/i.test(file.name)) return true;
  if (/\.txt$/i.test(file.name)) return false;
  for (const line of file.lines()) if (line.trim() !== '') return line.trimStart().startsWith('{');
  return false;
}

/** Issues listed for a line; a line with thousands (an array of bad values) would fill the report. */
const issuesListed = 5;

/** The zod issues of a line that is not a valid article, in one sentence. */
function issuesOf(error: z.ZodError): string {
  const listed = error.issues.slice(0, issuesListed).map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`);
  const more = error.issues.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/**
 * A first look at an NDJSON file: how many lines it has (for progress) and the ids they carry
 * (exports write them), so "Read more" blocks may point at lines further on.
 */
export function scanNdjson(file: ImportFile): { lines: number; ids: string[] } {
  const ids: string[] = [];
  let lines = 0;
  for (const raw of file.lines()) {
    if (raw.trim() === '') continue;
    lines += 1;
    if (!raw.includes('"id"')) continue;
    try {
      const value = JSON.parse(raw) as { id?: unknown };
      if (typeof value.id === 'string') ids.push(value.id);
    } catch {
      // Reported when the line is read for real.
    }
  }
  return { lines, ids };
}

export function* ndjsonItems(file: ImportFile, rejected: Finding[]): Generator<Item> {
  let number = 0;
  for (const raw of file.lines()) {
    number += 1;
    const where = `${file.name}:${number}`;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      rejected.push({ where, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      continue;
    }
    const parsed = importLineSchema.safeParse(json);
    if (!parsed.success) {
      rejected.push({ where, reason: `not an article: ${issuesOf(parsed.error)}` });
      continue;
    }
    const line = parsed.data;
    const known = line.id !== undefined || line.slug !== undefined;
    // The time as an instant: 12:00:00Z and 14:00:00+02:00 are one time.
    const published = line.publishedAt === undefined ? '' : String(Date.parse(line.publishedAt));
    const importKey = known ? undefined : importKeyOf('line', line.source.name, line.headline, published);
    yield { where, line, readMore: new Map(), ...(importKey ? { importKey } : {}) };
  }
}

export function clippingItem(file: ImportFile, options: { timeZone: string; section: string }, rejected: Finding[]): Item | null {
  let text: string;
  try {
    text = [...file.lines()].join('\n');
  } catch (error) {
    if (!(error instanceof UnreadableFile)) throw error;
    rejected.push({ where: file.name, reason: error.message });
    return null;
  }
  const result = parseClipping(text, options.timeZone);
  if (!result.ok) {
    rejected.push({ where: file.name, reason: `not a clipping: ${result.reason}` });
    return null;
  }
  const { clipping } = result;
  const readMore = new Map<number, string>();
  clipping.body.forEach((block, index) => {
    if (block.type === 'read-more') readMore.set(index, block.headline);
  });
  const parsed = importLineSchema.safeParse({
    headline: clipping.headline,
    standfirst: clipping.standfirst,
    section: options.section,
    source: { name: clipping.sourceName },
    publishedAt: formatTimestamp(clipping.publishedAt),
    // A "Read more" box holds its place as a placeholder until its headline is resolved.
    body: clipping.body.map((block) => (block.type === 'paragraph' ? block : { type: 'paragraph', text: block.headline })),
  });
  if (!parsed.success) {
    rejected.push({ where: file.name, reason: `not a valid article: ${issuesOf(parsed.error)}` });
    return null;
  }
  const importKey = importKeyOf('clipping', clipping.sourceName, clipping.headline, clipping.publishedAs);
  return { where: file.name, line: parsed.data, readMore, importKey };
}
