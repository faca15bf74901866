// API keys: created and revoked from the command line, stored only as a SHA-256 hash.
// Every SQL statement on `api_keys` lives here.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { apiKeys } from '../db/schema.js';

export const roles = ['admin', 'editor', 'partner'] as const;
export type Role = (typeof roles)[number];

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  revokedAt: Date | null;
}

const keyPrefix = 'cak_';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toApiKey(row: typeof apiKeys.$inferSelect): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: new Date(row.createdAt),
    revokedAt: row.revokedAt === null ? null : new Date(row.revokedAt),
  };
}

/** Creates a key and returns it with its secret, which is not stored and cannot be shown again. */
export function createKey(db: Db, input: { name: string; role: Role }, now = Date.now()): ApiKey & { secret: string } {
  const secret = keyPrefix + randomBytes(32).toString('base64url');
  const id = `key_${randomBytes(6).toString('hex')}`;
  db.insert(apiKeys)
    .values({ id, name: input.name, role: input.role, keyHash: hashKey(secret), createdAt: now })
    .run();
  return { id, name: input.name, role: input.role, createdAt: new Date(now), revokedAt: null, secret };
}

export function listKeys(db: Db): ApiKey[] {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), apiKeys.id).all().map(toApiKey);
}

/** Revokes a key by id; returns false when there is no such key. Revocation takes effect at once. */
export function revokeKey(db: Db, id: string, now = Date.now()): boolean {
  const existing = db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!existing) return false;
  if (existing.revokedAt === null) db.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, id)).run();
  return true;
}

/** The active key matching a presented secret, or null. Looked up on every request so a
 * revocation made by another process applies to the very next request. */
export function findActiveKey(db: Db, secret: string): ApiKey | null {
  if (!secret.startsWith(keyPrefix) || secret.length > 200) return null;
  const presented = hashKey(secret);
  const row = db.select().from(apiKeys).where(eq(apiKeys.keyHash, presented)).get();
  if (!row || row.revokedAt !== null) return null;
  // The lookup is by hash, which reveals nothing about the secret; compare again in constant time
  // so no code path depends on how much of the key matched.
  if (!timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(presented, 'hex'))) return null;
  return toApiKey(row);
}
