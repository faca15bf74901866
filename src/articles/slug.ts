// Slugs: derived from headlines, lower-case a-z0-9 and single hyphens, made unique with a suffix.
// Letters of every script are transliterated with any-ascii (no dependencies, all of Unicode):
// stripping accents alone turned Straße into "stra-e" and a Hindi or Russian headline into
// "article", "article-2", … Why not @sindresorhus/slugify: it leaves Devanagari and Han out.
import anyAscii from 'any-ascii';

const maxLength = 80;

export function slugify(headline: string): string {
  const base = anyAscii(headline.normalize('NFC'))
    .toLowerCase()
    .replace(/'/g, '')
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
