import type { PoolClient } from 'pg';

/**
 * The PostgreSQL schema, one migration a version, applied at start-up under an advisory lock (so
 * that instances starting together migrate once) and recorded in `schema_version`.
 *
 * - `events.position` is given out under the row lock of `log_head`, held until commit: appends
 *   commit one after another in position order, so no reader ever sees position n+1 before n
 *   (the out-of-order-commit trap of sequences).
 * - data and metadata are stored as the exact JSON text that was hashed (`jsonb` would reorder
 *   keys and the hash chain could no longer be recomputed from the stored bytes).
 * - `recorded_at` is the ISO text that was hashed, for the same reason. `log_head.recorded_at`
 *   is the last one written: instances' clocks differ by a little, and an event is never
 *   recorded earlier than the one before it in the log (the integrity check relies on that).
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE events (
     position        bigint  PRIMARY KEY,
     id              text    NOT NULL UNIQUE,
     stream          text    NOT NULL,
     revision        integer NOT NULL,
     type            text    NOT NULL,
     schema_version  integer NOT NULL,
     data            text    NOT NULL,
     metadata        text    NOT NULL,
     recorded_at     text    NOT NULL,
     hash            text    NOT NULL,
     UNIQUE (stream, revision)
   );
   CREATE TABLE streams (
     stream     text    PRIMARY KEY,
     revision   integer NOT NULL,
     last_hash  text    NOT NULL
   );
   CREATE TABLE log_head (
     only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
     position     bigint  NOT NULL,
     recorded_at  text    NOT NULL
   );
   INSERT INTO log_head (position, recorded_at) VALUES (0, '');`,
];

/** Key of the advisory lock taken while migrating (any stable 64-bit number). */
const MIGRATION_LOCK = 7_413_802_911;

export async function migrate(client: PoolClient, schema: string): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${ident(schema)}.schema_version ` +
        '(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>(
      `SELECT max(version) AS v FROM ${ident(schema)}.schema_version`,
    );
    const current = rows[0]?.v ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `the event store schema is at version ${current}, ` +
          `newer than this build knows (${MIGRATIONS.length}); upgrade the service`,
      );
    }
    for (let v = current; v < MIGRATIONS.length; v++) {
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${ident(schema)}`);
        await client.query(MIGRATIONS[v] as string);
        await client.query(`INSERT INTO ${ident(schema)}.schema_version (version) VALUES ($1)`, [v + 1]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return MIGRATIONS.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

/** A schema name as an SQL identifier (letters, digits and underscores only, checked). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
    throw new Error(`"${name}" is not a valid schema name (lower-case letters, digits, _)`);
  return `"${name}"`;
}
