// The one pagination helper: opaque, signed cursors and the Link header for the next page.
// A cursor is bound to the query it came from, so a cursor edited by hand or replayed against
// other filters is a 400 rather than a silently wrong page.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ignoredQueryParameter } from './primitives.js';
import { badRequest } from './problems.js';

export class CursorCodec {
  constructor(private readonly secret: string) {}

  private sign(data: string): Buffer {
    return createHmac('sha256', this.secret).update(data).digest().subarray(0, 16);
  }

  /** A short digest of the query a cursor belongs to, so cursors stay short. */
  private scopeDigest(scope: string): string {
    return createHash('sha1').update(scope).digest('base64url').slice(0, 12);
  }

  /** `scope` names the query (its filters); `position` says where the next page starts. */
  encode(scope: string, position: unknown): string {
    const data = Buffer.from(JSON.stringify([this.scopeDigest(scope), position])).toString('base64url');
    return `${data}.${this.sign(data).toString('base64url')}`;
  }

  decode<T>(scope: string, cursor: string, schema: z.ZodType<T>): T {
    const invalid = () =>
      badRequest('The cursor is not valid for this query; start again from the first page.', [
        { path: 'querystring.cursor', message: 'invalid or tampered cursor' },
      ]);
    const [data, signature, extra] = cursor.split('.');
    if (!data || !signature || extra !== undefined) throw invalid();
    // Compared as text: base64url decoding ignores the spare low bits of a last character, so a
    // cursor with that character changed decoded to the same signature and passed.
    const given = Buffer.from(signature, 'utf8');
    const expected = Buffer.from(this.sign(data).toString('base64url'), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!Array.isArray(decoded) || decoded[0] !== this.scopeDigest(scope)) throw invalid();
    const parsed = schema.safeParse(decoded[1]);
    if (!parsed.success) throw invalid();
    return parsed.data;
  }
}

/**
 * The request's own URL with `cursor` set, for `Link: <…>; rel="next"`; without the parameters
 * the API ignores (a visitor's campaign tags and click ids), since the answer that carries this
 * link is cached and given to every reader.
 */
export function nextPageUrl(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://placeholder');
  for (const key of [...url.searchParams.keys()]) if (ignoredQueryParameter.test(key)) url.searchParams.delete(key);
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

export function nextLinkHeader(request: FastifyRequest, cursor: string | null): Record<string, string> {
  return cursor === null ? {} : { link: `<${nextPageUrl(request, cursor)}>; rel="next"` };
}
