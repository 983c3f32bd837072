import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';

/** Schema version of the SQLite file; bump and add a step to MIGRATIONS when it changes. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    position        INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    stream          TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream, revision)
  ) STRICT;
  CREATE TABLE streams (
    stream     TEXT PRIMARY KEY,
    revision   INTEGER NOT NULL,
    last_hash  TEXT    NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
];

export interface OpenOptions {
  readonly?: boolean;
}

/**
 * Opens (and for a writer, creates and migrates) the SQLite file. WAL lets readers run while the
 * writer commits; synchronous=FULL makes every commit durable before it is acknowledged.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    migrate(db);
  }
  db.pragma('cache_size = -65536');
  // Reads map the file instead of copying each page out of the OS cache: replay runs ~10 % faster.
  if (path !== ':memory:') db.pragma('mmap_size = 1073741824');
  return db;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `the event store file has schema version ${current}, ` +
        `newer than this build knows (${MIGRATIONS.length}); upgrade the service`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
