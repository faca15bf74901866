// The one caching helper. Public GET responses are kept serialized, with a strong ETag and
// their gzip and brotli forms made once (a compressed form, once made, kept in place of the
// uncompressed bytes: see `deliver`), in a bounded in-memory store; they carry
// Cache-Control, Last-Modified and Vary, and answer conditional requests with 304. An article
// write drops the stored answers it touches (src/articles/changes.ts), any other write empties
// the store, and so does the moment a scheduled article comes due, so a read after a write is
// never stale. Article changes are checked against a stored answer when it is next looked up,
// not against every stored answer at the write: see `invalidate`. ETags and compression are
// done here, once per representation, rather than by @fastify/etag and @fastify/compress on
// every response: that keeps a hot read to a map lookup. (@fastify/compress still compresses
// everything that does not pass through here.)
import { createHash } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync, constants as zlib } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ArticleChange, type DependsOn, isVisible } from '../articles/changes.js';
import type { Clock } from '../clock.js';
import type { RepresentationStore } from './representation-store.js';

type Coding = 'br' | 'gzip';

/** A response as sent: the bytes of each content coding made so far, and their validators. */
export interface Representation {
  /** The uncompressed bytes; null once a compressed form is kept in their place (see `identityOf`). */
  identity: Buffer | null;
  /** How many uncompressed bytes there are. */
  length: number;
  encoded: Partial<Record<Coding, Buffer>>;
  /** Strong ETag of the identity bytes, quoted; coded forms add a suffix inside the quotes. */
  etag: string;
  /** When it last changed, ms, and as an HTTP date (whole seconds). */
  modifiedAt: number;
  lastModified: string;
  headers: Record<string, string>;
  contentType: string;
  /** When this entry must be recomputed even without a write (ms since the epoch). */
  expiresAt: number;
  /** Which article changes touch it; without it, every one does. */
  dependsOn?: DependsOn;
  /** The number of article changes this cache had been told of when this was last found untouched by them. */
  checkedUpTo: number;
}

export interface Fresh {
  /** Serialized by the route's response schema, unless `contentType` is given. */
  body: unknown;
  /**
   * For a body that is already serialized text in another format (XML feeds): its media type.
   * The body (a string, or UTF-8 bytes) is then sent as it is, with the same ETags, 304s and
   * compression as JSON.
   */
  contentType?: string;
  /** The resource's own time (ms); Last-Modified is never earlier than the last write. */
  lastModified?: number | null;
  /** Extra headers that belong to the representation (Link). */
  headers?: Record<string, string>;
  /** Prefix for the ETag, such as the article revision that If-Match compares. */
  etagPrefix?: string;
  /** Longest the representation may be served from the store, ms. */
  ttlMs?: number;
  /** Which article changes touch it; without it, every one does. */
  dependsOn?: DependsOn;
}

/**
 * A GET answer as its route caches it: the key it is stored under and how it is made. A route
 * sends it; the article page composes several, so each part is that endpoint's very answer.
 */
export interface Answer {
  key: string;
  produce: () => Fresh;
}

export const jsonType = 'application/json; charset=utf-8';
/** Smaller bodies are not worth compressing. */
const compressionThreshold = 1024;
const negotiator = new Negotiator<Coding>({ supportedValues: ['br', 'gzip'] });

/** Accept-Encoding values whose coding is kept; the header is the client's to vary. */
const codingsKept = 256;
const codingsByAccept = new Map<string, Coding | null>();

/**
 * The coding to send for an Accept-Encoding value (null: none), chosen exactly as
 * @fastify/compress chooses (lower case; `*` and `x-gzip` stand for gzip; among br and gzip
 * only): a body this cache sent uncoded, the plugin would otherwise compress itself under the
 * uncoded form's ETag (`identity, gzip;q=0.5` is gzip to it). Kept per value as sent, a bounded
 * number of them (accept-negotiator's own cache never forgets one: a client could fill memory).
 */
function codingFor(accept: string): Coding | null {
  let coding = codingsByAccept.get(accept);
  if (coding === undefined) {
    coding = negotiator.negotiate(accept.toLowerCase().replace(/\*|x-gzip/g, 'gzip'));
    if (codingsByAccept.size >= codingsKept) codingsByAccept.clear();
    codingsByAccept.set(accept, coding);
  }
  return coding;
}

/** Adds `names` to the Vary header, after what is there (CORS sets Origin when some origins get credentials). */
export function addVary(reply: FastifyReply, names: string): void {
  const vary = reply.getHeader('vary');
  reply.header('vary', vary === undefined ? names : `${String(vary)}, ${names}`);
}

/**
 * Bytes of their own, exactly as long as `data`: a kept body must not hold on to a larger block
 * (zlib's results are views of 16 KiB chunks, and Buffer.from puts short strings in a shared
 * 8 KiB pool), or the store's byte count would be far below the memory it holds.
 */
function ownBytes(data: Buffer | string): Buffer {
  const length = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  const bytes = Buffer.allocUnsafeSlow(length);
  if (typeof data === 'string') bytes.write(data);
  else data.copy(bytes);
  return bytes;
}

/**
 * Qualities for bodies compressed on the request path, once per representation, and made again
 * after each write that touches them (a feed every few seconds in the load test). On a 335 KB
 * RSS feed brotli 5 took 10.0 ms and gzip 6 12.0 ms; brotli 3 takes 3.7 ms for 7% more bytes,
 * gzip 4 6.1 ms for 2% more. A 20 KB article page: 0.54 against 0.40 ms.
 */
const brotliQuality = 3;
const gzipLevel = 4;

function encode(coding: Coding, body: Buffer): Buffer {
  return ownBytes(
    coding === 'br'
      ? brotliCompressSync(body, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: brotliQuality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
        })
      : gzipSync(body, { level: gzipLevel }),
  );
}

/**
 * The uncompressed bytes of a representation, made again from its compressed form when only
 * that is kept: for a reader that asks for no coding, another coding, or a page made of parts.
 */
export function identityOf(representation: Representation): Buffer {
  const { identity, encoded } = representation;
  if (identity !== null) return identity;
  if (encoded.br) return brotliDecompressSync(encoded.br);
  if (encoded.gzip) return gunzipSync(encoded.gzip);
  throw new Error('a representation holds no bytes');
}

/** A strong ETag for a serialized body; `prefix` carries what If-Match compares (a revision). */
export function etagFor(payload: string | Buffer, prefix?: string): string {
  const hash = createHash('sha1').update(payload).digest('base64url').slice(0, 22);
  return prefix ? `"${prefix}-${hash}"` : `"${hash}"`;
}

/** The body as the route's response schema serializes it for the reply's status. */
function serialize(reply: FastifyReply, body: unknown): string {
  const payload = reply.serialize(body);
  return typeof payload === 'string' ? payload : Buffer.from(payload as ArrayBuffer).toString('utf8');
}

/** Sends a response that is never shared (a write's answer) with its ETag, serializing once. */
export function sendWithEtag(reply: FastifyReply, status: number, body: unknown, etagPrefix?: string): void {
  reply.code(status);
  const payload = serialize(reply, body);
  reply.header('etag', etagFor(payload, etagPrefix));
  reply.type(jsonType).send(payload);
}

/** If-None-Match uses weak comparison, and a coded form's tag names the same representation. */
function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const base = etag.slice(0, -1);
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === `${base}-br"` || tag === `${base}-gzip"`;
  });
}

/**
 * Whether Last-Modified may be sent (and If-Modified-Since answered) at `now`. An HTTP date has
 * whole seconds: a representation sent with the Last-Modified of the second it is still in
 * could change again within that second, and a client revalidating with that date would then
 * get a 304 for what it does not have. So, as Apache does, it is sent only once its second has
 * passed; until then the ETag alone validates.
 */
function lastModifiedSettled(representation: Representation, now: number): boolean {
  return Math.floor(representation.modifiedAt / 1000) < Math.floor(now / 1000);
}

/**
 * An HTTP date in its preferred form (IMF-fixdate), the form Last-Modified is sent in and
 * clients send back. The obsolete forms (RFC 850, asctime) are ignored like any other value: a
 * full answer where a 304 could have been, never a 304 for what the client does not have.
 */
const httpDate =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function notModified(request: FastifyRequest, representation: Representation, now: number): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, representation.etag);
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined || !lastModifiedSettled(representation, now)) return false;
  // Anything but an HTTP date is ignored (RFC 9110 13.1.3): Date.parse would read "2100" as a
  // year, and a date still to come would answer 304 to every change until then.
  if (!httpDate.test(ifModifiedSince)) return false;
  const since = Date.parse(ifModifiedSince);
  return since <= now && Date.parse(representation.lastModified) <= since;
}

/** How a lookup fared: a stored entry, none, or one past its time. */
export type LookupOutcome = 'hit' | 'miss' | 'expired';

export interface ResponseCacheOptions {
  clock: Clock;
  store: RepresentationStore<Representation>;
  /** Told how each lookup fared, for the metrics. */
  onLookup?: (outcome: LookupOutcome) => void;
  /** Seconds public clients and shared caches may reuse a response. */
  maxAgeSeconds: number;
  /** The next moment stored content changes by itself (a scheduled article comes due). */
  nextScheduledChange: (now: number) => number | null;
}

/**
 * Article changes a cache keeps to check stored answers against, at most: at two writes a
 * second, four minutes of them. A change holds the article before and after (about 20 KiB; the
 * caches share the same objects, so some 10 MB at most). An answer not looked up since before
 * the oldest kept change is dropped at its next lookup, as if touched.
 */
const changesKept = 512;

export class ResponseCache {
  /** The next publication of a scheduled article, when the stored answers stop being right. */
  private validUntil = Number.NEGATIVE_INFINITY;
  /** The latest article changes, oldest first; the first is change number `firstKept`. */
  private changes: ArticleChange[] = [];
  private firstKept = 0;
  /** Counts invalidations, so an answer computed across an await is not stored once stale. */
  private generation = 0;
  /** The last moment anything a response shows may have changed: a write, or a publication. */
  private changedAt: number;
  private readonly publicCacheControl: string;
  /** Caches of responses made from this one's (the article page): emptied with it. */
  private readonly dependents: ResponseCache[] = [];

  constructor(private readonly options: ResponseCacheOptions) {
    this.changedAt = options.clock.now();
    this.publicCacheControl = `public, max-age=${options.maxAgeSeconds}`;
  }

  /**
   * Called after each committed write: with the article changes it made, drops the stored
   * representations they touch; without, drops every one.
   *
   * The changes are only noted here; each stored answer is checked against those made since it
   * was last checked when it is next looked up (`lookup`). A write used to test every stored
   * answer at once, 10-30 ms for 10,000 of them, and the load test writes twice a second; an
   * answer looked up is checked against the few writes since its last lookup, and one never
   * looked up again costs nothing until the LRU drops it.
   */
  invalidate(changes?: readonly ArticleChange[]): void {
    if (changes === undefined) {
      this.options.store.clear();
      this.validUntil = Number.NEGATIVE_INFINITY;
    } else {
      // The article page's cache hears of a change from each of its parts' caches: once is enough.
      for (const change of changes) {
        if (this.changes.at(-1) !== change) this.changes.push(change);
        // An article scheduled by this write is in no answer yet (it is not visible), so no
        // answer depends on it; the moment it comes due, every answer is made again.
        const { after, at } = change;
        if (after.publishedAt !== null && after.publishedAt > at && isVisible(after, after.publishedAt)) {
          this.validUntil = Math.min(this.validUntil, after.publishedAt);
        }
      }
      if (this.changes.length > changesKept) {
        const dropped = this.changes.length - changesKept;
        this.changes = this.changes.slice(dropped);
        this.firstKept += dropped;
      }
    }
    this.generation += 1;
    this.changedAt = Math.max(this.changedAt, this.options.clock.now());
    for (const dependent of this.dependents) dependent.invalidate(changes);
  }

  /** The number of article changes told so far. */
  private get changesTold(): number {
    return this.firstKept + this.changes.length;
  }

  /** Whether an article change since the representation was last checked touches it (or is no longer kept). */
  private touched(representation: Representation): boolean {
    const { checkedUpTo, dependsOn } = representation;
    if (checkedUpTo === this.changesTold) return false;
    if (checkedUpTo < this.firstKept || dependsOn === undefined) return true;
    for (let index = checkedUpTo - this.firstKept; index < this.changes.length; index += 1) {
      const change = this.changes[index];
      if (change !== undefined && dependsOn(change)) return true;
    }
    representation.checkedUpTo = this.changesTold;
    return false;
  }

  /** `dependent` holds responses composed of this cache's, so whatever empties this empties it too. */
  feeds(dependent: ResponseCache): void {
    this.dependents.push(dependent);
  }

  /**
   * Brings the cache up to `now` on every read, with a key or without: when a scheduled article
   * has come due (or this is the first read since the store was emptied), the stored answers
   * are dropped and what is made from now on is dated no earlier than that publication, so a
   * conditional request with an older date is not answered 304. True when it started afresh.
   */
  private catchUp(now: number): boolean {
    if (now < this.validUntil) return false;
    if (this.validUntil > this.changedAt) this.changedAt = this.validUntil;
    this.options.store.clear();
    // An answer being made across an await (the sitemap) began before this: not to be stored.
    this.generation += 1;
    this.validUntil = this.options.nextScheduledChange(now) ?? Number.POSITIVE_INFINITY;
    return true;
  }

  private lookup(key: string, now: number): Representation | undefined {
    if (this.catchUp(now)) {
      this.options.onLookup?.('miss');
      return undefined;
    }
    let entry = this.options.store.get(key);
    if (entry !== undefined && this.touched(entry)) {
      this.options.store.delete(key);
      entry = undefined;
    }
    const outcome = entry === undefined ? 'miss' : entry.expiresAt > now ? 'hit' : 'expired';
    this.options.onLookup?.(outcome);
    return outcome === 'hit' ? entry : undefined;
  }

  /**
   * The stored answer under `key` for a shared (anonymous) request; a keyed request is always
   * answered afresh, but brings the cache up to `now` too (its Last-Modified is then not older
   * than a publication that came due).
   */
  private storedFor(shared: boolean, key: string, now: number): Representation | undefined {
    if (shared) return this.lookup(key, now);
    this.catchUp(now);
    return undefined;
  }

  /** `changedAt` as it was when `fresh` began to be made: a write during it may not be in it. */
  private represent(serializeBody: (body: unknown) => string, fresh: Fresh, now: number, changedAt: number): Representation {
    const { body, contentType } = fresh;
    const identity = ownBytes(contentType === undefined ? serializeBody(body) : Buffer.isBuffer(body) ? body : String(body));
    const modifiedAt = Math.max(fresh.lastModified ?? 0, changedAt);
    return {
      identity,
      length: identity.length,
      encoded: {},
      etag: etagFor(identity, fresh.etagPrefix),
      modifiedAt,
      lastModified: new Date(modifiedAt).toUTCString(),
      headers: fresh.headers ?? {},
      contentType: fresh.contentType ?? jsonType,
      expiresAt: fresh.ttlMs === undefined ? Number.POSITIVE_INFINITY : now + fresh.ttlMs,
      dependsOn: fresh.dependsOn,
      checkedUpTo: this.changesTold,
    };
  }

  /**
   * Sends a GET response. `key` names the resource and its validated query; anonymous requests
   * are served from the store and may be cached by anyone, authenticated ones are computed
   * afresh and marked private, no-store.
   */
  send(request: FastifyRequest, reply: FastifyReply, key: string, produce: () => Fresh): void {
    const representation = this.representation(request, key, produce, (body) => serialize(reply, body));
    this.deliver(request, reply, key, representation, request.apiKey === null);
  }

  /**
   * What `send` would deliver for `key`, without sending it: for a response made of other
   * endpoints' responses (the article page), which then holds their very bytes.
   */
  representation(
    request: FastifyRequest,
    key: string,
    produce: () => Fresh,
    serializeBody: (body: unknown) => string,
  ): Representation {
    const now = this.options.clock.now();
    const shared = request.apiKey === null;
    let representation = this.storedFor(shared, key, now);
    if (!representation) {
      representation = this.represent(serializeBody, produce(), now, this.changedAt);
      if (shared) this.options.store.set(key, representation, representation.length);
    }
    return representation;
  }

  /** As `send`, for representations that only a stream-based library can produce (sitemaps). */
  async sendAsync(request: FastifyRequest, reply: FastifyReply, key: string, produce: () => Promise<Fresh>): Promise<void> {
    const now = this.options.clock.now();
    const shared = request.apiKey === null;
    let representation = this.storedFor(shared, key, now);
    if (!representation) {
      const { generation, changedAt } = this;
      representation = this.represent((body) => serialize(reply, body), await produce(), now, changedAt);
      if (shared && generation === this.generation) this.options.store.set(key, representation, representation.length);
    }
    this.deliver(request, reply, key, representation, shared);
  }

  /**
   * A representation that expires (rankings, "now" datelines) may be reused downstream only for
   * the time it has left here, so no client or CDN holds it beyond its freshness limit.
   */
  private publicCacheControlFor(representation: Representation): string {
    if (representation.expiresAt === Number.POSITIVE_INFINITY) return this.publicCacheControl;
    const left = Math.floor((representation.expiresAt - this.options.clock.now()) / 1000);
    return `public, max-age=${Math.max(0, Math.min(this.options.maxAgeSeconds, left))}`;
  }

  private deliver(request: FastifyRequest, reply: FastifyReply, key: string, representation: Representation, shared: boolean) {
    const accept = request.headers['accept-encoding'];
    const coding = accept && representation.length >= compressionThreshold ? codingFor(accept) : null;
    reply.headers(representation.headers);
    reply.header('cache-control', shared ? this.publicCacheControlFor(representation) : 'private, no-store');
    const now = this.options.clock.now();
    if (lastModifiedSettled(representation, now)) reply.header('last-modified', representation.lastModified);
    // A public answer varies with Authorization too: a shared cache must not give it to a keyed
    // request, which may see drafts and gets its answer from the service.
    addVary(reply, shared ? 'Accept-Encoding, Authorization' : 'Accept-Encoding');
    if (coding === 'br' || coding === 'gzip') {
      reply.header('etag', `${representation.etag.slice(0, -1)}-${coding}"`);
      if (notModified(request, representation, now)) return void reply.code(304).send();
      let body = representation.encoded[coding];
      if (!body) {
        body = encode(coding, identityOf(representation));
        representation.encoded[coding] = body;
        if (shared) {
          // Readers who ask for a compressed form are nearly all of them (browsers, fetch, feed
          // readers): a stored answer keeps that in place of its uncompressed bytes, three to
          // four times as many, so the same budget holds that many more answers.
          const dropped = representation.identity?.length ?? 0;
          representation.identity = null;
          this.options.store.resize(key, body.length - dropped);
        }
      }
      reply.header('content-encoding', coding);
      reply.type(representation.contentType).send(body);
      return;
    }
    reply.header('etag', representation.etag);
    if (notModified(request, representation, now)) return void reply.code(304).send();
    reply.type(representation.contentType).send(identityOf(representation));
  }
}
