// `npm run export -- FILE`: writes every article of the database at DATABASE_PATH to FILE as
// NDJSON that `npm run import` reads back unchanged. A thin shell over src/syndication/transfer.
import { closeSync, openSync, writeSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { withArticleService } from '../syndication/transfer/context.js';
import { exportArticles } from '../syndication/transfer/exporter.js';

const program = new Command('export')
  .description('Write every article as NDJSON (one POST /v1/articles body a line, with its id).')
  .argument('<file>', 'where to write; "-" for standard output')
  .action((file: string) => {
    const fd = file === '-' ? 1 : openSync(file, 'w');
    try {
      const count = withArticleService(loadConfig(), (articles) => exportArticles(articles, (chunk) => writeSync(fd, chunk)));
      process.stderr.write(`Exported ${count} articles${file === '-' ? '' : ` to ${file}`}.\n`);
    } finally {
      if (fd !== 1) closeSync(fd);
    }
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
