// The one caching helper: public GETs are served from an in-memory store of serialized
// representations with a strong ETag, Cache-Control and Last-Modified, and answer conditional
// requests with 304. Writes invalidate the whole store, so a read after a write is never stale.
// The ETag is computed once per representation rather than per response (as @fastify/etag
// would), which keeps the hot read path to a map lookup.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.js';

export interface Representation {
  payload: string;
  etag: string;
  lastModified: number | null;
  headers: Record<string, string>;
  /** When this entry must be recomputed even without a write (ms since the epoch). */
  expiresAt: number;
}

/** Where representations are kept; a shared store can implement this for several instances. */
export interface RepresentationStore {
  get(key: string): Representation | undefined;
  set(key: string, value: Representation): void;
  clear(): void;
}

/** A bounded least-recently-used map. */
export class MemoryRepresentationStore implements RepresentationStore {
  private readonly entries = new Map<string, Representation>();
  constructor(private readonly maxEntries: number) {}
  get(key: string): Representation | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: Representation): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
  clear(): void {
    this.entries.clear();
  }
}

export interface Fresh {
  body: unknown;
  /** Resource time for Last-Modified, ms since the epoch. */
  lastModified?: number | null;
  /** Extra headers that belong to the representation (Link). */
  headers?: Record<string, string>;
  /** Prefix for the ETag, such as the article revision that If-Match compares. */
  etagPrefix?: string;
  /** Longest the representation may be served from the store, ms. */
  ttlMs?: number;
}

export function hashPayload(payload: string): string {
  return createHash('sha1').update(payload).digest('base64url').slice(0, 22);
}

/** A strong ETag for a serialized body; `prefix` carries what If-Match compares (a revision). */
export function etagFor(payload: string, prefix?: string): string {
  const hash = hashPayload(payload);
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
  reply.type('application/json; charset=utf-8').send(payload);
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

function notModified(request: FastifyRequest, representation: Representation): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, representation.etag);
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined || representation.lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Math.floor(representation.lastModified / 1000) * 1000 <= since;
}

export interface ResponseCacheOptions {
  clock: Clock;
  store: RepresentationStore;
  /** Seconds public clients and shared caches may reuse a response. */
  maxAgeSeconds: number;
  /** The next moment stored content changes by itself (a scheduled article comes due). */
  nextScheduledChange: (now: number) => number | null;
}

export class ResponseCache {
  private validUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: ResponseCacheOptions) {}

  /** Drops every stored representation; called after each committed write. */
  invalidate(): void {
    this.options.store.clear();
    this.validUntil = Number.NEGATIVE_INFINITY;
  }

  private lookup(key: string, now: number): Representation | undefined {
    if (now >= this.validUntil) {
      this.options.store.clear();
      this.validUntil = this.options.nextScheduledChange(now) ?? Number.POSITIVE_INFINITY;
      return undefined;
    }
    const entry = this.options.store.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  private represent(reply: FastifyReply, fresh: Fresh, now: number): Representation {
    const payload = serialize(reply, fresh.body);
    return {
      payload,
      etag: etagFor(payload, fresh.etagPrefix),
      lastModified: fresh.lastModified ?? null,
      headers: fresh.headers ?? {},
      expiresAt: fresh.ttlMs === undefined ? Number.POSITIVE_INFINITY : now + fresh.ttlMs,
    };
  }

  /**
   * Sends a GET response. Anonymous requests are served from the store and may be cached by
   * anyone; authenticated ones are computed afresh and marked private, no-store.
   */
  send(request: FastifyRequest, reply: FastifyReply, produce: () => Fresh): void {
    const now = this.options.clock.now();
    const shared = request.apiKey === null;
    const key = request.url;
    let representation = shared ? this.lookup(key, now) : undefined;
    if (!representation) {
      representation = this.represent(reply, produce(), now);
      if (shared) this.options.store.set(key, representation);
    }
    reply.headers(representation.headers);
    reply.header('etag', representation.etag);
    reply.header('cache-control', shared ? `public, max-age=${this.options.maxAgeSeconds}` : 'private, no-store');
    if (representation.lastModified !== null) reply.header('last-modified', new Date(representation.lastModified).toUTCString());
    if (notModified(request, representation)) reply.code(304).send();
    else reply.type('application/json; charset=utf-8').send(representation.payload);
  }
}
