import { z } from 'zod';
import { commune } from '../../domain/shared/communes.ts';
import { PROVINCES, province } from '../../domain/shared/units.ts';

export const Role = z.enum([
  'provincial_officer',
  'provincial_viewer',
  'national_officer',
  'auditor',
  'admin',
  'monitoring',
  // Reporters along the reporting chain (domain/reporting/chain.ts), each for its own unit.
  'department_officer',
  'commune_officer',
  'steering_member',
]);
export type Role = z.infer<typeof Role>;

/** The claims this service reads from a bearer token. */
export const Claims = z
  .object({
    sub: z.string().min(1).max(200),
    role: Role,
    /** A current (34-province) code; required for provincial roles. */
    province: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    /** A department_officer's department: its code, as in report paths (`so-tai-chinh`). */
    unit: z
      .string()
      .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+){0,12}$/)
      .max(80)
      .optional(),
    /** A commune_officer's commune: its five-digit code. */
    commune: z
      .string()
      .regex(/^\d{5}$/)
      .optional(),
    /** The client application the token was issued to. */
    app: z.string().min(1).max(200).optional(),
    /** The person's name, where the identity provider gives it: recorded beside `sub` with what they do. */
    name: z.string().min(1).max(200).optional(),
    exp: z.number().int(),
  })
  .refine(
    (c) =>
      !(c.role.startsWith('provincial_') || REPORTERS.has(c.role)) ||
      (c.province !== undefined && province('current', c.province) !== undefined),
    {
      message: 'a provincial role needs the code of a current province',
      path: ['province'],
    },
  )
  .refine(
    (c) =>
      c.role !== 'department_officer' ||
      (c.unit !== undefined && c.unit !== 'alliance' && c.unit !== 'standing-agency'),
    { message: "a department officer's token names the department's code", path: ['unit'] },
  )
  .refine(
    (c) =>
      c.role !== 'commune_officer' ||
      (c.commune !== undefined && commune('current', c.commune)?.province.code === c.province),
    {
      message: "a commune officer's token names the five-digit code of one of today's communes of its province",
      path: ['commune'],
    },
  );
export type Claims = z.infer<typeof Claims>;

/**
 * What a route allows, declared on every route (`config.access`); checked by one hook. `report`:
 * send a unit's report (the `unit` path parameter): the unit's own reporter in its province;
 * `report-read`: read a unit's reports: its reporter, and whoever reads the province;
 * `review`: what the province's officers review (their inbox); `write-local`: a record that
 * happens in one commune (a meeting, a course, founding advice): the province's officers, and a
 * commune officer of the province — whose record the route then checks is in their own commune
 * (command-route.ts, `localTo`); `read-commune`: one commune's figures (the `communeCode` path
 * parameter): whoever reads the province, and that commune's officer; `signed-in`: anyone with a
 * valid token (who they are to the service); `attach`, `attach-read`: files of a record
 * (src/http/routes/attachments.ts): the gate lets in who may write (read) records of the province
 * and its reporters, and the route then checks the record itself (`mayAttach`, `mayRead`).
 */
export type Access =
  | 'public'
  | 'read'
  | 'national'
  | 'write'
  | 'honour'
  | 'audit'
  | 'admin'
  | 'metrics'
  | 'report'
  | 'report-read'
  | 'review'
  | 'write-local'
  | 'read-commune'
  | 'signed-in'
  | 'attach'
  | 'attach-read';

/** The roles that report for a unit of a province, and nothing else. */
const REPORTERS: ReadonlySet<string> = new Set(['department_officer', 'commune_officer', 'steering_member']);

/** The unit a token reports for, as report paths name it (undefined: the role reports for none). */
export function reportingUnitOf(claims: Claims): string | undefined {
  switch (claims.role) {
    case 'department_officer':
      return claims.unit;
    case 'commune_officer':
      return claims.commune;
    case 'steering_member':
      return 'standing-agency';
    case 'provincial_officer':
      return 'alliance';
    default:
      return undefined;
  }
}

/**
 * Whether a province code in a path belongs to a current province: the same code on today's map,
 * or a pre-2025 province that became part of it (a Lâm Đồng officer reads Đắk Nông 67's history).
 */
export function codeBelongsTo(code: string, currentProvince: string): boolean {
  if (province('current', code)?.code === currentProvince) return true;
  return PROVINCES.get(`pre2025:${code}`)?.successor === `current:${currentProvince}`;
}

/**
 * Whether an event recorded for province `of` (its metadata's code) is one of `province`'s: the
 * same code, or a pre-2025 province that became part of it. The feed's and the webhooks' filter.
 */
export function recordedFor(of: string | undefined, province: string): boolean {
  return of !== undefined && (of === province || codeBelongsTo(of, province));
}

/**
 * The one authorization rule: may these claims do `access` on the organiser `code` (if any) and,
 * for reports, the reporting `unit` (if any)?
 */
export function allowed(access: Access, claims: Claims, code: string | undefined, unit?: string): boolean {
  const inProvince = () => code !== undefined && code !== 'VN' && codeBelongsTo(code, claims.province as string);
  switch (access) {
    case 'report':
      // Each reporter sends its own unit's reports (the provincial officers the alliance's), in its province.
      return unit !== undefined && reportingUnitOf(claims) === unit && inProvince();
    case 'report-read':
      if (unit !== undefined && reportingUnitOf(claims) === unit && inProvince()) return true;
      return allowed('read', claims, code);
    case 'review':
      return claims.role === 'provincial_officer' && inProvince();
    case 'read-commune':
      return (
        allowed('read', claims, code) || (claims.role === 'commune_officer' && inProvince() && unit === claims.commune)
      );
    case 'write-local':
      return allowed('write', claims, code) || (claims.role === 'commune_officer' && inProvince());
    case 'attach':
      return allowed('write-local', claims, code) || (REPORTERS.has(claims.role) && inProvince());
    case 'attach-read':
      return allowed('read', claims, code) || (REPORTERS.has(claims.role) && inProvince());
    case 'public':
    case 'signed-in':
      // Any valid token: what the service reads from it (GET /me).
      return true;
    case 'admin':
      return claims.role === 'admin';
    case 'metrics':
      // A scraper's token (role monitoring) reads metrics and nothing else; operators' too.
      return claims.role === 'monitoring' || claims.role === 'admin';
    case 'audit':
    case 'national':
      // Views across every province: the national alliance and auditors.
      return claims.role === 'auditor' || claims.role === 'national_officer';
    case 'honour':
      return claims.role === 'national_officer';
    case 'read':
      if (claims.role === 'national_officer' || claims.role === 'auditor') return true;
      if (claims.role === 'provincial_officer' || claims.role === 'provincial_viewer') {
        return code !== undefined && code !== 'VN' && codeBelongsTo(code, claims.province as string);
      }
      return false;
    case 'write':
      if (code === 'VN') return claims.role === 'national_officer';
      return (
        claims.role === 'provincial_officer' && code !== undefined && codeBelongsTo(code, claims.province as string)
      );
  }
}
