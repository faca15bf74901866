// Cross-origin access: public reads from any origin (`*`); the configured origins get their own
// origin back and may send credentials. @fastify/cors answers through its hook; the answers
// written where its hook does not run (refusals before Fastify, load shedding, URLs Fastify
// cannot route) carry the same headers from here, so a browser can read them rather than see a
// network error.

/** Headers a browser's script may read beyond the safelisted ones: pagination, caching, retries. */
export const exposedHeaders = [
  'Link',
  'ETag',
  'Location',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
] as const;

/** @fastify/cors's options, but for the origin. */
export const corsOptions = {
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'If-Modified-Since'],
  exposedHeaders: [...exposedHeaders],
  maxAge: 600,
  // An OPTIONS request that is not a CORS preflight is answered like one (204) instead of the
  // plugin's own text/plain 400, which no problem+json handler sees.
  strictPreflight: false,
};

/** The CORS headers of an answer written outside @fastify/cors's hook, as the plugin would set them. */
export class CrossOriginHeaders {
  private readonly credentialed: ReadonlySet<string>;
  private readonly anyOrigin: Readonly<Record<string, string>>;

  constructor(credentialedOrigins: Iterable<string>) {
    this.credentialed = new Set(credentialedOrigins);
    this.anyOrigin = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': exposedHeaders.join(', '),
      ...(this.credentialed.size > 0 ? { vary: 'Origin' } : {}),
    };
  }

  /** How many origins may send credentials. */
  get credentialedOrigins(): number {
    return this.credentialed.size;
  }

  /** Whether `origin` is one of the configured origins that may send credentials. */
  trusts(origin: string | undefined): origin is string {
    return origin !== undefined && this.credentialed.has(origin);
  }

  /** For a request from `origin` (its `Origin` header). */
  for(origin: string | undefined): Readonly<Record<string, string>> {
    if (!this.trusts(origin)) return this.anyOrigin;
    return { ...this.anyOrigin, 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' };
  }
}
