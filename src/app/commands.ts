import { createHash } from 'node:crypto';
import { fold, type Decider, type DomainEvent } from '../../domain/shared/decider.ts';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore, type StoredEvent } from '../eventstore/types.ts';
import { currentSchemaVersion, upcast } from '../../domain/upcasting.ts';
import { uuidv7 } from './ids.ts';

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

export interface CommandPlan<C, E extends DomainEvent, S, X> {
  stream: string;
  decider: Decider<C, E, S, X>;
  command: C;
  /** Loads what the decision needs from other streams; called again on each retry. */
  context?: () => Promise<X>;
}

export interface CommandOptions {
  metadata: EventMetadata;
  /** Expected stream revision from If-Match. */
  ifMatch?: number;
  /** Seed for deterministic event ids (client + Idempotency-Key), so a retried request appends nothing new. */
  idSeed?: string;
}

export interface CommandResult {
  stream: string;
  revision: number;
  position: number;
  events: { id: string; type: string }[];
}

const MAX_ATTEMPTS = 5;

export async function readWholeStream(store: EventStore, stream: string): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const page = await store.readStream(stream, { fromRevision: out.length, maxCount: 10_000 });
    out.push(...page);
    if (page.length < 10_000) return out;
  }
}

export async function loadState<S, E extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>,
): Promise<{ state: S; revision: number }> {
  const events = await readWholeStream(store, stream);
  const state = fold(decider, events.map((e) => ({ type: e.type, data: upcast(e.type, e.schemaVersion, e.data) }) as unknown as E));
  return { state, revision: events.length - 1 };
}

/** A UUID (version 8 layout) derived from a seed: the same request retried gets the same event ids. */
export function derivedUuid(seed: string, index: number): string {
  const h = createHash('sha256').update(`${seed}\n${index}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x80;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * Load → fold → decide → append with the revision that was read. A concurrent write makes the
 * append fail its revision check; without If-Match the command is decided again on fresh state,
 * with If-Match the client is told (412) because it asked to act on the revision it had seen.
 */
export async function execute<C, E extends DomainEvent, S, X>(
  store: EventStore,
  plan: CommandPlan<C, E, S, X>,
  options: CommandOptions,
): Promise<CommandResult> {
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = await loadState(store, plan.stream, plan.decider);
    if (options.ifMatch !== undefined && options.ifMatch !== revision) {
      throw new PreconditionFailedError(plan.stream, options.ifMatch, revision);
    }
    const context = (plan.context ? await plan.context() : undefined) as X;
    const decided = plan.decider.decide(plan.command, state, context);
    if (decided.length === 0) return { stream: plan.stream, revision, position: 0, events: [] };
    const events = decided.map((e, i) => ({
      id: options.idSeed !== undefined ? derivedUuid(options.idSeed, i) : uuidv7(),
      type: e.type,
      schemaVersion: currentSchemaVersion(e.type),
      data: e.data as Record<string, unknown>,
      metadata: options.metadata,
    }));
    try {
      const r = await store.append(plan.stream, events, { expectedRevision: revision });
      return { stream: plan.stream, revision: r.revision, position: r.position, events: events.map(({ id, type }) => ({ id, type })) };
    } catch (err) {
      if (!(err instanceof WrongExpectedRevisionError)) throw err;
      if (options.ifMatch !== undefined) throw new PreconditionFailedError(plan.stream, options.ifMatch, err.actual);
      if (attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
