import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openConfiguredStore } from './app/open-store.ts';
import { ReadModelStore } from './app/projector.ts';
import { resolveKey } from './auth/keys.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import { buildServer } from './server.ts';

/** FAULT_KILL_AFTER_COMMITS=N (reliability tests): die by SIGKILL between the Nth commit and its answers. */
function faultInjection(config: Config): { afterCommit?: () => void } {
  const limit = config.faultKillAfterCommits;
  if (limit === undefined) return {};
  let commits = 0;
  return {
    afterCommit: () => {
      if (++commits >= limit) process.kill(process.pid, 'SIGKILL');
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const store = await openConfiguredStore(config, faultInjection(config));
  if (config.store !== 'memory') mkdirSync(config.dataDir, { recursive: true });
  const readModels = ReadModelStore.open(config.store === 'memory' ? ':memory:' : join(config.dataDir, 'readmodels.sqlite'), { exclusive: true });
  const key = resolveKey(config.auth, config.store === 'memory' ? null : config.dataDir);
  if (config.auth.kind === 'dev') log.warn('development mode: tokens are signed with DATA_DIR/dev-jwt-secret; mint one with `npm run token -- --role provincial_officer --province 68`');
  const app = await buildServer({ store, readModels, idempotencyTtlMs: config.idempotencyTtlHours * 3_600_000, key, corsOrigins: config.corsOrigins, rateLimitPerMinute: config.rateLimitPerMinute, logLevel: config.logLevel });

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: refusing new requests, finishing those in flight');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    await store.close();
    readModels.close();
    log.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  log.info({ store: store.kind, dataDir: config.store === 'memory' ? undefined : config.dataDir }, 'service ready');
}

main().catch((err: unknown) => {
  process.stderr.write(`failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
