// `npm run export -- FILE`: writes every article of the database at DATABASE_PATH to FILE as
// NDJSON that `npm run import` reads back unchanged. A thin shell over src/syndication/transfer.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { withArticleService } from '../syndication/transfer/context.js';
import { exportArticles } from '../syndication/transfer/exporter.js';
import { requireDatabase } from './database-path.js';

const program = new Command('export')
  .description('Write every article as NDJSON (one POST /v1/articles body a line, with its id).')
  .argument('<file>', 'where to write; "-" for standard output')
  .action((file: string) => {
    const config = loadConfig();
    // Reading: a path with no database is a mistake, not an empty export (nor a new database).
    requireDatabase(config.DATABASE_PATH);
    const exportTo = (fd: number) =>
      withArticleService(config, (articles) => exportArticles(articles, (chunk) => writeSync(fd, chunk)));
    if (file === '-') {
      const count = exportTo(1);
      process.stderr.write(`Exported ${count} articles.\n`);
      return;
    }
    // Written beside the file and renamed when whole: a failure leaves FILE as it was.
    const partial = `${file}.partial`;
    const fd = openSync(partial, 'w');
    let count: number;
    try {
      count = exportTo(fd);
      closeSync(fd);
    } catch (error) {
      closeSync(fd);
      rmSync(partial, { force: true });
      throw error;
    }
    renameSync(partial, file);
    process.stderr.write(`Exported ${count} articles to ${file}.\n`);
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
