// Builds the app on a fresh temporary SQLite file, with a clock the test controls and one
// key of each role, and removes everything when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { createArticlePresenter } from '../../src/articles/presenter.js';
import { createArticleRepository } from '../../src/articles/repository.js';
import { type ArticleService, createArticleService } from '../../src/articles/service.js';
import { createKey, type Role } from '../../src/auth/keys.js';
import type { Clock } from '../../src/clock.js';
import { type Config, defaultConfig } from '../../src/config.js';
import { type ContentDatabase, openDatabase } from '../../src/db/open.js';

export class TestClock implements Clock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** A moment after every demo article's publication time. */
export const demoNow = Date.parse('2024-03-29T12:00:00Z');

export interface TestApp {
  app: FastifyInstance;
  clock: TestClock;
  database: ContentDatabase;
  dbPath: string;
  keys: Record<Role, string>;
  auth(role: Role): { authorization: string };
}

export function tempDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-api-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function buildTestApp(
  t: Test,
  options: { demo?: boolean; now?: number; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const dbPath = join(tempDir(t), 'content.db');
  const config = defaultConfig({
    DATABASE_PATH: dbPath,
    DEMO_CONTENT: options.demo ?? true,
    LOG_LEVEL: 'silent',
    // Guards of the whole process, tested on their own (test/http/limits.test.ts): the ceiling
    // counts on the test clock, which stands still, and adaptive admission and load shedding
    // would depend on how busy the machine running the tests is.
    RATE_LIMIT_GLOBAL_PER_SECOND: 0,
    OVERLOAD_TURN_BUDGET_MS: 0,
    MAX_EVENT_LOOP_DELAY_MS: 0,
    MAX_HEAP_USED_BYTES: 0,
    // A worker thread per test app would add seconds to the suite: the background checkpoints
    // have their own test (test/db/checkpoints.test.ts), and the crash tests run the compiled
    // server, which checkpoints in the background as deployed.
    WAL_CHECKPOINT_INTERVAL_MS: 0,
    ...options.config,
  });
  const clock = new TestClock(options.now ?? demoNow);
  const database = openDatabase(dbPath);
  const keys = {
    admin: createKey(database.db, { name: 'test admin', role: 'admin' }).secret,
    editor: createKey(database.db, { name: 'test editor', role: 'editor' }).secret,
    partner: createKey(database.db, { name: 'test partner', role: 'partner' }).secret,
  };
  const app = await buildApp({ config, clock, database });
  await app.ready();
  t.teardown(() => app.close());
  return { app, clock, database, dbPath, keys, auth: (role) => ({ authorization: `Bearer ${keys[role]}` }) };
}

/**
 * An article service on a test app's database and clock, for what the HTTP API does not reach
 * (bulk inserts, a writer's own preconditions); it tells no cache of the app's.
 */
export function articleServiceOf({ database, clock }: Pick<TestApp, 'database' | 'clock'>): ArticleService {
  return createArticleService({
    repository: createArticleRepository(database.db),
    presenter: createArticlePresenter('https://news.example.com'),
    clock,
    onChange: () => {},
  });
}

/** A valid POST /v1/articles body; override what the test is about. */
export function articleBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    headline: 'Harbour council approves the new ferry terminal',
    standfirst: 'The terminal will open in two years and double the number of crossings.',
    section: 'world',
    tags: ['transport', 'harbour'],
    source: { name: 'Newsroom Staff' },
    body: [{ type: 'paragraph', text: 'Councillors voted on Thursday to build a second terminal at the old pier.' }],
    ...overrides,
  };
}
