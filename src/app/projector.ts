import { applyToCatalog, emptyCatalog, type AnyDomainEvent, type Catalog } from '../../projections/catalog.ts';
import type { EventStore, Subscription } from '../eventstore/types.ts';

/**
 * Keeps the API's read models current: a subscription feeds every event into the catalog.
 * `waitFor(position)` lets a read wait until the catalog has seen a client's own write.
 */
export class Projector {
  readonly catalog: Catalog = emptyCatalog();
  private subscription: Subscription | null = null;
  private waiters: { position: number; resolve: (ok: boolean) => void }[] = [];
  failure: Error | null = null;

  constructor(private readonly store: EventStore) {}

  async start(): Promise<void> {
    this.subscription = this.store.subscribe({
      fromCheckpoint: this.catalog.position,
      batchSize: 2000,
      handler: (e) => {
        applyToCatalog(this.catalog, { type: e.type, data: e.data } as AnyDomainEvent, e);
        if (this.waiters.length > 0) this.release();
      },
    });
    this.subscription.done.catch((err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
    await this.subscription.caughtUp();
  }

  get position(): number {
    return this.catalog.position;
  }

  /** Resolves true once the catalog has reached `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.catalog.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const w = { position, resolve };
      this.waiters.push(w);
      setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== w);
        resolve(this.catalog.position >= position);
      }, timeoutMs).unref();
    });
  }

  private release(): void {
    const ready = this.waiters.filter((w) => w.position <= this.catalog.position);
    this.waiters = this.waiters.filter((w) => w.position > this.catalog.position);
    for (const w of ready) w.resolve(true);
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
  }
}
