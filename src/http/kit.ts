import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DomainEvent } from '../../domain/shared/decider.ts';
import { canonicalJson } from './canonical.ts';
import {
  decideOnly,
  execute,
  resultOfRecord,
  type CommandContext,
  type CommandOptions,
  type CommandPlan,
  type Executed,
  type CommandResult,
  type IdempotentRequest,
} from '../app/commands.ts';
import { KeyIndex } from '../app/idempotency.ts';
import type { Projector } from '../app/projector.ts';
import { StreamCache } from '../app/streams.ts';
import { OutcomeUnknownError, StoreUnavailableError, type EventStore } from '../eventstore/types.ts';
import { matchesNoneOf, parseIfMatch } from './conditional.ts';
import { HttpProblem, beyondHead } from './problems.ts';
import { traced } from '../tracing.ts';
import type { FileStore } from '../files/types.ts';

export interface AppDeps {
  store: EventStore;
  projector: Projector;
  now: () => Date;
  /** How long an Idempotency-Key is kept (ms; 24 h by default). */
  keyTtlMs?: number;
  /** See Kit.internalSecret (the server makes it: its rate limit knows it too). */
  internalSecret: string;
  /** Where attached files are kept (src/files/); a temporary folder when omitted (tests). */
  files?: FileStore;
  /** ATTACHMENT_MAX_BYTES (25 MiB when omitted). */
  attachmentMaxBytes?: number;
}

/** How long Idempotency-Keys are kept unless configured. */
export const DEFAULT_KEY_TTL_MS = 24 * 3_600_000;

export class Kit {
  /** Recently used keys: answers a retry without reading its stream. */
  readonly keys: KeyIndex;
  /** Decided state per stream, for commands and the context they load. */
  readonly streams: StreamCache;
  private readonly ctx: CommandContext;
  /** The last write the event store could not take, until a write succeeds again (for /health). */
  writeFault: { at: Date; message: string } | null = null;
  /**
   * Marks requests this process makes to itself (`x-cam-internal`): they are not counted by the
   * rate limit. Random per process, never sent out. (A spreadsheet import runs its rows in this
   * process without requests: `execute` and `decide`.)
   */
  readonly internalSecret: string;

  constructor(readonly deps: AppDeps) {
    const now = (): number => deps.now().getTime();
    this.keys = new KeyIndex(deps.keyTtlMs ?? DEFAULT_KEY_TTL_MS);
    this.streams = new StreamCache(deps.store, this.keys, now);
    this.ctx = { store: deps.store, streams: this.streams, keys: this.keys, now, inFlight: new Set() };
    this.internalSecret = deps.internalSecret;
  }

  /** Waits for read-your-writes, then gives the catalog. */
  async catalog(minPosition: number | undefined) {
    if (minPosition !== undefined && minPosition > this.deps.projector.position) {
      // A position the log has not reached is no one's write: waiting for it would only time out.
      const head = await this.deps.store.headPosition();
      if (minPosition > head) {
        throw beyondHead('minPosition', minPosition, head);
      }
    }
    if (minPosition !== undefined && !(await this.deps.projector.waitFor(minPosition, 2000))) {
      throw new HttpProblem(
        'projection-lagging',
        `read models are at ${this.deps.projector.position}, not yet ${minPosition}`,
        {},
        { 'retry-after': '1' },
      );
    }
    return this.deps.projector.catalog;
  }

  /** Sends a resource with its ETag; answers 304 and no body when the client has it already. */
  resource<T extends { revision: number }>(
    req: FastifyRequest,
    reply: FastifyReply,
    value: T | undefined,
    what: string,
  ): T | null {
    if (value === undefined) throw new HttpProblem('not-found', `${what} does not exist`);
    const etag = `"${value.revision}"`;
    void reply.header('etag', etag);
    if (matchesNoneOf(req.headers['if-none-match'], etag)) return value;
    void reply.code(304);
    return null;
  }

  /**
   * Runs a command for a route: the actor from the token, If-Match as the expected revision, an
   * Idempotency-Key recorded with the events, then a 201/200 with the result and the stream
   * revision as ETag. A retry of an applied request gets the first answer again.
   */
  async command<C, E extends DomainEvent, S, X>(
    req: FastifyRequest,
    reply: FastifyReply,
    plan: CommandPlan<C, E, S, X>,
    options: { status?: 200 | 201; location?: string; province?: string },
  ): Promise<void> {
    const headers = req.headers as Record<string, string | undefined>;
    const key = headers['idempotency-key'];
    const metadata = {
      ...actorOf(req),
      ...(options.province !== undefined && /^\d{2}$/.test(options.province) ? { province: options.province } : {}),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    };
    const ifMatch = parseIfMatch(headers['if-match']);
    let idempotency: IdempotentRequest | undefined;
    if (key !== undefined) {
      const fingerprint = createHash('sha256')
        .update(`${req.method} ${req.url}\n${canonicalJson(req.body ?? null)}`)
        .digest('hex');
      idempotency = {
        key,
        fingerprint,
        status: options.status ?? 200,
        ...(options.location !== undefined ? { location: options.location } : {}),
      };
    }
    const done = await traced(
      `command ${req.method} ${req.routeOptions.url ?? req.url}`,
      {
        'cam.stream': plan.stream,
        'cam.actor.role': metadata.role,
        ...(key !== undefined ? { 'cam.idempotency_key': key } : {}),
      },
      () =>
        this.execute(plan, {
          metadata,
          ...(ifMatch !== undefined ? { ifMatch } : {}),
          ...(idempotency ? { idempotency } : {}),
        }),
      (d) =>
        d.kind === 'applied'
          ? {
              'cam.position': d.result.position,
              'cam.revision': d.result.revision,
              'cam.events': d.result.events.length,
              'cam.replayed': false,
            }
          : { 'cam.position': d.record.position, 'cam.revision': d.record.revision, 'cam.replayed': true },
    );
    if (done.kind === 'replayed')
      return answer(reply, resultOfRecord(done.record), done.record.status, done.record.location, true);
    return answer(reply, done.result, options.status ?? 200, options.location, false);
  }

  /**
   * Runs a command's plan (a request's, or a spreadsheet import's row): applied, or found applied
   * with its Idempotency-Key; keeps the write fault /health reports.
   */
  async execute<C, E extends DomainEvent, S, X>(
    plan: CommandPlan<C, E, S, X>,
    options: CommandOptions,
  ): Promise<Executed> {
    try {
      const done = await execute(this.ctx, plan, options);
      // A write went through, or the store answered: the fault /health reports is over.
      if (done.kind === 'applied' || done.store) this.writeFault = null;
      return done;
    } catch (err) {
      if (err instanceof StoreUnavailableError || err instanceof OutcomeUnknownError)
        this.writeFault = { at: this.deps.now(), message: err.message };
      throw err;
    }
  }

  /** What a command's plan would record now, or the rule it breaks (thrown); nothing is written. */
  decide<C, E extends DomainEvent, S, X>(plan: CommandPlan<C, E, S, X>): Promise<CommandResult> {
    return decideOnly(this.ctx, plan);
  }
}

/** The answer to a command: the same bytes for the first request and for every replay of it. */
function answer(
  reply: FastifyReply,
  result: CommandResult,
  status: number,
  location: string | undefined,
  replayed: boolean,
): FastifyReply {
  const body = { ...result, ...(location !== undefined ? { location } : {}) };
  void reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('etag', `"${result.revision}"`);
  if (location !== undefined) void reply.header('location', location);
  if (replayed) void reply.header('idempotent-replayed', 'true');
  return reply.send(JSON.stringify(body));
}

/**
 * Who does what a request does, for the metadata of the events it writes: from the verified
 * token, never from the request body or headers; with the request's correlation id.
 */
export function actorOf(req: FastifyRequest): {
  actor: string;
  actorName?: string;
  role: string;
  app?: string;
  correlationId: string;
} {
  const claims = req.claims;
  if (claims === null) throw new HttpProblem('unauthorized', 'a valid bearer token is required');
  const correlation = req.headers['x-correlation-id'];
  return {
    actor: claims.sub,
    ...(claims.name !== undefined ? { actorName: claims.name } : {}),
    role: claims.role,
    ...(claims.app !== undefined ? { app: claims.app } : {}),
    correlationId: typeof correlation === 'string' ? correlation : String(req.id),
  };
}
