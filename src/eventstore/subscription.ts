import {
  StoreClosedError,
  type ReadAllOptions,
  type ReplayedEvent,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription,
} from './types.ts';

/**
 * Wakes subscriptions when the store commits. `version` only grows, so a subscription that read
 * the version before a read can never miss a wake-up that happened during the read.
 */
export class CommitSignal {
  private current = 0;
  private waiters = new Set<() => void>();

  get version(): number {
    return this.current;
  }

  notify(): void {
    this.current += 1;
    const ws = this.waiters;
    this.waiters = new Set();
    for (const w of ws) w();
  }

  /** Resolves once version > seen, or after timeoutMs (a poll, for writes made by other processes). */
  wait(seen: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (this.current !== seen || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}

export interface SubscriptionTuning {
  /** How often to look for events written by another process, when no commit signal arrives. */
  pollIntervalMs: number;
  /**
   * The log's head, every position up to which is committed and readable (SQLite's single writer;
   * PostgreSQL's head row, moved in the transaction that commits the events). With a filter, a
   * short page read after it shows that nothing up to it is left for the subscription, so the
   * checkpoint moves there: the next read starts after it, not after the last event that matched.
   */
  head?: () => Promise<number>;
}

/**
 * Catch-up then live subscription over `readAll`. Events are handed over one at a time in global
 * order; the checkpoint only moves after the handler has returned, so a restart from the last
 * checkpoint neither skips nor repeats an event. Correct for stores that assign positions in
 * commit order (SQLite's single writer); a store with concurrent writers must only expose
 * positions below its oldest open transaction to `readAll`.
 */
export function pollingSubscription<E extends { position: number }>(
  read: (options: ReadAllOptions) => Promise<E[]>,
  signal: CommitSignal,
  options: SubscribeOptions<E>,
  tuning: SubscriptionTuning,
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const abort = new AbortController();
  let checkpoint = options.fromCheckpoint ?? 0;
  let caughtUpOnce = false;
  const caughtUpWaiters: (() => void)[] = [];

  const markCaughtUp = (): void => {
    if (caughtUpOnce) return;
    caughtUpOnce = true;
    for (const w of caughtUpWaiters.splice(0)) w();
  };

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      const seen = signal.version;
      const top = options.filter !== undefined && tuning.head !== undefined ? await tuning.head() : undefined;
      const page: E[] = await read({
        fromPosition: checkpoint + 1,
        maxCount: batchSize,
        filter: options.filter,
      });
      for (const event of page) {
        if (abort.signal.aborted) return;
        // A handler that returns nothing (a fold) costs no promise turn per event.
        const pending = options.handler(event);
        if (pending !== undefined) await pending;
        checkpoint = event.position;
      }
      if (page.length < batchSize) {
        // Every event up to `top` was committed before the read: those the filter left out are passed.
        if (top !== undefined && top > checkpoint && !abort.signal.aborted) checkpoint = top;
        markCaughtUp();
        await signal.wait(seen, tuning.pollIntervalMs, abort.signal);
      }
    }
  };

  const done = run();
  // The failure is reported through `done`; keep it from becoming an unhandled rejection too.
  done.catch(() => undefined);

  return {
    get checkpoint() {
      return checkpoint;
    },
    caughtUp: () =>
      Promise.race([
        caughtUpOnce ? Promise.resolve() : new Promise<void>((resolve) => caughtUpWaiters.push(resolve)),
        done,
      ]),
    async stop() {
      abort.abort();
      await done.catch(() => undefined);
    },
    done,
  };
}

/**
 * What every adapter shares: the open/closed guard, and subscriptions that read the log after
 * their checkpoint, woken by the adapter's own commits (`signal.notify()`) and polling for writes
 * of other processes.
 */
export abstract class LogStore {
  protected readonly signal = new CommitSignal();
  protected closed = false;

  constructor(private readonly pollIntervalMs: number) {}

  abstract readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  abstract readReplay(options?: ReadAllOptions): Promise<ReplayedEvent[]>;
  abstract headPosition(): Promise<number>;

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    return pollingSubscription((o) => this.readAll(o), this.signal, options, {
      pollIntervalMs: this.pollIntervalMs,
      head: () => this.headPosition(),
    });
  }

  subscribeReplay(options: SubscribeOptions<ReplayedEvent>): Subscription {
    this.assertOpen();
    return pollingSubscription((o) => this.readReplay(o), this.signal, options, {
      pollIntervalMs: this.pollIntervalMs,
      head: () => this.headPosition(),
    });
  }

  protected assertOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }
}
