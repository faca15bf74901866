// The one auth hook. Each route declares the role it needs in `config.auth`; public routes
// declare nothing. A key that is sent is always checked, so a revoked key fails everywhere.
// The key is identified in onRequest (so rate limiting can count by key) and the verdict is
// given in preParsing: after rate limiting, before any body is read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ApiKey, findActiveKey, type Role } from '../auth/keys.js';
import type { Db } from '../db/open.js';
import { forbidden, type ProblemError, unauthorized } from './problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The role a route needs; absent for public routes. */
    auth?: Role;
  }
  interface FastifyRequest {
    /** The caller's key, when the request carried a valid one. */
    apiKey: ApiKey | null;
    /** Why the key that was sent is not accepted. */
    authProblem: ProblemError | null;
  }
}

/** Admin holds every right; the other roles hold their own. */
export function hasRole(key: ApiKey | null, role: Role): boolean {
  return key !== null && (key.role === role || key.role === 'admin');
}

/** The bearer token: undefined when no Authorization header was sent, null when it is malformed. */
function bearerToken(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

function verdict(request: FastifyRequest): ProblemError | null {
  if (request.authProblem) return request.authProblem;
  const required = request.routeOptions.config.auth;
  if (!required) return null;
  if (!request.apiKey) return unauthorized(`This operation needs an API key with the ${required} role.`);
  if (!hasRole(request.apiKey, required)) {
    return forbidden(`This operation needs the ${required} role; the key has the ${request.apiKey.role} role.`);
  }
  return null;
}

export const authentication = fp(
  async (app: FastifyInstance, options: { db: Db }) => {
    app.decorateRequest('apiKey', null);
    app.decorateRequest('authProblem', null);
    // Callback-style hooks: they are on every request's path, and stay synchronous.
    app.addHook('onRequest', (request, _reply, done) => {
      const token = bearerToken(request);
      if (token === null) request.authProblem = unauthorized('The Authorization header must be "Bearer <key>".');
      else if (token !== undefined) {
        request.apiKey = findActiveKey(options.db, token);
        if (!request.apiKey) request.authProblem = unauthorized('The API key is unknown or has been revoked.');
      }
      done();
    });
    app.addHook('preParsing', (request, _reply, payload, done) => {
      const problem = verdict(request);
      if (problem) done(problem);
      else done(null, payload);
    });
  },
  { name: 'authentication' },
);
