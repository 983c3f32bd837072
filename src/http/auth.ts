import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest, preParsingHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { Claims, allowed, type Access } from '../auth/claims.ts';
import type { VerifyKey } from '../auth/keys.ts';
import { OidcRefusal, type OidcVerifier } from '../auth/oidc.ts';
import { decodeJwt } from 'jose';
import { describeCode, knownCode, mapForCampaignYear, province } from '../../domain/shared/units.ts';
import { HttpProblem } from './problems.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: checked for every request by the hook below. */
    access?: Access;
  }
  interface FastifyRequest {
    claims: Claims | null;
    /** Why authentication or authorization refused the request, answered after the rate limit. */
    authProblem: HttpProblem | null;
  }
  interface FastifyInstance {
    /** Every route with its declared access: what the authorization matrix test walks. */
    routeTable: { method: string; url: string; access: Access }[];
  }
}

/**
 * Authentication (bearer JWT) and authorization in one place. Every route must declare
 * `config.access`; a route without it stops the service at start-up, so no route can skip the
 * check. The province scope comes from the token and the `code` path parameter.
 *
 * Two kinds of token are taken: those of the organisation's identity provider (`oidc`: a token
 * whose `iss` is its issuer is checked against the provider's published keys, src/auth/oidc.ts),
 * and those signed with the service's own key (service accounts, provincial apps, `npm run token`).
 */
export const authPlugin = fp<{ key: VerifyKey; oidc?: OidcVerifier }>(async (app: FastifyInstance, { key, oidc }) => {
  const algorithms = [key.algorithm];
  await app.register(jwt, {
    secret:
      key.algorithm === 'HS256'
        ? key.secret
        : { public: key.publicKey, ...(key.privateKey ? { private: key.privateKey } : {}) },
    sign: { algorithm: key.algorithm, ...(key.issuer ? { iss: key.issuer } : {}) },
    // Verified tokens are cached (fast-jwt keeps each until it expires): apps send the same token many times.
    verify: {
      algorithms,
      requiredClaims: ['exp', 'sub'],
      cache: 10_000,
      ...(key.issuer ? { allowedIss: key.issuer } : {}),
    },
  });
  app.decorateRequest('claims', null);
  app.decorateRequest('authProblem', null);
  const table: { method: string; url: string; access: Access }[] = [];
  app.decorate('routeTable', table);

  app.addHook('onRoute', (route) => {
    const docs = route.url.startsWith('/docs');
    if (docs) route.config = { ...(route.config ?? {}), access: 'public' };
    if (route.config?.access === undefined) {
      throw new Error(
        `route ${String(route.method)} ${route.url} declares no config.access: every route says who may call it`,
      );
    }
    for (const method of [route.method].flat())
      table.push({ method: String(method), url: route.url, access: route.config.access });
  });

  const tokens = verifiedTokens(oidc);

  // The verdict is kept, not thrown, so that the rate limit (the next onRequest hook) counts
  // refused requests too, by address; `refuseUnauthorized` then answers them. A token seen before
  // is judged at once; a new one is verified first (asynchronously).
  app.addHook('onRequest', (req, _reply, done) => {
    const access = req.routeOptions.config.access;
    // Unknown URLs fall through to the 404 handler.
    if (access === undefined || access === 'public') return done();
    const known = tokens.known(req);
    if (known !== undefined) {
      judge(req, access, known);
      return done();
    }
    tokens.verify(req).then(
      (claims) => {
        judge(req, access, claims);
        done();
      },
      (err: unknown) => {
        req.authProblem = err instanceof HttpProblem ? err : unauthorized();
        done();
      },
    );
  });
});

const unauthorized = (): HttpProblem => new HttpProblem('unauthorized', 'a valid bearer token is required');

/**
 * Tokens already verified, by the exact Authorization header, with their claims and expiry: an
 * app sends the same token with every request, so it is checked once and then looked up until
 * it expires (the same rule as fast-jwt's own cache, without decoding and hashing it again).
 */
function verifiedTokens(oidc: OidcVerifier | undefined): {
  known: (req: FastifyRequest) => Claims | undefined;
  verify: (req: FastifyRequest) => Promise<Claims>;
} {
  const verified = new Map<string, { claims: Claims; expiresAt: number }>();
  return {
    /** The claims of a token verified before and not expired (no promise, no await: the usual case). */
    known: (req) => {
      const header = req.headers.authorization;
      const hit = header === undefined ? undefined : verified.get(header);
      if (hit === undefined) return undefined;
      if (hit.expiresAt > Date.now()) return hit.claims;
      verified.delete(header as string);
      return undefined;
    },
    /** The claims of a token not seen before, verified, then kept. */
    verify: async (req) => {
      const header = req.headers.authorization;
      const claims = await verifyToken(req, oidc);
      if (header !== undefined) {
        if (verified.size >= 10_000) verified.clear();
        verified.set(header, { claims, expiresAt: claims.exp * 1000 });
      }
      return claims;
    },
  };
}

/** The issuer a token names, read before it is verified to choose the key that verifies it. */
function issuerOf(header: string | undefined): string | undefined {
  const token = /^Bearer +(\S+)$/i.exec(header ?? '')?.[1];
  if (token === undefined) return undefined;
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/** A provider's refusal as the problem to answer. */
function problemOf(refusal: OidcRefusal): HttpProblem {
  if (refusal.status === 503)
    return new HttpProblem(
      'identity-provider-unavailable',
      `${refusal.message}; nothing was done — retry in 30 s`,
      {},
      { 'retry-after': '30' },
    );
  if (refusal.status === 403)
    return new HttpProblem(
      'no-usable-role',
      refusal.message,
      refusal.claim !== undefined ? { claim: refusal.claim } : {},
    );
  return new HttpProblem('unauthorized', refusal.message, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
}

/** The request's bearer token verified and its claims checked, or the problem to answer. */
async function verifyToken(req: FastifyRequest, oidc: OidcVerifier | undefined): Promise<Claims> {
  if (oidc !== undefined && issuerOf(req.headers.authorization) === oidc.issuer) {
    const token = (req.headers.authorization as string).replace(/^Bearer +/i, '');
    try {
      return await oidc.verify(token);
    } catch (err) {
      if (err instanceof OidcRefusal) throw problemOf(err);
      throw err;
    }
  }
  let payload: unknown;
  try {
    payload = await req.jwtVerify();
  } catch (err) {
    const reason =
      err instanceof Error && /expired/i.test(err.message)
        ? 'the token has expired'
        : 'a valid bearer token is required';
    throw new HttpProblem('unauthorized', reason, {}, { 'www-authenticate': 'Bearer' });
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) {
    const issues = claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new HttpProblem(
      'unauthorized',
      `the token's claims are not usable: ${issues}`,
      {},
      { 'www-authenticate': 'Bearer error="invalid_token"' },
    );
  }
  return claims.data;
}

/** Whether `claims` may do what the route does; the refusal is kept on the request, not thrown. */
function judge(req: FastifyRequest, access: Access, claims: Claims): void {
  try {
    const params = req.params as { code?: string; year?: string; unit?: string; communeCode?: string } | undefined;
    const code = params?.code;
    if (code !== undefined) requireKnownCode(code, params?.year);
    if (!allowed(access, claims, code, params?.unit ?? params?.communeCode)) {
      const ofProvince = claims.province ? ` of province ${claims.province}` : '';
      const verb = ['write', 'honour', 'admin', 'report', 'write-local', 'attach'].includes(access) ? 'write' : 'read';
      const unit = params?.unit !== undefined ? `the reports of unit ${params.unit} in ` : '';
      const what = code ? `${unit}records of ${code}` : 'this resource';
      throw new HttpProblem('forbidden', `role ${claims.role}${ofProvince} may not ${verb} ${what}`);
    }
    req.claims = claims;
  } catch (err) {
    req.authProblem = err instanceof HttpProblem ? err : unauthorized();
  }
}

/**
 * A province code in a path names a unit that exists (404 otherwise, before any 403: the list is
 * public); with a campaign year, a unit of that year's map (a 2026 campaign of 67 cannot exist).
 */
function requireKnownCode(code: string, yearParam: string | undefined): void {
  if (code === 'VN' || !/^\d{2}$/.test(code)) return; // VN, or a shape the route's schema refuses
  if (!knownCode(code)) {
    throw new HttpProblem(
      'unknown-province',
      `no province has ever had code ${code}: ` +
        'codes come from the 34 current provinces and the 63 before 1 July 2025 (GET /reference/provinces)',
      { code },
      {},
      404,
    );
  }
  const year = yearParam === undefined ? NaN : Number(yearParam);
  if (
    Number.isInteger(year) &&
    year >= 2000 &&
    year <= 2100 &&
    province(mapForCampaignYear(year), code) === undefined
  ) {
    throw new HttpProblem(
      'unknown-province',
      `no province had code ${code} in ${year}: ${describeCode(code)}`,
      { code, year },
      {},
      404,
    );
  }
}

/**
 * Answers what the auth hook refused. A preParsing hook: it runs after every onRequest hook,
 * including the rate limit's (route-level hooks run after the global ones), and before the body
 * of a refused request is read.
 */
export const refuseUnauthorized: preParsingHookHandler = (req, _reply, payload, done) => {
  if (req.authProblem !== null) done(req.authProblem);
  else done(null, payload);
};
