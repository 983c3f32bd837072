import type { Decider, DomainEvent } from '../../domain/shared/decider.ts';
import { domainEvent } from './replay.ts';
import type { EventStore, StoredEvent } from '../eventstore/types.ts';
import { keyRecordOf, type KeyIndex, type KeyRecord } from './idempotency.ts';
import { streamPages } from '../eventstore/pages.ts';

type Folder<S, E extends DomainEvent> = Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>;

/** A stream's decided state at a revision, and the idempotency keys recorded in it. */
export interface LoadedStream<S> {
  readonly state: S;
  /** -1 for a stream with no events. */
  readonly revision: number;
  /** Key records of the stream, by slot (see idempotency.ts); may hold expired ones. */
  readonly keys: ReadonlyMap<string, KeyRecord>;
}

interface Entry {
  folder: unknown;
  state: unknown;
  revision: number;
  keys: Map<string, KeyRecord>;
  prunedAt: number;
  /** Used since the eviction sweep last passed it. */
  used: boolean;
}

const PAGE = 10_000;

/**
 * Decided state per stream, kept between commands in a bounded least-recently-used map, so that a
 * command reads only the events its stream gained since the last one (usually none: one indexed
 * look-up) instead of reading and folding the whole stream. The store's expected-revision check
 * stays the only arbiter: a conflicting append drops the entry and the command is decided again
 * on fresh state. States are never mutated (deciders' `evolve` returns new objects), so a command
 * still deciding on an older entry is unaffected by a newer one.
 */
export class StreamCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: EventStore,
    private readonly index: KeyIndex,
    private readonly now: () => number,
    private readonly maxStreams = 10_000,
  ) {}

  /** The stream's state as of now: the cached state brought up to the stream's last event. */
  async load<S, E extends DomainEvent>(stream: string, folder: Folder<S, E>): Promise<LoadedStream<S>> {
    let entry = this.entries.get(stream);
    if (entry !== undefined && entry.folder !== folder) entry = undefined;
    // The stream's revision is one look-up in the store's index of streams: when it has not
    // moved, the cached state is current and no event is read.
    const revision = await this.store.streamRevision(stream);
    if (entry !== undefined && revision === entry.revision) {
      this.touch(stream, entry);
      return entry as LoadedStream<S>;
    }
    if (entry === undefined || revision < entry.revision)
      entry = {
        folder,
        state: folder.initialState(),
        revision: -1,
        keys: new Map(),
        prunedAt: this.now(),
        used: false,
      };
    // A stream with no events yet (a new meeting, cooperative, ...) needs no read at all.
    const fresh = revision < 0 ? [] : await this.readFrom(stream, entry.revision + 1);
    if (fresh.length === 0) {
      this.touch(stream, entry);
      return entry as LoadedStream<S>;
    }
    let state = entry.state as S;
    for (const e of fresh) {
      state = folder.evolve(state, domainEvent(e) as unknown as E);
      const r = keyRecordOf(e);
      if (r !== undefined) this.keep(entry.keys, r);
    }
    const last = fresh[fresh.length - 1] as StoredEvent;
    // A new entry object: a command still deciding on the old one keeps its state and revision.
    const next: Entry = {
      folder,
      state,
      revision: last.revision,
      keys: entry.keys,
      prunedAt: entry.prunedAt,
      used: false,
    };
    this.prune(next);
    const current = this.entries.get(stream);
    // Two loads of one stream may finish out of order: the cache never goes back in revision.
    if (current === undefined || current.folder !== folder || current.revision < next.revision)
      this.touch(stream, next);
    return next as LoadedStream<S>;
  }

  /**
   * Records a committed append: the entry moves to the new revision with the decided events
   * folded in. Only when the entry is still the one the command decided on, else it is dropped.
   */
  advance<S, E extends DomainEvent>(
    stream: string,
    folder: Folder<S, E>,
    from: LoadedStream<S>,
    events: readonly E[],
    revision: number,
    key?: KeyRecord,
  ): void {
    const entry = this.entries.get(stream);
    if (
      entry === undefined ||
      entry.folder !== folder ||
      entry.revision !== from.revision ||
      revision !== from.revision + events.length
    ) {
      this.entries.delete(stream);
      if (key !== undefined) this.index.remember(key);
      return;
    }
    const state = events.reduce((s, e) => folder.evolve(s, e), entry.state as S);
    if (key !== undefined) this.keep(entry.keys, key);
    this.entries.set(stream, { folder, state, revision, keys: entry.keys, prunedAt: entry.prunedAt, used: true });
  }

  forget(stream: string): void {
    this.entries.delete(stream);
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(keys: Map<string, KeyRecord>, r: KeyRecord): void {
    keys.set(r.slot, r);
    this.index.remember(r);
  }

  /** Drops expired keys of an entry, at most once a minute. */
  private prune(entry: Entry): void {
    const now = this.now();
    if (entry.keys.size === 0 || now - entry.prunedAt < 60_000) return;
    entry.prunedAt = now;
    for (const [slot, r] of entry.keys) if (this.index.expired(r, now)) entry.keys.delete(slot);
  }

  /**
   * Marks an entry used, and keeps the map within bounds by second chance: the oldest entry is
   * dropped unless it was used since it was last passed over (cheaper than moving every entry
   * to the end on every use, with nearly the same choice).
   */
  private touch(stream: string, entry: Entry): void {
    entry.used = true;
    if (this.entries.get(stream) === entry) return;
    this.entries.set(stream, entry);
    for (let tries = 0; this.entries.size > this.maxStreams && tries < 16; tries++) {
      const [oldest, e] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      if (e.used && tries < 15) {
        e.used = false;
        this.entries.set(oldest, e);
      }
    }
  }

  private async readFrom(stream: string, fromRevision: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const page of streamPages(this.store, stream, { fromRevision, pageSize: PAGE }))
      for (const e of page) out.push(e);
    return out;
  }
}
