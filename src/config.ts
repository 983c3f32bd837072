import { resolve } from 'node:path';
import { z } from 'zod';

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
  /** Reliability tests only: SIGKILL the process right after this many group commits, before answering. */
  faultKillAfterCommits?: number;
}

/**
 * How bearer tokens are checked: an HS256 shared secret or an RS256 public key. In development
 * without either, the service makes a secret of its own (see `src/cli/token.ts`).
 */
export type AuthConfig =
  | { kind: 'hs256'; secret: string; issuer?: string }
  | { kind: 'rs256'; publicKey: string; privateKey?: string; issuer?: string }
  | { kind: 'dev' };

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
  if (c.NODE_ENV === 'production' && c.JWT_SECRET === undefined && c.JWT_PUBLIC_KEY === undefined) {
    problems.push('JWT_SECRET or JWT_PUBLIC_KEY: required in production (the service refuses to start without a key)');
  }
  if (c.STORE === 'kurrentdb' && c.KURRENTDB_URL === undefined)
    problems.push('KURRENTDB_URL: required with STORE=kurrentdb (kurrentdb://host:2113?tls=false)');
  if (c.STORE === 'postgres' && c.DATABASE_URL === undefined)
    problems.push('DATABASE_URL: required with STORE=postgres (postgres://user:password@host:5432/database)');
  if (c.METRICS_PORT !== undefined && c.METRICS_PORT === c.PORT)
    problems.push(`METRICS_PORT=${c.METRICS_PORT}: must differ from PORT (metrics are served apart from the API)`);
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
  };
}
