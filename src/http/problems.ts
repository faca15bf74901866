// The catalogue of domain errors. Repositories and services throw these; the error handler in
// errors.ts is the only place that turns anything into an HTTP answer.

export interface FieldError {
  path: string;
  message: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new ProblemError(400, 'validation', 'Bad Request', detail, errors);
/** A body that cannot be read as JSON text at all (before any schema sees it). */
export const malformedBody = (detail: string) => new ProblemError(400, 'bad-request', 'Bad Request', detail);
export const unauthorized = (detail: string) =>
  new ProblemError(401, 'unauthorized', 'Unauthorized', detail, undefined, { 'www-authenticate': 'Bearer' });
export const forbidden = (detail: string) => new ProblemError(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new ProblemError(404, 'not-found', 'Not Found', detail);
export const conflict = (detail: string) => new ProblemError(409, 'conflict', 'Conflict', detail);
export const gone = (detail: string) => new ProblemError(410, 'gone', 'Gone', detail);
export const preconditionFailed = (detail: string) => new ProblemError(412, 'precondition-failed', 'Precondition Failed', detail);
/** Without `retryAfterSeconds` when whoever sends it sets Retry-After itself (@fastify/rate-limit). */
export const rateLimited = (detail: string, retryAfterSeconds?: number) =>
  new ProblemError(
    429,
    'rate-limited',
    'Too Many Requests',
    detail,
    undefined,
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
  );
/** The server cannot do this now (a failing disk), though the request is fine: it may be sent again. */
export const unavailable = (detail: string, retryAfterSeconds: number) =>
  new ProblemError(503, 'unavailable', 'Service Unavailable', detail, undefined, { 'retry-after': String(retryAfterSeconds) });
export const overloaded = (detail: string, retryAfterSeconds: number) =>
  new ProblemError(503, 'overloaded', 'Service Unavailable', detail, undefined, { 'retry-after': String(retryAfterSeconds) });

export function problemType(kind: string): string {
  return `urn:content-api:problem:${kind}`;
}
