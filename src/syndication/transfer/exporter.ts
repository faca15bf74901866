// Writes every article (drafts and scheduled ones too; not deleted ones) as NDJSON lines that
// the importer reads back unchanged, page by page so memory stays flat however many there are.
import { boxTargetIds } from '../../articles/changes.js';
import type { ArticleService } from '../../articles/service.js';
import { exportLineOf } from './records.js';

const defaultPageSize = 1000;

/**
 * Writes the articles as they were when the export began: its pages are read on one snapshot, so
 * an article created, edited or deleted meanwhile (the service keeps writing) is either wholly in
 * the export as it was or not in it, and a "Read more" target is in it whenever its link is.
 */
export function exportArticles(articles: ArticleService, write: (chunk: string) => void, pageSize = defaultPageSize): number {
  return articles.snapshot(() => {
    let afterPk = 0;
    let count = 0;
    for (;;) {
      const page = articles.storedPage(afterPk, pageSize);
      if (page.length === 0) return count;
      // A "Read more" block whose target was deleted shows nothing anywhere; it is not exported,
      // since an import could not resolve it.
      const targets = page.flatMap((article) => boxTargetIds(article.body));
      const live = articles.existingIds([...new Set(targets)]);
      const former = articles.formerSlugsOf(page.map((article) => article.pk));
      const lines = page.map((article) => {
        const body = article.body.filter((block) => block.type !== 'related' || live.has(block.articleId));
        return `${JSON.stringify(exportLineOf({ ...article, body }, former.get(article.pk)))}\n`;
      });
      write(lines.join(''));
      count += page.length;
      afterPk = page.at(-1)?.pk ?? afterPk;
    }
  });
}
