// The words an article is most about, read from its own text alone: the first step of finding
// similar articles. Pure functions; which of these words are distinctive across the corpus is
// decided afterwards against the full-text index (see similar.ts).
import type { BlockInput } from '../articles/schemas.js';

export interface ArticleText {
  headline: string;
  standfirst: string;
  body: BlockInput[];
}

export interface WeightedWord {
  word: string;
  /** Occurrences, counted three times in the headline and twice in the standfirst. */
  weight: number;
}

// Glue words say nothing about a topic; leaving them out saves probing the index for them.
const stopWords = new Set(
  `about above after again against also among an and another any are around because been before being below between both
  but by can could did does doing down during each even ever every for from further had has have having her here hers
  him his how however into its itself just last least less made make many more most much must near new next not now
  off once only other our ours out over own said same says she should since some still such than that the their theirs
  them then there these they this those through thus too under until upon very was were what when where which while who
  whom whose why will with within without would year years yet you your one two three four five first second also
  told week month people according`
    .split(/\s+/)
    .filter((word) => word.length > 0),
);

/** Words the way FTS5's unicode61 tokenizer sees them: letters and digits, lower case, no accents. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function isTopical(word: string): boolean {
  return word.length >= 3 && !stopWords.has(word) && !/^\d+$/.test(word);
}

/** The article's `count` heaviest topical words, heaviest first (ties: longer, then alphabetical). */
export function heaviestWords(article: ArticleText, count: number): WeightedWord[] {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of wordsOf(text)) if (isTopical(word)) weights.set(word, (weights.get(word) ?? 0) + weight);
  };
  add(article.headline, 3);
  add(article.standfirst, 2);
  for (const block of article.body) if ('text' in block) add(block.text, 1);
  return [...weights]
    .map(([word, weight]) => ({ word, weight }))
    .sort((a, b) => b.weight - a.weight || b.word.length - a.word.length || (a.word < b.word ? -1 : 1))
    .slice(0, count);
}

/** An FTS5 expression matching any of the words; each is letters and digits only, so quoting is safe. */
export function anyOf(words: string[]): string {
  return words.map((word) => `"${word}"`).join(' OR ');
}
