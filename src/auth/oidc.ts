import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { OidcConfig } from '../config.ts';
import { Claims, type Role } from './claims.ts';

/**
 * Access tokens from the organisation's identity provider (OpenID Connect): verified against the
 * key set the provider publishes (found through its discovery document), then their claims mapped
 * to the service's role, province, unit and commune by configuration.
 *
 * jose's remote key set keeps the keys it fetched; a token signed with a key id it does not hold
 * makes it fetch the set again, once, and not again before the cooldown has passed — so a rotated
 * key is accepted at its first use and a stream of made-up key ids cannot flood the provider.
 */
export interface OidcVerifier {
  readonly issuer: string;
  /** The token's claims for this service, or a refusal (`OidcRefusal`). */
  verify(token: string): Promise<Claims>;
}

/** Why a provider's token was not taken: `status` 401 (not a valid token), 403 (no usable role) or 503. */
export class OidcRefusal extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    message: string,
    /** A 403's claim: the one that is missing or not usable. */
    readonly claim?: string,
  ) {
    super(message);
  }
}

const Discovery = z.looseObject({
  issuer: z.string(),
  jwks_uri: z.url(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  end_session_endpoint: z.url().optional(),
});
export type Discovery = z.infer<typeof Discovery>;

/**
 * Which role wins when a person holds several the service knows: the one that sees most first, so
 * that nobody loses what they could see; a reporter's own unit comes after the province's officers.
 */
export const ROLE_PRECEDENCE: readonly Role[] = [
  'admin',
  'national_officer',
  'auditor',
  'provincial_officer',
  'provincial_viewer',
  'steering_member',
  'department_officer',
  'commune_officer',
  'monitoring',
];

/** Reads the provider's discovery document; its issuer must be the configured one, exactly (OIDC Discovery §4.3). */
export async function discover(issuer: string, fetchImpl: typeof fetch = fetch): Promise<Discovery> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetchImpl(url, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const doc = Discovery.parse(await res.json());
  if (doc.issuer !== issuer)
    throw new Error(`the discovery document names issuer ${doc.issuer}, not the configured ${issuer}`);
  return doc;
}

export function oidcVerifier(config: OidcConfig, fetchImpl: typeof fetch = fetch): OidcVerifier {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  /** The key set, found through discovery once; a failed discovery is tried again by the next token. */
  const keySet = (): Promise<JWTVerifyGetKey> => {
    keys ??= discover(config.issuer, fetchImpl).then(
      (doc) =>
        createRemoteJWKSet(new URL(doc.jwks_uri), {
          cooldownDuration: config.jwksCooldownSeconds * 1000,
          cacheMaxAge: 10 * 60_000,
          timeoutDuration: 5000,
          [customFetch]: fetchImpl,
        }),
      (err: unknown) => {
        keys = undefined;
        throw err;
      },
    );
    return keys;
  };
  return {
    issuer: config.issuer,
    async verify(token) {
      let getKey: JWTVerifyGetKey;
      try {
        getKey = await keySet();
      } catch (err) {
        throw unreachable(err);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer: config.issuer,
          audience: config.audience,
          clockTolerance: config.clockSkewSeconds,
          requiredClaims: ['exp', 'sub'],
          // Asymmetric signatures only: a provider's token is never checked with a shared secret.
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
        }));
      } catch (err) {
        // The key set could not be had (timeout, no answer, not 200, not a key set): the provider's
        // fault, not the token's.
        if (
          err instanceof errors.JWKSTimeout ||
          err instanceof errors.JWKSInvalid ||
          err instanceof TypeError ||
          (err instanceof errors.JOSEError && err.constructor === errors.JOSEError)
        )
          throw unreachable(err);
        throw new OidcRefusal(401, refusalOf(err));
      }
      return claimsOf(payload, config);
    },
  };
}

const unreachable = (err: unknown): OidcRefusal =>
  new OidcRefusal(
    503,
    `the identity provider's keys could not be fetched (${err instanceof Error ? err.message : String(err)})`,
  );

/** Why jose refused a token, as a person would say it. */
function refusalOf(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return 'the token was issued for another audience';
    if (err.claim === 'iss') return 'the token was issued by another identity provider';
    if (err.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${err.claim} claim is not acceptable (${err.reason})`;
  }
  if (err instanceof errors.JWKSNoMatchingKey)
    return 'the token is signed with a key the identity provider does not publish';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the token is wrongly signed';
  if (err instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm this service does not take';
  return 'a valid bearer token is required';
}

/** The value at a dotted path (`realm_access.roles`), or undefined. */
function at(payload: JWTPayload, path: string): unknown {
  let v: unknown = payload;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A claim holding one string (or an array holding exactly one: Keycloak's multivalued attributes). */
function one(payload: JWTPayload, path: string): string | undefined {
  const v = at(payload, path);
  if (typeof v === 'string' && v !== '') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' && v[0] !== '') return v[0];
  return undefined;
}

/**
 * The provider's claims as this service's: the role from the roles claim through the role map
 * (several: the first by ROLE_PRECEDENCE), the province, unit and commune from their claims, the
 * person's name. A verified token without what its role needs is refused with 403, naming the claim.
 */
export function claimsOf(payload: JWTPayload, config: OidcConfig): Claims {
  const raw = at(payload, config.claims.roles);
  const names =
    typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.filter((r) => typeof r === 'string') : [];
  const mapped = new Set<Role>();
  const identity = Object.keys(config.roleMap).length === 0;
  for (const name of names) {
    const role = identity ? (ROLE_PRECEDENCE as readonly string[]).find((r) => r === name) : config.roleMap[name];
    if (role !== undefined) mapped.add(role as Role);
  }
  const role = ROLE_PRECEDENCE.find((r) => mapped.has(r));
  if (role === undefined) {
    const known = identity ? ROLE_PRECEDENCE.join(', ') : Object.keys(config.roleMap).join(', ');
    throw new OidcRefusal(
      403,
      names.length === 0
        ? `the token carries no ${config.claims.roles} claim: the identity provider gave this person no role here`
        : `none of the token's ${config.claims.roles} (${names.slice(0, 10).join(', ')}) is a role here; known: ${known}`,
      config.claims.roles,
    );
  }
  const province = one(payload, config.claims.province);
  const unit = one(payload, config.claims.unit);
  const commune = one(payload, config.claims.commune);
  const name = one(payload, config.claims.name) ?? one(payload, 'preferred_username');
  const azp =
    typeof payload.azp === 'string'
      ? payload.azp
      : typeof payload.client_id === 'string'
        ? payload.client_id
        : undefined;
  const candidate = {
    sub: payload.sub,
    role,
    ...(province !== undefined ? { province } : {}),
    ...(unit !== undefined ? { unit } : {}),
    ...(commune !== undefined ? { commune } : {}),
    ...(azp !== undefined ? { app: azp } : {}),
    ...(name !== undefined ? { name: name.slice(0, 200) } : {}),
    exp: payload.exp,
  };
  const claims = Claims.safeParse(candidate);
  if (!claims.success) {
    const claimOf: Record<string, string> = {
      province: config.claims.province,
      unit: config.claims.unit,
      commune: config.claims.commune,
    };
    const fields = claims.error.issues.map((i) => String(i.path[0] ?? ''));
    const issues = claims.error.issues.map((i, n) => `${claimOf[fields[n] ?? ''] ?? fields[n]}: ${i.message}`);
    throw new OidcRefusal(
      403,
      `role ${role} from the identity provider, but ${issues.join('; ')}`,
      claimOf[fields[0] ?? ''] ?? fields[0],
    );
  }
  return claims.data;
}
