import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { warmKeyIndex } from './app/idempotency.ts';
import { Projector } from './app/projector.ts';
import type { ReadModelStore } from './app/read-model-store.ts';
import type { EventStore } from './eventstore/types.ts';
import type { FileStore } from './files/types.ts';
import type { VerifyKey } from './auth/keys.ts';
import { oidcVerifier } from './auth/oidc.ts';
import type { OidcConfig } from './config.ts';
import { authPlugin, refuseUnauthorized } from './http/auth.ts';
import { describeAnswers } from './http/api-document.ts';
import { healthRoutes } from './http/health.ts';
import { Kit } from './http/kit.ts';
import { HttpProblem, problemTexts, problemType, toProblem } from './http/problems.ts';
import { languageOf } from './http/problem-texts.ts';
import { securityHeadersPlugin } from './http/security-headers.ts';
import { closeObjects, strictBodies } from './http/strict-body.ts';
import { metricsPlugin } from './http/metrics.ts';
import { loadShedding } from './http/load-shedding.ts';
import { pagePlugin } from './http/page.ts';
import { isProbe } from './http/probes.ts';
import { registerRoutes } from './http/routes/index.ts';
import { feedRoutes, type FeedTuning } from './http/routes/feed.ts';
import { webhookRoutes } from './http/routes/webhooks.ts';
import { parseAllowList } from './webhooks/allow.ts';
import { WEBHOOK_DEFAULTS, Webhooks, type WebhookTuning } from './webhooks/dispatcher.ts';
import { loggerOptions } from './logger.ts';
import type { Telemetry } from './telemetry.ts';
import { API_VERSION } from './version.ts';

export interface ServerDeps {
  store: EventStore;
  /** How bearer tokens are verified. */
  key: VerifyKey;
  /** The organisation's identity provider, whose tokens are taken beside the key's. */
  oidc?: OidcConfig;
  /** Origins allowed to call from a browser; none when empty. */
  corsOrigins?: string[];
  /** Requests per minute per caller (token subject, else address). */
  rateLimitPerMinute?: number;
  /** Shed load (503 overloaded) while the event loop lags more than this (default 1000 ms). */
  maxEventLoopDelayMs?: number;
  /** /health/ready allows the read models this many log positions behind the head (default 1000). */
  readyMaxLag?: number;
  /** Serve /metrics on this server, to a token with role monitoring or admin (default); false with METRICS_PORT. */
  metricsRoute?: boolean;
  /**
   * Resolve before the read models have caught up with the log (the service: it listens at once,
   * /health/live answers, /health/ready and every other request say 503 until start-up is done;
   * `app.startup` settles then). By default the server is caught up when it is returned (tests).
   */
  startInBackground?: boolean;
  /** Checks that must pass before requests are taken (the event log's page check); their failure fails start-up. */
  startupChecks?: Promise<void>;
  /** Saved read models; in memory only when omitted (tests). */
  readModels?: ReadModelStore;
  /** Campaign events between the snapshots time travel starts from (default 5,000). */
  snapshotEvery?: number;
  /** How long Idempotency-Keys are kept (ms; 24 h when omitted). */
  idempotencyTtlMs?: number;
  logLevel?: string;
  now?: () => Date;
  /** The service's public origin (https://host), for absolute problem type URIs; else each request's. */
  publicUrl?: string;
  /** Development machines only: offer POST /dev/sign-in on the page, signing with this key. */
  devSignIn?: boolean;
  /** How live feeds treat their clients (tests make the limits small). */
  feed?: Partial<FeedTuning>;
  /** Webhooks (src/webhooks): the signing key, the allowed private hosts, whether to deliver, the pace. */
  webhooks?: WebhookDeps;
  /** Tracing (src/telemetry.ts), when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
  telemetry?: Telemetry | null;
  /** Where attached files are kept (src/files/); a temporary folder removed on close when omitted (tests). */
  files?: FileStore;
  /** ATTACHMENT_MAX_BYTES (25 MiB when omitted). */
  attachmentMaxBytes?: number;
}

export interface WebhookDeps {
  /** WEBHOOK_SIGNING_KEY; null: webhooks are off; omitted: a random key for the life of the process (tests). */
  signingKey?: string | null;
  /** WEBHOOK_ALLOW_HOSTS: host names, addresses and CIDRs allowed although private (tests: 127.0.0.1). */
  allowHosts?: string[];
  /** Whether this instance delivers (default true; with PostgreSQL, only while it holds the lease). */
  deliver?: boolean;
  tuning?: Partial<WebhookTuning>;
}

export { API_VERSION };

const ProblemTextSchema = z.object({ title: z.string(), rule: z.string() });

declare module 'fastify' {
  interface FastifyInstance {
    /** Settles when start-up has finished: read models caught up, idempotency keys loaded. */
    startup: Promise<void>;
  }
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const now = deps.now ?? (() => new Date());
  const app = newFastify(deps);
  if (deps.telemetry) await app.register(deps.telemetry.plugin);
  app.setValidatorCompiler(validatorCompiler);
  const originOf = (req: FastifyRequest): string => deps.publicUrl ?? `${req.protocol}://${req.host}`;
  app.setSerializerCompiler(serializerCompiler);
  logRequests(app);
  answerProblems(app, originOf);

  let started = false;
  // Marks the requests this process makes to itself (see Kit.internalSecret); the rate limit lets them pass.
  const internalSecret = randomUUID();
  await registerGuards(app, deps, () => started, internalSecret);
  await registerApiDocument(app);
  const { projector, kit } = await startReadModels(app, deps, now, internalSecret, () => {
    started = true;
  });
  await registerMonitoring(app, deps, now, projector, kit, () => started);
  registerProblemRoute(app, originOf);
  await registerRoutes(app, kit);
  await app.register(feedRoutes, { kit, ...(deps.feed ? { tuning: deps.feed } : {}) });
  await registerWebhooks(app, deps, kit, now);
  await app.register(pagePlugin, {
    ...(deps.devSignIn === true ? { devSignIn: { key: deps.key } } : {}),
    ...(deps.oidc?.clientId !== undefined ? { provider: deps.oidc } : {}),
  });
  return app;
}

/** The webhook subscriptions' routes and, where this instance delivers, their workers (stopped on close). */
async function registerWebhooks(app: App, deps: ServerDeps, kit: Kit, now: () => Date): Promise<void> {
  const w = deps.webhooks ?? {};
  const webhooks = new Webhooks(deps.store, {
    signingKey: w.signingKey === undefined ? randomUUID() + randomUUID() : w.signingKey,
    allow: parseAllowList(w.allowHosts ?? []),
    deliver: w.deliver ?? true,
    tuning: { ...WEBHOOK_DEFAULTS, ...w.tuning },
    now,
    log: app.log,
    metrics: app.metricsRegistry,
  });
  await app.register(webhookRoutes, { kit, webhooks });
  webhooks.start();
  app.addHook('preClose', async () => {
    await webhooks.stop();
  });
}

/** The fastify instance with the zod type provider: logger, request ids, body limit. */
function newFastify(deps: ServerDeps) {
  return Fastify({
    logger: loggerOptions(deps.logLevel ?? 'info'),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    // One access-log line per request (logRequests' onResponse hook) instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>();
}

type App = ReturnType<typeof newFastify>;

/** Echoes the request id and writes one access-log line per request. */
function logRequests(app: App): void {
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    req.log.info(
      {
        method: req.method,
        url: req.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: req.ip,
      },
      'request',
    );
    done();
  });
}

/** Errors and unknown routes are answered as problem documents (application/problem+json). */
function answerProblems(app: App, originOf: (req: FastifyRequest) => string): void {
  app.setErrorHandler((err, req, reply) => {
    const p = toProblem(err, req.url, originOf(req), languageOf(req.headers));
    // A 503 the service chose (starting, overloaded, store unavailable) is a warning, not a fault.
    if (p.status >= 500 && err instanceof HttpProblem)
      req.log.warn({ code: err.code, detail: err.message }, 'request refused');
    else if (p.status >= 500) req.log.error({ err }, 'request failed');
    return reply
      .code(p.status)
      .headers(p.headers)
      .type('application/problem+json; charset=utf-8')
      .send(JSON.stringify(p.problem));
  });
  app.setNotFoundHandler((req, reply) => {
    const p = toProblem(
      new HttpProblem('not-found', `no route ${req.method} ${req.url}`),
      req.url,
      originOf(req),
      languageOf(req.headers),
    );
    return reply.code(404).type('application/problem+json; charset=utf-8').send(JSON.stringify(p.problem));
  });
}

/**
 * What every request passes before its route, in this order: security headers, CORS, load
 * shedding, the start-up gate (503 `starting` until `started()`, probes excepted),
 * authentication, strict bodies, the rate limit, then the answer to what authentication refused.
 */
async function registerGuards(
  app: App,
  deps: ServerDeps,
  started: () => boolean,
  internalSecret: string,
): Promise<void> {
  await app.register(securityHeadersPlugin, { helmet: { contentSecurityPolicy: false } });
  if ((deps.corsOrigins ?? []).length > 0) {
    await app.register(cors, {
      origin: deps.corsOrigins,
      exposedHeaders: ['etag', 'location', 'x-request-id', 'idempotent-replayed'],
    });
  }
  await app.register(loadShedding, { maxEventLoopDelayMs: deps.maxEventLoopDelayMs ?? 1000 });
  app.addHook('onRequest', (req, reply, done) => {
    if (started() || isProbe(req.url)) return done();
    void reply.header('retry-after', '5');
    done(
      new HttpProblem(
        'starting',
        'this instance is still catching up with the event log; nothing was done — retry in 5 s',
        {},
        { 'retry-after': '5' },
      ),
    );
  });
  await app.register(authPlugin, { key: deps.key, ...(deps.oidc ? { oidc: oidcVerifier(deps.oidc) } : {}) });
  await app.register(strictBodies);
  // Counted before authentication is answered: callers by token, everything else by address. The
  // rows of a spreadsheet import are counted once, as the upload.
  await app.register(rateLimit, {
    hook: 'onRequest',
    allowList: (req) => req.headers['x-cam-internal'] === internalSecret,
    max: deps.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.claims ? `${req.claims.app ?? '-'}/${req.claims.sub}` : req.ip),
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`more than ${ctx.max} requests a minute; retry in ${Math.ceil(ctx.ttl / 1000)} s`), {
        statusCode: ctx.statusCode,
      }),
  });
  app.addHook('preParsing', refuseUnauthorized);
}

/** The OpenAPI document, made from the routes registered after this, and its viewer at /docs. */
async function registerApiDocument(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cooperative Action Month API (Tháng hành động vì Hợp tác xã)',
        version: API_VERSION,
        description:
          'Commands and reads for provincial cooperative alliances and the Vietnam Cooperative Alliance. ' +
          'See docs/api.md.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        parameters: {
          AcceptLanguage: {
            in: 'header',
            name: 'Accept-Language',
            required: false,
            schema: { type: 'string', example: 'vi' },
            description:
              'Language of problem answers (title, detail, rule, field messages): vi for Vietnamese; ' +
              'English when vi is not preferred or the header is absent.',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // Command bodies are strict (see strict-body.ts): say so to generated clients.
      if (out.schema.body !== undefined) closeObjects(out.schema.body);
      return out;
    },
    // What every operation answers besides its route's schemas: statuses, headers, files, examples.
    transformObject: (input) => describeAnswers(jsonSchemaTransformObject(input)),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

/**
 * The read models and the command kit. Start-up (catching up with the log, filling the key
 * index, the start-up checks) ends with `markStarted()`; `app.startup` settles then. It is
 * awaited here unless the server starts in the background.
 */
async function startReadModels(
  app: App,
  deps: ServerDeps,
  now: () => Date,
  internalSecret: string,
  markStarted: () => void,
): Promise<{ projector: Projector; kit: Kit }> {
  const projector = new Projector(deps.store, {
    ...(deps.readModels ? { readModels: deps.readModels } : {}),
    ...(deps.snapshotEvery ? { snapshotEvery: deps.snapshotEvery } : {}),
  });
  const kit = new Kit({
    store: deps.store,
    projector,
    now,
    internalSecret,
    ...(deps.idempotencyTtlMs !== undefined ? { keyTtlMs: deps.idempotencyTtlMs } : {}),
    ...(deps.files !== undefined ? { files: deps.files } : {}),
    ...(deps.attachmentMaxBytes !== undefined ? { attachmentMaxBytes: deps.attachmentMaxBytes } : {}),
  });
  const startup = (async () => {
    await projector.start();
    // The key index is derived from the log: fill it with the keys of the last day before serving.
    await warmKeyIndex(deps.store, kit.keys, now().getTime());
    await deps.startupChecks;
    markStarted();
  })();
  app.decorate('startup', startup);
  if (deps.startInBackground === true) startup.catch(() => undefined);
  else await startup;
  app.addHook('onClose', async () => {
    await projector.stop();
  });
  return { projector, kit };
}

/** /metrics and the health probes (/health, /health/live, /health/ready). */
async function registerMonitoring(
  app: App,
  deps: ServerDeps,
  now: () => Date,
  projector: Projector,
  kit: Kit,
  started: () => boolean,
): Promise<void> {
  await app.register(metricsPlugin, {
    store: deps.store,
    projectionPosition: () => projector.position,
    route: deps.metricsRoute !== false,
  });
  await app.register(healthRoutes, {
    store: deps.store,
    startedAt: now(),
    started,
    maxLag: deps.readyMaxLag ?? 1000,
    projections: () => ({ position: projector.position, failure: projector.failure }),
    writes: () => kit.writeFault,
    load: () => app.loadState(),
  });
}

/** GET /problems/:code: what a problem type means, in English and Vietnamese. */
function registerProblemRoute(app: App, originOf: (req: FastifyRequest) => string): void {
  app.get(
    '/problems/:code',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'getProblemType',
        summary: 'What a problem type means, in English and Vietnamese',
        params: z.object({ code: z.string() }),
        headers: z.object({
          'accept-language': z
            .string()
            .optional()
            .describe('vi for Vietnamese title and rule at the top level; English otherwise'),
        }),
        response: {
          200: z.object({
            type: z.string(),
            title: z.string(),
            rule: z.string(),
            en: ProblemTextSchema,
            vi: ProblemTextSchema,
          }),
        },
      },
    },
    async (req, reply) => {
      const texts = problemTexts(req.params.code);
      if (texts === undefined) return reply.callNotFound();
      return { type: problemType(req.params.code, originOf(req)), ...texts[languageOf(req.headers)], ...texts };
    },
  );
}
