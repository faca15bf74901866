// The benchmark's results at two dataset sizes side by side (npm run bench:compare): one markdown
// table per endpoint's service figures, then start-up time and memory, from the files `npm run
// bench` writes per size (bench/results/articles-N.json).
// Usage: npm run bench:compare -- [--small N] [--large N]   (defaults: 10000 and 1000000)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

interface Round {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms?: number;
  p99Ms: number;
}

interface Results {
  date: string;
  dataset: { articles: number; megabytes: number };
  service: {
    startupMs: number;
    memory: { rssMiB: number; peakMiB: number } | null;
    heap?: Record<string, number> | null;
  };
  endpoints: Array<{
    name: string;
    firstRequests?: { p50Ms: number; p95Ms: number; maxMs: number };
    service: { requestsPerSecond: number; medianRound: Round };
  }>;
  /** bench/ingestion.ts's IngestionResult; null when the run left it out. */
  ingestion?: {
    readSet: { articles: number; acceptedPerSecond: number; p99Ms: number };
    wholeArchive: { articles: number; acceptedPerSecond: number; p99Ms: number } | null;
  } | null;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

function load(articles: string): Results {
  const path = join(root, 'bench/results', `articles-${articles}.json`);
  if (!existsSync(path)) throw new Error(`no results for ${articles} articles: run npm run bench -- --articles ${articles}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Results;
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(2));
const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (large: number | undefined, small: number | undefined) =>
  large === undefined || small === undefined || small === 0 ? '—' : `${(large / small).toFixed(2)}×`;

export function sideBySide(small: Results, large: Results): string {
  const sizes = [small, large].map((results) => results.dataset.articles.toLocaleString('en-US'));
  const header = ['endpoint', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'uncached p50 / p95 ms', 'p50 ×'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rows: string[] = [];
  for (const endpoint of small.endpoints) {
    const other = large.endpoints.find((candidate) => candidate.name === endpoint.name);
    const cells = (entry: Results['endpoints'][number] | undefined) => {
      const round = entry?.service.medianRound;
      return [
        entry ? rate(entry.service.requestsPerSecond) : '—',
        ms(round?.p50Ms),
        ms(round?.p95Ms),
        ms(round?.p99Ms),
        entry?.firstRequests ? `${ms(entry.firstRequests.p50Ms)} / ${ms(entry.firstRequests.p95Ms)}` : '—',
      ];
    };
    const [a, b] = [cells(endpoint), cells(other)];
    rows.push(
      line([
        endpoint.name,
        ...a.map((cell, index) => `${cell} → ${b[index]}`),
        ratio(other?.service.medianRound.p50Ms, endpoint.service.medianRound.p50Ms),
      ]),
    );
  }
  const memory = (results: Results) => {
    const rss = results.service.memory ? `${results.service.memory.rssMiB.toFixed(0)} MiB` : 'n/a';
    const heap = results.service.heap?.heapUsedMiB;
    return heap === undefined ? rss : `${rss} (heap used ${heap.toFixed(0)} MiB)`;
  };
  const ingestion = (
    pick: (result: NonNullable<Results['ingestion']>) => { acceptedPerSecond: number; p99Ms: number } | null,
  ) => {
    const [a, b] = [small, large].map((results) => {
      const run = results.ingestion ? pick(results.ingestion) : null;
      return run ? `${rate(run.acceptedPerSecond)} views/s (p99 ${ms(run.p99Ms)} ms)` : '—';
    });
    return `${a} → ${b}`;
  };
  return [
    `Service figures at ${sizes[0]} → ${sizes[1]} articles (the last column: p50 at the larger size over the smaller).`,
    '',
    line(header),
    line(header.map((_, index) => (index === 0 ? '---' : '---:'))),
    ...rows,
    '',
    `Batch ingestion, views to the articles read: ${ingestion((result) => result.readSet)}.`,
    `Batch ingestion, views spread over the whole archive: ${ingestion((result) => result.wholeArchive)}.`,
    `Start-up (spawn to first answer): ${small.service.startupMs.toFixed(0)} ms → ${large.service.startupMs.toFixed(0)} ms.`,
    `Resident memory after the load: ${memory(small)} → ${memory(large)}.`,
    `Dataset file: ${small.dataset.megabytes.toFixed(0)} MB → ${large.dataset.megabytes.toFixed(0)} MB.`,
    `Runs: ${small.date} and ${large.date}.`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { small: { type: 'string' }, large: { type: 'string' } } });
  try {
    console.log(sideBySide(load(values.small ?? '10000'), load(values.large ?? '1000000')));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
