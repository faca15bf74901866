// `npm run import -- [--timezone Area/City] [--section SLUG] FILE...`: imports NDJSON article
// lines and plain-text clippings into the database at DATABASE_PATH, then prints a summary.
// A thin shell over src/syndication/transfer: this file reads files, shows progress, reports.
import { accessSync, constants, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.js';
import { knownTimeZone } from '../dateline/calendar.js';
import { slugPattern } from '../http/primitives.js';
import { withArticleService } from '../syndication/transfer/context.js';
import { type Finding, fileOnDisk, type ImportFile, importFiles } from '../syndication/transfer/importer.js';
import { announceNewDatabase } from './database-path.js';

/** The same names a city's time zone may have: IANA's, not ICU's abbreviations (IST, BST). */
function timeZone(value: string): string {
  const zone = knownTimeZone(value);
  if (zone === null) throw new InvalidArgumentError('must be an IANA time zone such as Europe/Moscow or UTC');
  return zone;
}

function section(value: string): string {
  if (!slugPattern.test(value)) throw new InvalidArgumentError('must be a slug such as world');
  return value;
}

function list(title: string, findings: Finding[]): string {
  return findings.length === 0 ? '' : `${title}:\n${findings.map((f) => `  ${f.where}: ${f.reason}\n`).join('')}`;
}

const program = new Command('import')
  .description('Import NDJSON (one POST /v1/articles body a line) and plain-text clippings; importing twice changes nothing.')
  .option('--timezone <zone>', "time zone of the clippings' publication times", timeZone, 'UTC')
  .option('--section <slug>', 'section for clippings, which name none', section, 'news')
  .argument('<files...>', 'NDJSON files (.ndjson, .jsonl) and clippings (.txt)')
  .action((paths: string[], options: { timezone: string; section: string }) => {
    const files: ImportFile[] = [];
    const unreadable: Finding[] = [];
    for (const path of paths) {
      try {
        accessSync(path, constants.R_OK);
        if (statSync(path).isFile()) files.push(fileOnDisk(path));
        else unreadable.push({ where: path, reason: 'is not a file' });
      } catch (error) {
        unreadable.push({ where: path, reason: `cannot be read (${error instanceof Error ? error.message : String(error)})` });
      }
    }
    // A progress bar only where someone watches: on a terminal, not in logs or pipes.
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, etaBuffer: 20 }) : null;
    const started = performance.now();
    const config = loadConfig();
    announceNewDatabase(config.DATABASE_PATH);
    const report = withArticleService(config, (articles) =>
      importFiles(articles, files, {
        timeZone: options.timezone,
        section: options.section,
        onProgress: (done, total) => {
          if (bar && !bar.isActive) bar.start(total, 0);
          bar?.update(done);
        },
      }),
    );
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    const written = report.created + report.updated;
    process.stdout.write(
      [
        list('Not imported', [...unreadable, ...report.rejected]),
        list('Skipped', report.skipped),
        list('"Read more" boxes left out', report.unresolved),
        `Created ${report.created}, updated ${report.updated}, skipped ${report.skipped.length}, not imported ${unreadable.length + report.rejected.length}, "Read more" unresolved ${report.unresolved.length}.\n`,
        `${written} articles written in ${seconds.toFixed(2)} s (${Math.round(written / Math.max(seconds, 0.001))} articles/s).\n`,
      ].join(''),
    );
    if (unreadable.length + report.rejected.length > 0) process.exitCode = 2;
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
