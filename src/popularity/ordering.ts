// Orders a window's totals into its ranking: the articles that may rank (visible, not hidden
// from "Most Popular"), most viewed first, ties to the newer article. Only the entries some
// list can show are kept: the `keep` first of each section, since no list shows more (GET
// /v1/popular's `limit`) and the first `keep` of all are among them. At a million articles a
// full sort of the 67,000 viewed articles cost 130 ms on every refresh and article change.
import type { RankFacts } from './article-slots.js';
import type { ArticleViews } from './repository.js';

/** A window's totals as they were taken: pk and views at the same index. */
export interface ViewSnapshot {
  pks: Float64Array;
  views: Float64Array;
}

export type RankedEntry = ArticleViews & { section: string; publishedAt: number };

/** Negative when `a` ranks before `b`. */
function byRank(a: RankedEntry, b: RankedEntry): number {
  return b.views - a.views || b.publishedAt - a.publishedAt || b.pk - a.pk;
}

/** A section's best entries: once `keep` are held, the last of them is the bar a new one must beat. */
interface SectionTop {
  entries: RankedEntry[];
  bar: RankedEntry | null;
}

export function rankEntries(snapshot: ViewSnapshot, facts: RankFacts, now: number, keep: number): RankedEntry[] {
  const sections = new Map<string, SectionTop>();
  for (let index = 0; index < snapshot.pks.length; index += 1) {
    const pk = snapshot.pks[index] ?? 0;
    const section = facts.rankingSection(pk, now);
    if (section === null) continue;
    const entry = { pk, views: snapshot.views[index] ?? 0, section, publishedAt: facts.publishedAt(pk) };
    let top = sections.get(section);
    if (!top) {
      top = { entries: [], bar: null };
      sections.set(section, top);
    }
    if (top.bar && byRank(entry, top.bar) > 0) continue;
    top.entries.push(entry);
    if (top.entries.length >= 4 * keep) {
      top.entries.sort(byRank);
      top.entries.length = keep;
      top.bar = top.entries[keep - 1] ?? null;
    }
  }
  const entries: RankedEntry[] = [];
  for (const top of sections.values()) entries.push(...top.entries.sort(byRank).slice(0, keep));
  return entries.sort(byRank);
}
