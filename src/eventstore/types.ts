import { z } from 'zod';

/**
 * The event store port. Every adapter (SQLite embedded, PostgreSQL, KurrentDB) implements it with
 * the same semantics; `test/eventstore.contract.ts` is the executable definition of those semantics.
 *
 * Numbering: a stream's first event has revision 0 (an empty stream is "revision -1");
 * global positions start at 1 and follow commit order.
 */

export const EventMetadataSchema = z.object({
  /** Who recorded the fact: the authenticated subject. */
  actor: z.string().min(1).max(200),
  /** The actor's name as the identity provider gave it (OpenID Connect tokens), when it did. */
  actorName: z.string().min(1).max(200).optional(),
  /** The actor's role at the time (from the token, never from a request body). */
  role: z.string().min(1).max(50).optional(),
  /** Province code the fact belongs to, when it belongs to one. */
  province: z
    .string()
    .regex(/^\d{2}$/, 'a two-digit province code')
    .optional(),
  /** Client application that sent the command. */
  app: z.string().min(1).max(200).optional(),
  correlationId: z.string().min(1).max(200).optional(),
  causationId: z.string().min(1).max(200).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
  /**
   * On the last event of a command sent with an Idempotency-Key: the answer the caller got, so
   * that the events and the answer are one atomic append (see src/app/idempotency.ts).
   */
  idempotency: z
    .object({
      fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
      status: z.number().int().min(200).max(299),
      location: z.string().min(1).max(2000).optional(),
      types: z.array(z.string().min(1).max(200)).min(1).max(10_000),
    })
    .optional(),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/**
 * Event data: a JSON object. Checked as such without walking its keys (a record schema would copy
 * the object key by key on every append); the writer serialises it with JSON.stringify.
 */
const JsonObject = z.custom<Record<string, unknown>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'must be a JSON object',
);

export const NewEventSchema = z.object({
  /** UUID. A retried append carrying ids that are already stored is a no-op. */
  id: z.uuid(),
  type: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'letters, digits, "_", "." or "-"'),
  schemaVersion: z.number().int().min(1).default(1),
  data: JsonObject,
  metadata: EventMetadataSchema,
});
export type NewEvent = z.input<typeof NewEventSchema>;
export type ValidNewEvent = z.output<typeof NewEventSchema>;

export const StreamNameSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^\s$][^\s]*$/, 'no white space and not starting with "$"');

export interface StoredEvent<D = Record<string, unknown>> {
  id: string;
  stream: string;
  /** 0-based revision inside the stream. */
  revision: number;
  /** 1-based position in the global log (commit order). */
  position: number;
  type: string;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  /** ISO-8601 UTC instant the store recorded the event at. */
  recordedAt: string;
  /**
   * SHA-256 (hex) over the hash of the previous event of the same stream (none for revision 0) and
   * this event's content: the chain is checked by walking a stream in revision order.
   */
  hash: string;
}

/**
 * What a projection needs of an event: no id, metadata or hash. Reading only these columns is
 * about twice as fast, which is what rebuilds and time travel spend their time on.
 */
export type ReplayedEvent = Pick<
  StoredEvent,
  'stream' | 'revision' | 'position' | 'type' | 'schemaVersion' | 'data' | 'recordedAt'
>;

export type ExpectedRevision = 'no_stream' | 'exists' | 'any' | number;

export const ExpectedRevisionSchema = z.union([z.enum(['no_stream', 'exists', 'any']), z.number().int().min(-1)]);

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  stream: string;
  /** Revision of the last event appended (the stream's new revision). */
  revision: number;
  /** Global position of the first and last event appended. */
  firstPosition: number;
  position: number;
  /** True when every event id was already stored: nothing was written. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive. Defaults to 0 forwards, to the last revision backwards. */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive global position. Defaults to 1 forwards, the head backwards. */
  fromPosition?: number;
  /** At most this many events; fewer only when the (filtered) log has no more in this direction. */
  maxCount?: number;
  filter?: EventFilter;
}

export interface EventFilter {
  types?: readonly string[];
  streamPrefix?: string;
  /** Any of these stream prefixes (OR). */
  streamPrefixes?: readonly string[];
  /** metadata.province equals. */
  province?: string;
  /** metadata.actor equals. */
  actor?: string;
  /** recordedAt within [recordedFrom, recordedTo], ISO instants, inclusive. */
  recordedFrom?: string;
  recordedTo?: string;
  /** Positions up to this one only (inclusive): the log as it was then. */
  toPosition?: number;
}

/** One problem the integrity check found, at the first position it concerns. */
export interface IntegrityProblem {
  kind: 'modified' | 'removed' | 'reordered';
  position: number;
  stream: string;
  revision: number;
  detail: string;
}

/** How a long integrity walk reports progress: the events checked so far, every few thousand. */
export interface VerifyOptions {
  onProgress?: (eventsChecked: number) => void;
}

export interface IntegrityReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  headPosition: number;
  /** Sorted by position; the first is where the log stops being trustworthy. */
  problems: IntegrityProblem[];
}

/** An event as exported for audits and imported into an empty store: everything it carries. */
export type ExportedEvent = StoredEvent;

export interface SubscribeOptions<E = StoredEvent> {
  /** Last position already processed (a checkpoint); delivery starts after it. 0 = from the start. */
  fromCheckpoint?: number;
  filter?: EventFilter;
  /** Events read per catch-up page. */
  batchSize?: number;
  /** Called for each event in order; the next event waits for the returned promise. */
  handler: (event: E) => void | Promise<void>;
}

export interface Subscription {
  /** Position of the last event handled (or skipped by the filter). */
  readonly checkpoint: number;
  /** Resolves once the subscription has caught up to the head that existed when it was called. */
  caughtUp(): Promise<void>;
  /** Stops the subscription; resolves once the handler in progress, if any, has returned. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop(), rejects if the handler or a read failed. */
  readonly done: Promise<void>;
}

export interface EventStore {
  readonly kind: string;
  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Current revision of a stream, -1 when it has no events. */
  streamRevision(stream: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** `readAll` with only what projections need (see ReplayedEvent). */
  readReplay(options?: ReadAllOptions): Promise<ReplayedEvent[]>;
  /** Global position of the last committed event (0 when empty). */
  headPosition(): Promise<number>;
  subscribe(options: SubscribeOptions): Subscription;
  /** `subscribe` delivering ReplayedEvents, for projections. */
  subscribeReplay(options: SubscribeOptions<ReplayedEvent>): Subscription;
  /** Resolves when the store answers reads and writes; rejects with the reason otherwise. */
  healthCheck(): Promise<void>;
  /** Walks every stream's hash chain and the global order; reports what was modified, removed or reordered. */
  verifyIntegrity(options?: VerifyOptions): Promise<IntegrityReport>;
  /**
   * Loads exported events into an empty store, keeping their ids, streams, revisions and
   * recorded-at instants, so that positions and hashes come out as exported.
   */
  importEvents(events: readonly ExportedEvent[]): Promise<void>;
  /** Waits for appends in flight, then releases resources. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Errors. Each has a stable code that the HTTP layer maps to a problem+json type.

export class EventStoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class WrongExpectedRevisionError extends EventStoreError {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super('wrong-expected-revision', `stream "${stream}" is at revision ${actual}, expected ${String(expected)}`);
  }
}

export class DuplicateEventIdError extends EventStoreError {
  constructor(
    readonly eventId: string,
    detail: string,
  ) {
    super('duplicate-event-id', `event id ${eventId} ${detail}`);
  }
}

export class InvalidAppendError extends EventStoreError {
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super('invalid-append', message);
  }
}

export class StoreClosedError extends EventStoreError {
  constructor() {
    super('store-closed', 'the event store is closed');
  }
}

/**
 * The store cannot take the write now (disk full, read-only file system, database locked): the
 * append was refused whole and nothing of it was stored. Worth retrying later.
 */
export class StoreUnavailableError extends EventStoreError {
  constructor(readonly reason: string) {
    super('store-unavailable', `the event store cannot take writes now (${reason}); nothing was stored`);
  }
}

/**
 * The append may or may not have been committed (an I/O error during the commit, the writer
 * stopped mid-commit): retry with the same event ids, which either writes it now or finds it written.
 */
export class OutcomeUnknownError extends EventStoreError {
  constructor(readonly reason: string) {
    super('outcome-unknown', `the outcome of the append is unknown (${reason}); retry it with the same event ids`);
  }
}

/** A SQLite error code (better-sqlite3's `code`) as the store errors above, or undefined. */
export function storeFaultOf(err: unknown): EventStoreError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  const reason = `${code}: ${(err as Error).message}`;
  if (/^SQLITE_(FULL|READONLY|BUSY|LOCKED|CANTOPEN|NOMEM|PERM|AUTH)/.test(code))
    return new StoreUnavailableError(reason);
  if (/^SQLITE_(IOERR|CORRUPT|NOTADB|PROTOCOL)/.test(code)) return new OutcomeUnknownError(reason);
  return undefined;
}

/** Serialisable form of an error, for crossing a worker boundary. */
export interface ErrorPayload {
  code: string;
  message: string;
  stream?: string;
  expected?: ExpectedRevision;
  actual?: number;
  eventId?: string;
}

export function errorToPayload(err: unknown): ErrorPayload {
  if (err instanceof WrongExpectedRevisionError) {
    return { code: err.code, message: err.message, stream: err.stream, expected: err.expected, actual: err.actual };
  }
  if (err instanceof DuplicateEventIdError) {
    return { code: err.code, message: err.message, eventId: err.eventId };
  }
  if (err instanceof StoreUnavailableError || err instanceof OutcomeUnknownError)
    return { code: err.code, message: err.reason };
  if (err instanceof EventStoreError) return { code: err.code, message: err.message };
  const fault = storeFaultOf(err);
  if (fault !== undefined) return errorToPayload(fault);
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

export function payloadToError(p: ErrorPayload): Error {
  switch (p.code) {
    case 'wrong-expected-revision':
      return new WrongExpectedRevisionError(p.stream ?? '', p.expected ?? 'any', p.actual ?? -1);
    case 'duplicate-event-id': {
      const e = new DuplicateEventIdError(p.eventId ?? '', '');
      e.message = p.message;
      return e;
    }
    case 'invalid-append':
      return new InvalidAppendError(p.message);
    case 'store-closed':
      return new StoreClosedError();
    case 'store-unavailable':
      return new StoreUnavailableError(p.message);
    case 'outcome-unknown':
      return new OutcomeUnknownError(p.message);
    default:
      return new Error(p.message);
  }
}
