import type { FastifyInstance } from 'fastify';
import { SignJWT, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type OidcConfig } from '../src/config.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { EventStore } from '../src/eventstore/types.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY } from './support/auth.ts';
import {
  API_AUDIENCE,
  ROLE_MAP_ENV,
  newSigningKey,
  refresh,
  signInOverHttp,
  startProvider,
  type TestAccount,
  type TestProvider,
} from './support/oidc-provider.ts';
import { freePort } from './support/service.ts';
import { problem } from './support/problem.ts';

const OWN = '68';
const YEAR = 2026;

/** The service's settings for a provider, read from environment variables as at start-up. */
function settings(issuer: string, env: Record<string, string> = {}): OidcConfig {
  const config = loadConfig({
    NODE_ENV: 'test',
    OIDC_ISSUER: issuer,
    OIDC_AUDIENCE: API_AUDIENCE,
    OIDC_ROLES_CLAIM: 'realm_access.roles',
    OIDC_ROLE_MAP: ROLE_MAP_ENV,
    ...env,
  });
  if (config.oidc === undefined) throw new Error('no OIDC settings');
  return config.oidc;
}

const accounts = new Map<string, TestAccount>(
  [
    { id: 'lan.nguyen', name: 'Nguyễn Thị Lan', roles: ['offline_access', 'htx-can-bo-tinh'], province: OWN },
    { id: 'khach', name: 'Khách', roles: ['offline_access', 'uma_authorization'] },
    { id: 'thieu.tinh', name: 'Trần Văn Bình', roles: ['htx-can-bo-tinh'] },
    { id: 'xa.officer', name: 'Lê Văn Xã', roles: ['htx-can-bo-xa'], province: OWN, commune: '24781' },
    { id: 'nhieu.vai', name: 'Phạm Minh', roles: ['htx-can-bo-xa', 'htx-xem-tinh'], province: OWN, commune: '24781' },
  ].map((a) => [a.id, a as TestAccount]),
);

let store: EventStore;
let provider: TestProvider;
let app: FastifyInstance;
const servers: FastifyInstance[] = [];

async function server(oidc: OidcConfig): Promise<FastifyInstance> {
  const s = await buildServer({ store, key: TEST_KEY, oidc, logLevel: 'silent', rateLimitPerMinute: 100_000 });
  servers.push(s);
  return s;
}
const get = (s: FastifyInstance, url: string, token: string) =>
  s.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  provider = await startProvider({ accounts });
  app = await server(settings(provider.issuer));
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await provider.close();
  await store.close();
});

describe("tokens from the organisation's identity provider", () => {
  it('let a person work with the role, province and name the provider gives, and what they record names them', async () => {
    const { access_token } = await signInOverHttp(provider, 'lan.nguyen');
    const created = await app.inject({
      method: 'POST',
      url: `/provinces/${OWN}/campaigns`,
      headers: { authorization: `Bearer ${access_token}` },
      payload: { year: YEAR, plan: { number: '7/KH', date: '2026-02-01' }, theme: 'x', budgets: [] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [event] = await store.readAll({ fromPosition: 1, maxCount: 1 });
    expect(event?.metadata).toMatchObject({
      actor: 'lan.nguyen',
      actorName: 'Nguyễn Thị Lan',
      role: 'provincial_officer',
      app: 'htx-trang',
      province: OWN,
    });
    // Another province's records stay closed to her, as with any provincial officer.
    expect((await get(app, `/provinces/80/campaigns`, access_token)).statusCode).toBe(403);
  });

  it('take the role that sees most when the provider gives several, and a commune from a one-value list', async () => {
    const both = (await signInOverHttp(provider, 'nhieu.vai')).access_token;
    expect((await get(app, `/provinces/${OWN}/campaigns`, both)).statusCode).toBe(200);
    const commune = (await signInOverHttp(provider, 'xa.officer')).access_token;
    expect((await get(app, `/provinces/${OWN}/communes/24781`, commune)).statusCode).toBe(200);
    expect((await get(app, `/provinces/${OWN}/campaigns`, commune)).statusCode).toBe(403);
  });

  it('without a usable role, or without the province the role needs, are refused with 403 naming the claim', async () => {
    const guest = (await signInOverHttp(provider, 'khach')).access_token;
    const r = await get(app, `/provinces/${OWN}/campaigns`, guest);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ type: problem('no-usable-role'), claim: 'realm_access.roles' });
    expect(r.json().detail).toContain('offline_access, uma_authorization');
    const vi = await app.inject({
      method: 'GET',
      url: `/provinces/${OWN}/campaigns`,
      headers: { authorization: `Bearer ${guest}`, 'accept-language': 'vi' },
    });
    expect(vi.json().title).toBe('Chưa được giao vai trò');
    const noProvince = (await signInOverHttp(provider, 'thieu.tinh')).access_token;
    const p = await get(app, `/provinces/${OWN}/campaigns`, noProvince);
    expect(p.statusCode).toBe(403);
    expect(p.json()).toMatchObject({ type: problem('no-usable-role'), claim: 'province' });
  });

  it('issued for another audience, or by another provider, are refused with 401', async () => {
    const { access_token } = await signInOverHttp(provider, 'lan.nguyen');
    const elsewhere = await server(settings(provider.issuer, { OIDC_AUDIENCE: 'htx-khac' }));
    const aud = await get(elsewhere, `/provinces/${OWN}/campaigns`, access_token);
    expect(aud.statusCode).toBe(401);
    expect(aud.json().detail).toBe('the token was issued for another audience');
    // Another provider with the same accounts: its tokens name its own issuer, which this service does not trust.
    const other = await startProvider({ accounts });
    try {
      const foreign = (await signInOverHttp(other, 'lan.nguyen')).access_token;
      const r = await get(app, `/provinces/${OWN}/campaigns`, foreign);
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ type: problem('unauthorized') });
    } finally {
      await other.close();
    }
    // A token claiming the trusted issuer but signed with a key the provider does not publish.
    const forged = await new SignJWT({ realm_access: { roles: ['htx-can-bo-tinh'] }, province: OWN })
      .setProtectedHeader({ alg: 'RS256', kid: 'not-published' })
      .setIssuer(provider.issuer)
      .setAudience(API_AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime('5m')
      .sign(await importJWK(await newSigningKey(), 'RS256'));
    const f = await get(app, `/provinces/${OWN}/campaigns`, forged);
    expect(f.statusCode).toBe(401);
    expect(f.json().detail).toBe('the token is signed with a key the identity provider does not publish');
  });

  it('stop being taken once expired, allowing the configured clock skew', async () => {
    const short = await startProvider({ accounts, accessTokenTtl: 1 });
    try {
      const strict = await server(settings(short.issuer, { OIDC_CLOCK_SKEW_SECONDS: '0' }));
      const lenient = await server(settings(short.issuer, { OIDC_CLOCK_SKEW_SECONDS: '30' }));
      const { access_token } = await signInOverHttp(short, 'lan.nguyen');
      await new Promise((r) => setTimeout(r, 2100));
      const r = await get(strict, `/provinces/${OWN}/campaigns`, access_token);
      expect(r.statusCode).toBe(401);
      expect(r.json().detail).toBe('the token has expired');
      expect((await get(lenient, `/provinces/${OWN}/campaigns`, access_token)).statusCode).toBe(200);
    } finally {
      await short.close();
    }
  });

  it('signed with a rotated key are taken after one new fetch of the key set; unknown key ids do not flood the provider', async () => {
    const port = await freePort();
    const old = await newSigningKey();
    let p = await startProvider({ accounts, port, keys: [old] });
    const s = await server(settings(p.issuer, { OIDC_JWKS_COOLDOWN_SECONDS: '1' }));
    try {
      const before = (await signInOverHttp(p, 'lan.nguyen')).access_token;
      expect((await get(s, `/provinces/${OWN}/campaigns`, before)).statusCode).toBe(200);
      expect(p.jwksFetches()).toBe(1);
      // The provider rotates: a new key signs, the old one is still published for the tokens it signed.
      await p.close();
      p = await startProvider({ accounts, port, keys: [await newSigningKey(), old] });
      await new Promise((r) => setTimeout(r, 1100)); // past the cooldown of the first fetch
      const after = (await signInOverHttp(p, 'lan.nguyen')).access_token;
      expect((await get(s, `/provinces/${OWN}/campaigns`, after)).statusCode).toBe(200);
      expect(p.jwksFetches()).toBe(1);
      expect((await get(s, `/provinces/${OWN}/campaigns`, before)).statusCode).toBe(200);
      expect((await get(s, `/provinces/${OWN}/campaigns`, after)).statusCode).toBe(200);
      expect(p.jwksFetches()).toBe(1);
      // Twenty tokens with made-up key ids within the cooldown: at most one more fetch.
      const stranger = await importJWK(await newSigningKey(), 'RS256');
      for (let i = 0; i < 20; i++) {
        const t = await new SignJWT({})
          .setProtectedHeader({ alg: 'RS256', kid: `made-up-${i}` })
          .setIssuer(p.issuer)
          .setAudience(API_AUDIENCE)
          .setSubject('mallory')
          .setExpirationTime('5m')
          .sign(stranger);
        expect((await get(s, `/provinces/${OWN}/campaigns`, t)).statusCode).toBe(401);
      }
      expect(p.jwksFetches()).toBeLessThanOrEqual(2);
    } finally {
      await p.close();
    }
  });

  it('stop for a disabled account at its next refresh; its last access token lasts only its short lifetime', async () => {
    accounts.set('sap.nghi', { id: 'sap.nghi', name: 'Đỗ Văn Nghỉ', roles: ['htx-can-bo-tinh'], province: OWN });
    const first = await signInOverHttp(provider, 'sap.nghi');
    expect(first.refresh_token).toBeDefined();
    expect(first.expires_in).toBeLessThanOrEqual(300);
    const renewed = await refresh(provider, first.refresh_token as string);
    expect(renewed.status).toBe(200);
    const next = (await renewed.json()) as { access_token: string; refresh_token: string };
    expect((await get(app, `/provinces/${OWN}/campaigns`, next.access_token)).statusCode).toBe(200);
    (accounts.get('sap.nghi') as TestAccount).disabled = true;
    const refused = await refresh(provider, next.refresh_token);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('answer 503 with Retry-After while the provider cannot be reached, and are taken again once it can', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const s = await server(settings(issuer));
    const key = await newSigningKey();
    const token = await new SignJWT({ realm_access: { roles: ['htx-can-bo-tinh'] }, province: OWN })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid as string })
      .setIssuer(issuer)
      .setAudience(API_AUDIENCE)
      .setSubject('lan.nguyen')
      .setExpirationTime('5m')
      .sign(await importJWK(key, 'RS256'));
    const down = await get(s, `/provinces/${OWN}/campaigns`, token);
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ type: problem('identity-provider-unavailable') });
    expect(down.headers['retry-after']).toBe('30');
    const p = await startProvider({ accounts, port, keys: [key] });
    try {
      expect((await get(s, `/provinces/${OWN}/campaigns`, token)).statusCode).toBe(200);
    } finally {
      await p.close();
    }
  });

  it('leave the service key working beside the provider: apps and service accounts keep their tokens', async () => {
    const { tokenFor } = await import('./support/auth.ts');
    const t = tokenFor({ role: 'provincial_officer', province: OWN });
    expect((await get(app, `/provinces/${OWN}/campaigns`, t)).statusCode).toBe(200);
  });
});
