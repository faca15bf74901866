// Turns what a reader types into a safe FTS5 expression. User text never reaches FTS5 syntax:
// every term is reduced to letters and digits and quoted, so no input can be a syntax error.
import { badRequest } from '../http/problems.js';

const maxTerms = 16;

/** Letters and digits of a term, the way the unicode61 tokenizer splits words. */
function words(text: string): string[] {
  return text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

function quote(tokens: string[]): string {
  return `"${tokens.join(' ')}"`;
}

/**
 * Accepts words, "quoted phrases" and -excluded words (or -"excluded phrases"). Throws a 400
 * when nothing searchable is left, for example only punctuation or only exclusions.
 */
export function toFtsQuery(input: string): string {
  const include: string[] = [];
  const exclude: string[] = [];
  const pattern = /(-?)"([^"]*)"?|(-?)([^\s"]+)/g;
  for (const match of input.matchAll(pattern)) {
    const negated = (match[1] ?? match[3]) === '-';
    const tokens = words(match[2] ?? match[4] ?? '');
    if (tokens.length === 0) continue;
    (negated ? exclude : include).push(quote(tokens));
  }
  if (include.length === 0) {
    throw badRequest(
      exclude.length > 0
        ? 'A search needs at least one word to look for, not only excluded words.'
        : 'A search needs at least one word of letters or digits.',
      [{ path: 'querystring.q', message: 'no searchable words' }],
    );
  }
  if (include.length + exclude.length > maxTerms) {
    throw badRequest(`A search may have at most ${maxTerms} words and phrases.`, [
      { path: 'querystring.q', message: `more than ${maxTerms} terms` },
    ]);
  }
  const positive = include.join(' AND ');
  return exclude.length === 0 ? positive : `(${positive}) NOT (${exclude.join(' OR ')})`;
}

/** Escapes a snippet for HTML and turns the FTS5 markers (\x02, \x03) into <mark> tags. */
export function highlightToHtml(snippet: string): string {
  return snippet
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\u0002/g, '<mark>')
    .replace(/\u0003/g, '</mark>');
}
