import { resolve } from 'node:path';
import { z } from 'zod';
import { Role } from './auth/claims.ts';
import { parseAllowList } from './webhooks/allow.ts';

/** A claim named by its path in the token: `roles`, `realm_access.roles`, `resource_access.htx-api.roles`. */
const CLAIM_PATH = /^[A-Za-z_][\w:-]*(\.[A-Za-z_][\w:-]*){0,4}$/;
const CLAIM_PATH_RULE = 'must be a claim name or a dotted path such as realm_access.roles';

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'must be a port number 0–65535' })
    .int('must be a port number 0–65535')
    .min(0, 'must be a port number 0–65535')
    .max(65535, 'must be a port number 0–65535')
    .default(3000),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  STORE: z.enum(['sqlite', 'memory', 'postgres', 'kurrentdb']).default('sqlite'),
  KURRENTDB_URL: z
    .string()
    .regex(
      /^(kurrentdb|kurrent|kdb|esdb)(\+discover)?:\/\/[^/?#]+/i,
      'must be a kurrentdb://host:2113 connection string ' +
        '(kurrent, kdb and esdb, each with +discover, are accepted too)',
    )
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  PG_POOL_SIZE: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(2, 'must be at least 2')
    .max(500, 'must be at most 500')
    .default(10),
  PG_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _')
    .default('public'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 shared secret)').optional(),
  JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY', { message: 'must be a PEM public key (RS256)' }).optional(),
  JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PEM private key' }).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  OIDC_ISSUER: z
    .url({ protocol: /^https?$/, error: 'must be the issuer URL, such as https://sso.example.vn/realms/htx' })
    .optional(),
  OIDC_AUDIENCE: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  OIDC_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'scopes separated by single spaces')
    .default('openid profile'),
  OIDC_RESOURCE: z.url({ error: 'must be an absolute URL (an RFC 8707 resource indicator)' }).optional(),
  OIDC_ROLES_CLAIM: z.string().regex(CLAIM_PATH, CLAIM_PATH_RULE).default('roles'),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_PROVINCE_CLAIM: z.string().regex(CLAIM_PATH, CLAIM_PATH_RULE).default('province'),
  OIDC_UNIT_CLAIM: z.string().regex(CLAIM_PATH, CLAIM_PATH_RULE).default('unit'),
  OIDC_COMMUNE_CLAIM: z.string().regex(CLAIM_PATH, CLAIM_PATH_RULE).default('commune'),
  OIDC_NAME_CLAIM: z.string().regex(CLAIM_PATH, CLAIM_PATH_RULE).default('name'),
  OIDC_CLOCK_SKEW_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be at least 0')
    .max(300, 'must be at most 300')
    .default(30),
  OIDC_JWKS_COOLDOWN_SECONDS: z.coerce
    .number({ error: 'must be a whole number of seconds' })
    .int('must be a whole number of seconds')
    .min(0, 'must be at least 0')
    .max(3600, 'must be at most 3600')
    .default(30),
  CORS_ORIGINS: z.string().default(''),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://htx.example.vn' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number({ error: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(1, 'must be at least 1')
    .max(24 * 365, 'must be at most 8760 (a year)')
    .default(24),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .min(1024, 'must be at least 1024 (1 KiB)')
    .max(1024 ** 3, 'must be at most 1073741824 (1 GiB)')
    .default(25 * 1024 * 1024),
  FAULT_KILL_AFTER_COMMITS: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(1, 'must be at least 1')
    .optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(1, 'must be at least 1')
    .default(600),
  METRICS_PORT: z.coerce
    .number({ error: 'must be a port number 1–65535' })
    .int('must be a port number 1–65535')
    .min(1, 'must be a port number 1–65535')
    .max(65535, 'must be a port number 1–65535')
    .optional(),
  READY_MAX_LAG: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .default(1000),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce
    .number({ error: 'must be a whole number' })
    .int()
    .min(10, 'must be at least 10')
    .max(60_000, 'must be at most 60000')
    .default(1000),
  WEBHOOK_SIGNING_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (the key each webhook secret is derived from)')
    .optional(),
  WEBHOOK_ALLOW_HOSTS: z.string().default(''),
  WEBHOOKS_DELIVER: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  store: 'sqlite' | 'memory' | 'postgres' | 'kurrentdb';
  /** STORE=kurrentdb: the connection string. */
  kurrentdbUrl?: string;
  /** STORE=postgres: the server, the pool size and the schema of the log. */
  postgres?: { url: string; poolSize: number; schema: string };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  auth: AuthConfig;
  /** Tokens from the organisation's identity provider (OpenID Connect), beside the local key. */
  oidc?: OidcConfig;
  corsOrigins: string[];
  rateLimitPerMinute: number;
  maxEventLoopDelayMs: number;
  /** /health/ready allows the read models this many log positions behind the head. */
  readyMaxLag: number;
  /** Serve /metrics on this port (no token) instead of on the public one (token). */
  metricsPort?: number;
  idempotencyTtlHours: number;
  /** The service's public origin, for absolute problem type URIs. */
  publicUrl?: string;
  /**
   * Webhooks: the key secrets are derived from (none: development keeps one in DATA_DIR, production
   * has no webhooks), the hosts and networks allowed although private, and whether this instance
   * delivers (with PostgreSQL, the one holding the lease does).
   */
  webhooks: { signingKey?: string; allowHosts: string[]; deliver: boolean };
  /** Reliability tests only: SIGKILL the process right after this many group commits, before answering. */
  faultKillAfterCommits?: number;
  /** The largest attached file taken (ATTACHMENT_MAX_BYTES, 25 MiB by default). */
  attachmentMaxBytes: number;
  /**
   * Where attached files are kept (src/files/): a folder (DATA_DIR/files) beside the SQLite log and
   * with KurrentDB, PostgreSQL's tables with STORE=postgres or when DATABASE_URL is set with
   * KurrentDB, a temporary folder with STORE=memory.
   */
  files: FilesConfig;
}

export type FilesConfig =
  | { kind: 'folder'; dir: string }
  | { kind: 'postgres'; url: string; schema: string; incoming: string }
  | { kind: 'temporary' };

/**
 * How bearer tokens are checked: an HS256 shared secret or an RS256 public key. In development
 * without either, the service makes a secret of its own (see `src/cli/token.ts`).
 */
export type AuthConfig =
  | { kind: 'hs256'; secret: string; issuer?: string }
  | { kind: 'rs256'; publicKey: string; privateKey?: string; issuer?: string }
  | { kind: 'dev' }
  /** Production with the identity provider alone: no token of the service's own is taken. */
  | { kind: 'provider-only' };

/**
 * The organisation's identity provider: access tokens whose `iss` is `issuer` are checked against
 * its published keys, and their claims mapped to a role and unit (src/auth/oidc.ts).
 */
export interface OidcConfig {
  issuer: string;
  audience: string;
  /** The page's public client (authorization code + PKCE); none: the API alone takes the provider's tokens. */
  clientId?: string;
  scopes: string;
  /** An RFC 8707 resource indicator the page sends at authorization. */
  resource?: string;
  claims: { roles: string; province: string; unit: string; commune: string; name: string };
  /** The provider's names for roles (its groups or roles) → the service's; empty: names are taken as they are. */
  roleMap: Record<string, Role>;
  clockSkewSeconds: number;
  jwksCooldownSeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Whether the page may offer its development sign-in: a development machine with no configured key. */
export function offersDevSignIn(config: Pick<Config, 'env' | 'auth'>): boolean {
  return config.env === 'development' && config.auth.kind === 'dev';
}

/** Reads the configuration from environment variables; every problem is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '?');
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
      }),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  if (c.JWT_SECRET !== undefined && c.JWT_PUBLIC_KEY !== undefined)
    problems.push('JWT_SECRET and JWT_PUBLIC_KEY: set one, not both');
  if (
    c.NODE_ENV === 'production' &&
    c.JWT_SECRET === undefined &&
    c.JWT_PUBLIC_KEY === undefined &&
    c.OIDC_ISSUER === undefined
  ) {
    problems.push(
      'JWT_SECRET, JWT_PUBLIC_KEY or OIDC_ISSUER: one is required in production (the service refuses to start without a way to check tokens)',
    );
  }
  const oidc = oidcConfig(c, problems);
  if (c.STORE === 'kurrentdb' && c.KURRENTDB_URL === undefined)
    problems.push('KURRENTDB_URL: required with STORE=kurrentdb (kurrentdb://host:2113?tls=false)');
  if (c.STORE === 'postgres' && c.DATABASE_URL === undefined)
    problems.push('DATABASE_URL: required with STORE=postgres (postgres://user:password@host:5432/database)');
  if (c.METRICS_PORT !== undefined && c.METRICS_PORT === c.PORT)
    problems.push(`METRICS_PORT=${c.METRICS_PORT}: must differ from PORT (metrics are served apart from the API)`);
  const allowHosts = c.WEBHOOK_ALLOW_HOSTS.split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  try {
    parseAllowList(allowHosts);
  } catch (err) {
    problems.push(`WEBHOOK_ALLOW_HOSTS=${JSON.stringify(c.WEBHOOK_ALLOW_HOSTS)}: ${(err as Error).message}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const issuer = c.JWT_ISSUER !== undefined ? { issuer: c.JWT_ISSUER } : {};
  const auth: AuthConfig =
    c.JWT_SECRET !== undefined
      ? { kind: 'hs256', secret: c.JWT_SECRET, ...issuer }
      : c.JWT_PUBLIC_KEY !== undefined
        ? {
            kind: 'rs256',
            publicKey: c.JWT_PUBLIC_KEY,
            ...(c.JWT_PRIVATE_KEY !== undefined ? { privateKey: c.JWT_PRIVATE_KEY } : {}),
            ...issuer,
          }
        : c.OIDC_ISSUER !== undefined && c.NODE_ENV === 'production'
          ? { kind: 'provider-only' }
          : { kind: 'dev' };
  return {
    env: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    dataDir: resolve(c.DATA_DIR),
    store: c.STORE,
    ...(c.STORE === 'kurrentdb' && c.KURRENTDB_URL !== undefined ? { kurrentdbUrl: c.KURRENTDB_URL } : {}),
    ...(c.STORE === 'postgres' && c.DATABASE_URL !== undefined
      ? { postgres: { url: c.DATABASE_URL, poolSize: c.PG_POOL_SIZE, schema: c.PG_SCHEMA } }
      : {}),
    logLevel: c.LOG_LEVEL,
    auth,
    ...(oidc !== undefined ? { oidc } : {}),
    corsOrigins: c.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter((o) => o !== ''),
    rateLimitPerMinute: c.RATE_LIMIT_PER_MINUTE,
    maxEventLoopDelayMs: c.MAX_EVENT_LOOP_DELAY_MS,
    readyMaxLag: c.READY_MAX_LAG,
    ...(c.METRICS_PORT !== undefined ? { metricsPort: c.METRICS_PORT } : {}),
    idempotencyTtlHours: c.IDEMPOTENCY_TTL_HOURS,
    ...(c.PUBLIC_URL !== undefined ? { publicUrl: c.PUBLIC_URL } : {}),
    ...(c.FAULT_KILL_AFTER_COMMITS !== undefined ? { faultKillAfterCommits: c.FAULT_KILL_AFTER_COMMITS } : {}),
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    files:
      c.STORE === 'memory'
        ? { kind: 'temporary' }
        : (c.STORE === 'postgres' || c.STORE === 'kurrentdb') && c.DATABASE_URL !== undefined
          ? { kind: 'postgres', url: c.DATABASE_URL, schema: c.PG_SCHEMA, incoming: resolve(c.DATA_DIR, 'incoming') }
          : { kind: 'folder', dir: resolve(c.DATA_DIR, 'files') },
    webhooks: {
      ...(c.WEBHOOK_SIGNING_KEY !== undefined ? { signingKey: c.WEBHOOK_SIGNING_KEY } : {}),
      allowHosts,
      // KurrentDB has no lease to take here: the instances that deliver are the ones told to.
      deliver: c.WEBHOOKS_DELIVER !== undefined ? c.WEBHOOKS_DELIVER === 'true' : c.STORE !== 'kurrentdb',
    },
  };
}

/** The identity provider's settings, checked together; problems are added to `problems`. */
function oidcConfig(c: z.infer<typeof ConfigSchema>, problems: string[]): OidcConfig | undefined {
  const set = (Object.keys(c) as (keyof typeof c)[]).filter(
    (k) => k.startsWith('OIDC_') && !(k in OIDC_DEFAULTS) && c[k] !== undefined && k !== 'OIDC_ISSUER',
  );
  if (c.OIDC_ISSUER === undefined) {
    if (set.length > 0) problems.push(`${set.join(', ')}: set OIDC_ISSUER too, or none of them`);
    return undefined;
  }
  const issuer = new URL(c.OIDC_ISSUER);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  if (c.NODE_ENV === 'production' && issuer.protocol !== 'https:' && !loopback)
    problems.push(
      `OIDC_ISSUER=${JSON.stringify(c.OIDC_ISSUER)}: must be https in production (http only on this machine)`,
    );
  if (c.OIDC_AUDIENCE === undefined)
    problems.push("OIDC_AUDIENCE: required with OIDC_ISSUER (the value the access tokens' aud names, such as htx-api)");
  const roleMap: Record<string, Role> = {};
  for (const pair of (c.OIDC_ROLE_MAP ?? '').split(',').map((p) => p.trim())) {
    if (pair === '') continue;
    const [name, role, ...rest] = pair.split('=').map((p) => p.trim());
    const parsed = Role.safeParse(role);
    if (name === undefined || name === '' || rest.length > 0 || !parsed.success) {
      problems.push(
        `OIDC_ROLE_MAP: ${JSON.stringify(pair)} must be providerName=role, the role one of ${Role.options.join(', ')}`,
      );
      continue;
    }
    roleMap[name] = parsed.data;
  }
  return {
    // The issuer exactly as configured: tokens' iss is compared with it character for character.
    issuer: c.OIDC_ISSUER,
    audience: c.OIDC_AUDIENCE ?? '',
    ...(c.OIDC_CLIENT_ID !== undefined ? { clientId: c.OIDC_CLIENT_ID } : {}),
    scopes: c.OIDC_SCOPES,
    ...(c.OIDC_RESOURCE !== undefined ? { resource: c.OIDC_RESOURCE } : {}),
    claims: {
      roles: c.OIDC_ROLES_CLAIM,
      province: c.OIDC_PROVINCE_CLAIM,
      unit: c.OIDC_UNIT_CLAIM,
      commune: c.OIDC_COMMUNE_CLAIM,
      name: c.OIDC_NAME_CLAIM,
    },
    roleMap,
    clockSkewSeconds: c.OIDC_CLOCK_SKEW_SECONDS,
    jwksCooldownSeconds: c.OIDC_JWKS_COOLDOWN_SECONDS,
  };
}

/** The OIDC_ variables with a default: being set says nothing about whether the provider is wanted. */
const OIDC_DEFAULTS = {
  OIDC_SCOPES: 1,
  OIDC_ROLES_CLAIM: 1,
  OIDC_PROVINCE_CLAIM: 1,
  OIDC_UNIT_CLAIM: 1,
  OIDC_COMMUNE_CLAIM: 1,
  OIDC_NAME_CLAIM: 1,
  OIDC_CLOCK_SKEW_SECONDS: 1,
  OIDC_JWKS_COOLDOWN_SECONDS: 1,
};
