import type { User, UserManager } from 'oidc-client-ts';
import type { components } from '../../openapi/schema.ts';
import { devTokenOfThisTab, renewToken, signOut, useToken } from './api.ts';

/**
 * Signing in through the organisation's identity provider (OpenID Connect): authorization code
 * with PKCE, as a public client, by oidc-client-ts. The access token and the refresh token stay in
 * this module's memory (an in-memory user store), never in localStorage or sessionStorage; what
 * the redirect needs meanwhile (state, PKCE verifier — no token) is kept in sessionStorage, and a
 * flag says this tab was signed in, so that a reload signs in again without a prompt
 * (`prompt=none`) while the provider's session lasts. The access token is renewed with the
 * refresh token a minute before it expires; when the provider refuses (the account was disabled,
 * the session ended), the page signs out and says why.
 *
 * The library is loaded only where a provider is configured (a separate file the browser fetches
 * then), so that a development machine or a slow connection does not pay for it otherwise.
 */
export type SignInConfig = components['schemas']['SignInConfig'];
type ProviderConfig = NonNullable<SignInConfig['provider']>;

const SIGNED_IN = 'cam.signed-in';
let manager: UserManager | null = null;
let config: Promise<SignInConfig> | null = null;

/** How this service signs people in (GET /sign-in/config), asked once. */
export function signInConfig(): Promise<SignInConfig> {
  config ??= fetch('/sign-in/config').then(async (r) => {
    if (!r.ok) throw new Error(`sign-in configuration: ${r.status}`);
    return (await r.json()) as SignInConfig;
  });
  return config;
}

/** Where the provider sends the browser back: the page itself. */
const home = (): string => `${location.origin}/`;

async function managerFor(p: ProviderConfig, onEnded: (why: string) => void): Promise<UserManager> {
  if (manager !== null) return manager;
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  const resource = p.resource !== undefined ? { resource: p.resource } : undefined;
  manager = new UserManager({
    authority: p.issuer,
    client_id: p.clientId,
    redirect_uri: home(),
    post_logout_redirect_uri: home(),
    response_type: 'code',
    scope: p.scopes,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage, prefix: 'cam.oidc.' }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    loadUserInfo: false,
    monitorSession: false,
    ...(resource ? { extraQueryParams: resource, extraTokenParams: resource } : {}),
  });
  manager.events.addUserLoaded((user) => {
    void renewToken(user.access_token).catch(() => onEnded('Không dùng được mã truy cập mới.'));
  });
  manager.events.addSilentRenewError(() => {
    void endLocally().then(() => onEnded('Phiên đăng nhập đã kết thúc, vui lòng đăng nhập lại.'));
  });
  manager.events.addAccessTokenExpired(() => {
    void endLocally().then(() => onEnded('Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.'));
  });
  return manager;
}

/** Forgets the person here (tokens, the flag), without asking the provider. */
async function endLocally(): Promise<void> {
  sessionStorage.removeItem(SIGNED_IN);
  signOut();
  await manager?.removeUser();
}

/**
 * At page start: finishes a return from the provider, or signs in again silently when this tab
 * was signed in; with the development sign-in, takes its token back. `navigating`: the browser is
 * on its way to the provider, draw nothing. `message`: why the person is not signed in, if worth
 * saying.
 */
export async function resumeSignIn(
  onEnded: (why: string) => void,
): Promise<{ state: 'navigating' } | { state: 'ready'; message?: string }> {
  const cfg = await signInConfig().catch(() => null);
  if (cfg?.provider) {
    const m = await managerFor(cfg.provider, onEnded);
    const query = new URLSearchParams(location.search);
    if (query.has('state') && (query.has('code') || query.has('error'))) {
      try {
        const user = await m.signinRedirectCallback();
        await useToken(user.access_token, 'provider');
        sessionStorage.setItem(SIGNED_IN, '1');
        restoreAddress(user);
        return { state: 'ready' };
      } catch (e) {
        await endLocally();
        restoreAddress(null);
        const error = query.get('error');
        // A silent attempt found no session at the provider: simply not signed in.
        if (error === 'login_required' || error === 'interaction_required') return { state: 'ready' };
        return { state: 'ready', message: `Đăng nhập không thành công: ${e instanceof Error ? e.message : String(e)}` };
      }
    }
    if (query.has('state')) {
      // Back from the provider's sign-out.
      await m.signoutRedirectCallback().catch(() => undefined);
      restoreAddress(null);
      return { state: 'ready' };
    }
    if (sessionStorage.getItem(SIGNED_IN) === '1') {
      await m.signinRedirect({ prompt: 'none', url_state: location.hash });
      return { state: 'navigating' };
    }
  }
  const dev = devTokenOfThisTab();
  if (dev !== null && cfg?.development) await useToken(dev, 'development').catch(() => signOut());
  return { state: 'ready' };
}

/** Puts back the address the person was at before the provider's redirect, without the code. */
function restoreAddress(user: User | null): void {
  const hash = user?.url_state ?? '';
  history.replaceState(null, '', `${location.pathname}${hash.startsWith('#') ? hash : ''}`);
}

/**
 * Goes to the provider's sign-in page; the person comes back to where they were. `another`: the
 * provider asks for the name and password even with a session (`prompt=login`), to sign in with
 * another account than the one it remembers.
 */
export async function signInWithProvider(onEnded: (why: string) => void, another = false): Promise<void> {
  const cfg = await signInConfig();
  if (!cfg.provider) return;
  // Offline, going to the provider would leave the person on the browser's error page.
  if (!navigator.onLine) throw new Error('offline');
  const m = await managerFor(cfg.provider, onEnded);
  await m.signinRedirect({ url_state: location.hash, ...(another ? { prompt: 'login' } : {}) });
}

/**
 * Signs out: here, and at the provider where its session is ended too (RP-initiated logout),
 * coming back to the page. With the development sign-in, here only. `local`: nothing to navigate.
 */
export async function signOutEverywhere(): Promise<'navigating' | 'local'> {
  const user = manager !== null ? await manager.getUser() : null;
  await endLocally();
  // Offline: signed out here; the provider's session ends at its own time (or the next sign-out).
  if (manager === null || user === null || !navigator.onLine) return 'local';
  try {
    await manager.signoutRedirect({
      ...(user.id_token !== undefined ? { id_token_hint: user.id_token } : {}),
      post_logout_redirect_uri: home(),
    });
    return 'navigating';
  } catch {
    // A provider without RP-initiated logout, or out of reach: signed out here at least.
    return 'local';
  }
}
