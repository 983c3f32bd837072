import type { Database as Db } from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../runtime/worker.ts';
import { LogStore } from '../subscription.ts';
import { validateAppend, validateExported } from '../validate.ts';
import {
  InvalidAppendError,
  StoreClosedError,
  type ExportedEvent,
  type IntegrityReport,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReplayedEvent,
  type StoredEvent,
  type VerifyOptions,
} from '../types.ts';
import { openDatabase } from './database.ts';
import { SqliteReader } from './reader.ts';
import { verifySqlite } from './verify.ts';
import { GroupCommit, importInBatches, type AppendOutcome, type AppendRequest } from '../group-commit.ts';
import { SqliteWriter, asText } from './writer.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for a throwaway store (tests). */
  path: string;
  /** Clock for recorded-at instants. */
  now?: () => Date;
  /** Most appends committed together in one transaction. */
  maxBatch?: number;
  /** How often subscriptions look for events written by another process. */
  pollIntervalMs?: number;
  /**
   * Where commits run for a file: on a writer thread (the fsync never blocks the event loop) or
   * inline on this thread (no hand-off between threads: higher throughput, the event loop waits
   * for each group commit). See docs/benchmarks.md for both.
   */
  writer?: 'thread' | 'inline';
  /**
   * Called after each durable group commit, before any of its appends is acknowledged: the
   * reliability tests kill the process here, between a commit and its answers.
   */
  afterCommit?: () => void;
}

/** Commits a batch of appends somewhere and reports one outcome per append. */
interface BatchCommitter {
  commit(requests: AppendRequest[]): Promise<AppendOutcome[]>;
  close(): Promise<void>;
  healthy(): boolean;
}

/**
 * The embedded event store. Appends queue up while a commit is in flight and are then committed
 * together (group commit). For a file, commits run on a writer thread, so the fsync that makes
 * them durable never blocks the event loop; reads use their own connection on this thread.
 */
export class SqliteEventStore extends LogStore implements EventStore {
  readonly kind: string;
  private readonly reader: SqliteReader;
  private readonly now: () => Date;
  private readonly group: GroupCommit;

  private constructor(
    private readonly readDb: Db,
    private readonly committer: BatchCommitter,
    options: SqliteStoreOptions,
  ) {
    super(options.pollIntervalMs ?? 1000);
    this.kind = options.path === ':memory:' ? 'sqlite-memory' : 'sqlite';
    this.reader = new SqliteReader(readDb);
    this.now = options.now ?? (() => new Date());
    this.group = new GroupCommit((requests) => committer.commit(requests), {
      maxBatch: options.maxBatch ?? 1000,
      afterCommit: options.afterCommit,
      onWritten: () => this.signal.notify(),
    });
  }

  static async open(options: SqliteStoreOptions): Promise<SqliteEventStore> {
    if (options.path === ':memory:') {
      const db = openDatabase(':memory:');
      return new SqliteEventStore(db, inlineCommitter(new SqliteWriter(db)), options);
    }
    if (options.writer === 'inline') {
      const db = openDatabase(options.path);
      return new SqliteEventStore(db, inlineCommitter(new SqliteWriter(db)), options);
    }
    // Create and migrate the file here, then hand writes to the worker and keep this connection for reads.
    const db = openDatabase(options.path);
    db.pragma('query_only = ON');
    try {
      const committer = await workerCommitter(options.path);
      return new SqliteEventStore(db, committer, options);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  append(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    let request: AppendRequest;
    try {
      const valid = validateAppend(stream, events, options);
      request = { ...valid, recordedAt: this.now().toISOString() };
    } catch (err) {
      return Promise.reject(err);
    }
    return this.group.submit(request);
  }

  async readStream(stream: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.reader.readStream(stream, options);
  }

  async streamRevision(stream: string): Promise<number> {
    this.assertOpen();
    return this.reader.streamRevision(stream);
  }

  async readAll(options?: ReadAllOptions): Promise<StoredEvent[]> {
    this.assertOpen();
    return this.reader.readAll(options);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.headPosition();
  }

  async readReplay(options?: ReadAllOptions): Promise<ReplayedEvent[]> {
    this.assertOpen();
    return this.reader.readReplay(options);
  }

  async healthCheck(): Promise<void> {
    this.assertOpen();
    if (!this.committer.healthy()) throw new Error('the writer thread is not running');
    this.readDb.prepare('SELECT 1').get();
  }

  async verifyIntegrity(options: VerifyOptions = {}): Promise<IntegrityReport> {
    this.assertOpen();
    return verifySqlite(this.readDb, options);
  }

  async importEvents(events: readonly ExportedEvent[]): Promise<void> {
    this.assertOpen();
    if (this.reader.headPosition() !== 0) throw new InvalidAppendError('import needs an empty store');
    // Each batch commits in order through the same writer as appends.
    await importInBatches(events, (requests) => this.committer.commit(requests), validateExported);
    this.signal.notify();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.group.idle();
    await this.committer.close();
    this.readDb.close();
  }
}

function inlineCommitter(writer: SqliteWriter): BatchCommitter {
  return {
    commit: async (requests) => writer.commitBatch(requests),
    close: async () => undefined,
    healthy: () => true,
  };
}

type WorkerMessage = { ready: true } | { seq: number; outcomes: AppendOutcome[] };

/** Runs SqliteWriter on a worker thread; restarts it on the next commit if it died. */
async function workerCommitter(path: string): Promise<BatchCommitter> {
  let worker: Worker | null = null;
  let seq = 0;
  const waiting = new Map<number, { resolve: (o: AppendOutcome[]) => void; reject: (e: Error) => void }>();

  const start = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const w = startWorker(new URL('./writer-worker.ts', import.meta.url), { path });
      let ready = false;
      w.on('message', (m: WorkerMessage) => {
        if ('ready' in m) {
          ready = true;
          resolve(w);
          return;
        }
        const entry = waiting.get(m.seq);
        waiting.delete(m.seq);
        entry?.resolve(m.outcomes);
      });
      const fail = (err: Error): void => {
        if (worker === w) worker = null;
        if (!ready) reject(err);
        for (const [, entry] of waiting)
          entry.reject(
            new Error(`the writer thread stopped: ${err.message}; outcome unknown, retry with the same event ids`),
          );
        waiting.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    });

  worker = await start();
  return {
    async commit(requests) {
      if (worker === null) worker = await start();
      const w = worker;
      const id = ++seq;
      return new Promise<AppendOutcome[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ seq: id, requests: requests.map(asText) });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w === null) return;
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ close: true });
      });
    },
    healthy: () => worker !== null,
  };
}
