import type { Decider, DomainEvent } from '../../domain/shared/decider.ts';
import { currentSchemaVersion } from '../../domain/upcasting.ts';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore, type NewEvent } from '../eventstore/types.ts';
import { keyRecordOf, keyedEventId, slotOf, type KeyIndex, type KeyRecord } from './idempotency.ts';
import { uuidv7 } from './ids.ts';
import type { StreamCache } from './streams.ts';
import { streamPages } from '../eventstore/pages.ts';

/** If-Match named a revision the stream is no longer (or not yet) at. */
export class PreconditionFailedError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the resource is at revision ${actual}, not ${expected}`);
    this.name = 'PreconditionFailedError';
  }
}

/** An Idempotency-Key came back with another request than the one it was first used with. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`key "${key}" was first used with another request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A request with this key is still being processed by this instance: its retry waits for the answer. */
export class IdempotencyKeyInUseError extends Error {
  constructor(readonly key: string) {
    super(`a request with key "${key}" is still being processed`);
    this.name = 'IdempotencyKeyInUseError';
  }
}

/** The request was applied with this key longer ago than keys are kept: it is not applied again. */
export class IdempotencyKeyExpiredError extends Error {
  constructor(
    readonly key: string,
    readonly recordedAt: string,
  ) {
    super(
      `this request was applied with key "${key}" at ${recordedAt}, longer ago than keys are kept; ` +
        'it was not applied again',
    );
    this.name = 'IdempotencyKeyExpiredError';
  }
}

export interface CommandPlan<C, E extends DomainEvent, S, X> {
  stream: string;
  decider: Decider<C, E, S, X>;
  command: C;
  /** Loads what the decision needs from other streams; called again on each retry. */
  context?: () => Promise<X>;
}

/** What an idempotent command records beside its events: the key, the request and the answer. */
export interface IdempotentRequest {
  key: string;
  /** SHA-256 of method, URL and canonical body. */
  fingerprint: string;
  /** The success answer's status and location. */
  status: number;
  location?: string;
}

export interface CommandOptions {
  metadata: EventMetadata;
  /** Expected stream revision from If-Match. */
  ifMatch?: number;
  idempotency?: IdempotentRequest;
}

export interface CommandResult {
  stream: string;
  revision: number;
  position: number;
  events: { id: string; type: string }[];
}

/**
 * Applied now, or found applied already (a retry with the same Idempotency-Key): `store` says
 * whether the store was asked on the way (the stream's key records, or its refusal of ids it
 * holds), not only the in-memory key index.
 */
export type Executed =
  { kind: 'applied'; result: CommandResult } | { kind: 'replayed'; record: KeyRecord; store: boolean };

export interface CommandContext {
  store: EventStore;
  streams: StreamCache;
  /** Recently used keys; its `expired` says when a key record no longer counts. */
  keys: KeyIndex;
  now: () => number;
  /** Slots (caller and key) of keyed requests still being processed here. */
  inFlight: Set<string>;
}

const MAX_ATTEMPTS = 5;

/** The answer of a command, from its record: the same whether it was applied now or before. */
export function resultOfRecord(r: KeyRecord): CommandResult {
  return {
    stream: r.stream,
    revision: r.revision,
    position: r.position,
    events: r.types.map((type, i) => ({ id: keyedEventId(r.slot, r.fingerprint, i), type })),
  };
}

/**
 * Load (from the stream cache) → decide → append with the revision that was decided on, as one
 * atomic append of the events and, with an Idempotency-Key, the answer. A concurrent write fails
 * the revision check: without If-Match the command is decided again on fresh state, with If-Match
 * the client is told (412) because it asked to act on the revision it had seen.
 *
 * Idempotency is decided here, and only here. With a key, a retry is recognised, cheapest first,
 * by the key index (the last day's keys, in memory), by the stream's key records (the command was
 * applied and the stream read since), and by the store itself, which refuses to write event ids it
 * holds already (committed, but this process never answered). A retry of a request still being
 * processed here is refused (`IdempotencyKeyInUseError`); a key sent with another request is
 * refused (`IdempotencyKeyReusedError`).
 */
export async function execute<C, E extends DomainEvent, S, X>(
  ctx: CommandContext,
  plan: CommandPlan<C, E, S, X>,
  options: CommandOptions,
): Promise<Executed> {
  if (options.idempotency === undefined) return executeOnce(ctx, plan, options, undefined);
  const keyed = { ...options.idempotency, slot: slotOf(options.metadata, options.idempotency.key) };
  const known = ctx.keys.find(keyed.slot, ctx.now());
  if (known !== undefined) {
    if (known.fingerprint !== keyed.fingerprint) throw new IdempotencyKeyReusedError(keyed.key);
    return { kind: 'replayed', record: known, store: false };
  }
  if (ctx.inFlight.has(keyed.slot)) throw new IdempotencyKeyInUseError(keyed.key);
  ctx.inFlight.add(keyed.slot);
  try {
    return await executeOnce(ctx, plan, options, keyed);
  } finally {
    ctx.inFlight.delete(keyed.slot);
  }
}

async function executeOnce<C, E extends DomainEvent, S, X>(
  ctx: CommandContext,
  plan: CommandPlan<C, E, S, X>,
  options: CommandOptions,
  keyed: (IdempotentRequest & { slot: string }) | undefined,
): Promise<Executed> {
  for (let attempt = 1; ; attempt++) {
    const loaded = await ctx.streams.load(plan.stream, plan.decider);
    const seen = keyed === undefined ? undefined : loaded.keys.get(keyed.slot);
    if (keyed !== undefined && seen !== undefined && !ctx.keys.expired(seen, ctx.now())) {
      if (seen.fingerprint !== keyed.fingerprint) throw new IdempotencyKeyReusedError(keyed.key);
      return { kind: 'replayed', record: seen, store: true };
    }
    if (options.ifMatch !== undefined && options.ifMatch !== loaded.revision) {
      throw new PreconditionFailedError(plan.stream, options.ifMatch, loaded.revision);
    }
    const context = (plan.context ? await plan.context() : undefined) as X;
    const decided = plan.decider.decide(plan.command, loaded.state, context);
    if (decided.length === 0)
      return { kind: 'applied', result: { stream: plan.stream, revision: loaded.revision, position: 0, events: [] } };
    const types = decided.map((e) => e.type);
    const answer =
      keyed === undefined
        ? undefined
        : {
            fingerprint: keyed.fingerprint,
            status: keyed.status,
            ...(keyed.location !== undefined ? { location: keyed.location } : {}),
            types,
          };
    const events: NewEvent[] = decided.map((e, i) => ({
      id: keyed !== undefined ? keyedEventId(keyed.slot, keyed.fingerprint, i) : uuidv7(),
      type: e.type,
      schemaVersion: currentSchemaVersion(e.type),
      data: e.data as Record<string, unknown>,
      metadata:
        answer !== undefined && i === decided.length - 1
          ? { ...options.metadata, idempotency: answer }
          : options.metadata,
    }));
    let appended;
    try {
      appended = await ctx.store.append(plan.stream, events, { expectedRevision: loaded.revision });
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError)) throw err;
      ctx.streams.forget(plan.stream);
      if (options.ifMatch !== undefined) throw new PreconditionFailedError(plan.stream, options.ifMatch, err.actual);
      if (attempt >= MAX_ATTEMPTS) throw err;
      continue;
    }
    if (appended.duplicate && keyed !== undefined) {
      // These ids are in the log already: this very request was applied before. Answer as then.
      ctx.streams.forget(plan.stream);
      return { kind: 'replayed', record: await recordIn(ctx, plan.stream, keyed), store: true };
    }
    const record: KeyRecord | undefined =
      keyed === undefined || answer === undefined
        ? undefined
        : {
            slot: keyed.slot,
            ...answer,
            stream: plan.stream,
            revision: appended.revision,
            position: appended.position,
            recordedAt: ctx.now(),
          };
    ctx.streams.advance(plan.stream, plan.decider, loaded, decided, appended.revision, record);
    return {
      kind: 'applied',
      result: {
        stream: plan.stream,
        revision: appended.revision,
        position: appended.position,
        events: events.map(({ id, type }) => ({ id, type })),
      },
    };
  }
}

/**
 * Decides without writing: what the command would record now, or the rule it breaks (thrown).
 * A spreadsheet import checks every row this way before it writes any.
 */
export async function decideOnly<C, E extends DomainEvent, S, X>(
  ctx: CommandContext,
  plan: CommandPlan<C, E, S, X>,
): Promise<CommandResult> {
  const loaded = await ctx.streams.load(plan.stream, plan.decider);
  const context = (plan.context ? await plan.context() : undefined) as X;
  const decided = plan.decider.decide(plan.command, loaded.state, context);
  return {
    stream: plan.stream,
    revision: loaded.revision,
    position: 0,
    events: decided.map((e) => ({ id: '', type: e.type })),
  };
}

/** The key record of a request that the store says was applied: read from its stream. */
async function recordIn(
  ctx: CommandContext,
  stream: string,
  idem: IdempotentRequest & { slot: string },
): Promise<KeyRecord> {
  for await (const page of streamPages(ctx.store, stream, { pageSize: 1000 })) {
    for (const e of page) {
      const r = keyRecordOf(e);
      if (r === undefined || r.slot !== idem.slot || r.fingerprint !== idem.fingerprint) continue;
      if (ctx.keys.expired(r, ctx.now()))
        throw new IdempotencyKeyExpiredError(idem.key, new Date(r.recordedAt).toISOString());
      return r;
    }
  }
  // Only an event id collision could bring us here; say so rather than claim success.
  throw new Error(`the store holds the event ids of key "${idem.key}" in stream "${stream}" but no answer for them`);
}
