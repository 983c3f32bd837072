import type { Database as Db, Statement } from 'better-sqlite3';
import { eventHash } from '../hash.ts';
import { checkAppend, type AppendOutcome, type AppendRequest, type IdRow, type Stored } from '../group-commit.ts';
import { errorToPayload, type AppendResult, type ValidNewEvent } from '../types.ts';

/** An event as the writer thread receives it: data and metadata already JSON text, cheaper to post than objects. */
export type TextEvent = Omit<ValidNewEvent, 'data' | 'metadata'> & { dataText: string; metadataText: string };
/**
 * An append as the writer takes it: its events as objects (in this thread) or as text (posted to the
 * writer thread).
 */
export type WriterRequest = Omit<AppendRequest, 'events'> & { events: (ValidNewEvent | TextEvent)[] };

/** An append with its events' data serialised once, here, for the writer thread. */
export function asText(req: AppendRequest): WriterRequest {
  return {
    stream: req.stream,
    expectedRevision: req.expectedRevision,
    recordedAt: req.recordedAt,
    events: req.events.map((e) => ({
      id: e.id,
      type: e.type,
      schemaVersion: e.schemaVersion,
      dataText: JSON.stringify(e.data),
      metadataText: JSON.stringify(e.metadata),
    })),
  };
}

/**
 * The write side of the SQLite store. `commitBatch` commits many appends in one transaction
 * (group commit: one fsync for all of them) while each append runs in its own savepoint, so one
 * that fails its expected-revision check, or any other rule, is rolled back alone.
 */
export class SqliteWriter {
  private readonly byId: Statement<[string], IdRow>;
  private readonly streamRow: Statement<[string], { revision: number; last_hash: string }>;
  private readonly insert: Statement<unknown[]>;
  private readonly upsertStream: Statement<[string, number, string]>;
  private readonly batch: (requests: readonly WriterRequest[]) => AppendOutcome[];
  private readonly stored: Stored;

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT stream, revision, position FROM events WHERE id = ?');
    this.streamRow = db.prepare('SELECT revision, last_hash FROM streams WHERE stream = ?');
    this.insert = db.prepare(
      `INSERT INTO events (id, stream, revision, type, schema_version, data, metadata, recorded_at, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertStream = db.prepare(
      `INSERT INTO streams (stream, revision, last_hash) VALUES (?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash`,
    );
    this.stored = {
      idRow: (id) => this.byId.get(id),
      revisionOf: (stream) => this.streamRow.get(stream)?.revision ?? -1,
    };
    // Each append is checked in full before its first insert, so a refused append writes nothing
    // and the batch needs no savepoint per append; an insert that still fails (I/O) fails the batch.
    const all = db.transaction((requests: readonly WriterRequest[]): AppendOutcome[] =>
      requests.map((req) => {
        let checked: AppendResult | number;
        try {
          checked = checkAppend(req, this.stored);
        } catch (err) {
          return { ok: false, error: errorToPayload(err) };
        }
        return { ok: true, result: typeof checked === 'number' ? this.write(req, checked) : checked };
      }),
    );
    this.batch = (requests) => all.immediate(requests);
  }

  commitBatch(requests: readonly WriterRequest[]): AppendOutcome[] {
    try {
      return this.batch(requests);
    } catch (err) {
      // The commit itself failed and was rolled back: a full disk or a read-only file system
      // stored nothing (store-unavailable); after an I/O error SQLite cannot promise that
      // (outcome-unknown). errorToPayload tells them apart by SQLite's error code.
      const error = errorToPayload(err);
      return requests.map(() => ({ ok: false, error }));
    }
  }

  private write(req: WriterRequest, current: number): AppendResult {
    let prevHash: string | null = current < 0 ? null : (this.streamRow.get(req.stream)?.last_hash ?? null);
    let revision = current;
    let firstPosition = 0;
    let position = 0;
    for (const e of req.events) {
      revision += 1;
      const dataText = 'dataText' in e ? e.dataText : JSON.stringify(e.data);
      const metadataText = 'metadataText' in e ? e.metadataText : JSON.stringify(e.metadata);
      const hash = eventHash(prevHash, {
        id: e.id,
        stream: req.stream,
        revision,
        type: e.type,
        schemaVersion: e.schemaVersion,
        recordedAt: req.recordedAt,
        dataText,
        metadataText,
      });
      const info = this.insert.run(
        e.id,
        req.stream,
        revision,
        e.type,
        e.schemaVersion,
        dataText,
        metadataText,
        req.recordedAt,
        hash,
      );
      position = Number(info.lastInsertRowid);
      if (firstPosition === 0) firstPosition = position;
      prevHash = hash;
    }
    this.upsertStream.run(req.stream, revision, prevHash as string);
    return { stream: req.stream, revision, firstPosition, position, duplicate: false };
  }
}
