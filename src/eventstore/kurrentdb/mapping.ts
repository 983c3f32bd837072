import { z } from 'zod';
import { EventMetadataSchema, type EventFilter, type ExpectedRevision, type StoredEvent } from '../types.ts';

/**
 * How our event model maps onto KurrentDB (EventStoreDB). Pure functions, unit-tested here; the
 * adapter (store.ts) only moves data between them and the client.
 *
 * - Revisions: KurrentDB's stream revision (bigint from 0) is ours; an empty stream is -1.
 * - Expected revision: ours is resolved to an exact one before appending (the hash chain needs
 *   the previous event), then sent as `no_stream` (-1) or the revision as a bigint.
 * - Global position: the `$all` prepare position of the event, as a number. It rises in log order
 *   and is unique per event, but it skips numbers (it is a byte offset in the log): positions on
 *   KurrentDB are not contiguous, unlike SQLite and PostgreSQL. A checkpoint p resumes reading at
 *   {commit: p, prepare: p} and skips the event at p itself.
 * - Metadata: KurrentDB keeps an event's metadata as JSON; ours goes under `m`, beside what
 *   KurrentDB does not keep for us: our recorded-at instant, the schema version and the hash.
 * - System events (types starting with `$`) are never ours and are filtered out of every read.
 */
export const StoredMetadataSchema = z.object({
  m: EventMetadataSchema,
  recordedAt: z.string().min(20),
  schemaVersion: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type StoredMetadata = z.infer<typeof StoredMetadataSchema>;

export type KurrentExpected = 'no_stream' | bigint;

/**
 * The exact revision to append at, given what the caller expects and where the stream is;
 * undefined when the expectation does not hold (a WrongExpectedRevisionError).
 */
export function resolveExpected(expected: ExpectedRevision, current: number): number | undefined {
  switch (expected) {
    case 'any':
      return current;
    case 'no_stream':
      return current === -1 ? -1 : undefined;
    case 'exists':
      return current >= 0 ? current : undefined;
    default:
      return expected === current ? current : undefined;
  }
}

export function toKurrentExpected(revision: number): KurrentExpected {
  return revision < 0 ? 'no_stream' : BigInt(revision);
}

/** KurrentDB's "current revision" of a WrongExpectedVersion error as ours. */
export function fromKurrentRevision(actual: 'no_stream' | bigint | string | undefined): number {
  return typeof actual === 'bigint' ? Number(actual) : -1;
}

/** A recorded KurrentDB event as ours; undefined for a system event or one not written by us. */
export function toStoredEvent(e: {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
}): StoredEvent | undefined {
  if (e.type.startsWith('$') || e.streamId.startsWith('$')) return undefined;
  const meta = StoredMetadataSchema.safeParse(e.metadata);
  if (!meta.success || typeof e.data !== 'object' || e.data === null || Array.isArray(e.data)) return undefined;
  return {
    id: e.id,
    stream: e.streamId,
    revision: Number(e.revision),
    position: e.position === undefined ? 0 : Number(e.position.prepare),
    type: e.type,
    schemaVersion: meta.data.schemaVersion,
    data: e.data as Record<string, unknown>,
    metadata: meta.data.m,
    recordedAt: meta.data.recordedAt,
    hash: meta.data.hash,
  };
}

/** The $all position to resume after a checkpoint. */
export function resumeFrom(checkpoint: number): 'start' | { commit: bigint; prepare: bigint } {
  return checkpoint <= 0 ? 'start' : { commit: BigInt(checkpoint), prepare: BigInt(checkpoint) };
}

/** Our log filter, applied to events read from $all (KurrentDB filters only by stream and type). */
export function matchesFilter(e: StoredEvent, f: EventFilter | undefined): boolean {
  if (f === undefined) return true;
  if (f.types !== undefined && !f.types.includes(e.type)) return false;
  if (f.streamPrefix !== undefined && f.streamPrefix !== '' && !e.stream.startsWith(f.streamPrefix)) return false;
  if (f.streamPrefixes !== undefined && !f.streamPrefixes.some((p) => p !== '' && e.stream.startsWith(p))) return false;
  if (f.province !== undefined && e.metadata.province !== f.province) return false;
  if (f.actor !== undefined && e.metadata.actor !== f.actor) return false;
  if (f.recordedFrom !== undefined && e.recordedAt < new Date(f.recordedFrom).toISOString()) return false;
  if (f.recordedTo !== undefined && e.recordedAt > new Date(f.recordedTo).toISOString()) return false;
  if (f.toPosition !== undefined && e.position > f.toPosition) return false;
  return true;
}
