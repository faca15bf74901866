// `npm run backup -- FILE`: a consistent copy of the database at DATABASE_PATH, made while the
// service serves it. A thin shell over src/db/backup.ts; restoring is described in the README.
import { Command } from 'commander';
import { loadConfig } from '../config.js';
import { BackupError, backupDatabase } from '../db/backup.js';

const program = new Command('backup')
  .description('Copy the database at DATABASE_PATH to FILE while the service keeps running, then check the copy.')
  .argument('<file>', 'the copy to write; must not exist yet')
  .action(async (file: string) => {
    const started = performance.now();
    const { pages, articles } = await backupDatabase(loadConfig().DATABASE_PATH, file);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stdout.write(
      `Backed up ${articles} articles (${pages} pages) to ${file} in ${seconds} s; the copy passed integrity checks.\n`,
    );
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof BackupError ? 2 : 1;
});
