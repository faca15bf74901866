// The article service as the import and export commands use it: on the database at
// DATABASE_PATH, telling the partners' change log about every write, like the server does.
import { createArticlePresenter } from '../../articles/presenter.js';
import { createArticleRepository } from '../../articles/repository.js';
import { type ArticleService, createArticleService } from '../../articles/service.js';
import { systemClock } from '../../clock.js';
import type { Config } from '../../config.js';
import { openDatabase } from '../../db/open.js';
import { recordArticleWrites } from '../change-feed.js';
import { createSyndicationRepository } from '../repository.js';

export function withArticleService<T>(config: Config, work: (articles: ArticleService) => T): T {
  const database = openDatabase(config.DATABASE_PATH, { besideService: true });
  try {
    const repository = createArticleRepository(database.db);
    const articles = createArticleService({
      repository,
      presenter: createArticlePresenter(config.PUBLIC_BASE_URL),
      clock: systemClock,
      record: recordArticleWrites(createSyndicationRepository(database.db), systemClock, (ids) => repository.linkingTo(ids)),
      // A running server's caches are its own (README, Import).
      onChange: () => {},
    });
    return work(articles);
  } finally {
    database.close();
  }
}
