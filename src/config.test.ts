import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, offersDevSignIn } from './config.ts';

describe('configuration from the environment', () => {
  it('offers the development sign-in only on a development machine without a configured key', () => {
    expect(offersDevSignIn(loadConfig({}))).toBe(true);
    expect(offersDevSignIn(loadConfig({ JWT_SECRET: 'a-secret-of-enough-length-0123456789' }))).toBe(false);
    expect(
      offersDevSignIn(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-secret-of-enough-length-0123456789' })),
    ).toBe(false);
    expect(offersDevSignIn(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
  });
  it('uses defaults that run the embedded store under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', store: 'sqlite', env: 'development' });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads PORT, HOST and DATA_DIR', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/var/lib/cam' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/cam',
    });
  });

  it('names every invalid variable and its rule at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: '70000', STORE: 'mongo', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT="70000": must be a port number 0–65535');
    expect(problems).toContain('STORE="mongo"');
    expect(problems).toContain('LOG_LEVEL="loud"');
  });

  it("checks the identity provider's settings together, naming each wrong one", () => {
    const problemsOf = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
        return '';
      } catch (e) {
        return (e as ConfigError).problems.join('\n');
      }
    };
    const wrong = problemsOf({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'http://sso.example.vn/realms/htx',
      OIDC_ROLE_MAP: 'htx-can-bo-tinh=provincial_officer,htx-khach=guest,=admin',
    });
    expect(wrong).toContain('OIDC_ISSUER="http://sso.example.vn/realms/htx": must be https in production');
    expect(wrong).toContain('OIDC_AUDIENCE: required with OIDC_ISSUER');
    expect(wrong).toContain('OIDC_ROLE_MAP: "htx-khach=guest" must be providerName=role');
    expect(wrong).toContain('OIDC_ROLE_MAP: "=admin"');
    expect(problemsOf({ OIDC_ROLES_CLAIM: 'realm access' })).toContain(
      'OIDC_ROLES_CLAIM="realm access": must be a claim name or a dotted path',
    );
    expect(problemsOf({ OIDC_CLIENT_ID: 'htx-trang' })).toContain('OIDC_CLIENT_ID: set OIDC_ISSUER too');
    // A provider alone is enough in production: no local key is needed.
    const c = loadConfig({
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://sso.example.vn/realms/htx',
      OIDC_AUDIENCE: 'htx-api',
      OIDC_CLIENT_ID: 'htx-trang',
      OIDC_ROLES_CLAIM: 'realm_access.roles',
      OIDC_ROLE_MAP: 'htx-can-bo-tinh=provincial_officer, htx-can-bo-xa=commune_officer',
    });
    expect(c.oidc).toMatchObject({
      issuer: 'https://sso.example.vn/realms/htx',
      audience: 'htx-api',
      clientId: 'htx-trang',
      scopes: 'openid profile',
      claims: { roles: 'realm_access.roles', province: 'province', name: 'name' },
      roleMap: { 'htx-can-bo-tinh': 'provincial_officer', 'htx-can-bo-xa': 'commune_officer' },
      clockSkewSeconds: 30,
      jwksCooldownSeconds: 30,
    });
    expect(offersDevSignIn(c)).toBe(false);
    // …and then no token of the service's own is taken: there is no key to sign one with.
    expect(c.auth).toEqual({ kind: 'provider-only' });
  });
});
