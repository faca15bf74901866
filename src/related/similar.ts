// "Similar articles": ranked by shared tags and text similarity, same section as a tie-breaker,
// then newer first.
//
// Cost bound. Nothing here reads the whole corpus or a whole posting list. For one article:
//   1. its `probeWords` heaviest words (headline counted 3x, standfirst 2x) are read from its own
//      text, in TypeScript;
//   2. each is probed in the FTS5 index with a count that stops at `commonAt` documents, so a
//      probe reads at most that many postings; words found in `commonAt` or more articles are too
//      common to mean anything and are dropped, as are words found only in this article;
//   3. the `textTerms` rarest-weighted survivors form one OR query, whose matches number at most
//      textTerms x commonAt: the best `textCandidates` by bm25 are taken;
//   4. for each tag, the latest-added `tagBudget / tags` (at least `minPerTag`) articles with it
//      are read from the article_tags primary key;
//   5. the union, a few hundred articles at most, is scored in TypeScript: shared tags plus text
//      closeness (bm25 as a share of the article's own bm25 for the same query).
// So a request costs at most about 16 x 200 + 8 x 200 postings and 20 x 15 + 60 candidate rows:
// the same at 2,000 articles and at 2 million. The price of the bound is that it approximates:
// a word common in a big corpus no longer counts, and a tag's older articles are not considered,
// which for a news site (newer related articles are wanted anyway) is what one would choose.
// Nothing is precomputed on write, so no write path grows. The probes of step 2 were most of a
// request's cost (16 of its ~20 statements, 1.4 of 4.2 ms at 10,000 articles), and how common a
// word is barely moves from one article to the next: each count is kept for as long as similar
// suggestions are (five minutes), in an LRU of bounded size (lru-cache: ttl on our clock).
import { LRUCache } from 'lru-cache';
import type { StoredArticle } from '../articles/rows.js';
import type { Clock } from '../clock.js';
import type { CandidateFacts, SimilarityRepository } from './similarity-repository.js';
import { anyOf, heaviestWords } from './terms.js';

const probeWords = 16;
const commonAt = 200;
const textTerms = 8;
const textCandidates = 60;
const tagBudget = 120;
const minPerTag = 15;
/** A copy of the article's text would count as much as two shared tags. */
const textWeight = 2;
/** Below this (no shared tag and under 40% of the text the article shares with itself), a candidate is noise. */
const minScore = 0.8;
/** How long a cached related list (related/routes.ts) may go without looking for newly similar articles. */
export const similarMaxAgeMs = 5 * 60_000;
/** Counts kept, about 100 bytes each: a large newsroom's working vocabulary. */
const documentCountsKept = 20_000;

interface Scored {
  facts: CandidateFacts;
  score: number;
}

export function createSimilarArticles(repository: SimilarityRepository, clock: Clock) {
  const documentCounts = new LRUCache<string, number>({
    max: documentCountsKept,
    ttl: similarMaxAgeMs,
    perf: { now: () => clock.now() },
  });

  /** In how many articles `word` occurs, counting no further than `commonAt`. */
  function documentsWith(word: string): number {
    let documents = documentCounts.get(word);
    if (documents === undefined) {
      documents = repository.documentsUpTo(anyOf([word]), commonAt);
      documentCounts.set(word, documents);
    }
    return documents;
  }

  /** The article's rarest telling words (never the corpus's common ones), best first. */
  function distinctiveTerms(article: StoredArticle): string[] {
    return heaviestWords(article, probeWords)
      .map(({ word, weight }) => ({ word, weight, documents: documentsWith(word) }))
      .filter(({ documents }) => documents >= 2 && documents < commonAt)
      .map(({ word, weight, documents }) => ({ word, value: weight * Math.log(commonAt / documents) }))
      .sort((a, b) => b.value - a.value)
      .slice(0, textTerms)
      .map(({ word }) => word);
  }

  /** Text closeness of the best matches, as a share of the article's own score: 1 is a copy of it. */
  function textScores(article: StoredArticle, now: number): Map<number, number> {
    const terms = distinctiveTerms(article);
    if (terms.length === 0) return new Map();
    const matches = repository.textMatches(anyOf(terms), article.pk, now, textCandidates + 1);
    const own = matches.find((match) => match.pk === article.pk)?.score ?? Math.max(...matches.map((match) => match.score));
    return new Map(matches.map((match) => [match.pk, own > 0 ? Math.min(1, match.score / own) : 0]));
  }

  function taggedCandidates(article: StoredArticle, now: number): number[] {
    const perTag = Math.max(minPerTag, Math.floor(tagBudget / Math.max(1, article.tags.length)));
    return article.tags.flatMap((tag) => repository.newestWithTag(tag, article.pk, now, perTag));
  }

  /**
   * Fill-up when too few articles share tags or telling words: with no score to tell them apart,
   * the ranking's own tie-breakers decide, same section first and then newer. So the list is
   * never short while its section has other articles, and the extra cost is one indexed LIMIT.
   */
  function newestOfSection(article: StoredArticle, exclude: Set<string>, taken: Set<number>, count: number, now: number) {
    const wanted = count + exclude.size + taken.size + 1;
    const fresh = repository.newestInSection(article.section, now, wanted).filter((pk) => pk !== article.pk && !taken.has(pk));
    const ids = new Map(repository.candidateFacts(fresh).map((facts) => [facts.pk, facts.id]));
    return fresh.filter((pk) => !exclude.has(ids.get(pk) ?? '')).slice(0, count);
  }

  function compare(article: StoredArticle) {
    return (a: Scored, b: Scored): number =>
      b.score - a.score ||
      Number(b.facts.section === article.section) - Number(a.facts.section === article.section) ||
      b.facts.publishedAt - a.facts.publishedAt ||
      b.facts.pk - a.facts.pk;
  }

  return {
    /**
     * Up to `limit` articles visible at `now` most like `article`, none of the ids in `exclude`
     * and never the article itself.
     */
    similarTo(article: StoredArticle, exclude: Set<string>, limit: number, now: number): StoredArticle[] {
      if (limit <= 0) return [];
      const text = textScores(article, now);
      const pks = new Set([...text.keys(), ...taggedCandidates(article, now)]);
      const tags = new Set(article.tags);
      const ranked = repository
        .candidateFacts([...pks])
        .filter((facts) => facts.pk !== article.pk && !exclude.has(facts.id))
        .map((facts) => {
          const shared = facts.tags.filter((tag) => tags.has(tag)).length;
          // Rounded, so that near-equal scores tie and the section and date decide between them.
          const score = Math.round((shared + textWeight * (text.get(facts.pk) ?? 0)) * 10) / 10;
          return { facts, score };
        })
        .filter(({ score }) => score >= minScore)
        .sort(compare(article))
        .slice(0, limit);
      const chosen = ranked.map(({ facts }) => facts.pk);
      if (chosen.length < limit) chosen.push(...newestOfSection(article, exclude, new Set(chosen), limit - chosen.length, now));
      return repository.articlesInOrder(chosen);
    },
  };
}

export type SimilarArticles = ReturnType<typeof createSimilarArticles>;
