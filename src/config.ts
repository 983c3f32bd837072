import { resolve } from 'node:path';
import { z } from 'zod';

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number 0–65535' }).int('must be a port number 0–65535').min(0, 'must be a port number 0–65535').max(65535, 'must be a port number 0–65535').default(3000),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  STORE: z.enum(['sqlite', 'memory']).default('sqlite'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  store: 'sqlite' | 'memory';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
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
  return { env: c.NODE_ENV, host: c.HOST, port: c.PORT, dataDir: resolve(c.DATA_DIR), store: c.STORE, logLevel: c.LOG_LEVEL };
}
