import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamSubscription,
} from '@kurrent/kurrentdb-client';
import { eventHash } from '../hash.ts';
import { checkExport } from '../group-commit.ts';
import { LogStore } from '../subscription.ts';
import { validateAppend } from '../validate.ts';
import { verifyLog } from '../verify.ts';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ExportedEvent,
  type IntegrityReport,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReplayedEvent,
  type StoredEvent,
  type ValidNewEvent,
  type VerifyOptions,
} from '../types.ts';
import {
  fromKurrentRevision,
  matchesFilter,
  resolveExpected,
  resumeFrom,
  toKurrentExpected,
  toStoredEvent,
  type StoredMetadata,
} from './mapping.ts';
import { logPages } from '../pages.ts';

export interface KurrentStoreOptions {
  /** kurrentdb://host:2113?tls=false (or esdb://…) */
  connectionString: string;
  now?: () => Date;
  pollIntervalMs?: number;
  /**
   * Keeps this log's streams apart from others on the same server: stored as `namespace.stream`
   * and read back without it (one server, several logs, as PG_SCHEMA does for PostgreSQL).
   */
  namespace?: string;
}

type Recorded = Parameters<typeof toStoredEvent>[0];

/** The URL schemes of a KurrentDB connection string; `esdb` ones are the EventStoreDB names of the same. */
export const KURRENTDB_SCHEMES = [
  'kurrentdb',
  'kurrentdb+discover',
  'kurrent',
  'kurrent+discover',
  'kdb',
  'kdb+discover',
  'esdb',
  'esdb+discover',
] as const;

/**
 * The client for a connection string in any of KURRENTDB_SCHEMES. The client takes every one of
 * them but warns on each `esdb` connection, so those are passed on under the new name. Connecting
 * is lazy: nothing is sent until the first call.
 */
export function kurrentClient(connectionString: string): KurrentDBClient {
  return KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:\/\//i, 'kurrentdb$1://'));
}

/**
 * The KurrentDB (EventStoreDB) event store, through @kurrent/kurrentdb-client. The mappings are in
 * mapping.ts. KurrentDB's only atomic unit is one append to one stream, which is all this port
 * asks: a command's events and its idempotency record are one append (see src/app/idempotency.ts).
 * The hash chain needs the previous event of the stream, so every append is made at an exact
 * revision (an `any` append that races another is retried on the new revision).
 */
export class KurrentEventStore extends LogStore implements EventStore {
  readonly kind = 'kurrentdb';
  private readonly now: () => Date;
  private live: AllStreamSubscription | null = null;

  private constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentStoreOptions,
  ) {
    super(options.pollIntervalMs ?? 1000);
    this.now = options.now ?? (() => new Date());
  }

  static async open(options: KurrentStoreOptions): Promise<KurrentEventStore> {
    const client = kurrentClient(options.connectionString);
    const store = new KurrentEventStore(client, options);
    await store.healthCheck();
    store.watch();
    return store;
  }

  /** A live subscription to $all that only wakes our subscriptions; it comes back after a drop. */
  private watch(): void {
    if (this.closed) return;
    const sub = this.client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    this.live = sub;
    sub.on('data', () => this.signal.notify());
    const again = (): void => {
      if (this.live !== sub || this.closed) return;
      this.live = null;
      setTimeout(() => this.watch(), 1000).unref();
    };
    sub.on('error', again);
    sub.on('end', again);
    sub.on('close', again);
  }

  async append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const valid = validateAppend(stream, events, options);
    for (let attempt = 0; ; attempt++) {
      const last = await this.lastEvent(stream);
      const current = last?.revision ?? -1;
      const replay = await this.replayOf(stream, valid.events, current);
      if (replay !== undefined) return replay;
      const at = resolveExpected(options.expectedRevision, current);
      if (at === undefined) throw new WrongExpectedRevisionError(stream, options.expectedRevision, current);
      try {
        return await this.appendAt(stream, valid.events, at, last?.hash ?? null, this.now().toISOString());
      } catch (err) {
        if (!(err instanceof WrongExpectedVersionError)) throw this.fault(err);
        if (typeof options.expectedRevision === 'number' || options.expectedRevision === 'no_stream' || attempt >= 5) {
          throw new WrongExpectedRevisionError(stream, options.expectedRevision, fromKurrentRevision(err.actualState));
        }
      }
    }
  }

  private async appendAt(
    stream: string,
    events: readonly ValidNewEvent[],
    at: number,
    prevHash: string | null,
    recordedAt: string,
  ): Promise<AppendResult> {
    let prev = prevHash;
    const data = events.map((e, i) => {
      const revision = at + 1 + i;
      const hash = eventHash(prev, {
        id: e.id,
        stream,
        revision,
        type: e.type,
        schemaVersion: e.schemaVersion,
        recordedAt,
        dataText: JSON.stringify(e.data),
        metadataText: JSON.stringify(e.metadata),
      });
      prev = hash;
      const metadata: StoredMetadata = { m: e.metadata, recordedAt, schemaVersion: e.schemaVersion, hash };
      return jsonEvent({ id: e.id, type: e.type, data: e.data as Record<string, never>, metadata });
    });
    const r = await this.client.appendToStream(this.stored(stream), data, { streamState: toKurrentExpected(at) });
    const written = await this.readStream(stream, { fromRevision: at + 1, maxCount: events.length });
    this.signal.notify();
    return {
      stream,
      revision: Number(r.nextExpectedRevision),
      firstPosition: written[0]?.position ?? Number(r.position?.prepare ?? 0),
      position: written[written.length - 1]?.position ?? Number(r.position?.prepare ?? 0),
      duplicate: false,
    };
  }

  /** The first result again when these event ids are the stream's events already (a retry). */
  private async replayOf(
    stream: string,
    events: readonly ValidNewEvent[],
    current: number,
  ): Promise<AppendResult | undefined> {
    if (current < 0) return undefined;
    const recent = await this.readStream(stream, { direction: 'backwards', maxCount: Math.max(events.length, 50) });
    const first = recent.find((e) => e.id === events[0]?.id);
    if (first === undefined) {
      const reused = events.find((e) => recent.some((r) => r.id === e.id));
      if (reused !== undefined)
        throw new DuplicateEventIdError(reused.id, 'is new while earlier ids of the same append are already stored');
      return undefined;
    }
    const stored = (await this.readStream(stream, { fromRevision: first.revision, maxCount: events.length })).map(
      (e) => e.id,
    );
    if (stored.join() !== events.map((e) => e.id).join())
      throw new DuplicateEventIdError(
        events[0]?.id ?? '',
        `is already stored in stream "${stream}" at revision ${first.revision}`,
      );
    const last = await this.readStream(stream, { fromRevision: first.revision + events.length - 1, maxCount: 1 });
    return {
      stream,
      revision: first.revision + events.length - 1,
      firstPosition: first.position,
      position: last[0]?.position ?? first.position,
      duplicate: true,
    };
  }

  private async lastEvent(stream: string): Promise<StoredEvent | undefined> {
    return (await this.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0];
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const out: StoredEvent[] = [];
    try {
      const read = this.client.readStream(this.stored(stream), {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : 'start') : BigInt(options.fromRevision),
        maxCount: BigInt(options.maxCount ?? 10_000),
      });
      for await (const resolved of read) {
        const e = resolved.event === undefined ? undefined : this.ours(resolved.event as Recorded);
        if (e !== undefined) out.push(e);
      }
    } catch (err) {
      if (err instanceof StreamNotFoundError) return [];
      throw this.fault(err);
    }
    return out;
  }

  async streamRevision(stream: string): Promise<number> {
    return (await this.lastEvent(stream))?.revision ?? -1;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const want = options.maxCount ?? 10_000;
    const out: StoredEvent[] = [];
    const from = options.fromPosition;
    try {
      // Positions are inclusive here, exclusive in KurrentDB's resume point: start just before.
      // The server's events are streamed (the stream is cancelled by `break`) until the page is
      // full: system events, other namespaces' and filtered-out ones are skipped, so a short
      // page means the end.
      const toPosition = options.filter?.toPosition;
      const read = this.client.readAll({
        direction: backwards ? BACKWARDS : FORWARDS,
        fromPosition:
          from === undefined
            ? backwards
              ? END
              : 'start'
            : backwards
              ? { commit: BigInt(from), prepare: BigInt(from) }
              : resumeFrom(from - 1),
      });
      for await (const resolved of read) {
        const e = resolved.event === undefined ? undefined : this.ours(resolved.event as Recorded);
        if (e === undefined || (from !== undefined && (backwards ? e.position > from : e.position < from))) continue;
        if (!backwards && toPosition !== undefined && e.position > toPosition) break;
        if (matchesFilter(e, options.filter)) out.push(e);
        if (out.length >= want) break;
      }
    } catch (err) {
      throw this.fault(err);
    }
    return out;
  }

  async readReplay(options?: ReadAllOptions): Promise<ReplayedEvent[]> {
    return (await this.readAll(options)).map(
      ({ stream, revision, position, type, schemaVersion, data, recordedAt }) => ({
        stream,
        revision,
        position,
        type,
        schemaVersion,
        data,
        recordedAt,
      }),
    );
  }

  async headPosition(): Promise<number> {
    return (await this.readAll({ direction: 'backwards', maxCount: 1 }))[0]?.position ?? 0;
  }

  async healthCheck(): Promise<void> {
    this.assertOpen();
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1n })) break;
    } catch (err) {
      throw this.fault(err);
    }
  }

  async verifyIntegrity(options: VerifyOptions = {}): Promise<IntegrityReport> {
    // KurrentDB has no index by stream name to walk: the log is read once and grouped here.
    const all: StoredEvent[] = [];
    for await (const page of logPages((o) => this.readAll(o), { pageSize: 5000 })) all.push(...page);
    const row = (e: StoredEvent) => ({
      position: e.position,
      id: e.id,
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      schema_version: e.schemaVersion,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata),
      recorded_at: e.recordedAt,
      hash: e.hash,
    });
    const byStream = [...all].sort((a, b) =>
      a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : a.revision - b.revision,
    );
    const lastOf = new Map(
      byStream.map((e) => [e.stream, { stream: e.stream, revision: e.revision, last_hash: e.hash }]),
    );
    const iterate = async function* <T>(xs: Iterable<T>): AsyncIterable<T> {
      yield* xs;
    };
    return verifyLog(
      {
        byStream: () => iterate(byStream.map(row)),
        streams: () => iterate(lastOf.values()),
        byPosition: () =>
          iterate(
            all.map((e) => ({
              position: e.position,
              stream: e.stream,
              revision: e.revision,
              recorded_at: e.recordedAt,
            })),
          ),
        head: async () => all[all.length - 1]?.position ?? 0,
        contiguousPositions: false,
      },
      options,
    );
  }

  /** Appends exported events stream by stream at their revisions, keeping recorded-at and hash. */
  async importEvents(events: readonly ExportedEvent[]): Promise<void> {
    this.assertOpen();
    if ((await this.headPosition()) !== 0) throw new InvalidAppendError('import needs an empty store');
    const sorted = [...events].sort((a, b) => a.position - b.position);
    checkExport(sorted);
    for (const e of sorted) {
      const metadata: StoredMetadata = {
        m: e.metadata,
        recordedAt: e.recordedAt,
        schemaVersion: e.schemaVersion,
        hash: e.hash,
      };
      await this.client.appendToStream(
        this.stored(e.stream),
        jsonEvent({ id: e.id, type: e.type, data: e.data as Record<string, never>, metadata }),
        { streamState: toKurrentExpected(e.revision - 1) },
      );
    }
    this.signal.notify();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const live = this.live;
    this.live = null;
    await live?.unsubscribe().catch(() => undefined);
    await this.client.dispose();
  }

  /** A failure to reach the server stored nothing. */
  private fault(err: unknown): Error {
    if (err instanceof WrongExpectedRevisionError || err instanceof DuplicateEventIdError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return /unavailable|deadline|connect|ECONN|timeout/i.test(message)
      ? new StoreUnavailableError(message)
      : err instanceof Error
        ? err
        : new Error(message);
  }

  private stored(stream: string): string {
    return this.options.namespace === undefined ? stream : `${this.options.namespace}.${stream}`;
  }

  /** An event as ours: without the namespace, or undefined when it belongs to another log. */
  private ours(e: Recorded): StoredEvent | undefined {
    const ns = this.options.namespace;
    if (ns !== undefined && !e.streamId.startsWith(`${ns}.`)) return undefined;
    const mapped = toStoredEvent(e);
    return mapped === undefined || ns === undefined
      ? mapped
      : { ...mapped, stream: mapped.stream.slice(ns.length + 1) };
  }
}
