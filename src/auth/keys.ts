import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthConfig } from '../config.ts';

/** What verifies tokens (and, where the service holds it, signs them). */
export type VerifyKey = { algorithm: 'HS256'; secret: string; issuer?: string } | { algorithm: 'RS256'; publicKey: string; privateKey?: string; issuer?: string };

/**
 * Resolves the auth configuration to a key. Development without a configured key uses a random
 * secret kept in DATA_DIR/dev-jwt-secret, so that `npm run token` can mint tokens the running
 * service accepts; an in-memory store gets a secret that lives as long as the process.
 */
export function resolveKey(auth: AuthConfig, dataDir: string | null): VerifyKey {
  if (auth.kind === 'hs256') return { algorithm: 'HS256', secret: auth.secret, ...(auth.issuer ? { issuer: auth.issuer } : {}) };
  if (auth.kind === 'rs256') return { algorithm: 'RS256', publicKey: auth.publicKey, ...(auth.privateKey ? { privateKey: auth.privateKey } : {}), ...(auth.issuer ? { issuer: auth.issuer } : {}) };
  if (dataDir === null) return { algorithm: 'HS256', secret: randomBytes(32).toString('hex') };
  const file = join(dataDir, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return { algorithm: 'HS256', secret: readFileSync(file, 'utf8').trim() };
}
