// buildApp(config): the whole service as a Fastify instance, without listening. Registers the
// cross-cutting plugins first, then each feature. server.ts listens; tests call inject().
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { Counter, Registry } from 'prom-client';
import { createArticlePresenter } from './articles/presenter.js';
import { createArticleRepository } from './articles/repository.js';
import { articleRoutes } from './articles/routes.js';
import { createArticleService } from './articles/service.js';
import { type Clock, systemClock } from './clock.js';
import type { Config } from './config.js';
import { createCityRepository } from './dateline/repository.js';
import { datelineRoutes } from './dateline/routes.js';
import { createDatelineService } from './dateline/service.js';
import { weatherPolling } from './dateline/weather-polling.js';
import { startBackgroundCheckpoints } from './db/checkpoints.js';
import { canonicalPath } from './db/files.js';
import { type ContentDatabase, openDatabase } from './db/open.js';
import { watchOtherWriters } from './db/other-writers.js';
import { takeServiceLock } from './db/service-lock.js';
import { seedDemoCities } from './demo/cities.js';
import { seedDemoContent } from './demo/seed.js';
import { seedDemoViews } from './demo/views.js';
import { authentication } from './http/auth.js';
import { cacheBudgets, createCacheStores } from './http/cache-budget.js';
import { type Representation, ResponseCache } from './http/caching.js';
import { httpConventions, setEveryAnswersHeaders } from './http/conventions.js';
import { CrossOriginHeaders } from './http/cors.js';
import { errorHandling, type RouterOptions, replyWithProblem } from './http/errors.js';
import { parseJsonBody } from './http/json-body.js';
import { AdmissionGate, RequestCeiling, requestLimits, serverWithLimits } from './http/limits.js';
import { openApi } from './http/openapi.js';
import { CursorCodec } from './http/pagination.js';
import { maxPathParameterLength, smallBodyLimitBytes } from './http/primitives.js';
import { serverTimeouts } from './http/timeouts.js';
import { operationsRoutes } from './operations/routes.js';
import { pageRoutes } from './pages/routes.js';
import { MemoryViewBuffer } from './popularity/buffer.js';
import { viewFlushing } from './popularity/flushing.js';
import { FileViewJournal, viewJournalPath } from './popularity/journal.js';
import { viewMetrics } from './popularity/metrics.js';
import { MemoryRepeatViews } from './popularity/repeat-views.js';
import { createViewRepository } from './popularity/repository.js';
import { popularityRoutes } from './popularity/routes.js';
import { createPopularity } from './popularity/service.js';
import { createRelatedRepository } from './related/repository.js';
import { relatedRoutes } from './related/routes.js';
import { createRelatedService } from './related/service.js';
import { createSimilarArticles } from './related/similar.js';
import { createSimilarityRepository } from './related/similarity-repository.js';
import { createChangeFeed, recordArticleWrites } from './syndication/change-feed.js';
import { FeedWriter } from './syndication/feed-writer.js';
import { createSyndicationRepository } from './syndication/repository.js';
import { syndicationRoutes } from './syndication/routes.js';

export interface BuildOptions {
  config: Config;
  clock?: Clock;
  /** An already open database; by default the file at DATABASE_PATH is opened and migrated. */
  database?: ContentDatabase;
}

/** A hop count becomes the equivalent function, the form Fastify's types accept. */
function trustProxyOption(setting: Config['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Fastify's router, and the 405 check that matches paths again (src/http/errors.ts). */
const routerOptions: RouterOptions = { maxParamLength: maxPathParameterLength, ignoreTrailingSlash: true };

/** A dateline for "now" changes by itself (midnight, stale weather): kept a minute at most. */
const datelineMaxAgeLimit = 60;
/** A visitor's repeat views of one article within this period count once. */
const repeatViewPeriodMs = 30 * 60_000;

export async function buildApp({ config, clock = systemClock, database }: BuildOptions): Promise<FastifyInstance> {
  const metrics = new Registry();
  const refused = new Counter({
    name: 'http_requests_refused_total',
    help: 'Requests refused before routing: 429 over the global ceiling (RATE_LIMIT_GLOBAL_PER_SECOND), 503 by adaptive admission (OVERLOAD_TURN_BUDGET_MS).',
    labelNames: ['status'],
    registers: [metrics],
  });
  const ceiling = config.RATE_LIMIT_GLOBAL_PER_SECOND > 0 ? new RequestCeiling(config.RATE_LIMIT_GLOBAL_PER_SECOND, clock) : null;
  const admission = ceiling && config.OVERLOAD_TURN_BUDGET_MS > 0 ? new AdmissionGate(config.OVERLOAD_TURN_BUDGET_MS) : null;
  const crossOrigin = new CrossOriginHeaders(config.CORS_CREDENTIALED_ORIGINS);
  const app = Fastify({
    ...(ceiling
      ? {
          serverFactory: serverWithLimits({ ceiling, admission, crossOrigin, onRefused: (status) => refused.inc({ status }) }),
        }
      : {}),
    logger: { level: config.LOG_LEVEL },
    // Routes that take a body declare their own limit; this covers any that does not.
    bodyLimit: smallBodyLimitBytes,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    ...serverTimeouts(config),
    routerOptions,
    // Requests that arrive while it closes are refused by src/http/limits.ts, as problem+json.
    return503OnClosing: false,
    // Malformed URLs and over-long path parameters get the same problem+json as everything else.
    // No hook runs for those: the headers every answer gets are set here.
    frameworkErrors: (error, request, reply) => {
      reply.headers(crossOrigin.for(request.headers.origin));
      setEveryAnswersHeaders(request, reply);
      return replyWithProblem(error, request, reply);
    },
  });
  // Only JSON bodies are accepted; a text/plain body is a 415 rather than a string handed to validation.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // The lock before the database is opened: a second service, a newer version say, would
  // otherwise migrate the file the first one serves before finding it taken.
  const path = database?.sqlite.name ?? config.DATABASE_PATH;
  const lock = path === ':memory:' ? null : takeServiceLock(path);
  let db: ContentDatabase;
  try {
    db = database ?? openDatabase(config.DATABASE_PATH);
  } catch (error) {
    // A file this version may not open (a newer version's schema): refused, and let go.
    lock?.release();
    throw error;
  }
  // onClose hooks run last registered first: the lock is released once the database is closed.
  if (lock) app.addHook('onClose', async () => lock.release());
  app.addHook('onClose', async () => db.close());
  if (config.WAL_CHECKPOINT_INTERVAL_MS > 0 && !db.sqlite.memory) {
    const checkpointed = new Counter({
      name: 'sqlite_wal_checkpointed_pages_total',
      help: 'Pages the background checkpoints (WAL_CHECKPOINT_INTERVAL_MS) copied from the WAL into the database file.',
      registers: [metrics],
    });
    const checkpoints = startBackgroundCheckpoints(db.sqlite, config.WAL_CHECKPOINT_INTERVAL_MS, (report) => {
      if (report.error !== undefined)
        app.log.warn({ error: report.error }, 'background WAL checkpoint failed; the next commits checkpoint instead');
      // SQLite answers -1 when no checkpoint could run (the file not in WAL mode, say).
      else if (report.checkpointed > 0) checkpointed.inc(report.checkpointed);
    });
    // Registered after the database's onClose hook, so it runs before it.
    app.addHook('onClose', async () => checkpoints.stop());
  }

  const repository = createArticleRepository(db.db);
  // One memory budget for the four response caches below and the feeds' items (src/http/cache-budget.ts).
  const budgets = cacheBudgets(config.CACHE_MAX_BYTES);
  const caches = createCacheStores<Representation>(budgets, metrics);
  const cache = new ResponseCache({
    clock,
    ...caches.articles,
    maxAgeSeconds: config.CACHE_MAX_AGE_SECONDS,
    nextScheduledChange: (now) => repository.nextPublicationAfter(now),
  });
  const presenter = createArticlePresenter(config.PUBLIC_BASE_URL);
  // Popular lists change with views, not with every write: a cache of their own, kept at most
  // POPULAR_MAX_AGE_SECONDS, emptied by article changes.
  const popularCache = new ResponseCache({
    clock,
    ...caches.popular,
    maxAgeSeconds: config.POPULAR_MAX_AGE_SECONDS,
    nextScheduledChange: () => null,
  });
  const popularity = createPopularity({
    repository: createViewRepository(db.db),
    presenter,
    clock,
    buffer: new MemoryViewBuffer(),
    repeats: new MemoryRepeatViews(config.VIEWS_DEDUPE_MAX_ENTRIES, repeatViewPeriodMs),
    maxAgeMs: config.POPULAR_MAX_AGE_SECONDS * 1000,
    bufferMaxEntries: config.VIEWS_BUFFER_MAX_ENTRIES,
    onTally: viewMetrics(metrics),
    onFlushError: (err) => app.log.error({ err }, 'buffered views could not be written; retrying with the next flush'),
    // Beside the file's real path, as the service lock: a start through a symbolic link and one
    // without must find the same journal, or the second would number segments the first left
    // unreplayed as already flushed.
    journal:
      config.VIEWS_JOURNAL && !db.sqlite.memory ? new FileViewJournal(viewJournalPath(canonicalPath(db.sqlite.name))) : undefined,
    onJournalReplay: (replay) => app.log.info(replay, 'views from the views journal written'),
    onJournalError: (err) => app.log.error({ err }, 'the views journal could not be written; views are refused with 503'),
  });
  const syndication = createSyndicationRepository(db.db);
  const linkersOf = (ids: string[]) => repository.linkingTo(ids);
  const recordForPartners = recordArticleWrites(syndication, clock, linkersOf);
  const articles = createArticleService({
    repository,
    presenter,
    clock,
    // In the write's transaction: a change the partners' log missed would never reach them.
    record: recordForPartners,
    onChange: (changes) => {
      cache.invalidate(changes);
      popularity.articlesChanged(changes);
      popularCache.invalidate(changes);
    },
  });
  const related = createRelatedService({
    articles,
    repository: createRelatedRepository(db.db),
    similar: createSimilarArticles(createSimilarityRepository(db.db), clock),
    presenter,
    clock,
    onChange: () => cache.invalidate(),
  });
  // Observations come every few minutes: they empty a cache of their own, not the articles'.
  const datelineMaxAgeSeconds = Math.min(config.CACHE_MAX_AGE_SECONDS, datelineMaxAgeLimit);
  const datelineNowTtlMs = datelineMaxAgeSeconds * 1000;
  const datelineCache = new ResponseCache({
    clock,
    ...caches.dateline,
    maxAgeSeconds: datelineMaxAgeSeconds,
    nextScheduledChange: () => null,
  });
  // Article pages are composed of the answers above: every cache a part comes from feeds this
  // one, so whatever empties one of them empties it too; entries last as long as their parts.
  const pageCache = new ResponseCache({
    clock,
    ...caches.page,
    maxAgeSeconds: Math.min(config.CACHE_MAX_AGE_SECONDS, config.POPULAR_MAX_AGE_SECONDS, datelineMaxAgeLimit),
    nextScheduledChange: (now) => repository.nextPublicationAfter(now),
  });
  for (const part of [cache, datelineCache, popularCache]) part.feeds(pageCache);
  const dateline = createDatelineService({
    repository: createCityRepository(db.db),
    clock,
    defaultCity: config.DEFAULT_CITY,
    onChange: () => datelineCache.invalidate(),
  });
  if (config.DEMO_CONTENT && repository.isEmpty()) {
    // Cities first, and only into a database without any (an editor's own would conflict): a
    // start that failed before the articles were written does the rest the next time.
    if (!dateline.hasCities()) seedDemoCities(dateline);
    seedDemoContent(articles, clock.now());
    seedDemoViews(popularity);
  }

  await app.register(errorHandling, { routerOptions });
  // Before authentication: an overloaded process refuses before it looks a key up.
  await app.register(requestLimits, { config, crossOrigin });
  await app.register(authentication, { db: db.db });
  await app.register(httpConventions, { config, crossOrigin, registry: metrics });
  await app.register(openApi);

  await app.register(operationsRoutes, { database: db, registry: metrics, cache });
  await app.register(articleRoutes, {
    service: articles,
    cache,
    cursors: new CursorCodec(config.CURSOR_SECRET),
    bodyLimit: config.BODY_LIMIT_BYTES,
  });
  await app.register(relatedRoutes, { service: related, cache, articles });
  await app.register(datelineRoutes, {
    service: dateline,
    cache: datelineCache,
    cursors: new CursorCodec(config.CURSOR_SECRET),
    nowTtlMs: datelineNowTtlMs,
    clock,
  });
  if (config.WEATHER_PROVIDER === 'open-meteo') await app.register(weatherPolling, { config, service: dateline });
  await app.register(popularityRoutes, {
    service: popularity,
    cache: popularCache,
    viewsPerMinute: config.RATE_LIMIT_VIEWS_PER_MINUTE,
  });
  // After the database's onClose hook, so it runs before it.
  await app.register(viewFlushing, { service: popularity, intervalMs: config.VIEWS_FLUSH_INTERVAL_MS });
  if (config.OTHER_WRITERS_CHECK_MS > 0 && !db.sqlite.memory) {
    // Which articles another connection wrote is in the partners' change log, which every
    // article write records in its own transaction (the import command's too).
    let logged = syndication.highestSeqIssued();
    const watcher = watchOtherWriters(db.sqlite, config.OTHER_WRITERS_CHECK_MS, () => {
      popularity.otherWriterCommitted();
      for (let page = syndication.changesAfter(logged, 1000); page.length > 0; page = syndication.changesAfter(logged, 1000)) {
        logged = page[page.length - 1]?.seq ?? logged;
        popularity.articlesRewritten(repository.findByIds(page.map((change) => change.articleId)));
      }
      // Any answer may hold what changed (a new article in a list, a "Read more" headline).
      for (const everything of [cache, popularCache, datelineCache]) everything.invalidate();
      app.log.info('the database was written by another connection; cached answers dropped');
    });
    app.addHook('onClose', async () => watcher.stop());
  }
  await app.register(pageRoutes, {
    articles,
    related,
    dateline,
    popularity,
    caches: { articles: cache, dateline: datelineCache, popular: popularCache, page: pageCache },
    datelineNowTtlMs,
    clock,
  });
  await app.register(syndicationRoutes, {
    articles,
    changes: createChangeFeed({ repository: syndication, articles, clock, linkersOf }),
    cache,
    feeds: new FeedWriter(budgets.feedItems),
    clock,
    publication: { name: config.PUBLICATION_NAME, language: config.PUBLICATION_LANGUAGE, siteUrl: config.PUBLIC_BASE_URL },
    apiBaseUrl: config.API_BASE_URL,
  });
  return app;
}
