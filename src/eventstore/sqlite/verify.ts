import type { Database as Db } from 'better-sqlite3';
import type { IntegrityReport, VerifyOptions } from '../types.ts';
import { verifyLog } from '../verify.ts';

/** verifyLog over the SQLite file (see ../verify.ts). */
export function verifySqlite(db: Db, options: VerifyOptions = {}): Promise<IntegrityReport> {
  const rows = async function* (sql: string): AsyncIterable<unknown> {
    yield* db.prepare(sql).iterate();
  };
  return verifyLog(
    {
      byStream: () =>
        rows(
          'SELECT position, id, stream, revision, type, schema_version, data, metadata, recorded_at, hash ' +
            'FROM events ORDER BY stream, revision',
        ),
      streams: () => rows('SELECT stream, revision, last_hash FROM streams'),
      byPosition: () => rows('SELECT position, stream, revision, recorded_at FROM events ORDER BY position'),
      head: async () => (db.prepare('SELECT max(position) AS p FROM events').get() as { p: number | null }).p ?? 0,
    },
    options,
  );
}
