import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { eventHash } from '../eventstore/hash.ts';
import type { EventStore } from '../eventstore/types.ts';
import { ReadModelStore } from './projector.ts';

/** Exit codes of a failed start (sysexits.h): a stop an operator can tell apart without reading a trace. */
export const EXIT = { config: 78, damagedStore: 65, storeUnavailable: 69, other: 1 } as const;

/** A start-up failure with one line for the operator and the exit code that classifies it. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'StartupError';
  }
}

const RESTORE = 'restore it from a backup (docs/operations.md), then run `npm run audit:verify`';

/**
 * Before the SQLite log is opened for writing: the file must be a SQLite database that passes
 * SQLite's own quick check (a page overwritten in the middle, a garbage header and a truncated
 * file fail it). A missing file is a new log.
 */
export function checkSqliteFile(path: string): void {
  if (!existsSync(path)) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check(3)') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((x) => x !== 'ok');
    if (problems.length > 0) throw new StartupError(`the event log ${path} is damaged (${problems.join('; ')}): ${RESTORE}`, EXIT.damagedStore);
  } catch (err) {
    if (err instanceof StartupError) throw err;
    throw new StartupError(`the event log ${path} cannot be read as a database (${(err as Error).message}): ${RESTORE}`, EXIT.damagedStore, err);
  } finally {
    db?.close();
  }
}

/**
 * After opening any store: the hash of each of the last `n` events must follow from its stream's
 * previous event (a tail rewritten or cut shows here; `audit:verify` checks everything), and the
 * read models must not have folded more of the log than it holds (a log emptied, shortened or
 * replaced while the read models were kept).
 */
export async function checkLogTail(store: EventStore, where: string, readModelCheckpoint: number, n = 50): Promise<void> {
  const head = await store.headPosition();
  if (readModelCheckpoint > head) {
    throw new StartupError(
      `the event log ${where} ends at position ${head}, but the read models were built from ${readModelCheckpoint} events: the log was shortened or replaced; ${RESTORE}`,
      EXIT.damagedStore,
    );
  }
  for (const e of await store.readAll({ direction: 'backwards', maxCount: n })) {
    const prev = e.revision === 0 ? undefined : (await store.readStream(e.stream, { fromRevision: e.revision - 1, maxCount: 1 }))[0];
    if (e.revision > 0 && prev?.revision !== e.revision - 1) {
      throw new StartupError(`the event log ${where} lacks revision ${e.revision - 1} of stream "${e.stream}": ${RESTORE}`, EXIT.damagedStore);
    }
    const expected = eventHash(prev?.hash ?? null, { id: e.id, stream: e.stream, revision: e.revision, type: e.type, schemaVersion: e.schemaVersion, recordedAt: e.recordedAt, dataText: JSON.stringify(e.data), metadataText: JSON.stringify(e.metadata) });
    if (expected !== e.hash) {
      throw new StartupError(`the event at position ${e.position} of ${where} does not match its hash: the log was changed; ${RESTORE}`, EXIT.damagedStore);
    }
  }
}

/**
 * The read models are derived data: a file that cannot be opened or loaded is set aside and
 * folded again from the log, never a reason to refuse to start. Returns the store and, when it
 * was rebuilt, why.
 */
export function openReadModels(path: string): { readModels: ReadModelStore; rebuiltBecause?: string } {
  try {
    const rm = ReadModelStore.open(path, { exclusive: true });
    try {
      rm.load();
      return { readModels: rm };
    } catch (err) {
      rm.close();
      throw err;
    }
  } catch (err) {
    const message = (err as Error).message;
    if (/locked|busy/i.test(message)) throw new StartupError(`the read models ${path} are in use by another process: is the service already running on this DATA_DIR?`, EXIT.storeUnavailable, err);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return { readModels: ReadModelStore.open(path, { exclusive: true }), rebuiltBecause: message };
  }
}
