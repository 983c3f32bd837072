/** The service's API as the page calls it: the bearer token from sign-in, problem+json on errors. */
const TOKEN = 'cam.token';

export interface Claims {
  sub: string;
  role: string;
  province?: string;
  /** A department officer's department code. */
  unit?: string;
  /** A commune officer's five-digit commune code. */
  commune?: string;
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

export function token(): string | null {
  return sessionStorage.getItem(TOKEN);
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN);
}

/** The claims of a token, read (not verified: the service verifies) to choose what to show. */
export function claimsOf(t: string): Claims | null {
  try {
    const payload = t.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const c = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (ch) => ch.charCodeAt(0)))) as Claims;
    return typeof c.role === 'string' && typeof c.exp === 'number' ? c : null;
  } catch {
    return null;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const t = token();
  // The page is in Vietnamese: so are the service's problem answers it shows.
  const res = await fetch(path, {
    ...init,
    headers: { 'accept-language': 'vi', ...(t ? { authorization: `Bearer ${t}` } : {}), ...(init.headers ?? {}) },
  });
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

/** Signs in with a token: kept for this browser tab only, checked against the service first. */
export async function signIn(t: string): Promise<Claims> {
  const claims = claimsOf(t.trim());
  if (claims === null) throw new ApiError(400, 'Mã đăng nhập không hợp lệ');
  sessionStorage.setItem(TOKEN, t.trim());
  try {
    await call('/reference/provinces?map=current');
    const unit = reportingUnitOf(claims);
    // A reporter reads its own unit's reports and nothing else of the province.
    await call(
      isReporter(claims) && claims.province && unit
        ? `/provinces/${claims.province}/reporting/${new Date().getFullYear()}/half-year/units/${unit}`
        : claims.province
          ? `/provinces/${claims.province}/campaigns`
          : `/national/dashboards/${new Date().getFullYear()}`,
    );
  } catch (e) {
    signOut();
    throw e;
  }
  return claims;
}

/** The development sign-in, where the service offers it (development machines only). */
export async function devSignInAvailable(): Promise<boolean> {
  const res = await fetch('/dev/sign-in');
  return res.ok;
}

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
): Promise<{ ok: true; position: number } | { ok: false; problem: Problem }> {
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
  if (res.ok) return { ok: true, position: answer.position ?? 0 };
  return { ok: false, problem: { ...answer, status: res.status, title: answer.title ?? res.statusText } };
}

/** The service's OpenAPI document (served at /docs/json): the schemas the forms check input by. */
export async function openApiDocument(): Promise<unknown> {
  const res = await fetch('/docs/json');
  if (!res.ok) throw new ApiError(res.status, 'Không tải được mô tả API');
  return res.json();
}
