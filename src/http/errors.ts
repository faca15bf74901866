// One error path: every failure, from validation to an unknown route to a crash, leaves as an
// RFC 9457 problem+json body. Unexpected errors are logged with the request id and masked.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { maxPathParameterLength } from './primitives.js';
import { type FieldError, ProblemError, problemType } from './problems.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** A problem for a plain HTTP status; its type is named after the status title. */
function statusProblem(status: number, detail: string): Problem {
  const title = titles[status] ?? 'Error';
  return {
    type: problemType(title.toLowerCase().replace(/ /g, '-')),
    title,
    status,
    detail,
  };
}

/** Fastify's own 414 repeats the whole path back; this names the limit it passed. */
const pathTooLong = statusProblem(414, `A path parameter is over ${maxPathParameterLength} characters.`);

/** JSON pointers like /tags/2 read better as `body.tags[2]`. */
function formatPath(context: string, pointer: string): string {
  let out = context;
  for (const part of pointer.split('/').filter(Boolean)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : `.${key}`;
  }
  return out;
}

/** The body of a domain error; also of the refusals written before Fastify (limits.ts). */
export function problemOf(error: ProblemError): Problem {
  return {
    type: problemType(error.kind),
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

function toProblem(error: FastifyError | Error, request: FastifyRequest): Problem {
  if (error instanceof ProblemError) return problemOf(error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'request';
    const errors = error.validation.map((issue) => ({
      path: formatPath(context, issue.instancePath),
      message: issue.message ?? 'is not valid',
    }));
    return {
      type: problemType('validation'),
      title: 'Bad Request',
      status: 400,
      detail: `The request ${context} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors,
    };
  }
  if ('code' in error && error.code === 'FST_ERR_MAX_PARAM_LENGTH') return pathTooLong;
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
    return statusProblem(500, 'The server could not complete the request.');
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, body too large, media type) carry safe messages.
    return statusProblem(status, error.message);
  }
  request.log.error({ err: error }, 'unexpected error');
  return statusProblem(status === 503 ? 503 : 500, 'The server could not complete the request.');
}

/** Answers any error as problem+json; also given to Fastify as `frameworkErrors` for URLs it cannot route. */
export function replyWithProblem(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request);
  if (error instanceof ProblemError) reply.headers(error.headers);
  if (problem.status >= 500) reply.header('cache-control', 'no-store');
  return sendProblem(reply, problem);
}

/**
 * The methods each path answers, for a 405 with `Allow` when a known path is asked with another
 * (PUT on an article, say), rather than a 404 that says the resource is not there. Fastify's own
 * router (find-my-way) matches the paths again, with the same options: Fastify answers a method
 * a path lacks as if the path were unknown, and exposes no lookup by concrete path. Catch-all
 * routes (CORS preflight) say nothing of whether a resource is there: their methods are named in
 * `Allow` of a path that is, not matched.
 */
function methodsByPath(app: FastifyInstance, routerOptions: RouterOptions) {
  const routes = FindMyWay(routerOptions);
  // The same routes without the limit on a parameter's length: a path that only they match is
  // a 414 whatever the method, as Fastify answers it for the methods the path has.
  const unlimited = FindMyWay({ ...routerOptions, maxParamLength: Number.MAX_SAFE_INTEGER });
  const methods = new Set<string>();
  const everywhere = new Set<string>();
  app.addHook('onRoute', (route) => {
    if (route.url === '*' || route.url === '/*') {
      for (const method of [route.method].flat()) everywhere.add(method.toUpperCase());
      return;
    }
    // Fastify refuses a method and path registered twice, so each comes here once.
    for (const method of [route.method].flat()) {
      methods.add(method.toUpperCase());
      routes.on(method.toUpperCase() as HTTPMethod, route.url, () => undefined);
      unlimited.on(method.toUpperCase() as HTTPMethod, route.url, () => undefined);
    }
  });
  const answering = (router: typeof routes, path: string) =>
    [...methods].filter((method) => router.find(method as HTTPMethod, path) !== null);
  return {
    allowed(path: string): string[] {
      const found = answering(routes, path);
      return found.length === 0 ? found : [...found, ...[...everywhere].filter((method) => !found.includes(method))];
    },
    tooLong: (path: string): boolean => answering(unlimited, path).length > 0,
  };
}

/** The router options Fastify is given, which the 405 check matches paths with too. */
export interface RouterOptions {
  ignoreTrailingSlash: boolean;
  maxParamLength: number;
}

export const errorHandling = fp(
  async (app: FastifyInstance, { routerOptions }: { routerOptions: RouterOptions }) => {
    app.setErrorHandler(replyWithProblem);
    const paths = methodsByPath(app, routerOptions);
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const allowed = paths.allowed(path);
      if (allowed.length === 0 && paths.tooLong(path)) return sendProblem(reply, pathTooLong);
      // A route that matched and found nothing (a static file of the Swagger UI) is a 404.
      const routed = allowed.includes(request.method === 'HEAD' ? 'GET' : request.method);
      if (allowed.length > 0 && !routed) {
        reply.header('allow', allowed.join(', '));
        return sendProblem(
          reply,
          statusProblem(405, `${path} does not answer ${request.method}; it answers ${allowed.join(', ')}.`),
        );
      }
      return sendProblem(reply, {
        type: problemType('not-found'),
        title: 'Not Found',
        status: 404,
        detail: `No route matches ${request.method} ${path}.`,
      });
    });
  },
  { name: 'error-handling' },
);
