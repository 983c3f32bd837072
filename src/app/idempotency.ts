import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { z } from 'zod';

/** What a first request answered, replayed for a retry with the same key and body. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const RowSchema = z.object({ request_hash: z.string(), status: z.number().int(), headers: z.string(), body: z.string() });
const HeadersSchema = z.record(z.string(), z.string());

/**
 * Idempotency keys, per client, kept in their own SQLite file beside the event log so that a
 * retry after a restart still replays the first answer. Rows older than `ttlDays` are pruned.
 */
export class IdempotencyStore {
  private readonly get: Statement<[string, string], unknown>;
  private readonly put: Statement<[string, string, string, number, string, string, string]>;
  private readonly prune: Statement<[string]>;

  constructor(
    private readonly db: Db,
    private readonly ttlDays = 30,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency (
      client TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER NOT NULL,
      headers TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (client, key)) STRICT`);
    this.get = db.prepare('SELECT request_hash, status, headers, body FROM idempotency WHERE client = ? AND key = ?');
    this.put = db.prepare('INSERT OR IGNORE INTO idempotency (client, key, request_hash, status, headers, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.prune = db.prepare('DELETE FROM idempotency WHERE created_at < ?');
  }

  static open(path: string): IdempotencyStore {
    const db = new Database(path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    return new IdempotencyStore(db);
  }

  find(client: string, key: string): { requestHash: string; response: StoredResponse } | undefined {
    const raw = this.get.get(client, key);
    if (raw === undefined) return undefined;
    const row = RowSchema.parse(raw);
    return { requestHash: row.request_hash, response: { status: row.status, headers: HeadersSchema.parse(JSON.parse(row.headers)), body: row.body } };
  }

  save(client: string, key: string, requestHash: string, response: StoredResponse, now: Date): void {
    this.put.run(client, key, requestHash, response.status, JSON.stringify(response.headers), response.body, now.toISOString());
    if (Math.random() < 0.01) this.prune.run(new Date(now.getTime() - this.ttlDays * 86_400_000).toISOString());
  }

  close(): void {
    this.db.close();
  }
}
