// Builds the benchmark dataset: a SQLite file of deterministic, realistic articles written through
// the article service (so the stored shape, tags table and FTS index are exactly the service's own).
// A file that already holds the requested number of articles is reused, so repeated runs are quick.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { createArticlePresenter } from '../src/articles/presenter.js';
import { createArticleRepository } from '../src/articles/repository.js';
import { type ArticleInput, articleInputSchema } from '../src/articles/schemas.js';
import { createArticleService } from '../src/articles/service.js';
import { slugify } from '../src/articles/slug.js';
import { formatTimestamp, systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/open.js';
import { addBenchCities, readCitySlugs } from './cities.js';
import { createRandom, type Random } from './random.js';
import { capitalise, paragraph, person, phrase, sentence, topicWords, type Writer } from './text.js';
import { newestViewHour, publishedNewestFirst, readSetOf, viewsAsWritten, viewsSeed, writeBenchViews } from './views.js';
import { contentWords, sections, sources } from './vocabulary.js';

export interface Dataset {
  path: string;
  articles: number;
  reused: boolean;
  /** Wall time spent generating (0 when reused). */
  seconds: number;
  /** Slugs of the published articles, in insertion order. */
  publishedSlugs: string[];
  /**
   * Slugs of the articles readers read, the ones the stored views went to (views.ts's read set,
   * drawn the same way): all published articles up to 50,000, else the 45,000 newest and 5,000
   * from the archive. New views go there too.
   */
  readSlugs: string[];
  /** Slugs of the cities a dateline can be shown for. */
  citySlugs: string[];
}

const batchSize = 1_000;
const windowStart = Date.UTC(2024, 0, 1);
const windowEnd = Date.UTC(2026, 0, 1);
const tagPool = new Set(contentWords.slice(0, 200));

/** Ids hold an underscore (the service tells ids from slugs by it); b_0000001, b_0000002, … */
export function articleId(index: number): string {
  return `b_${articleNumber(index)}`;
}

function articleNumber(index: number): string {
  return String(index).padStart(7, '0');
}

function body(writer: Writer, index: number, id: string): ArticleInput['body'] {
  const { random } = writer;
  const blocks: unknown[] = [];
  const paragraphs = random.int(8, 14);
  for (let p = 0; p < paragraphs; p += 1) {
    if (p >= 2 && random.chance(0.12)) blocks.push({ type: 'heading', text: capitalise(phrase(writer, random.int(3, 6))) });
    if (p >= 3 && random.chance(0.06))
      blocks.push({ type: 'quote', text: sentence(writer, 12, 25), attribution: person(random) });
    if (p >= 4 && random.chance(0.03)) {
      blocks.push({ type: 'image', url: `https://images.example.com/bench/${id}-${p}.jpg`, caption: sentence(writer, 6, 14) });
    }
    blocks.push({ type: 'paragraph', text: paragraph(writer) });
  }
  // About one article in ten ends with a "Read more" box pointing at an older article.
  if (index > 1 && random.chance(0.1)) blocks.push({ type: 'related', articleId: articleId(random.int(1, index - 1)) });
  return blocks as ArticleInput['body'];
}

export function article(random: Random, index: number): { id: string; input: ArticleInput; createdAt: number } {
  const id = articleId(index);
  const writer: Writer = { random, topic: topicWords(random) };
  const headline = capitalise(phrase(writer, random.int(6, 12)));
  const draft = random.chance(0.02);
  const at = windowStart + Math.floor((random.next() * (windowEnd - windowStart)) / 1000) * 1000;
  const source = random.pickSkewed(sources, 1.5);
  // Tags name what the article is about: its first topic words that are in the pool of 200.
  const tags = writer.topic.filter((word) => tagPool.has(word)).slice(0, random.int(2, 5));
  const raw = {
    // Slugs allow no underscore: the headline, then the id's letters without it.
    slug: `${slugify(headline)}-b${articleNumber(index)}`,
    headline,
    standfirst: sentence(writer, 15, 30),
    section: random.pick(sections),
    tags,
    source: { ...source },
    byline: random.chance(0.8) ? person(random) : undefined,
    status: draft ? 'draft' : 'published',
    publishedAt: draft ? undefined : formatTimestamp(at),
    leadImage: random.chance(0.85)
      ? {
          url: `https://images.example.com/bench/${id}.jpg`,
          caption: sentence(writer, 8, 16),
          credit: `Photo: ${person(random)}`,
        }
      : undefined,
    body: body(writer, index, id),
    syndication: { allowed: random.chance(0.85) },
    hideFromPopular: random.chance(0.03),
  };
  return { id, input: articleInputSchema.parse(raw), createdAt: at };
}

/** The number of articles in the file, or null when it is missing or not a dataset. */
function countArticles(path: string): number | null {
  if (!existsSync(path)) return null;
  try {
    const sqlite = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (sqlite.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  } catch {
    return null;
  }
}

function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function readPublishedSlugs(path: string): string[] {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare("SELECT slug FROM articles WHERE status = 'published' AND deleted_at IS NULL ORDER BY pk")
      .all() as Array<{ slug: string }>;
    return rows.map((row) => row.slug);
  } finally {
    sqlite.close();
  }
}

function readReadSet(path: string, seed: number): string[] {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const published = sqlite.prepare(publishedNewestFirst).all() as Array<{ slug: string }>;
    return readSetOf(
      published.map((row) => row.slug),
      createRandom(viewsSeed(seed)),
    );
  } finally {
    sqlite.close();
  }
}

/** The slugs a benchmark asks for, read from the dataset file. */
function slugsOf(path: string, seed: number) {
  return { publishedSlugs: readPublishedSlugs(path), readSlugs: readReadSet(path, seed), citySlugs: readCitySlugs(path) };
}

/** Views are written relative to the hour of generation: a reused file gets them anew when they have aged. */
function refreshViews(path: string, seed: number): void {
  const database = openDatabase(path);
  try {
    const newest = newestViewHour(database);
    // Rewritten when old, or when earlier runs added views to it: each run measures the same data.
    if (newest !== null && Date.now() - newest < 6 * 3_600_000 && viewsAsWritten(database)) return;
    const started = performance.now();
    const views = writeBenchViews(database, createRandom(viewsSeed(seed)), Date.now());
    console.log(`dataset: rewrote ${views} views ending now (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    database.sqlite.pragma('journal_mode = DELETE');
  } finally {
    database.close();
  }
}

/** Creates (or reuses) the dataset at `path`; the same `articles` and `seed` give the same content. */
// Bump when the generator changes, so an old dataset file is not reused for different content.
const datasetVersion = 6;

/** The dataset file for a size and seed: one name, so the benchmark and the load test reuse each other's. */
export function datasetFile(root: string, articles: number, seed: number): string {
  return join(root, 'bench/data', `articles-${articles}-seed${seed}-v${datasetVersion}.db`);
}

export function generateDataset(path: string, articles: number, seed = 42): Dataset {
  if (countArticles(path) === articles) {
    console.log(`dataset: reusing ${path} (${articles} articles)`);
    refreshViews(path, seed);
    return { path, articles, reused: true, seconds: 0, ...slugsOf(path, seed) };
  }
  removeDatabase(path);
  // Write to a side file and rename at the end, so an interrupted run never leaves a partial
  // dataset under the real name.
  const partial = `${path}.partial`;
  removeDatabase(partial);
  const started = performance.now();
  const database = openDatabase(partial);
  const service = createArticleService({
    repository: createArticleRepository(database.db),
    presenter: createArticlePresenter('https://news.example.com'),
    clock: systemClock,
    onChange: () => {},
  });
  const random = createRandom(seed);
  for (let first = 1; first <= articles; first += batchSize) {
    const last = Math.min(first + batchSize - 1, articles);
    const items = [];
    for (let index = first; index <= last; index += 1) items.push(article(random, index));
    service.createMany(items);
    const elapsed = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`dataset: ${last}/${articles} articles (${elapsed} s)`);
  }
  // Its own random sequence, so the cities never change the articles.
  addBenchCities(database, createRandom(seed + 1));
  // Their own random sequence too; views end in the current hour.
  const views = writeBenchViews(database, createRandom(viewsSeed(seed)), Date.now());
  console.log(`dataset: ${views} views (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  // One self-contained file: the service reopens it in WAL mode itself.
  database.sqlite.pragma('journal_mode = DELETE');
  database.close();
  renameSync(partial, path);
  const seconds = (performance.now() - started) / 1000;
  console.log(`dataset: generated ${path} in ${seconds.toFixed(1)} s`);
  return { path, articles, reused: false, seconds, ...slugsOf(path, seed) };
}

// Runnable on its own: node dist/bench/generate.js <path> <articles> [seed]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, count, seed] = process.argv.slice(2);
  if (!path || !count) {
    console.error('usage: node dist/bench/generate.js <path> <articles> [seed]');
    process.exit(2);
  }
  generateDataset(path, Number(count), seed === undefined ? 42 : Number(seed));
}
