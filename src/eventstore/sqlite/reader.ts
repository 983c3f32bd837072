import type { Database as Db, Statement } from 'better-sqlite3';
import { RowDecoder, decodeReplay } from '../decode.ts';
import type { EventFilter, ReadAllOptions, ReadStreamOptions, ReplayedEvent, StoredEvent } from '../types.ts';

const COLUMNS = 'position, id, stream, revision, type, schema_version, data, metadata, recorded_at, hash';

const MAX_PAGE = 10_000;
/** Greatest code point: `stream < prefix + TOP` bounds every stream name that starts with prefix. */
const TOP = String.fromCodePoint(0x10ffff);

/** Read side of the SQLite store; runs on its own connection, so reads never wait for a commit. */
export class SqliteReader {
  private readonly statements = new Map<string, Statement<unknown[], unknown[]>>();
  private readonly decoder = new RowDecoder();
  private readonly head: Statement<[], { p: number | null }>;
  /** Plucked: the value alone, no row object (a command asks for one or two per request). */
  private readonly revision: Statement<[string], number>;

  constructor(private readonly db: Db) {
    this.head = db.prepare('SELECT max(position) AS p FROM events');
    this.revision = db.prepare<[string], number>('SELECT revision FROM streams WHERE stream = ?').pluck();
  }

  headPosition(): number {
    return this.head.get()?.p ?? 0;
  }

  streamRevision(stream: string): number {
    return this.revision.get(stream) ?? -1;
  }

  readStream(stream: string, options: ReadStreamOptions = {}): StoredEvent[] {
    const backwards = options.direction === 'backwards';
    const limit = clampCount(options.maxCount);
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const sql = backwards
      ? `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`
      : `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`;
    return this.rows(sql, [stream, from, limit]);
  }

  readAll(options: ReadAllOptions = {}): StoredEvent[] {
    const [sql, params] = logQuery(COLUMNS, options);
    return this.rows(sql, params);
  }

  readReplay(options: ReadAllOptions = {}): ReplayedEvent[] {
    const [sql, params] = logQuery(REPLAY_COLUMNS, options);
    const rows = this.prepared(sql).all(...params);
    const out = new Array<ReplayedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = decodeReplay(rows[i] as unknown[]);
    return out;
  }

  private prepared(sql: string): Statement<unknown[], unknown[]> {
    let st = this.statements.get(sql);
    if (st === undefined) {
      st = this.db.prepare<unknown[], unknown[]>(sql).raw(true);
      this.statements.set(sql, st);
    }
    return st;
  }

  private rows(sql: string, params: unknown[]): StoredEvent[] {
    const rows = this.prepared(sql).all(...params);
    const out = new Array<StoredEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.decoder.decode(rows[i] as unknown[]);
    return out;
  }
}

const REPLAY_COLUMNS = 'position, stream, revision, type, schema_version, data, recorded_at';

function logQuery(columns: string, options: ReadAllOptions): [string, unknown[]] {
  const backwards = options.direction === 'backwards';
  const from = options.fromPosition ?? (backwards ? Number.MAX_SAFE_INTEGER : 1);
  const where = [backwards ? 'position <= ?' : 'position >= ?'];
  const params: unknown[] = [from];
  appendFilter(options.filter, where, params);
  params.push(clampCount(options.maxCount));
  return [
    `SELECT ${columns} FROM events WHERE ${where.join(' AND ')} ` +
      `ORDER BY position ${backwards ? 'DESC' : 'ASC'} LIMIT ?`,
    params,
  ];
}

function appendFilter(filter: EventFilter | undefined, where: string[], params: unknown[]): void {
  if (filter?.types !== undefined) {
    if (filter.types.length === 0) where.push('0');
    else {
      where.push(`type IN (${filter.types.map(() => '?').join(',')})`);
      params.push(...filter.types);
    }
  }
  if (filter?.streamPrefix !== undefined && filter.streamPrefix !== '') {
    where.push('stream >= ? AND stream < ?');
    params.push(filter.streamPrefix, filter.streamPrefix + TOP);
  }
  if (filter?.streamPrefixes !== undefined) {
    const ps = filter.streamPrefixes.filter((p) => p !== '');
    if (ps.length === 0) where.push('0');
    else {
      where.push(`(${ps.map(() => '(stream >= ? AND stream < ?)').join(' OR ')})`);
      for (const p of ps) params.push(p, p + TOP);
    }
  }
  if (filter?.province !== undefined) {
    where.push("json_extract(metadata, '$.province') = ?");
    params.push(filter.province);
  }
  if (filter?.actor !== undefined) {
    where.push("json_extract(metadata, '$.actor') = ?");
    params.push(filter.actor);
  }
  if (filter?.recordedFrom !== undefined) {
    where.push('recorded_at >= ?');
    params.push(new Date(filter.recordedFrom).toISOString());
  }
  if (filter?.recordedTo !== undefined) {
    where.push('recorded_at <= ?');
    params.push(new Date(filter.recordedTo).toISOString());
  }
  if (filter?.toPosition !== undefined) {
    where.push('position <= ?');
    params.push(filter.toPosition);
  }
}

function clampCount(n: number | undefined): number {
  if (n === undefined) return MAX_PAGE;
  if (!Number.isInteger(n) || n < 0) throw new RangeError('maxCount must be a non-negative integer');
  return Math.min(n, MAX_PAGE);
}
