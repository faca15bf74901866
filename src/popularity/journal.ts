// The views journal: makes views acknowledged with a 202 survive a process crash without a
// database write per request. Each request's accepted counts are appended, with one synchronous
// write() and no fsync, to the open segment file beside the database; the data is then in the
// OS's page cache, so it survives the process (not a power loss: the same as the database's WAL
// with synchronous=NORMAL). A flush closes the segment, writes its counts and the segment's
// number in one transaction, then deletes it; at start-up the segments above the recorded number
// are replayed. Behind an interface: a shared store (PostgreSQL) would not need it.
import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ViewCount, ViewRepository } from './repository.js';

export interface ViewJournal {
  /** Records the views one request had accepted (article pk → views, all in one hour), before they are acknowledged. */
  append(bucketStart: number, views: ReadonlyMap<number, number>): void;
  /** Closes the segment being written and returns its number, to be recorded with its counts; null without a journal. */
  rotate(): number | null;
  /** Deletes the segments up to `segment`, whose counts are in the database. Never throws: a segment left is skipped at replay. */
  discardThrough(segment: number): void;
  /**
   * Start-up, before the first append: the counts of the segments numbered above `flushed`
   * (the number the database holds), and the highest segment number known, to record with them.
   * A torn record at the end of a segment (a crash mid-write) is left out, not an error.
   */
  recover(flushed: number): { counts: ViewCount[]; through: number; ignoredBytes: number };
  close(): void;
}

/** No journal (an in-memory database, or VIEWS_JOURNAL=false): views wait only in memory. */
export const noViewJournal: ViewJournal = {
  append() {},
  rotate: () => null,
  discardThrough() {},
  recover: (flushed) => ({ counts: [], through: flushed, ignoredBytes: 0 }),
  close() {},
};

/** Where the journal of the database at `databasePath` lives: segment files `<this>.<number>`. */
export function viewJournalPath(databasePath: string): string {
  return `${databasePath}-views.journal`;
}

/** One record: `<bucketStart> <pk>:<views> <pk>:<views>...` and a newline. */
const recordPattern = /^\d+(?: \d+:\d+)+$/;

export function encodeRecord(bucketStart: number, views: ReadonlyMap<number, number>): string {
  let line = String(bucketStart);
  for (const [pk, count] of views) line += ` ${pk}:${count}`;
  return `${line}\n`;
}

/** The complete records of a segment's text, up to the first torn or damaged one; its bytes are counted as ignored. */
export function decodeSegment(text: string, into: Map<string, ViewCount>): number {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const line = end === -1 ? '' : text.slice(start, end);
    if (end === -1 || !recordPattern.test(line)) return Buffer.byteLength(text.slice(start));
    const [bucket = '', ...pairs] = line.split(' ');
    const bucketStart = Number(bucket);
    for (const pair of pairs) {
      const colon = pair.indexOf(':');
      const articlePk = Number(pair.slice(0, colon));
      const views = Number(pair.slice(colon + 1));
      const key = `${articlePk}@${bucketStart}`;
      const known = into.get(key);
      if (known) known.views += views;
      else into.set(key, { articlePk, bucketStart, views });
    }
    start = end + 1;
  }
  return 0;
}

export class FileViewJournal implements ViewJournal {
  private fd: number | null = null;
  private current = 1;
  /** Segment files this process knows of, written or found, not yet deleted. */
  private readonly segments = new Set<number>();

  constructor(private readonly path: string) {}

  private fileOf(segment: number): string {
    return `${this.path}.${segment}`;
  }

  append(bucketStart: number, views: ReadonlyMap<number, number>): void {
    if (this.fd === null) {
      this.fd = openSync(this.fileOf(this.current), 'a');
      this.segments.add(this.current);
    }
    const bytes = Buffer.from(encodeRecord(bucketStart, views));
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    } catch (error) {
      // A failed write (a full disk) may leave part of a record: later records go to a new
      // segment, so replay, which stops at a damaged record, still reads them.
      this.rotate();
      throw error;
    }
  }

  rotate(): number {
    this.closeFile();
    const closed = this.current;
    this.current += 1;
    return closed;
  }

  discardThrough(segment: number): void {
    for (const known of this.segments) {
      if (known > segment) continue;
      try {
        rmSync(this.fileOf(known), { force: true });
        this.segments.delete(known);
      } catch {
        // Left for the next start-up, which deletes segments at or below the recorded number.
      }
    }
  }

  recover(flushed: number): { counts: ViewCount[]; through: number; ignoredBytes: number } {
    const prefix = `${basename(this.path)}.`;
    const merged = new Map<string, ViewCount>();
    let through = flushed;
    let ignoredBytes = 0;
    for (const name of readdirSync(dirname(this.path))) {
      const number = name.startsWith(prefix) ? name.slice(prefix.length) : '';
      if (!/^\d+$/.test(number)) continue;
      const segment = Number(number);
      this.segments.add(segment);
      through = Math.max(through, segment);
      if (segment > flushed) ignoredBytes += decodeSegment(readFileSync(join(dirname(this.path), name), 'utf8'), merged);
    }
    // New segments number above every one found and every one recorded, so none is skipped.
    this.current = through + 1;
    return { counts: [...merged.values()], through, ignoredBytes };
  }

  close(): void {
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch {
      // Nothing to keep: every record was written (or failed) before.
    }
  }
}

/**
 * Start-up: writes the views of the journal's segments that the database has not recorded
 * (a crash left them), with the highest segment number, then deletes the segments. Views of
 * articles no longer stored are dropped rather than failing the start.
 */
export function replayViewJournal(
  journal: ViewJournal,
  repository: ViewRepository,
  report?: (replay: { views: number; ignoredBytes: number }) => void,
): void {
  const { counts, through, ignoredBytes } = journal.recover(repository.flushedJournalSegment());
  const stored = new Set(repository.factsByPk([...new Set(counts.map((count) => count.articlePk))]).map((facts) => facts.pk));
  const kept = counts.filter((count) => stored.has(count.articlePk));
  if (counts.length > 0 || ignoredBytes > 0) {
    repository.addViewCounts(kept, through);
    report?.({ views: kept.reduce((sum, count) => sum + count.views, 0), ignoredBytes });
  }
  journal.discardThrough(through);
}
