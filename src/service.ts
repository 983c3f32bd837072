import { join } from 'node:path';
import { openConfiguredStore } from './app/open-store.ts';
import { openFileStore } from './files/open.ts';
import {
  EXIT,
  StartupError,
  checkDataDir,
  checkLogTail,
  checkSqliteFileInBackground,
  fileSystemCause,
  openReadModels,
} from './app/startup.ts';
import { resolveKey } from './auth/keys.ts';
import { discover } from './auth/oidc.ts';
import { ConfigError, loadConfig, offersDevSignIn, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import type { Logger } from 'pino';
import type { EventStore } from './eventstore/types.ts';
import type { FastifyInstance } from 'fastify';
import { listenForScrapes } from './http/metrics.ts';
import { buildServer } from './server.ts';
import { resolveWebhookKey } from './webhooks/signing.ts';
import type { Telemetry } from './telemetry.ts';

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

/**
 * A failure on the SQLite log as the operator's cause and remedy: the file system, or SQLite's word
 * that the file is damaged.
 */
function logFileCause(err: unknown, logFile: string | undefined): StartupError | undefined {
  if (logFile === undefined) return undefined;
  const message = (err as Error).message;
  const fs = fileSystemCause(err, logFile);
  if (fs !== undefined || !/not a database|malformed|corrupt/i.test(message)) return fs;
  return new StartupError(
    `the event log ${logFile} is damaged (${message}): restore it from a backup (docs/operations.md)`,
    EXIT.damagedStore,
    err,
  );
}

/** Starts the service as configured by the environment; src/main.ts calls it once tracing is set up. */
export async function runService(telemetry: Telemetry | null): Promise<void> {
  const config = configuration();
  const log = createLogger(config.logLevel);
  // How long each step of the start took (ms since the process began), logged with 'service ready'.
  const phases: Record<string, number> = {};
  const mark = (phase: string): void => void (phases[phase] = Math.round(performance.now()));
  mark('config');
  const logFile = config.store === 'sqlite' ? join(config.dataDir, 'events.sqlite') : undefined;
  const readModelFile = join(config.dataDir, 'readmodels.sqlite');
  if (config.store !== 'memory')
    checkDataDir(config.dataDir, [
      ...(logFile !== undefined ? [logFile, `${logFile}-wal`, `${logFile}-shm`] : []),
      readModelFile,
      `${readModelFile}-wal`,
      `${readModelFile}-shm`,
    ]);
  mark('dataDir');
  // The whole-file check runs beside the next steps; requests wait for it (below).
  const logChecked = logFile !== undefined ? checkSqliteFileInBackground(logFile) : Promise.resolve();
  logChecked.catch(() => undefined);
  mark('logCheckStarted');
  const store = await openStore(config, logFile);
  mark('storeOpen');
  const files = await openFileStore(config.files);
  const { readModels, rebuiltBecause } = openReadModels(config.store === 'memory' ? ':memory:' : readModelFile);
  mark('readModels');
  if (rebuiltBecause !== undefined)
    log.warn(
      { reason: rebuiltBecause },
      'the read models could not be loaded: they are folded again from the event log',
    );
  await checkLogTail(store, logFile ?? config.store, readModels.checkpoint());
  mark('tailCheck');
  const key = resolveKey(config.auth, config.store === 'memory' ? null : config.dataDir);
  if (config.auth.kind === 'dev')
    log.warn(
      'development mode: tokens are signed with DATA_DIR/dev-jwt-secret; ' +
        'mint one with `npm run -s token -- --role provincial_officer --province 68`',
    );
  if (config.oidc !== undefined) {
    // The provider is asked for its keys when its first token arrives; this early look only tells
    // the operator at once whether OIDC_ISSUER is right and reachable.
    const issuer = config.oidc.issuer;
    void discover(issuer).then(
      (doc) => log.info({ issuer, jwks: doc.jwks_uri }, 'identity provider found'),
      (err: unknown) =>
        log.warn(
          { issuer, err: err instanceof Error ? err.message : String(err) },
          "the identity provider's discovery document could not be read: its tokens are refused (503) until it can",
        ),
    );
  }
  const app = await buildServer({
    store,
    files,
    attachmentMaxBytes: config.attachmentMaxBytes,
    readModels,
    idempotencyTtlMs: config.idempotencyTtlHours * 3_600_000,
    key,
    ...(config.oidc !== undefined ? { oidc: config.oidc } : {}),
    corsOrigins: config.corsOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    readyMaxLag: config.readyMaxLag,
    metricsRoute: config.metricsPort === undefined,
    startInBackground: true,
    startupChecks: logChecked,
    logLevel: config.logLevel,
    ...(config.publicUrl !== undefined ? { publicUrl: config.publicUrl } : {}),
    devSignIn: offersDevSignIn(config),
    webhooks: {
      // Production takes the key from WEBHOOK_SIGNING_KEY or has no webhooks; development keeps one in DATA_DIR.
      signingKey:
        config.webhooks.signingKey ??
        (config.env === 'production'
          ? null
          : resolveWebhookKey(undefined, config.store === 'memory' ? null : config.dataDir)),
      allowHosts: config.webhooks.allowHosts,
      deliver: config.webhooks.deliver,
    },
    telemetry,
  });
  mark('server');

  let scrapes: FastifyInstance | undefined;
  stopOnSignals(log, async () => {
    await scrapes?.close();
    await app.close();
    await store.close();
    await files.close();
    readModels.close();
    await telemetry?.shutdown();
  });

  // Listen before the read models have caught up: /health/live answers at once, /health/ready
  // and every other request say 503 until they have.
  await app.listen({ host: config.host, port: config.port });
  if (config.metricsPort !== undefined) scrapes = await listenForScrapes(app, config.host, config.metricsPort);
  mark('listening');
  log.info(
    { store: store.kind, at: readModels.checkpoint(), head: await store.headPosition() },
    'listening; catching up with the event log',
  );
  await catchUp(app.startup, logChecked, logFile);
  mark('caughtUp');
  log.info(
    {
      store: store.kind,
      dataDir: config.store === 'memory' ? undefined : config.dataDir,
      position: await store.headPosition(),
      phases,
    },
    'service ready',
  );
}

/** The configuration from the environment; a bad one is a start-up error with its own exit code. */
function configuration(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new StartupError(err.message, EXIT.config, err);
    throw err;
  }
}

/** The configured event store, or the cause it cannot be opened. */
async function openStore(config: Config, logFile: string | undefined): Promise<EventStore> {
  try {
    return await openConfiguredStore(config, faultInjection(config));
  } catch (err) {
    throw (
      logFileCause(err, logFile) ??
      new StartupError(
        `the event store (${config.store}) cannot be opened: ${(err as Error).message}`,
        EXIT.storeUnavailable,
        err,
      )
    );
  }
}

/** On SIGTERM or SIGINT, once: `close` what is open, then exit; exit anyway after 10 s. */
function stopOnSignals(log: Logger, close: () => Promise<void>): void {
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
    await close();
    log.info('stopped cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Waits for the read models to catch up with the log; a failure is told with its cause and remedy. */
async function catchUp(startup: Promise<void>, logChecked: Promise<void>, logFile: string | undefined): Promise<void> {
  try {
    await startup;
  } catch (err) {
    // A damaged page makes the catch-up fail too: the log check names the cause and the remedy.
    await logChecked;
    if (err instanceof StartupError) throw err;
    throw (
      logFileCause(err, logFile) ??
      new StartupError(
        `the read models could not catch up with the event log: ${(err as Error).message}`,
        EXIT.storeUnavailable,
        err,
      )
    );
  }
}
