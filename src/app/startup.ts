import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { eventHash } from '../eventstore/hash.ts';
import type { EventStore } from '../eventstore/types.ts';
import { startWorker } from '../runtime/worker.ts';
import { ReadModelStore } from './read-model-store.ts';

/** Exit codes of a failed start (sysexits.h): a stop an operator can tell apart without reading a trace. */
export const EXIT = {
  config: 78,
  damagedStore: 65,
  storeUnavailable: 69,
  cannotWrite: 73,
  ioError: 74,
  other: 1,
} as const;

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
 * A file-system failure as the operator's cause and remedy, or undefined when it is not one: a
 * read-only mount, missing permissions, no space, an I/O error. None of these means the log is
 * damaged, and the advice must not send anyone to a backup.
 */
export function fileSystemCause(err: unknown, path: string): StartupError | undefined {
  const code = String((err as { code?: unknown }).code ?? '');
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'EROFS' || /^SQLITE_READONLY/.test(code) || /read-?only (file ?system|database)/i.test(message)) {
    return new StartupError(
      `${path} is on a read-only file system or cannot be written (${message}): ` +
        'the service writes its event log and read models there; ' +
        'mount DATA_DIR read-write (the files themselves are not damaged)',
      EXIT.cannotWrite,
      err,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new StartupError(
      `${path} cannot be written by this user (${message}): ` +
        `give the service's user (uid ${process.getuid?.() ?? '?'}) read and write access to DATA_DIR and its files ` +
        '(the files themselves are not damaged)',
      EXIT.cannotWrite,
      err,
    );
  }
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new StartupError(
      `no space left for ${path} (${message}): free space on the volume of DATA_DIR`,
      EXIT.cannotWrite,
      err,
    );
  }
  if (code === 'SQLITE_CANTOPEN' || code === 'ENOTDIR' || code === 'EISDIR') {
    return new StartupError(
      `${path} cannot be opened (${message}): DATA_DIR must be a folder the service can create files in`,
      EXIT.cannotWrite,
      err,
    );
  }
  if (code === 'EIO' || /^SQLITE_IOERR/.test(code)) {
    return new StartupError(
      `reading or writing ${path} failed with an I/O error (${message}): check the disk and the volume of DATA_DIR`,
      EXIT.ioError,
      err,
    );
  }
  return undefined;
}

/**
 * Before anything is opened: DATA_DIR exists (it is created if missing), and it and the files
 * already in it can be written. A read-only mount or a wrong owner is named as such.
 */
export function checkDataDir(dir: string, files: readonly string[]): void {
  const attempt = (path: string, act: () => void): void => {
    try {
      act();
    } catch (err) {
      throw (
        fileSystemCause(err, path) ??
        new StartupError(`${path} cannot be used (${(err as Error).message})`, EXIT.cannotWrite, err)
      );
    }
  };
  attempt(dir, () => mkdirSync(dir, { recursive: true }));
  attempt(dir, () => accessSync(dir, constants.R_OK | constants.W_OK | constants.X_OK));
  for (const f of files) if (existsSync(f)) attempt(f, () => accessSync(f, constants.R_OK | constants.W_OK));
}

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
    if (problems.length > 0)
      throw new StartupError(
        `the event log ${path} is damaged (${problems.join('; ')}): ${RESTORE}`,
        EXIT.damagedStore,
      );
  } catch (err) {
    if (err instanceof StartupError) throw err;
    const fs = fileSystemCause(err, path);
    if (fs !== undefined) throw fs;
    throw new StartupError(
      `the event log ${path} cannot be read as a database (${(err as Error).message}): ${RESTORE}`,
      EXIT.damagedStore,
      err,
    );
  } finally {
    db?.close();
  }
}

/**
 * `checkSqliteFile` on a worker thread, so that it overlaps with loading the read models; start-up
 * awaits it before it takes requests. (A file that is not a database at all is refused sooner,
 * by opening the store.)
 */
export function checkSqliteFileInBackground(path: string): Promise<void> {
  if (!existsSync(path)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./log-check-worker.ts', import.meta.url), { path });
    worker.once('message', (m: { message: string; exitCode: number } | null) => {
      void worker.terminate();
      if (m === null) resolve();
      else reject(new StartupError(m.message, m.exitCode));
    });
    worker.once('error', (err) =>
      reject(new StartupError(`the event log ${path} could not be checked (${err.message})`, EXIT.other, err)),
    );
  });
}

/**
 * After opening any store: the hash of each of the last `n` events must follow from its stream's
 * previous event (a tail rewritten or cut shows here; `audit:verify` checks everything), and the
 * read models must not have folded more of the log than it holds (a log emptied, shortened or
 * replaced while the read models were kept).
 */
export async function checkLogTail(
  store: EventStore,
  where: string,
  readModelCheckpoint: number,
  n = 50,
): Promise<void> {
  const head = await store.headPosition();
  if (readModelCheckpoint > head) {
    throw new StartupError(
      `the event log ${where} ends at position ${head}, ` +
        `but the read models were built from ${readModelCheckpoint} events: ` +
        `the log was shortened or replaced; ${RESTORE}`,
      EXIT.damagedStore,
    );
  }
  for (const e of await store.readAll({ direction: 'backwards', maxCount: n })) {
    const prev =
      e.revision === 0
        ? undefined
        : (await store.readStream(e.stream, { fromRevision: e.revision - 1, maxCount: 1 }))[0];
    if (e.revision > 0 && prev?.revision !== e.revision - 1) {
      throw new StartupError(
        `the event log ${where} lacks revision ${e.revision - 1} of stream "${e.stream}": ${RESTORE}`,
        EXIT.damagedStore,
      );
    }
    const expected = eventHash(prev?.hash ?? null, {
      id: e.id,
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      schemaVersion: e.schemaVersion,
      recordedAt: e.recordedAt,
      dataText: JSON.stringify(e.data),
      metadataText: JSON.stringify(e.metadata),
    });
    if (expected !== e.hash) {
      throw new StartupError(
        `the event at position ${e.position} of ${where} does not match its hash: the log was changed; ${RESTORE}`,
        EXIT.damagedStore,
      );
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
      rm.preload();
      return { readModels: rm };
    } catch (err) {
      rm.close();
      throw err;
    }
  } catch (err) {
    const message = (err as Error).message;
    if (/locked|busy/i.test(message))
      throw new StartupError(
        `the read models ${path} are in use by another process: is the service already running on this DATA_DIR?`,
        EXIT.storeUnavailable,
        err,
      );
    const fs = fileSystemCause(err, path);
    if (fs !== undefined) throw fs;
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    return { readModels: ReadModelStore.open(path, { exclusive: true }), rebuiltBecause: message };
  }
}
