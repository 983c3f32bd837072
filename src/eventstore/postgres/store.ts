import pg from 'pg';
import { GroupCommit, importInBatches, planBatch, type AppendOutcome, type AppendRequest } from '../group-commit.ts';
import { LogStore } from '../subscription.ts';
import { validateAppend, validateExported } from '../validate.ts';
import { verifyLog } from '../verify.ts';
import {
  InvalidAppendError,
  OutcomeUnknownError,
  StoreClosedError,
  StoreUnavailableError,
  type AppendOptions,
  type AppendResult,
  type EventFilter,
  type EventStore,
  type ExportedEvent,
  type IntegrityReport,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReplayedEvent,
  type StoredEvent,
  type VerifyOptions,
} from '../types.ts';
import { RowDecoder, decodeReplay } from '../decode.ts';
import type { Lease, Leasing } from '../lease.ts';
import { AdvisoryLease } from './lease.ts';
import { ident, migrate } from './schema.ts';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Schema holding the tables (default `public`): several logs can share one database. */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  now?: () => Date;
  /** Most appends committed together in one transaction (default 1,000). */
  maxBatch?: number;
  /** How often subscriptions read the log when no NOTIFY arrives (default 1,000 ms). */
  pollIntervalMs?: number;
  afterCommit?: () => void;
}

const CHANNEL = 'cam_events';
const COLUMNS = 'position, id, stream, revision, type, schema_version, data, metadata, recorded_at, hash';
const REPLAY_COLUMNS = 'position, stream, revision, type, schema_version, data, recorded_at';
const MAX_PAGE = 10_000;

/** int8 as a JavaScript number: positions stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

type Row = [number, string, string, number, string, number, string, string, string, string];

/**
 * The PostgreSQL event store: the same semantics as the SQLite one (the contract suite runs
 * against both), for deployments where a database team runs the store and several service
 * instances share one log.
 *
 * Appends go through the same group commit as SQLite: one transaction per batch takes the row
 * lock of `log_head` first, so transactions of all instances commit one after another in
 * position order, and a subscription reading "after my checkpoint" can never skip an event that
 * commits late. Commits are announced with NOTIFY; subscriptions also poll, for a lost listener.
 */
export class PostgresEventStore extends LogStore implements EventStore, Leasing {
  readonly kind = 'postgres';
  private readonly group: GroupCommit;
  private readonly now: () => Date;
  private readonly t: string;
  private listener: pg.Client | null = null;
  private readonly decoder = new RowDecoder();

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresStoreOptions,
    readonly schemaVersion: number,
  ) {
    super(options.pollIntervalMs ?? 1000);
    this.now = options.now ?? (() => new Date());
    this.t = ident(options.schema ?? 'public');
    this.group = new GroupCommit((requests) => this.commitBatch(requests), {
      maxBatch: options.maxBatch ?? 1000,
      afterCommit: options.afterCommit,
      onWritten: () => this.signal.notify(),
    });
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresEventStore> {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, types });
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => undefined);
    let version: number;
    try {
      const client = await pool.connect();
      try {
        version = await migrate(client, options.schema ?? 'public');
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    const store = new PostgresEventStore(pool, options, version);
    await store.listen();
    return store;
  }

  /** LISTEN on a connection of its own; reconnects after losing it (polling covers the gap). */
  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.options.connectionString, types });
    client.on('error', () => undefined);
    client.on('notification', () => this.signal.notify());
    client.on('end', () => {
      if (this.listener === client) this.listener = null;
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    let request: AppendRequest;
    try {
      request = { ...validateAppend(stream, events, options), recordedAt: this.now().toISOString() };
    } catch (err) {
      return Promise.reject(err);
    }
    return this.group.submit(request);
  }

  /** One transaction for a batch of appends: lock the head, check, insert, move the head, notify. */
  private async commitBatch(batch: AppendRequest[], keepRecordedAt = false): Promise<AppendOutcome[]> {
    const client = await this.connect();
    let committing = false;
    try {
      // Round trips: lock, read what the batch touches, write everything, commit.
      const begun = (await client.query(
        `BEGIN; SELECT position, recorded_at FROM ${this.t}.log_head FOR UPDATE`,
      )) as unknown as pg.QueryResult[];
      const locked = begun[1]?.rows[0] as { position: number; recorded_at: string } | undefined;
      const head = locked?.position ?? 0;
      // Recorded-at instants never go back along the log, whichever instance's clock gave them.
      let latest = locked?.recorded_at ?? '';
      const requests = keepRecordedAt
        ? batch
        : batch.map((r) => (r.recordedAt >= latest ? ((latest = r.recordedAt), r) : { ...r, recordedAt: latest }));
      const ids = requests.flatMap((r) => r.events.map((e) => e.id));
      const names = [...new Set(requests.map((r) => r.stream))];
      // Read after the lock, in a statement of its own: it sees every batch committed before ours.
      const known = await client.query<{
        kind: 'id' | 'stream';
        key: string;
        stream: string;
        revision: number;
        position: number | null;
        last_hash: string | null;
      }>(
        `SELECT 'id' AS kind, id AS key, stream, revision, position, NULL AS last_hash
           FROM ${this.t}.events WHERE id = ANY($1::text[])
         UNION ALL SELECT 'stream', stream, stream, revision, NULL, last_hash
           FROM ${this.t}.streams WHERE stream = ANY($2::text[])`,
        [ids, names],
      );
      const plan = planBatch(
        requests,
        head,
        new Map(
          known.rows
            .filter((r) => r.kind === 'id')
            .map((r) => [r.key, { stream: r.stream, revision: r.revision, position: r.position ?? 0 }]),
        ),
        new Map(
          known.rows
            .filter((r) => r.kind === 'stream')
            .map((r) => [r.key, { revision: r.revision, lastHash: r.last_hash ?? '' }]),
        ),
      );
      if (plan.rows.length === 0) {
        await client.query('ROLLBACK');
        return plan.outcomes;
      }
      const col = <K extends keyof (typeof plan.rows)[number]>(k: K) => plan.rows.map((r) => r[k]);
      const touched = [...plan.streams];
      await client.query(
        `WITH e AS (
           INSERT INTO ${this.t}.events
             (position, id, stream, revision, type, schema_version, data, metadata, recorded_at, hash)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[],
                                $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])),
         s AS (
           INSERT INTO ${this.t}.streams (stream, revision, last_hash)
           SELECT * FROM unnest($11::text[], $12::int[], $13::text[])
           ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash),
         h AS (UPDATE ${this.t}.log_head SET position = $14, recorded_at = $15)
         SELECT pg_notify('${CHANNEL}', $16)`,
        [
          col('position'),
          col('id'),
          col('stream'),
          col('revision'),
          col('type'),
          col('schemaVersion'),
          col('data'),
          col('metadata'),
          col('recordedAt'),
          col('hash'),
          touched.map(([name]) => name),
          touched.map(([, v]) => v.revision),
          touched.map(([, v]) => v.lastHash),
          plan.head,
          plan.rows[plan.rows.length - 1]?.recordedAt ?? '',
          String(plan.head),
        ],
      );
      committing = true;
      await client.query('COMMIT');
      return plan.outcomes;
    } catch (err) {
      // Before COMMIT was sent, the transaction is rolled back (or dies with its connection):
      // nothing was stored. A failure while committing leaves the outcome unknown.
      await client.query('ROLLBACK').catch(() => undefined);
      if (committing) throw new OutcomeUnknownError(err instanceof Error ? err.message : String(err));
      throw new StoreUnavailableError(err instanceof Error ? err.message : String(err));
    } finally {
      client.release();
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (err) {
      throw new StoreUnavailableError(err instanceof Error ? err.message : String(err));
    }
  }

  private async rows<R>(sql: string, params: unknown[]): Promise<R[]> {
    this.assertOpen();
    return (await this.pool.query<R extends unknown[] ? R : never>({ text: sql, values: params, rowMode: 'array' }))
      .rows as R[];
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 2 ** 31 - 1 : 0);
    const sql =
      `SELECT ${COLUMNS} FROM ${this.t}.events WHERE stream = $1 AND revision ${backwards ? '<=' : '>='} $2 ` +
      `ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`;
    return (await this.rows<Row>(sql, [stream, Math.min(from, 2 ** 31 - 1), clampCount(options.maxCount)])).map((r) =>
      this.decoder.decode(r),
    );
  }

  async streamRevision(stream: string): Promise<number> {
    const rows = await this.rows<[number]>(`SELECT revision FROM ${this.t}.streams WHERE stream = $1`, [stream]);
    return rows[0]?.[0] ?? -1;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const [sql, params] = this.logQuery(COLUMNS, options);
    return (await this.rows<Row>(sql, params)).map((r) => this.decoder.decode(r));
  }

  async readReplay(options: ReadAllOptions = {}): Promise<ReplayedEvent[]> {
    const [sql, params] = this.logQuery(REPLAY_COLUMNS, options);
    return (await this.rows<unknown[]>(sql, params)).map(decodeReplay);
  }

  private logQuery(columns: string, options: ReadAllOptions): [string, unknown[]] {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [options.fromPosition ?? (backwards ? Number.MAX_SAFE_INTEGER : 1)];
    const where = [backwards ? 'position <= $1' : 'position >= $1'];
    filterSql(options.filter, where, params);
    params.push(clampCount(options.maxCount));
    return [
      `SELECT ${columns} FROM ${this.t}.events WHERE ${where.join(' AND ')} ` +
        `ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT $${params.length}`,
      params,
    ];
  }

  async headPosition(): Promise<number> {
    return (await this.rows<[number]>(`SELECT position FROM ${this.t}.log_head`, []))[0]?.[0] ?? 0;
  }

  async healthCheck(): Promise<void> {
    this.assertOpen();
    await this.pool.query('SELECT 1');
  }

  async verifyIntegrity(options: VerifyOptions = {}): Promise<IntegrityReport> {
    this.assertOpen();
    const pages = (
      sql: string,
      key: (r: Record<string, unknown>) => unknown[],
      order: string,
    ): AsyncIterable<unknown> => {
      const pool = this.pool;
      return (async function* () {
        let after: unknown[] | null = null;
        for (;;) {
          const cond: string =
            after === null ? '' : `WHERE (${order}) > (${after.map((_, i) => `$${i + 1}`).join(', ')})`;
          const { rows } = await pool.query<Record<string, unknown>>(
            `${sql} ${cond} ORDER BY ${order} LIMIT 5000`,
            after ?? [],
          );
          yield* rows;
          const last = rows[rows.length - 1];
          if (last === undefined || rows.length < 5000) return;
          after = key(last);
        }
      })();
    };
    return verifyLog(
      {
        byStream: () =>
          pages(
            `SELECT ${COLUMNS} FROM ${this.t}.events`,
            (r) => [r.stream, r.revision],
            'stream COLLATE "C", revision',
          ),
        streams: () =>
          pages(`SELECT stream, revision, last_hash FROM ${this.t}.streams`, (r) => [r.stream], 'stream COLLATE "C"'),
        byPosition: () =>
          pages(
            `SELECT position, stream, revision, recorded_at FROM ${this.t}.events`,
            (r) => [r.position],
            'position',
          ),
        head: async () =>
          (await this.rows<[number | null]>(`SELECT max(position) FROM ${this.t}.events`, []))[0]?.[0] ?? 0,
      },
      options,
    );
  }

  async importEvents(events: readonly ExportedEvent[]): Promise<void> {
    this.assertOpen();
    if ((await this.headPosition()) !== 0) throw new InvalidAppendError('import needs an empty store');
    await importInBatches(events, (requests) => this.commitBatch(requests, true), validateExported);
    this.signal.notify();
  }

  /** A lease among the instances sharing this log: an advisory lock named after the schema and `name`. */
  lease(name: string): Lease {
    return new AdvisoryLease(this.options.connectionString, `${this.options.schema ?? 'public'}.${name}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.group.idle();
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => undefined);
    await this.pool.end();
  }
}

function clampCount(n: number | undefined): number {
  if (n === undefined) return MAX_PAGE;
  if (!Number.isInteger(n) || n < 0) throw new RangeError('maxCount must be a non-negative integer');
  return Math.min(n, MAX_PAGE);
}

function filterSql(filter: EventFilter | undefined, where: string[], params: unknown[]): void {
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  if (filter?.types !== undefined)
    where.push(filter.types.length === 0 ? 'false' : `type = ANY(${p([...filter.types])}::text[])`);
  if (filter?.streamPrefix !== undefined && filter.streamPrefix !== '')
    where.push(`starts_with(stream, ${p(filter.streamPrefix)})`);
  if (filter?.streamPrefixes !== undefined) {
    const ps = filter.streamPrefixes.filter((x) => x !== '');
    where.push(ps.length === 0 ? 'false' : `(${ps.map((x) => `starts_with(stream, ${p(x)})`).join(' OR ')})`);
  }
  if (filter?.province !== undefined) where.push(`(metadata::jsonb ->> 'province') = ${p(filter.province)}`);
  if (filter?.actor !== undefined) where.push(`(metadata::jsonb ->> 'actor') = ${p(filter.actor)}`);
  if (filter?.recordedFrom !== undefined)
    where.push(`recorded_at COLLATE "C" >= ${p(new Date(filter.recordedFrom).toISOString())}`);
  if (filter?.recordedTo !== undefined)
    where.push(`recorded_at COLLATE "C" <= ${p(new Date(filter.recordedTo).toISOString())}`);
  if (filter?.toPosition !== undefined) where.push(`position <= ${p(filter.toPosition)}`);
}
