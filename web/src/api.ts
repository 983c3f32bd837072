/** The service's API as the page calls it: the bearer token from sign-in, problem+json on errors. */
const TOKEN = 'cam.dev-token';

export interface Claims {
  sub: string;
  role: string;
  province?: string;
  /** A department officer's department code. */
  unit?: string;
  /** A commune officer's five-digit commune code. */
  commune?: string;
  name?: string;
  exp: number;
}

/** The roles that report for one unit of a province and may read nothing else. */
export const REPORTER_ROLES: readonly string[] = ['department_officer', 'commune_officer', 'steering_member'];
export const isReporter = (c: Claims): boolean => REPORTER_ROLES.includes(c.role);

/** The unit a token reports for, as report paths name it (a provincial officer: the alliance's own). */
export function reportingUnitOf(c: Claims): string | undefined {
  switch (c.role) {
    case 'department_officer':
      return c.unit;
    case 'commune_officer':
      return c.commune;
    case 'steering_member':
      return 'standing-agency';
    case 'provincial_officer':
      return 'alliance';
    default:
      return undefined;
  }
}

/**
 * Whether a person may send a command of this access (the route's `config.access`) for a province's
 * records, as the service judges it by role (src/auth/claims.ts): the page offers only those forms.
 */
export function mayEnter(access: string | undefined, c: Claims, code: string): boolean {
  switch (access ?? 'write') {
    case 'honour':
      return c.role === 'national_officer';
    case 'write-local':
      return c.role === 'provincial_officer' || c.role === 'commune_officer';
    case 'report':
      return reportingUnitOf(c) !== undefined;
    case 'review':
      return c.role === 'provincial_officer';
    default:
      return code === 'VN' ? c.role === 'national_officer' : c.role === 'provincial_officer';
  }
}

/**
 * Who is signed in: the access token and the claims the service read from it (GET /me). Kept in
 * memory only: a token from the identity provider never reaches localStorage or sessionStorage
 * (a reload signs in again through the provider, src/sign-in.ts). The development sign-in alone
 * keeps its token in sessionStorage, so that a developer's reload keeps the tab signed in.
 */
let session: { token: string; claims: Claims } | null = null;
const DEV_TOKEN = TOKEN;

export function token(): string | null {
  return session?.token ?? null;
}

/** The signed-in person's claims as the service reads them, or null. */
export function currentClaims(): Claims | null {
  return session !== null && session.claims.exp * 1000 > Date.now() ? session.claims : null;
}

export function signOut(): void {
  session = null;
  sessionStorage.removeItem(DEV_TOKEN);
}

/** Signs in with a token: the service says who it is (GET /me), or why it is refused. */
export async function useToken(t: string, kind: 'provider' | 'development'): Promise<Claims> {
  const res = await call('/me', { headers: { authorization: `Bearer ${t}` } });
  const claims = (await res.json()) as Claims;
  session = { token: t, claims };
  if (kind === 'development') sessionStorage.setItem(DEV_TOKEN, t);
  return claims;
}

/** A renewed access token for the same person (the provider's refresh): the claims are read again. */
export async function renewToken(t: string): Promise<void> {
  await useToken(t, 'provider');
}

/** The development sign-in's token kept for this tab, if any: used again after a reload. */
export function devTokenOfThisTab(): string | null {
  return sessionStorage.getItem(DEV_TOKEN);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Whether the last read was this browser's kept copy (no connection): the service worker says so. */
let lastReadKept = false;
export const lastReadWasKept = (): boolean => lastReadKept;

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const t = token();
  // The page is in Vietnamese: so are the service's problem answers it shows.
  const res = await fetch(path, {
    ...init,
    headers: { 'accept-language': 'vi', ...(t ? { authorization: `Bearer ${t}` } : {}), ...(init.headers ?? {}) },
  });
  lastReadKept = res.headers.get('x-cam-kept') === '1';
  if (!res.ok) {
    let detail = res.statusText;
    try {
      const p = (await res.json()) as { detail?: string; title?: string };
      detail = p.detail ?? p.title ?? detail;
    } catch {
      // not problem+json
    }
    throw new ApiError(res.status, detail);
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await call(path)).json()) as T;
}

/** The development sign-in, where the service offers it (development machines only): a token for a role. */
export async function devSignIn(
  role: string,
  province: string | undefined,
  reporter: { unit?: string; commune?: string } = {},
): Promise<string> {
  const res = await call('/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(province ? { province } : {}), ...reporter }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** Downloads a file the API makes (CSV, XLSX) with the bearer token, under its own file name. */
export async function download(path: string): Promise<void> {
  const res = await call(path);
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'bao-cao';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A problem answer as the service sends it (application/problem+json), in Vietnamese. */
export interface Problem {
  status: number;
  title: string;
  detail?: string;
  errors?: { in: string; field: string; rule: string; message: string }[];
  [detail: string]: unknown;
}

/**
 * Sends a command with its Idempotency-Key: the same key for every retry of one submission, so
 * that a double click or a resend after a lost answer records once. Answers the position written,
 * or the service's problem.
 */
export async function sendCommand(
  path: string,
  body: unknown,
  idempotencyKey: string,
): Promise<{ ok: true; position: number; body: Record<string, unknown> } | { ok: false; problem: Problem }> {
  const t = token();
  const res = await fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': 'vi',
      'idempotency-key': idempotencyKey,
      ...(t ? { authorization: `Bearer ${t}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => ({}))) as { position?: number } & Partial<Problem>;
  if (res.ok) return { ok: true, position: answer.position ?? 0, body: answer };
  return { ok: false, problem: { ...answer, status: res.status, title: answer.title ?? res.statusText } };
}

/**
 * What the page's forms are built from: the operations of the service's OpenAPI document that
 * declare a page form and the schemas they refer to, in the document's own shape — a small part of
 * /docs/json, made with the page (its address in `<meta name="page-forms">`) and kept by the
 * browser as long as the page is unchanged.
 */
export async function pageFormsDocument(): Promise<unknown> {
  const url = document.querySelector<HTMLMetaElement>('meta[name="page-forms"]')?.content ?? '/docs/json';
  const res = await fetch(url);
  if (!res.ok) throw new ApiError(res.status, 'Không tải được mô tả biểu mẫu');
  return res.json();
}
