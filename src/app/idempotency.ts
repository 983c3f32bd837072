import { createHash } from 'node:crypto';
import type { EventMetadata, EventStore, StoredEvent } from '../eventstore/types.ts';

/**
 * Idempotency keys live in the event log. A command sent with an Idempotency-Key is appended
 * with event ids derived from the caller, the key and a fingerprint of the request, and the last
 * of its events carries, in its metadata, the answer the caller got (status, location and event
 * types; the rest of the answer is the events' own stream, revision and position). So the
 * command's effects and its answer are one atomic append, in every store, and what is kept here
 * in memory is only a cache of the log.
 */
export interface KeyRecord {
  /** Caller and key: `app/subject` + newline + key. */
  slot: string;
  /** SHA-256 of the request (method, URL and canonical body). */
  fingerprint: string;
  status: number;
  location?: string;
  /** Types of the events the command appended, in order. */
  types: string[];
  stream: string;
  /** Revision and global position of the last event the command appended. */
  revision: number;
  position: number;
  /** When the log recorded it (ms since the epoch): keys expire a fixed time after this. */
  recordedAt: number;
}

/** Keys are scoped per caller: the app and subject of the token. */
export function slotOf(metadata: Pick<EventMetadata, 'app' | 'actor'>, key: string): string {
  return `${metadata.app ?? '-'}/${metadata.actor}\n${key}`;
}

/** The key record an event carries, if it is the last event of an idempotent command. */
export function keyRecordOf(
  e: Pick<StoredEvent, 'metadata' | 'stream' | 'revision' | 'position' | 'recordedAt'>,
): KeyRecord | undefined {
  const m = e.metadata;
  const answer = m.idempotency;
  if (answer === undefined || m.idempotencyKey === undefined) return undefined;
  return {
    slot: slotOf(m, m.idempotencyKey),
    fingerprint: answer.fingerprint,
    status: answer.status,
    ...(answer.location !== undefined ? { location: answer.location } : {}),
    types: answer.types,
    stream: e.stream,
    revision: e.revision,
    position: e.position,
    recordedAt: Date.parse(e.recordedAt),
  };
}

/**
 * A UUID (version 8 layout) derived from a seed: the same request retried with the same key gets
 * the same event ids, so the store recognises an append that was already committed.
 */
export function derivedUuid(seed: string, index: number): string {
  const h = createHash('sha256').update(`${seed}\n${index}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x80;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Event ids of an idempotent command: a function of the caller, the key and the request. */
export function keyedEventId(slot: string, fingerprint: string, index: number): string {
  return derivedUuid(`${slot}\n${fingerprint}`, index);
}

/**
 * Recently used keys of any stream, bounded in count and age: answers a retry without reading
 * its stream, and tells a key reused for a request on another stream. Filled from this process's
 * own commands and from the key records met while reading streams; losing it loses nothing.
 */
export class KeyIndex {
  private readonly records = new Map<string, KeyRecord>();

  constructor(
    readonly ttlMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  remember(r: KeyRecord): void {
    this.records.delete(r.slot);
    this.records.set(r.slot, r);
    if (this.records.size > this.maxKeys) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }

  /** Keeps a record unless the slot has one already (filling from the log, newest first). */
  rememberIfAbsent(r: KeyRecord): void {
    if (!this.records.has(r.slot)) this.remember(r);
  }

  get size(): number {
    return this.records.size;
  }

  get full(): boolean {
    return this.records.size >= this.maxKeys;
  }

  /** The unexpired record of a slot. */
  find(slot: string, nowMs: number): KeyRecord | undefined {
    const r = this.records.get(slot);
    if (r === undefined) return undefined;
    if (this.expired(r, nowMs)) {
      this.records.delete(slot);
      return undefined;
    }
    return r;
  }

  expired(r: KeyRecord, nowMs: number): boolean {
    return r.recordedAt + this.ttlMs <= nowMs;
  }
}

/**
 * Fills the index from the log at start-up: the key records of the last `ttlMs`, read backwards
 * from the head, at most `maxEvents` events (older keys are still found in their streams).
 * Returns how many events were read.
 */
export async function warmKeyIndex(
  store: EventStore,
  index: KeyIndex,
  nowMs: number,
  maxEvents = 100_000,
): Promise<number> {
  const since = nowMs - index.ttlMs;
  let read = 0;
  for (let from = await store.headPosition(); from > 0 && read < maxEvents && !index.full;) {
    const page = await store.readAll({ direction: 'backwards', fromPosition: from, maxCount: 1000 });
    for (const e of page) {
      read += 1;
      if (Date.parse(e.recordedAt) < since) return read;
      const r = keyRecordOf(e);
      if (r !== undefined) index.rememberIfAbsent(r);
    }
    const last = page[page.length - 1];
    if (last === undefined) break;
    from = last.position - 1;
  }
  return read;
}
