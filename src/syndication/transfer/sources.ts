// Reads the files an import is given: NDJSON lines (each a POST /v1/articles body, maybe with
// the id and createdAt an export writes) and plain-text clippings, into items to import.
// Lines and files that cannot be read are reported with where they are and why.
import type { z } from 'zod';
import { formatTimestamp } from '../../clock.js';
import { parseClipping } from './clippings.js';
import { type ImportLine, importLineSchema } from './records.js';

export interface ImportFile {
  name: string;
  text: string;
}

export interface Finding {
  /** `file:line` for NDJSON, the file name for a clipping. */
  where: string;
  reason: string;
}

/** One article to import; "Read more" boxes of clippings are resolved by headline once all are read. */
export interface Item {
  where: string;
  line: ImportLine;
  /** Body positions of clippings' "Read more" boxes, with the headline each names. */
  readMore: Map<number, string>;
}

export type ParsedFile = { items: Item[]; rejected: Finding[] };

export function isNdjson(file: ImportFile): boolean {
  if (/\.(nd)?jsonl?$/i.test(file.name)) return true;
  if (/\.txt$/i.test(file.name)) return false;
  return file.text.trimStart().startsWith('{');
}

export function readNdjson(file: ImportFile): ParsedFile {
  const items: Item[] = [];
  const rejected: Finding[] = [];
  file.text.split('\n').forEach((raw, index) => {
    const where = `${file.name}:${index + 1}`;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      rejected.push({ where, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` });
      return;
    }
    const parsed = importLineSchema.safeParse(json);
    if (!parsed.success) {
      rejected.push({ where, reason: `not an article: ${issuesOf(parsed.error)}` });
      return;
    }
    items.push({ where, line: parsed.data, readMore: new Map() });
  });
  return { items, rejected };
}

/** The zod issues of a line that is not a valid article, in one sentence. */
function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ');
}

export function readClipping(file: ImportFile, options: { timeZone: string; section: string }): ParsedFile {
  const result = parseClipping(file.text, options.timeZone);
  if (!result.ok) return { items: [], rejected: [{ where: file.name, reason: `not a clipping: ${result.reason}` }] };
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
  if (!parsed.success)
    return { items: [], rejected: [{ where: file.name, reason: `not a valid article: ${issuesOf(parsed.error)}` }] };
  return { items: [{ where: file.name, line: parsed.data, readMore }], rejected: [] };
}
