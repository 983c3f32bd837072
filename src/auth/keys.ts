import { createSigner } from 'fast-jwt';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuthConfig } from '../config.ts';

/** What verifies tokens (and, where the service holds it, signs them). */
export type VerifyKey =
  | { algorithm: 'HS256'; secret: string; issuer?: string }
  | { algorithm: 'RS256'; publicKey: string; privateKey?: string; issuer?: string };

/**
 * Resolves the auth configuration to a key. Development without a configured key uses a random
 * secret kept in DATA_DIR/dev-jwt-secret, so that `npm run token` can mint tokens the running
 * service accepts; an in-memory store gets a secret that lives as long as the process.
 */
export function resolveKey(auth: AuthConfig, dataDir: string | null): VerifyKey {
  if (auth.kind === 'hs256')
    return { algorithm: 'HS256', secret: auth.secret, ...(auth.issuer ? { issuer: auth.issuer } : {}) };
  if (auth.kind === 'rs256')
    return {
      algorithm: 'RS256',
      publicKey: auth.publicKey,
      ...(auth.privateKey ? { privateKey: auth.privateKey } : {}),
      ...(auth.issuer ? { issuer: auth.issuer } : {}),
    };
  // No local key (production with the identity provider alone), or an in-memory store: a secret
  // nobody holds, kept as long as the process, so that no token of the service's own is taken.
  if (auth.kind === 'provider-only' || dataDir === null)
    return { algorithm: 'HS256', secret: randomBytes(32).toString('hex') };
  const file = join(dataDir, 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return { algorithm: 'HS256', secret: readFileSync(file, 'utf8').trim() };
}

/** A token signed with the key (HS256 secret or RS256 private key): `npm run token`, the development sign-in, tests. */
export function mintToken(
  key: VerifyKey,
  claims: { sub: string; role: string; province?: string; unit?: string; commune?: string; app?: string },
  ttlSeconds: number,
  nowMs = Date.now(),
): string {
  const signingKey = key.algorithm === 'HS256' ? key.secret : key.privateKey;
  if (signingKey === undefined)
    throw new Error('RS256: set JWT_PRIVATE_KEY to mint tokens here; the service itself only needs JWT_PUBLIC_KEY');
  const sign = createSigner({
    key: signingKey,
    algorithm: key.algorithm,
    expiresIn: ttlSeconds * 1000,
    clockTimestamp: nowMs,
    ...(key.issuer ? { iss: key.issuer } : {}),
  });
  return sign({ ...claims });
}
