import { z } from 'zod';
import { PROVINCES, province } from '../../domain/shared/units.ts';

export const Role = z.enum([
  'provincial_officer',
  'provincial_viewer',
  'national_officer',
  'auditor',
  'admin',
  'monitoring',
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
    /** The client application the token was issued to. */
    app: z.string().min(1).max(200).optional(),
    exp: z.number().int(),
  })
  .refine(
    (c) =>
      !c.role.startsWith('provincial_') || (c.province !== undefined && province('current', c.province) !== undefined),
    {
      message: 'a provincial role needs the code of a current province',
      path: ['province'],
    },
  );
export type Claims = z.infer<typeof Claims>;

/** What a route allows, declared on every route (`config.access`); checked by one hook. */
export type Access = 'public' | 'read' | 'national' | 'write' | 'honour' | 'audit' | 'admin' | 'metrics';

/**
 * Whether a province code in a path belongs to a current province: the same code on today's map,
 * or a pre-2025 province that became part of it (a Lâm Đồng officer reads Đắk Nông 67's history).
 */
export function codeBelongsTo(code: string, currentProvince: string): boolean {
  if (province('current', code)?.code === currentProvince) return true;
  return PROVINCES.get(`pre2025:${code}`)?.successor === `current:${currentProvince}`;
}

/** The one authorization rule: may these claims do `access` on the organiser `code` (if any)? */
export function allowed(access: Access, claims: Claims, code: string | undefined): boolean {
  switch (access) {
    case 'public':
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
