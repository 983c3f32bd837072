import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DomainEvent } from '../../domain/shared/decider.ts';
import { canonicalJson } from './canonical.ts';
import { decideOnly, execute, resultOfRecord, type CommandContext, type CommandPlan, type CommandResult, type IdempotentRequest } from '../app/commands.ts';
import { KeyIndex, slotOf } from '../app/idempotency.ts';
import type { Projector } from '../app/projector.ts';
import { StreamCache } from '../app/streams.ts';
import { OutcomeUnknownError, StoreUnavailableError, type EventStore } from '../eventstore/types.ts';
import { HttpProblem, ProblemSchema, toProblem } from './problems.ts';
import { traced } from '../tracing.ts';

export interface AppDeps {
  store: EventStore;
  projector: Projector;
  now: () => Date;
  /** How long an Idempotency-Key is kept (ms; 24 h by default). */
  keyTtlMs?: number;
  /** See Kit.internalSecret (the server makes it: its rate limit knows it too). */
  internalSecret: string;
}

/** How long Idempotency-Keys are kept unless configured. */
export const DEFAULT_KEY_TTL_MS = 24 * 3_600_000;

export const CommandResultSchema = z
  .object({
    stream: z.string(),
    revision: z.number().int().describe('the stream revision after the command: the ETag of the resource'),
    position: z.number().int().describe('global position of the last event written; pass it as minPosition to read your write'),
    events: z.array(z.object({ id: z.string(), type: z.string() })),
    location: z.string().optional(),
  })
  .meta({ id: 'CommandResult' });

/** The problems a read can answer (429 and 503 for every route are added to the document by api-document.ts). */
export const readProblems = {
  400: ProblemSchema.describe('invalid request: every failing field and rule'),
  401: ProblemSchema.describe('no valid bearer token'),
  403: ProblemSchema.describe("the token's role or province does not allow this"),
  404: ProblemSchema.describe('not found'),
  503: ProblemSchema.describe('not served now, nothing was done: starting, overloaded, or (with minPosition) the read models are behind; retry after Retry-After'),
};

/** The problems a command can answer (429, 413 and 415 are added to the document by api-document.ts). */
export const commandProblems = {
  ...readProblems,
  409: ProblemSchema.describe('conflicting write, or the Idempotency-Key is in use by a request still running (retry after Retry-After)'),
  412: ProblemSchema.describe('If-Match does not match the current revision'),
  422: ProblemSchema.describe('a rule of the record was broken, or an Idempotency-Key was reused with another body'),
  503: ProblemSchema.describe('the event store cannot take writes now (nothing was stored), or the outcome of the write is unknown, or the instance is starting or overloaded; retry after Retry-After, with the same Idempotency-Key'),
};

export const CommandHeaders = z.object({
  'if-match': z.string().optional().describe('ETag of the resource (its stream revision) the command is based on'),
  'idempotency-key': z.string().min(1).max(200).optional().describe('a retry with the same key and body gets the first answer (kept 24 h); the key and the answer are stored with the events'),
});

export const ReadQuery = z.object({
  minPosition: z.coerce.number().int().nonnegative().optional().describe('wait (up to 2 s) until the read models include this global position'),
});

export const PageQuery = ReadQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional().describe('nextCursor of the previous page'),
});

export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/** The position a page cursor stands for: items after it come next (0 without a cursor). */
export function cursorPosition(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(n) || n < 0) throw new HttpProblem(400, 'validation', 'Invalid request', 'cursor is not one this service gave', { errors: [{ in: 'querystring', field: 'cursor', rule: 'cursor', message: 'is not a cursor this service gave' }] });
  return n;
}
export const cursorOf = (position: number): string => Buffer.from(String(position)).toString('base64url');

export function paginate<T extends { position: number }>(items: Iterable<T>, limit: number, cursor: string | undefined): { items: T[]; nextCursor: string | null } {
  const after = cursorPosition(cursor);
  const sorted = [...items].filter((x) => x.position > after).sort((a, b) => a.position - b.position);
  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: sorted.length > limit && last ? cursorOf(last.position) : null };
}

/**
 * A page of items that come in the order recorded (ascending position), read only as far as the
 * page needs: a campaign's documents kept on disk are not all read for one page.
 */
export function pageInOrder<T extends { position: number }>(items: Iterable<T>, limit: number, cursor: string | undefined): { items: T[]; nextCursor: string | null } {
  const after = cursorPosition(cursor);
  const page: T[] = [];
  for (const x of items) {
    if (x.position <= after) continue;
    if (page.length === limit) return { items: page, nextCursor: cursorOf((page[limit - 1] as T).position) };
    page.push(x);
  }
  return { items: page, nextCursor: null };
}

/**
 * A page of a short list that has no log positions (a campaign's dialogue conferences, its loan
 * appraisals, an organiser's campaigns), in the list's order: the cursor is the count already
 * given, in the same opaque form as the others.
 */
export function pageByCount<T>(items: readonly T[], limit: number, cursor: string | undefined): { items: T[]; nextCursor: string | null } {
  const from = cursorPosition(cursor);
  const page = items.slice(from, from + limit);
  return { items: page, nextCursor: from + limit < items.length ? cursorOf(from + limit) : null };
}

/** Keeps the items that pass, lazily. */
export function* keep<T>(items: Iterable<T>, test: (x: T) => boolean): Generator<T> {
  for (const x of items) if (test(x)) yield x;
}

/**
 * Sends JSON text that is already serialised (a cached dashboard): the typed reply expects the
 * object form of the response schema, which the text is; fastify sends strings as they are.
 */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json as never);
}

/**
 * A JSON answer kept between requests (a dashboard until the next event): encoded once, and
 * gzip-compressed once for the clients that accept it — a dashboard shrinks about sevenfold,
 * which matters on provincial networks and makes each answer cheaper to send.
 */
export class CachedJson {
  readonly bytes: Buffer;
  private compressed: Buffer | undefined;

  constructor(json: string) {
    this.bytes = Buffer.from(json, 'utf8');
  }

  get gzip(): Buffer {
    this.compressed ??= gzipSync(this.bytes, { level: 6 });
    return this.compressed;
  }
}

/** Small answers are not worth compressing. */
const COMPRESS_FROM = 1024;

/** True when an Accept-Encoding header accepts gzip (RFC 9110: a listed coding or `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let gzip: boolean | undefined;
  let star = false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') gzip = accepted;
    else if (coding === '*') star = accepted;
  }
  return gzip ?? star;
}

export function sendCachedJson(req: FastifyRequest, reply: FastifyReply, body: CachedJson): FastifyReply {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (body.bytes.length >= COMPRESS_FROM && acceptsGzip(req.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.bytes);
}

/** False when If-None-Match names this ETag (or is `*`): the client's copy is current (RFC 9110 13.1.2, weak comparison). */
function matchesNoneOf(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return !header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

function parseIfMatch(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(v);
  if (!m) throw new HttpProblem(400, 'invalid-if-match', 'Invalid If-Match', 'If-Match holds one ETag such as "3"');
  return Number(m[1]);
}

export class Kit {
  /** Idempotency keys of requests still being processed here. */
  private readonly inFlight = new Set<string>();
  /** Recently used keys: answers a retry without reading its stream. */
  readonly keys: KeyIndex;
  /** Decided state per stream, for commands and the context they load. */
  readonly streams: StreamCache;
  private readonly ctx: CommandContext;
  /** The last write the event store could not take, until a write succeeds again (for /health). */
  writeFault: { at: Date; message: string } | null = null;
  /**
   * Marks requests this process makes to itself (a spreadsheet import's rows, `x-cam-internal`):
   * they are not counted by the rate limit, and with `x-cam-dry-run` they are decided, not written.
   * Random per process, never sent out.
   */
  readonly internalSecret: string;

  constructor(readonly deps: AppDeps) {
    const now = (): number => deps.now().getTime();
    this.keys = new KeyIndex(deps.keyTtlMs ?? DEFAULT_KEY_TTL_MS);
    this.streams = new StreamCache(deps.store, this.keys, now);
    this.ctx = { store: deps.store, streams: this.streams, keys: this.keys, now };
    this.internalSecret = deps.internalSecret;
  }

  /** Waits for read-your-writes, then gives the catalog. */
  async catalog(minPosition: number | undefined) {
    if (minPosition !== undefined && minPosition > this.deps.projector.position) {
      // A position the log has not reached is no one's write: waiting for it would only time out.
      const head = await this.deps.store.headPosition();
      if (minPosition > head) {
        throw new HttpProblem(400, 'validation', 'Invalid request', `minPosition ${minPosition} is beyond the end of the event log (${head})`, {
          errors: [{ in: 'querystring', field: 'minPosition', rule: 'at-most-head', message: `must not be beyond the log's last position, ${head}` }],
        });
      }
    }
    if (minPosition !== undefined && !(await this.deps.projector.waitFor(minPosition, 2000))) {
      throw new HttpProblem(503, 'projection-lagging', 'Read models are behind', `read models are at ${this.deps.projector.position}, not yet ${minPosition}`, {}, { 'retry-after': '1' });
    }
    return this.deps.projector.catalog;
  }

  /** Sends a resource with its ETag; answers 304 and no body when the client has it already. */
  resource<T extends { revision: number }>(req: FastifyRequest, reply: FastifyReply, value: T | undefined, what: string): T | null {
    if (value === undefined) throw new HttpProblem(404, 'not-found', 'Not found', `${what} does not exist`);
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
    const claims = req.claims;
    if (claims === null) throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'a valid bearer token is required');
    const key = headers['idempotency-key'];
    const metadata = {
      // Who did it comes from the verified token, never from the request body or headers.
      actor: claims.sub,
      role: claims.role,
      ...(claims.app !== undefined ? { app: claims.app } : {}),
      ...(options.province !== undefined && /^\d{2}$/.test(options.province) ? { province: options.province } : {}),
      correlationId: headers['x-correlation-id'] ?? String(req.id),
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    };
    // An import's check: decided, never written (the header's value is this process's own secret).
    if (headers['x-cam-dry-run'] === this.internalSecret) return answer(reply, await decideOnly(this.ctx, plan), 200, undefined, false);
    const ifMatch = parseIfMatch(headers['if-match']);
    let idempotency: IdempotentRequest | undefined;
    let slot: string | undefined;
    if (key !== undefined) {
      const fingerprint = createHash('sha256').update(`${req.method} ${req.url}\n${canonicalJson(req.body ?? null)}`).digest('hex');
      idempotency = { key, fingerprint, status: options.status ?? 200, ...(options.location !== undefined ? { location: options.location } : {}) };
      slot = slotOf(metadata, key);
      const seen = this.keys.find(slot, this.deps.now().getTime());
      if (seen !== undefined) {
        if (seen.fingerprint !== fingerprint) throw new HttpProblem(422, 'idempotency-key-reused', 'Idempotency-Key reused', `key "${key}" was first used with another request`);
        return answer(reply, resultOfRecord(seen), seen.status, seen.location, true);
      }
      if (this.inFlight.has(slot)) {
        throw new HttpProblem(409, 'idempotency-key-in-use', 'Idempotency-Key in use', `a request with key "${key}" is still being processed`, {}, { 'retry-after': '1' });
      }
      this.inFlight.add(slot);
    }
    try {
      const done = await traced(
        `command ${req.method} ${req.routeOptions.url ?? req.url}`,
        { 'cam.stream': plan.stream, 'cam.actor.role': claims.role, ...(key !== undefined ? { 'cam.idempotency_key': key } : {}) },
        () => execute(this.ctx, plan, { metadata, ...(ifMatch !== undefined ? { ifMatch } : {}), ...(idempotency ? { idempotency } : {}) }),
        (d) => (d.kind === 'applied'
          ? { 'cam.position': d.result.position, 'cam.revision': d.result.revision, 'cam.events': d.result.events.length, 'cam.replayed': false }
          : { 'cam.position': d.record.position, 'cam.revision': d.record.revision, 'cam.replayed': true }),
      );
      this.writeFault = null;
      if (done.kind === 'replayed') return answer(reply, resultOfRecord(done.record), done.record.status, done.record.location, true);
      return answer(reply, done.result, options.status ?? 200, options.location, false);
    } catch (err) {
      if (err instanceof StoreUnavailableError || err instanceof OutcomeUnknownError) this.writeFault = { at: this.deps.now(), message: err.message };
      throw err;
    } finally {
      if (slot !== undefined) this.inFlight.delete(slot);
    }
  }
}

/** The answer to a command: the same bytes for the first request and for every replay of it. */
function answer(reply: FastifyReply, result: CommandResult, status: number, location: string | undefined, replayed: boolean): FastifyReply {
  const body = { ...result, ...(location !== undefined ? { location } : {}) };
  void reply.code(status).header('content-type', 'application/json; charset=utf-8').header('etag', `"${result.revision}"`);
  if (location !== undefined) void reply.header('location', location);
  if (replayed) void reply.header('idempotent-replayed', 'true');
  return reply.send(JSON.stringify(body));
}
