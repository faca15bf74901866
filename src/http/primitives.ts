// Shared schema primitives: every feature builds its request and response schemas from these,
// so one rule (what a slug is, what a timestamp looks like) holds everywhere.
import { z } from 'zod';

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The router's limit on a path parameter, in characters: a longer one is a 414 on any path and method. */
export const maxPathParameterLength = 200;

/** Server-chosen ids always hold an underscore, which slugs never do. */
export const idSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9-]*_[A-Za-z0-9_-]*$/, 'must be an id');
export const slugSchema = z.string().min(1).max(120).regex(slugPattern, 'must be lower-case a-z, 0-9 and single hyphens');

const earliest = Date.UTC(1900, 0, 1);
const latest = Date.UTC(9999, 11, 31, 23, 59, 59);

const rfc3339 = z.iso.datetime({ offset: true });

/**
 * RFC 3339 with an offset, between 1900 and 9999 in UTC; normalised to UTC on output. The
 * separator and the Z may be lower case, as RFC 3339 allows (its section 5.6): every reader of a
 * timestamp goes through Date.parse, which reads both. The document shows the plain
 * `date-time` format, which says as much, rather than the upper-case pattern zod writes.
 */
export const timestampSchema = z
  .stringFormat('date-time', (value) => rfc3339.safeParse(value.toUpperCase()).success, {
    error: 'must be an RFC 3339 date-time with an offset, such as 2024-03-29T12:00:00Z',
  })
  .refine((value) => {
    const at = Date.parse(value);
    return at >= earliest && at <= latest;
  }, 'must be between 1900-01-01 and 9999-12-31 in UTC')
  .meta({ example: '2024-03-29T12:00:00Z' });
export const utcTimestampSchema = z.iso.datetime().meta({ example: '2024-03-29T12:00:00Z' });

/**
 * Query parameters a link picks up on its way to us, which the API ignores (see conventions.ts):
 * campaign tags (`utm_source`, …), click ids of search, ad, social and mail platforms, analytics
 * cross-domain ids, and `_`, the cache buster of jQuery and some feed readers.
 */
export const ignoredQueryParameter =
  /^(?:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|srsltid|ttclid|twclid|yclid|igshid|li_fat_id|mc_cid|mc_eid|mkt_tok|_hsenc|_hsmi|_ga|_gl|_)$/i;

/** The query of a route that takes no parameters: any but the ignored ones is a 400 that names it. */
export const noQuerySchema = z.strictObject({});

export const cursorSchema = z.string().min(1).max(512).describe('Opaque cursor from a previous page (nextCursor).');
export function limitSchema(max: number, fallback: number) {
  return z.coerce.number().int().min(1).max(max).default(fallback).describe(`Page size, 1 to ${max}.`);
}

/**
 * A plain-text field: trimmed, no control characters but line breaks and tabs, and none of
 * U+FFFE and U+FFFF, which are not characters (and, like the controls, not allowed in XML: one
 * in a headline would make every feed carrying it unreadable to an XML parser).
 */
export function textSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(
      /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]*$/,
      'must not contain control characters or the non-characters U+FFFE and U+FFFF',
    );
}

/**
 * Text a reader is shown as a line of its own (a headline): at least one letter, digit,
 * punctuation mark or symbol, not only characters that show nothing (zero-width spaces, joiners,
 * soft hyphens, combining marks alone), which trimming leaves in place.
 */
export function visibleTextSchema(max: number) {
  return textSchema(max).regex(/[\p{L}\p{N}\p{P}\p{S}]/u, 'must hold a visible character');
}

/** An http(s) URL as answered: as stored. */
export const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);

/** What XML cannot carry in a URL, as a character class's contents: control characters, U+FFFE and U+FFFF. */
export const urlControlCharacters = String.raw`\u0000-\u001F\u007F\uFFFE\uFFFF`;

/**
 * An http(s) URL as sent, stored as sent. The URL parser takes control characters (it drops or
 * escapes them), so they are refused here as in text: the feeds write the URL into XML. Only in
 * what is sent: a URL stored before they were refused (2026-12-08) is still answered.
 */
export const sentHttpUrlSchema = httpUrlSchema.regex(
  new RegExp(`^[^${urlControlCharacters}]*$`),
  'must not contain control characters or the non-characters U+FFFE and U+FFFF',
);

/**
 * The body limit of a write whose schema accepts only a few short fields (a city, an
 * observation, a list of related ids): far above what it can validly carry, far below what
 * would cost anything to read. Also the default for any route that declares none.
 */
export const smallBodyLimitBytes = 16 * 1024;

export function pageSchema<T extends z.ZodType>(item: T, example: unknown) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
    })
    .meta({ example: { data: [example], nextCursor: 'WyJhYmMiLHsiYXQiOjE3MTE3MDAwMDAwMDAsInBrIjo0Mn1d.c2lnbmF0dXJl' } });
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details, sent as application/problem+json.',
    example: {
      type: 'urn:content-api:problem:not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No article has the id or slug "no-such-article".',
    },
  });

export const problemDescriptions: Record<number, string> = {
  400: 'The request is not valid.',
  401: 'No API key, or an unknown or revoked one.',
  403: 'The API key lacks the role this operation needs.',
  404: 'No such resource.',
  409: 'The request conflicts with what is stored (the operation says how).',
  410: 'The resource has been deleted.',
  412: 'If-Match does not name the current version.',
  413: 'The body is too large.',
  414: `The URL is too long (a path parameter over ${maxPathParameterLength} characters).`,
  415: 'The body is not of a media type the operation reads (see its request body).',
  429: 'Too many requests; see Retry-After.',
  503: 'Not ready, overloaded, or unable to store what was sent; see Retry-After where sent.',
};

/** A response that is a document of another media type than JSON (a feed, a sitemap, metrics). */
export function documentResponse(mediaType: string, description: string, example: string) {
  return { description, content: { [mediaType]: { schema: z.string().meta({ example }) } } };
}

/** The answer to a conditional GET whose validator matches: every GET the response cache serves can send it. */
export const notModifiedResponse = {
  304: z
    .null()
    .describe(
      'Not Modified, no body: If-None-Match names this representation (the ETag of any of its codings), or it has not changed since If-Modified-Since.',
    ),
};

/** Response schemas for the problem statuses a route can answer, for validation and OpenAPI. */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, typeof problemSchema> {
  const out = {} as Record<S, typeof problemSchema>;
  for (const status of statuses) out[status] = problemSchema.describe(problemDescriptions[status] ?? 'Error.');
  return out;
}
