// Measures `npm run import` on NDJSON: writes N benchmark articles (the dataset generator's
// content, as export lines with ids) to bench/data, then imports them into an empty database
// with the real command and prints its summary, which gives articles per second.
// Usage: npm run build && node dist/bench/import.js [--articles 100000]
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { formatTimestamp } from '../src/clock.js';
import { article } from './generate.js';
import { createRandom } from './random.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}

const count = option('articles', 100_000);
const dataDir = join(process.cwd(), 'bench', 'data');
mkdirSync(dataDir, { recursive: true });
const file = join(dataDir, `import-${count}.ndjson`);

if (!existsSync(file)) {
  const random = createRandom(42);
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  for (let index = 1; index <= count; index += 1) {
    const { id, input, createdAt } = article(random, index);
    writeSync(fd, `${JSON.stringify({ id, ...input, createdAt: formatTimestamp(createdAt) })}\n`);
  }
  closeSync(fd);
  renameSync(partial, file);
}

const database = join(dataDir, `import-${count}.db`);
for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
const result = spawnSync(process.execPath, ['dist/src/cli/import.js', file], {
  env: { ...process.env, DATABASE_PATH: database },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
process.stdout.write(result.stdout.split('\n').slice(-3).join('\n'));
process.stderr.write(result.stderr);
for (const suffix of ['', '-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
process.exitCode = result.status ?? 1;
