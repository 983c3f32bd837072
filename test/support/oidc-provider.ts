import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { freePort } from './service.ts';

/**
 * A real OpenID provider for the tests: the certified `oidc-provider` package on a local port,
 * configured as a province's Keycloak realm would be — a public client for the page (code + PKCE,
 * refresh tokens, RP-initiated logout), JWT access tokens for the API's audience carrying the
 * person's realm roles, province, unit and commune. Its development login form takes any
 * password; an account can be disabled, after which the provider refuses its refresh.
 */
export interface TestAccount {
  id: string;
  name: string;
  /** The provider's role names (as a realm's roles), mapped to the service's by OIDC_ROLE_MAP. */
  roles: string[];
  province?: string;
  unit?: string;
  commune?: string;
  disabled?: boolean;
}

export const API_AUDIENCE = 'htx-api';
export const API_RESOURCE = 'https://htx.example.vn/api';
export const PAGE_CLIENT = 'htx-trang';

/** The provider's role names, as a province's realm would name them, and the map the service is given. */
export const ROLE_MAP: Record<string, string> = {
  'htx-can-bo-tinh': 'provincial_officer',
  'htx-xem-tinh': 'provincial_viewer',
  'htx-trung-uong': 'national_officer',
  'htx-kiem-toan': 'auditor',
  'htx-quan-tri': 'admin',
  'htx-giam-sat': 'monitoring',
  'htx-can-bo-so': 'department_officer',
  'htx-can-bo-xa': 'commune_officer',
  'htx-bcd': 'steering_member',
};
export const ROLE_MAP_ENV = Object.entries(ROLE_MAP)
  .map(([k, v]) => `${k}=${v}`)
  .join(',');
/** The provider's name for a service role. */
export const providerRole = (role: string): string => Object.entries(ROLE_MAP).find(([, v]) => v === role)?.[0] ?? role;

export interface TestProvider {
  issuer: string;
  port: number;
  accounts: Map<string, TestAccount>;
  /** The signing keys, newest first (the first signs). */
  keys: JWK[];
  /** How many times the key set was fetched. */
  jwksFetches: () => number;
  close: () => Promise<void>;
}

/** A new RS256 signing key with its own key id. */
export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `k-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
}

export async function startProvider(opts: {
  accounts: Map<string, TestAccount>;
  /** Where the page is served: its redirect and post-logout URI is `${pageOrigin}/`. */
  pageOrigin?: string;
  keys?: JWK[];
  port?: number;
  accessTokenTtl?: number;
}): Promise<TestProvider> {
  const port = opts.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const keys = opts.keys ?? [await newSigningKey()];
  const accounts = opts.accounts;
  const page = opts.pageOrigin ?? 'http://127.0.0.1:9';
  const configuration: Configuration = {
    clients: [
      {
        client_id: PAGE_CLIENT,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${page}/`],
        post_logout_redirect_uris: [`${page}/`],
      },
    ],
    jwks: { keys },
    pkce: { required: () => true },
    findAccount: (_ctx, id) => {
      const a = accounts.get(id);
      if (a === undefined || a.disabled === true) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: a.name, preferred_username: id }) };
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api',
          audience: API_AUDIENCE,
          accessTokenFormat: 'jwt',
          accessTokenTTL: opts.accessTokenTtl ?? 300,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // The page is the organisation's own client: no consent screen, as a realm's first-party client.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (accountId === undefined || clientId === undefined) return undefined;
      const existing = ctx.oidc.session?.grantIdFor(clientId);
      // A grant the session names may be gone (revoked at sign-out): a new one then.
      const found = existing !== undefined ? await ctx.oidc.provider.Grant.find(existing) : undefined;
      if (found !== undefined) return found;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid profile offline_access');
      grant.addOIDCClaims(['name', 'preferred_username']);
      grant.addResourceScope(API_RESOURCE, 'api');
      await grant.save();
      return grant;
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    extraTokenClaims: (_ctx, token) => {
      const id = 'accountId' in token ? token.accountId : undefined;
      const a = id === undefined ? undefined : accounts.get(id);
      if (a === undefined) return undefined;
      return {
        name: a.name,
        // As Keycloak puts realm roles, and a multivalued user attribute (one value) for the commune.
        realm_access: { roles: a.roles },
        ...(a.province !== undefined ? { province: a.province } : {}),
        ...(a.unit !== undefined ? { unit: a.unit } : {}),
        ...(a.commune !== undefined ? { commune: [a.commune] } : {}),
      };
    },
    ttl: {
      AccessToken: opts.accessTokenTtl ?? 300,
      IdToken: 300,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      RefreshToken: 3600,
    },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>error</title><pre id="error">${JSON.stringify(out)}</pre>`;
    },
  };
  // The package warns, rightly, that its in-memory store and login form are for development: here they are the point.
  const warn = console.warn;
  console.warn = () => undefined;
  const provider = new Provider(issuer, configuration);
  console.warn = warn;
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('the test provider failed:', err));
  let fetches = 0;
  provider.use(async (ctx, next) => {
    if (ctx.path === '/jwks') fetches++;
    await next();
  });
  const server: Server = provider.listen(port);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    issuer,
    port,
    accounts,
    keys,
    jwksFetches: () => fetches,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A tiny cookie jar for the provider's session and interaction cookies. */
function jar() {
  const cookies = new Map<string, string>();
  return {
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = (pair ?? '').indexOf('=');
        if (eq > 0) cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    },
    header: () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
}

export interface Tokens {
  access_token: string;
  refresh_token?: string;
  id_token?: string;
  expires_in: number;
}

/**
 * Signs an account in over HTTP as a browser would — authorization request with PKCE, the login
 * form, back to the redirect URI with a code — and exchanges the code for tokens.
 */
export async function signInOverHttp(
  p: TestProvider,
  accountId: string,
  pageOrigin = 'http://127.0.0.1:9',
): Promise<Tokens> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `${pageOrigin}/`;
  const cookies = jar();
  const authorize = new URL(`${p.issuer}/auth`);
  for (const [k, v] of Object.entries({
    client_id: PAGE_CLIENT,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
    resource: API_RESOURCE,
  }))
    authorize.searchParams.set(k, v);
  let url = authorize.href;
  let code: string | undefined;
  for (let hop = 0; hop < 10 && code === undefined; hop++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: cookies.header() } });
    cookies.take(res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') as string, url);
      if (next.href.startsWith(redirectUri)) {
        const error = next.searchParams.get('error');
        if (error !== null)
          throw new Error(`the provider refused: ${error} ${next.searchParams.get('error_description')}`);
        code = next.searchParams.get('code') ?? undefined;
      }
      url = next.href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || action === undefined)
      throw new Error(`unexpected page at ${url}: ${res.status} ${html.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? 'login';
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login: accountId, password: 'x' } : { prompt });
    const posted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookies.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    cookies.take(posted);
    url = new URL(posted.headers.get('location') as string, url).href;
  }
  if (code === undefined) throw new Error('no authorization code came back');
  const res = await fetch(`${p.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: PAGE_CLIENT,
      code_verifier: verifier,
      resource: API_RESOURCE,
    }),
  });
  if (!res.ok) throw new Error(`token exchange: ${res.status} ${await res.text()}`);
  return (await res.json()) as Tokens;
}

/** The refresh-token grant, as the page does before its access token expires. */
export async function refresh(p: TestProvider, refreshToken: string): Promise<Response> {
  return fetch(`${p.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: PAGE_CLIENT,
      resource: API_RESOURCE,
    }),
  });
}
