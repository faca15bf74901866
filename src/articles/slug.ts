// Slugs: derived from headlines, lower-case a-z0-9 and single hyphens, made unique with a suffix.
// Letters of every script are transliterated with any-ascii (no dependencies, all of Unicode):
// stripping accents alone turned Straße into "stra-e" and a Hindi or Russian headline into
// "article", "article-2", … Why not @sindresorhus/slugify: it leaves Devanagari and Han out.
import anyAscii from 'any-ascii';

const maxLength = 80;

export function slugify(headline: string): string {
  // Symbols (°, €, emoji, flags) are not words: any-ascii would spell them out ("40degc",
  // "fire-wildfire"). A zero-width space separates words; any-ascii would join them.
  return hyphenated(anyAscii(headline.normalize('NFC').replace(/[\p{S}\u200B]/gu, ' ')));
}

/**
 * The slug the rule before transliteration (until 2026-12-07) gave a headline: accents stripped,
 * every other letter dropped. The import looks for articles it wrote then under it.
 */
export function slugifyBefore20261207(headline: string): string {
  return hyphenated(headline.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''));
}

/**
 * Lower case, apostrophes dropped (don't → dont), every other run of what is not a-z or 0-9 one
 * hyphen; "article" when nothing is left; at most 80 characters, cut at a word.
 */
function hyphenated(text: string): string {
  const base = text
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length === 0) return 'article';
  if (base.length <= maxLength) return base;
  const cut = base.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf('-');
  return lastHyphen > maxLength / 2 ? cut.slice(0, lastHyphen) : cut.replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is the first not in `taken`. */
export function firstFreeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
