// The service's configuration: one zod schema over the environment, validated once at start.
import { getHeapStatistics } from 'node:v8';
import { z } from 'zod';
import { slugSchema } from './http/primitives.js';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const positiveInt = z.coerce.number().int().positive();

/** The share of V8's heap limit in use beyond which requests are shed, by default. */
export const heapSheddingShare = 0.9;

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('data/content.db'),
  /**
   * How often a worker thread checkpoints the WAL into the database file, in ms, so no request
   * waits for a checkpoint (src/db/checkpoints.ts); 0 leaves it to SQLite, inside the commits.
   */
  WAL_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /**
   * How often the service looks for writes to its database by another connection (the import
   * command, a second process), in ms, to drop what its caches hold of them
   * (src/db/other-writers.ts); 0 never looks.
   */
  OTHER_WRITERS_CHECK_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  DEMO_CONTENT: booleanFlag.default(true),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://news.example.com'),
  /**
   * Where clients reach this API (a path in it is kept), for the addresses the feeds give of
   * themselves; unset, the origin each request names (its Host, or behind a trusted proxy
   * X-Forwarded-Host and -Proto), which then also keys the feeds' cached copies.
   */
  API_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Requests a minute for every client, counted by API key when one is sent, else by address. */
  RATE_LIMIT_PER_MINUTE: positiveInt.default(1200),
  /**
   * Behind a proxy or CDN: how many hops of X-Forwarded-For to trust (a number), or the
   * proxies' addresses or CIDR ranges (comma-separated); `false` trusts none.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): false | number | string[] =>
      value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value.split(',').map((part) => part.trim()),
    )
    .pipe(
      z.union([
        z.literal(false),
        z.number().int().min(1).max(10),
        z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).min(1),
      ]),
    ),
  /** Comma-separated origins that may send credentialed cross-origin requests. */
  CORS_CREDENTIALED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin.length > 0),
    )
    // Origins as a browser sends them (scheme, host and port only): a path or a trailing slash
    // would never match an Origin header, and the origin would silently get `*`.
    .pipe(
      z.array(
        z
          .url({ protocol: /^https?$/ })
          .refine(
            (origin) => URL.canParse(origin) && new URL(origin).origin === origin,
            'must be an origin: http(s)://host[:port], no path',
          ),
      ),
    ),
  /**
   * Largest article create or update body, in bytes. Every other route takes a fixed limit
   * fitted to what it accepts (a few KiB; a batch of 1,000 views); beyond it, a 413.
   */
  BODY_LIMIT_BYTES: positiveInt.max(10 * 1024 * 1024).default(1024 * 1024),
  /**
   * Requests a second this process serves, from all clients together, before it answers a fast
   * 429: the ceiling that keeps many clients, each within its own limit, from overloading it.
   * Set it near the throughput the machine sustains; 0 turns it off.
   */
  RATE_LIMIT_GLOBAL_PER_SECOND: z.coerce.number().int().min(0).default(5000),
  /** Longest a client may take to send a whole request (headers and body); 408 beyond it. */
  REQUEST_TIMEOUT_MS: positiveInt.min(100).max(600_000).default(30_000),
  /** Longest a client may take to send the request headers (cut off slow-header clients). */
  HEADERS_TIMEOUT_MS: positiveInt.min(100).max(600_000).default(10_000),
  /** How long an idle keep-alive connection stays open; above the idle timeout of any proxy in front. */
  KEEP_ALIVE_TIMEOUT_MS: positiveInt.min(100).max(600_000).default(5_000),
  /**
   * Adaptive admission: while the global ceiling is refusing, a turn of the event loop serves
   * requests for at most this many milliseconds and answers the rest of the turn with a fast 503
   * and Retry-After (what a request waits behind others under overload); 0 keeps the ceiling alone.
   */
  OVERLOAD_TURN_BUDGET_MS: z.coerce.number().min(0).max(1000).default(2),
  /**
   * Load shedding: when the event loop's mean delay over the last second exceeds this, requests
   * get a fast 503 with Retry-After instead of waiting in a growing queue; 0 turns it off.
   */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /**
   * Load shedding on memory: 503s while the V8 heap in use exceeds this many bytes; 0 turns it
   * off. By default 90% of this process's V8 heap limit (`--max-old-space-size`, 1 GiB as the
   * service is started). V8 collects the old generation at 1.3-2 times what survived the last
   * full collection, so the heap in use reaches this only when about half the limit or more is
   * live: a process that, unrelieved, spends its time collecting and then runs out of memory.
   */
  MAX_HEAP_USED_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(() => Math.floor(heapSheddingShare * getHeapStatistics().heap_size_limit)),
  /** Signs pagination cursors so a tampered one is recognised; any stable string. */
  CURSOR_SECRET: z.string().min(16).default('content-api-cursor-signing-key'),
  /**
   * Memory for cached public responses, in bytes, all response caches together (least recently
   * used go first); split between articles and lists, article pages, rankings and datelines.
   */
  CACHE_MAX_BYTES: positiveInt.default(100 * 1024 * 1024),
  /** How long public clients and CDNs may reuse an article or list, in seconds. */
  CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
  /** The city `GET /v1/dateline` shows when the request names none (a city slug). */
  DEFAULT_CITY: slugSchema.default('delhi'),
  /** Where observations come from besides editors: `none`, or Open-Meteo's current-weather API. */
  WEATHER_PROVIDER: z.enum(['none', 'open-meteo']).default('none'),
  WEATHER_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.open-meteo.com'),
  /** How often every city's weather is fetched from the provider. */
  WEATHER_REFRESH_SECONDS: positiveInt.max(86400).default(900),
  /** Longest a single provider request may take before it is abandoned (and retried). */
  WEATHER_TIMEOUT_MS: positiveInt.min(100).max(60_000).default(5000),
  /** How old the views a "Most Popular" ranking reflects may be, at most, in seconds. */
  POPULAR_MAX_AGE_SECONDS: positiveInt.max(3600).default(60),
  /** POST /v1/views requests a minute per client address (a page sends one per view). */
  RATE_LIMIT_VIEWS_PER_MINUTE: positiveInt.default(600),
  /**
   * How often buffered views are written to the database, in ms. Often and small: a write of
   * two seconds' views (some 500 article-hours under load) held every request for 10-40 ms.
   */
  VIEWS_FLUSH_INTERVAL_MS: positiveInt.min(10).max(60_000).default(250),
  /** Buffered article-hour counts that trigger a write before the interval ends. */
  VIEWS_BUFFER_MAX_ENTRIES: positiveInt.max(1_000_000).default(10_000),
  /**
   * Append each request's accepted views to a journal beside the database file before answering
   * 202, so a process crash loses none (README "Durability"); never for ':memory:'.
   */
  VIEWS_JOURNAL: booleanFlag.default(true),
  /** Visitor-article pairs remembered to count repeat views once; the oldest go first beyond this. */
  VIEWS_DEDUPE_MAX_ENTRIES: positiveInt.max(50_000_000).default(1_000_000),
  /** The publication's name, as feeds and the Google News sitemap show it. */
  PUBLICATION_NAME: z.string().trim().min(1).max(200).default('Newsroom'),
  /** The feeds' language (BCP 47). */
  PUBLICATION_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/)
    .default('en'),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the configuration; a bad value throws a ConfigError naming every offending variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty variables as unset, as shells and container runtimes often pass them empty (or
  // blank: a number coerced from " " would be 0, PORT=" " a random port).
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The configuration with every default, for tests and tools that override a few values. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ...overrides };
}
