// Demo views: a fixed number for each published demo article, recorded through the popularity
// service and written at once, so "Most Popular" has a list from the first start.
import type { Popularity } from '../popularity/service.js';
import { demoArticles } from './articles.js';

/** Views of the demo article at `index`: fixed, and different enough to give a clear order. */
export function demoViewCount(index: number): number {
  return 5 + ((index * 37) % 90);
}

/** Records the demo views at the clock's now; the scheduled and draft articles get none. */
export function seedDemoViews(popularity: Popularity): void {
  demoArticles.forEach((article, index) => {
    if (article.status !== 'published' || article.scheduledInHours !== undefined) return;
    const events = Array.from({ length: demoViewCount(index) }, () => ({ article: article.id }));
    popularity.recordViews(events, undefined);
  });
  popularity.flush();
}
