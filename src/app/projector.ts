import { shellCatalog } from './catalog-storage.ts';
import { campaignKey, type Catalog } from '../../projections/catalog.ts';
import { applyToCatalog } from '../../projections/fold.ts';
import type { CampaignSnapshot } from '../../projections/snapshot.ts';
import { logPages } from '../eventstore/pages.ts';
import type { EventStore, ReplayedEvent, Subscription } from '../eventstore/types.ts';
import { pack, type PackedSnapshot, type ReadModelStore } from './read-model-store.ts';
import { domainEvent } from './replay.ts';
import {
  MemorySnapshotStore,
  SnapshotTaker,
  parseSnapshot,
  type SnapshotStore,
  type StoredSnapshot,
} from './snapshots.ts';

export interface ProjectorOptions {
  /** Saved read models; kept in memory only when omitted. */
  readModels?: ReadModelStore;
  /** Events folded between saves. */
  saveEvery?: number;
  /** Test hook: runs inside the save transaction, before it commits. */
  beforeCommit?: () => void;
  /** Longest wait between an event and the save that includes it (default 1 s). */
  saveDelayMs?: number;
  /** A campaign is snapshotted after this many of its events since its last snapshot (default 5,000). */
  snapshotEvery?: number;
  /**
   * A start this many events behind the log (default 100,000) is a long catch-up, which saves every
   * `saveEvery` events (default 50,000) until it has caught up.
   */
  longCatchUp?: { behind: number; saveEvery: number };
}

/**
 * Keeps the API's read models current: a subscription from the saved checkpoint feeds every
 * event into the catalog, which is saved every `saveEvery` events and whenever the log goes
 * quiet. `waitFor(position)` lets a read wait until the catalog has seen a client's own write.
 */
export class Projector {
  catalog: Catalog;
  private subscription: Subscription | null = null;
  private waiters: { position: number; resolve: (ok: boolean) => void }[] = [];
  private unsaved = 0;
  private saveScheduled = false;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;
  private rebuilding: Promise<{ events: number; seconds: number }> | null = null;
  /** Set by stop(): no more saves are tried. */
  private stopped = false;
  private retryPause = 500;
  failure: Error | null = null;
  /** Campaign snapshots for time travel: with the saved read models, or in memory. */
  readonly snapshots: SnapshotStore;
  private snapshotTaker: SnapshotTaker;

  constructor(
    private readonly store: EventStore,
    private readonly options: ProjectorOptions = {},
  ) {
    this.catalog = options.readModels?.takeLoaded() ?? shellCatalog({ track: false });
    this.catalog.dirty?.clear();
    this.snapshots = options.readModels ?? new MemorySnapshotStore();
    const snapshots = this.snapshots;
    this.snapshotTaker = new SnapshotTaker(this.snapshotEvery, (s) => snapshots.put(s), snapshots.versions());
  }

  private get snapshotEvery(): number {
    return this.options.snapshotEvery ?? 5000;
  }

  /** The newest usable snapshot of a campaign at or before `position`. */
  snapshotAt(organiser: string, year: number, position: number): CampaignSnapshot | undefined {
    const stored = this.snapshots.latest(campaignKey(organiser, year), position);
    return stored === undefined ? undefined : parseSnapshot(stored);
  }

  async start(): Promise<void> {
    const saveEvery = this.options.saveEvery ?? 5000;
    // A long catch-up (a first start on a large log, a new layout) saves less often: each save
    // rewrites the ledgers of every campaign touched (hundreds of KB each on a large log), which made
    // saving two-thirds of such a catch-up. A crash then folds at most that many events again.
    const long = this.options.longCatchUp ?? { behind: 100_000, saveEvery: 50_000 };
    const behind = this.options.readModels ? (await this.store.headPosition()) - this.catalog.position : 0;
    let every = behind > long.behind ? Math.max(saveEvery, long.saveEvery) : saveEvery;
    this.subscription = this.store.subscribeReplay({
      fromCheckpoint: this.catalog.position,
      batchSize: 5000,
      // While a save runs, the fold waits for it: the documents being written must not change.
      handler: (e) => (this.saving === null ? this.onEvent(e, every) : this.saving.then(() => this.onEvent(e, every))),
    });
    this.subscription.done.catch((err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
    await this.subscription.caughtUp();
    every = saveEvery;
    // Not awaited: a save that fails (a full disk) is retried, and must not hold up the start.
    void this.save();
  }

  private onEvent(e: ReplayedEvent, saveEvery: number): void {
    this.apply(e);
    this.snapshotTaker.afterEvent(this.catalog);
    if (this.options.readModels !== undefined) {
      this.unsaved += 1;
      if (this.unsaved >= saveEvery) void this.save();
      else this.scheduleSave();
    }
    if (this.waiters.length > 0) this.release();
  }

  private apply(e: ReplayedEvent): void {
    applyToCatalog(this.catalog, domainEvent(e), e);
  }

  /**
   * Saves at most once a second while events trickle in: a campaign's ledger document carries its
   * per-day series and is rewritten whole at each save. A crash loses nothing but the replay of
   * the events since the last save.
   */
  private scheduleSave(): void {
    if (this.saveScheduled) return;
    this.saveScheduled = true;
    this.saveTimer = setTimeout(() => {
      this.saveScheduled = false;
      this.saveTimer = null;
      void this.save();
    }, this.options.saveDelayMs ?? 1000);
    this.saveTimer.unref();
  }

  /**
   * Saves what changed since the last save, in slices (see ReadModelStore.save). A save that fails
   * (a full disk, say) leaves the read models at their last checkpoint and reports the failure to
   * health; the fold goes on in memory and the save is tried again after a growing pause (up to
   * 30 s). Once a save succeeds the failure clears by itself.
   */
  private save(): Promise<void> {
    const rm = this.options.readModels;
    if (this.saving !== null) return this.saving;
    if (rm === undefined || this.unsaved === 0 || this.stopped) return Promise.resolve();
    const pending = this.unsaved;
    this.unsaved = 0;
    this.saving = rm
      .save(this.catalog, this.options.beforeCommit)
      .then(
        () => {
          this.failure = null;
          this.retryPause = 500;
        },
        (err: unknown) => {
          this.failure = err instanceof Error ? err : new Error(String(err));
          this.unsaved += pending;
          if (this.stopped) return;
          const timer = setTimeout(() => void this.save(), this.retryPause);
          timer.unref();
          this.retryPause = Math.min(this.retryPause * 2, 30_000);
        },
      )
      .finally(() => {
        this.saving = null;
      });
    return this.saving;
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

  /**
   * Folds the whole log again into a fresh catalog while the current one keeps serving reads,
   * then swaps them and saves the fresh one in full. `bulk` when nothing else is served meanwhile
   * (`projections:rebuild`, the service stopped): larger pages, and the file written in bulk (`replace`).
   */
  rebuild(
    onProgress?: (position: number) => void,
    options: { bulk?: boolean } = {},
  ): Promise<{ events: number; seconds: number }> {
    // One rebuild at a time: a second request joins the one running and gets its result.
    this.rebuilding ??= this.rebuildOnce(onProgress, options.bulk === true).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** `onProgress` hears the log position folded so far, once per page of events. */
  private async rebuildOnce(
    onProgress: ((position: number) => void) | undefined,
    bulk: boolean,
  ): Promise<{ events: number; seconds: number }> {
    const started = performance.now();
    // Not tracked while folding: everything in it is new and is saved whole at the end.
    const fresh = shellCatalog({ track: false });
    const rm = this.options.readModels;
    // Snapshots for the file are packed as they are taken (about a seventh of their text).
    const snapshots: StoredSnapshot[] = [];
    const packed: PackedSnapshot[] = [];
    const taker = new SnapshotTaker(this.snapshotEvery, (s) => (rm ? packed.push(pack(s)) : snapshots.push(s)));
    const replay = this.store.subscribeReplay({
      fromCheckpoint: 0,
      // Small pages: the service goes on answering between them (~15 ms of folding each).
      batchSize: bulk ? 5000 : 1000,
      handler: (e) => {
        applyToCatalog(fresh, domainEvent(e), e);
        taker.afterEvent(fresh);
        if (onProgress !== undefined && e.position % 1000 === 0) onProgress(e.position);
      },
    });
    await replay.caughtUp();
    onProgress?.(fresh.position);
    await replay.stop();
    await this.subscription?.stop();
    await this.saving;
    // Nothing else writes the read models until the fresh ones are saved.
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.saveScheduled = false;
    this.catalog = fresh;
    if (rm !== undefined) {
      await rm.replace(fresh, packed, { bulk });
      // Served from the file again, read on demand, rather than held whole in memory.
      this.catalog = rm.load();
    } else this.snapshots.replaceAll(snapshots);
    const kept = this.snapshots;
    this.snapshotTaker = new SnapshotTaker(this.snapshotEvery, (s) => kept.put(s), taker.versions);
    this.unsaved = 0;
    await this.start();
    return { events: fresh.position, seconds: (performance.now() - started) / 1000 };
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.saveScheduled = false;
    await this.saving;
    await this.save();
    // A save that still fails is not tried again after the stop.
    this.stopped = true;
  }
}
