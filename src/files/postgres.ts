import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { ident } from '../eventstore/postgres/schema.ts';
import { fileStoreFault, requireKey, type FileStore } from './types.ts';

/** Key of the advisory lock taken while the tables are created (any stable 64-bit number, not the log's). */
const FILES_LOCK = 7_413_802_912;

/** Rows of 256 KiB: a file goes in and out one row at a time, so memory stays flat whatever its size. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Files in PostgreSQL (STORE=postgres, or KurrentDB with DATABASE_URL): `attachment_files` (one row
 * a file: its key and size) and `attachment_chunks` (its bytes, in rows of 256 KiB by sequence). A
 * file is written in one transaction, its `attachment_files` row last: a file is there whole or
 * not at all. Tables are created here at start-up (`IF NOT EXISTS`), in the log's schema.
 */
export class PostgresFileStore implements FileStore {
  readonly kind = 'postgres';

  private constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
    readonly incoming: string,
  ) {}

  static async open(options: { url: string; schema?: string; incoming: string }): Promise<PostgresFileStore> {
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    pool.on('error', () => undefined);
    const s = ident(options.schema ?? 'public');
    try {
      // Instances starting together create the tables once: CREATE … IF NOT EXISTS alone races.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [FILES_LOCK]);
        await client.query(
          `CREATE SCHEMA IF NOT EXISTS ${s};
         CREATE TABLE IF NOT EXISTS ${s}.attachment_chunks (
           key   text    NOT NULL,
           seq   integer NOT NULL,
           bytes bytea   NOT NULL,
           PRIMARY KEY (key, seq)
         );
         CREATE TABLE IF NOT EXISTS ${s}.attachment_files (
           key        text        PRIMARY KEY,
           size       bigint      NOT NULL,
           chunks     integer     NOT NULL,
           stored_at  timestamptz NOT NULL DEFAULT now()
         );`,
        );
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [FILES_LOCK]).catch(() => undefined);
        client.release();
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    await mkdir(options.incoming, { recursive: true });
    return new PostgresFileStore(pool, s, options.incoming);
  }

  async put(key: string, path: string): Promise<void> {
    requireKey(key);
    if ((await this.size(key)) !== undefined) return;
    const client = await this.pool.connect().catch((err: unknown) => {
      throw fileStoreFault(err, 'keep the file');
    });
    try {
      await client.query('BEGIN');
      let seq = 0;
      let size = 0;
      for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
        await client.query(
          `INSERT INTO ${this.schema}.attachment_chunks (key, seq, bytes) VALUES ($1, $2, $3)
           ON CONFLICT (key, seq) DO NOTHING`,
          [key, seq++, chunk],
        );
        size += chunk.length;
      }
      await client.query(
        `INSERT INTO ${this.schema}.attachment_files (key, size, chunks) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`,
        [key, size, seq],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw fileStoreFault(err, 'keep the file');
    } finally {
      client.release();
    }
  }

  async size(key: string): Promise<number | undefined> {
    requireKey(key);
    try {
      const { rows } = await this.pool.query<{ size: string }>(
        `SELECT size FROM ${this.schema}.attachment_files WHERE key = $1`,
        [key],
      );
      return rows[0] === undefined ? undefined : Number(rows[0].size);
    } catch (err) {
      throw fileStoreFault(err, 'read the file');
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const size = await this.size(key);
    if (size === undefined)
      throw fileStoreFault(Object.assign(new Error(`no file ${key}`), { code: 'ENOENT' }), 'read the file');
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1);
    const pool = this.pool;
    const schema = this.schema;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = Math.floor(start / CHUNK_BYTES); seq * CHUNK_BYTES <= end; seq++) {
        const { rows } = await pool.query<{ bytes: Buffer }>(
          `SELECT bytes FROM ${schema}.attachment_chunks WHERE key = $1 AND seq = $2`,
          [key, seq],
        );
        const bytes = rows[0]?.bytes;
        if (bytes === undefined) throw new Error(`file ${key} lacks its chunk ${seq}`);
        const from = Math.max(0, start - seq * CHUNK_BYTES);
        const to = Math.min(bytes.length, end - seq * CHUNK_BYTES + 1);
        yield bytes.subarray(from, to);
      }
    }
    return Readable.from(size === 0 ? [] : chunks(), { objectMode: false });
  }

  async *keys(): AsyncIterable<string> {
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT key FROM ${this.schema}.attachment_files ORDER BY key`,
    );
    for (const r of rows) yield r.key;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
