// The one auth hook. Each route declares the role it needs in `config.auth`; public routes
// declare nothing. A key that is sent is always checked, so a revoked key fails everywhere.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type ApiKey, findActiveKey, type Role } from '../auth/keys.js';
import type { Db } from '../db/open.js';
import { forbidden, unauthorized } from './problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The role a route needs; absent for public routes. */
    auth?: Role;
  }
  interface FastifyRequest {
    /** The caller's key, when the request carried a valid one. */
    apiKey: ApiKey | null;
  }
}

/** Admin holds every right; the other roles hold their own. */
export function hasRole(key: ApiKey | null, role: Role): boolean {
  return key !== null && (key.role === role || key.role === 'admin');
}

function bearerToken(request: FastifyRequest): string | null | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer +(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

export const authentication = fp(
  async (app: FastifyInstance, options: { db: Db }) => {
    app.decorateRequest('apiKey', null);
    app.addHook('onRequest', async (request) => {
      const token = bearerToken(request);
      const required = request.routeOptions.config.auth;
      if (token === undefined) {
        if (required) throw unauthorized(`This operation needs an API key with the ${required} role.`);
        return;
      }
      if (token === null) throw unauthorized('The Authorization header must be "Bearer <key>".');
      const key = findActiveKey(options.db, token);
      if (!key) throw unauthorized('The API key is unknown or has been revoked.');
      request.apiKey = key;
      if (required && !hasRole(key, required)) {
        throw forbidden(`This operation needs the ${required} role; the key has the ${key.role} role.`);
      }
    });
  },
  { name: 'authentication' },
);
