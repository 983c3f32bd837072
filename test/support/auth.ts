import type { VerifyKey } from '../../src/auth/keys.ts';
import { mintToken } from '../../src/auth/keys.ts';

/** The key the test servers verify with. */
export const TEST_KEY: VerifyKey = { algorithm: 'HS256', secret: 'test-secret-for-the-suite-only-0123456789' };

export type Persona = { role: string; province?: string; sub?: string; app?: string; unit?: string; commune?: string };

export function tokenFor(p: Persona, ttlSeconds = 3600): string {
  return mintToken(
    TEST_KEY,
    {
      sub: p.sub ?? `${p.role}-${p.province ?? 'all'}`,
      role: p.role,
      ...(p.province ? { province: p.province } : {}),
      ...(p.unit ? { unit: p.unit } : {}),
      ...(p.commune ? { commune: p.commune } : {}),
      app: p.app ?? 'test-app',
    },
    ttlSeconds,
  );
}

export function bearer(p: Persona): Record<string, string> {
  return { authorization: `Bearer ${tokenFor(p)}` };
}
