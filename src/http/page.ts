import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';
import { z } from 'zod';
import { Claims, Role } from '../auth/claims.ts';
import type { VerifyKey } from '../auth/keys.ts';
import type { OidcConfig } from '../config.ts';
import { mintToken } from '../auth/keys.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { matchesNoneOf } from './conditional.ts';
import { HttpProblem } from './problems.ts';

const SignInConfig = z
  .object({
    provider: z
      .object({
        issuer: z.string().meta({ description: "The provider's issuer; its discovery document is under it." }),
        clientId: z.string(),
        scopes: z.string(),
        resource: z
          .string()
          .optional()
          .meta({ description: 'An RFC 8707 resource indicator to send at authorization.' }),
      })
      .nullable(),
    development: z.boolean(),
  })
  .meta({ id: 'SignInConfig' });

const Me = z
  .object({
    sub: z.string(),
    name: z.string().optional(),
    role: Role,
    province: z.string().optional(),
    unit: z.string().optional(),
    commune: z.string().optional(),
    app: z.string().optional(),
    exp: z.number().int().meta({ description: 'When the token expires, in seconds since 1970 (UTC).' }),
  })
  .meta({ id: 'Me' });

/** A file's brotli and gzip forms, each compressed once when first asked for. */
function encodings(body: Buffer): (encoding: 'br' | 'gzip') => Buffer {
  const made: Partial<Record<'br' | 'gzip', Buffer>> = {};
  return (encoding) =>
    (made[encoding] ??=
      encoding === 'br'
        ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipSync(body, { level: 9 }));
}

/** What the page is sent: a file's bytes, its compressed forms, its validator and how long it may be kept. */
interface Served {
  body: Buffer;
  type: string;
  /** The content's hash: each encoding's ETag is made from it. */
  hash: string;
  encoded: (encoding: 'br' | 'gzip') => Buffer;
  cacheControl: string;
}

/**
 * A file whose name carries a hash of its content (vite names every built asset so:
 * `app-B1x2c3d4.js`): a new content is a new name, so a browser keeps it a year and never asks
 * again. Anything else (the page itself) is asked again on every use (`no-cache`) and answered
 * 304 while unchanged.
 */
const HASHED = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

function served(body: Buffer, type: string, cacheControl: string): Served {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
  return { body, type, hash, encoded: encodings(body), cacheControl };
}

function send(req: FastifyRequest, reply: FastifyReply, file: Served): FastifyReply {
  // Compressed where the browser takes it (a third of the bytes on a slow connection), each
  // form made once, at its first request; each form its own ETag, as its bytes differ.
  const taken = new Negotiator({ headers: req.headers }).encodings(['br', 'gzip']);
  const encoding = taken.includes('br') ? 'br' : taken.includes('gzip') ? 'gzip' : 'identity';
  const etag = `"${file.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
  void reply.header('cache-control', file.cacheControl).header('vary', 'accept-encoding').header('etag', etag);
  if (!matchesNoneOf(req.headers['if-none-match'], etag)) return reply.code(304).send();
  void reply.type(file.type);
  if (encoding === 'br' || encoding === 'gzip')
    return reply.header('content-encoding', encoding).send(file.encoded(encoding));
  return reply.send(file.body);
}

/** Where the built page lives (npm run build:web; committed). */
export const WEB_DIST = join(PROJECT_ROOT, 'web', 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The officials' page at / (web/, built by Vite into web/dist): a handful of files, read once at
 * start and served from memory on routes that declare their access like every other route — a
 * static-file plugin would add routes the access check cannot see. Nothing is fetched from
 * elsewhere at run time. Each file is sent compressed where the browser takes it, with an ETag;
 * the hashed assets are kept a year (immutable), the page itself is asked again each time and
 * answered 304 while unchanged, so a reload costs a few hundred bytes. Among the assets is what the
 * page's forms are built from (`forms-<hash>.json`, made at build time: src/http/page-forms.ts).
 *
 * On a development machine (NODE_ENV=development with the key the service keeps in DATA_DIR),
 * `devSignIn` adds POST /dev/sign-in, which mints a short token for a role, so that the page can
 * be tried without a token issuer. It never exists in production or with a configured key.
 */
export const pagePlugin: FastifyPluginAsync<{ devSignIn?: { key: VerifyKey }; provider?: OidcConfig }> = async (
  app,
  opts,
) => {
  const files = new Map<string, Served>();
  const add = (url: string, file: string, name: string) =>
    files.set(
      url,
      served(
        readFileSync(file),
        TYPES[extname(file)] ?? 'application/octet-stream',
        HASHED.test(name) ? IMMUTABLE : 'no-cache',
      ),
    );
  if (existsSync(join(WEB_DIST, 'index.html'))) {
    add('/', join(WEB_DIST, 'index.html'), 'index.html');
    for (const f of readdirSync(join(WEB_DIST, 'assets'))) add(`/assets/${f}`, join(WEB_DIST, 'assets', f), f);
    // The service worker (the page offline), the install manifest and the icon: at the root, never hashed.
    for (const f of ['sw.js', 'manifest.webmanifest', 'icon.svg'])
      if (existsSync(join(WEB_DIST, f))) add(`/${f}`, join(WEB_DIST, f), f);
  } else {
    app.log.warn({ folder: WEB_DIST }, "the officials' page is not built: / answers 404 (npm run build:web)");
  }
  for (const [url, file] of files)
    app.get(url, { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) =>
      send(req, reply, file),
    );

  // How the page signs people in: through the organisation's identity provider (authorization
  // code + PKCE, a public client), and on development machines the development sign-in.
  const provider = opts.provider;
  const signInConfig = {
    provider:
      provider?.clientId !== undefined
        ? {
            issuer: provider.issuer,
            clientId: provider.clientId,
            scopes: provider.scopes,
            ...(provider.resource !== undefined ? { resource: provider.resource } : {}),
          }
        : null,
    development: opts.devSignIn !== undefined,
  };
  app.get(
    '/sign-in/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        operationId: 'getSignInConfig',
        summary: 'How the page signs people in',
        description:
          "The organisation's identity provider the page signs people in through (OpenID Connect, authorization " +
          'code with PKCE, a public client), or null when none is configured; and whether the development ' +
          'sign-in is offered (development machines only).',
        response: { 200: SignInConfig },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'no-cache').send(signInConfig),
  );

  app.get(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reference'],
        operationId: 'getMe',
        summary: 'Who the token says the caller is',
        description:
          'The claims the service reads from the bearer token, after mapping an identity provider’s roles and ' +
          'attributes: the subject, name, role, province, unit or commune, client application and expiry. ' +
          'The page shows what the role may do from this; an app can check its configuration with it.',
        response: { 200: Me },
      },
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(req.claims as Claims),
  );

  if (opts.devSignIn === undefined) return;
  const key = opts.devSignIn.key;
  const DevSignIn = z
    .object({
      role: Role,
      province: z
        .string()
        .regex(/^\d{2}$/, 'must be a two-digit province code')
        .optional(),
      // A reporter's unit: a department officer's department code, a commune officer's commune code.
      unit: Claims.shape.unit,
      commune: Claims.shape.commune,
    })
    .strict();
  app.get('/dev/sign-in', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    roles: DevSignIn.shape.role.options,
  }));
  app.post('/dev/sign-in', { config: { access: 'public' }, schema: { hide: true, body: DevSignIn } }, async (req) => {
    const body = req.body as z.infer<typeof DevSignIn>;
    const claims = {
      sub: `dev-${body.role}${body.province ? `-${body.province}` : ''}`,
      role: body.role,
      ...(body.province ? { province: body.province } : {}),
      ...(body.unit ? { unit: body.unit } : {}),
      ...(body.commune ? { commune: body.commune } : {}),
      app: 'dev-page',
    };
    const check = Claims.safeParse({ ...claims, exp: 1 });
    if (!check.success)
      throw new HttpProblem(
        'validation',
        check.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`).join('; '),
        {
          errors: check.error.issues.map((i) => ({
            in: 'body',
            field: i.path.join('.'),
            rule: i.code,
            message: i.message,
          })),
        },
      );
    return { token: mintToken(key, claims, 8 * 3600) };
  });
};
