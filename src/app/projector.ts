import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { z } from 'zod';
import { upcast } from '../../domain/upcasting.ts';
import { CATALOG_KINDS, campaignKey, emptyCatalog, loadDocument, type AnyDomainEvent, type Catalog, type CatalogKind } from '../../projections/catalog.ts';
import { applyToCatalog } from '../../projections/fold.ts';
import type { EventStore, ReplayedEvent, Subscription } from '../eventstore/types.ts';
import { MemorySnapshotStore, SnapshotTaker, parseSnapshot, type SnapshotStore, type StoredSnapshot } from './snapshots.ts';
import type { CampaignSnapshot } from '../../projections/snapshot.ts';

const NAME = 'catalog';

/** The document and snapshot tables, under the given names. */
function tableSql(documents: string, snapshots: string): string {
  // A rowid table with a separate key: documents are hundreds of bytes, too large for a WITHOUT ROWID tree.
  return `CREATE TABLE ${documents} (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, UNIQUE (kind, id)) STRICT;
          CREATE TABLE ${snapshots} (campaign TEXT NOT NULL, position INTEGER NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (campaign, position)) STRICT;`;
}
/**
 * Layout of readmodels.sqlite; bump it when the tables or what the fold makes of events change
 * (the file is then refolded). 3: publications apart from meetings.
 */
const READ_MODEL_LAYOUT = 3;

/** A stored event as the domain knows it: its data lifted to the current schema version. */
export function domainEvent(e: ReplayedEvent): AnyDomainEvent {
  return { type: e.type, data: upcast(e.type, e.schemaVersion, e.data) } as AnyDomainEvent;
}

/** The read models as they were at `toPosition`, folded from the (filtered) log. */
export async function catalogAt(store: EventStore, toPosition: number, streamPrefixes?: readonly string[]): Promise<Catalog> {
  const c = emptyCatalog({ track: false });
  let from = 1;
  for (;;) {
    const page = await store.readReplay({ fromPosition: from, maxCount: 10_000, filter: { toPosition, ...(streamPrefixes ? { streamPrefixes } : {}) } });
    for (const e of page) applyToCatalog(c, domainEvent(e), e);
    const last = page[page.length - 1];
    if (last === undefined || page.length < 10_000) break;
    from = last.position + 1;
  }
  c.position = toPosition;
  return c;
}
const DocKind = z.enum(CATALOG_KINDS);
const SnapshotRow = z.object({ campaign: z.string(), position: z.number().int(), version: z.number().int(), json: z.string() });
const VersionRow = z.object({ campaign: z.string(), version: z.number().int() });

/**
 * Where the read models are kept between runs: one SQLite file of documents and the checkpoint
 * (position of the last event folded into them). Documents and checkpoint are written in one
 * transaction, so after a crash the read models are exactly those of the checkpoint and the
 * events after it are folded again: each event counts once.
 */
export class ReadModelStore implements SnapshotStore {
  private readonly upsert: Statement<[string, string, string]>;
  private readonly remove: Statement<[string, string]>;
  private readonly setCheckpoint: Statement<[string, number]>;
  // Statements name their tables, so they keep working after a rebuild swaps the tables in.
  private readonly latestSnapshot: Statement<[string, number]>;
  private readonly putSnapshot: Statement<[string, number, number, string]>;
  private readonly snapshotVersions: Statement<[]>;

  constructor(private readonly db: Db) {
    // Derived data: a file of another layout is emptied and refolded from the log, never migrated.
    if (db.pragma('user_version', { simple: true }) !== READ_MODEL_LAYOUT) {
      db.transaction(() => {
        db.exec('DROP TABLE IF EXISTS documents; DROP TABLE IF EXISTS checkpoints; DROP TABLE IF EXISTS snapshots;');
        db.exec(`${tableSql('documents', 'snapshots')}
                 CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT;`);
        db.pragma(`user_version = ${READ_MODEL_LAYOUT}`);
      }).immediate();
    }
    // What a rebuild stopped halfway left behind.
    db.exec('DROP TABLE IF EXISTS documents_next; DROP TABLE IF EXISTS snapshots_next; DROP TABLE IF EXISTS documents_old; DROP TABLE IF EXISTS snapshots_old;');
    this.upsert = db.prepare('INSERT INTO documents (kind, id, json) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET json = excluded.json');
    this.remove = db.prepare('DELETE FROM documents WHERE kind = ? AND id = ?');
    this.setCheckpoint = db.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position');
    this.latestSnapshot = db.prepare('SELECT campaign, position, version, json FROM snapshots WHERE campaign = ? AND position <= ? ORDER BY position DESC LIMIT 1');
    this.putSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (campaign, position, version, json) VALUES (?, ?, ?, ?)');
    this.snapshotVersions = db.prepare('SELECT campaign, MAX(version) AS version FROM snapshots GROUP BY campaign');
  }

  /**
   * Opens the file. `exclusive` keeps other processes out while the service owns it (a rebuild
   * from the command line then tells the operator to stop the service or use the admin route).
   */
  static open(path: string, options: { exclusive?: boolean } = {}): ReadModelStore {
    const db = new Database(path);
    db.pragma('busy_timeout = 2000');
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    if (options.exclusive) db.pragma('locking_mode = EXCLUSIVE');
    return new ReadModelStore(db);
  }

  checkpoint(): number {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE name = ?').get(NAME) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  /** A catalog loaded at start-up (`openReadModels` checks the file by loading it), kept for the projector. */
  private preloaded: Catalog | null = null;

  /** Loads the read models and keeps them for `takeLoaded`, so that start-up reads the file once. */
  preload(): void {
    this.preloaded = this.load();
  }

  /** The catalog `preload` read, handed over once (then forgotten here), or a fresh load. */
  takeLoaded(): Catalog {
    const c = this.preloaded ?? this.load();
    this.preloaded = null;
    return c;
  }

  /** The saved catalog, or an empty one. */
  load(): Catalog {
    const c = emptyCatalog();
    // Pages of raw rows by rowid. The STRICT table guarantees id and json are text; the kind is
    // checked against the catalog's kinds, once per distinct value.
    const page = this.db.prepare<[number], [number, string, string, string]>('SELECT rowid, kind, id, json FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 5000').raw(true);
    const kinds = new Map<string, CatalogKind>();
    for (let last = 0; ; ) {
      const rows = page.all(last);
      for (const [, kindText, id, json] of rows) {
        let kind = kinds.get(kindText);
        if (kind === undefined) kinds.set(kindText, (kind = DocKind.parse(kindText)));
        loadDocument(c, kind, id, JSON.parse(json));
      }
      const end = rows[rows.length - 1];
      if (end === undefined) break;
      last = end[0];
    }
    c.position = this.checkpoint();
    return c;
  }

  /**
   * Writes the changed documents and the checkpoint in one transaction, all or nothing, in
   * slices: the event loop gets a turn every `slice` documents, so that saving a busy second's thousands
   * of documents does not hold every request up for tens of milliseconds. The caller must not
   * change the catalog until the returned promise settles (the projector pauses its fold).
   */
  async save(c: Catalog, beforeCommit?: () => void, slice = 250): Promise<void> {
    const keys = [...(c.dirty ?? [])];
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const sep = k.indexOf('\u0000');
        const kind = k.slice(0, sep) as CatalogKind;
        const id = k.slice(sep + 1);
        const doc = c[kind].get(id);
        if (doc === undefined) this.remove.run(kind, id);
        else this.upsert.run(kind, id, JSON.stringify(doc));
        if (i % slice === slice - 1) await turn();
      }
      this.setCheckpoint.run(NAME, c.position);
      beforeCommit?.();
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
    for (const k of keys) c.dirty?.delete(k);
  }

  /**
   * Replaces everything with a freshly folded catalog and its snapshots (a rebuild). They are
   * written into new tables a few thousand rows per transaction, giving the event loop a turn in
   * between, so the service keeps answering while hundreds of megabytes are written; then one
   * short transaction swaps the tables and sets the checkpoint. A crash before the swap leaves
   * the old read models whole. The old tables are emptied the same way afterwards.
   */
  async replace(c: Catalog, snapshots: readonly StoredSnapshot[]): Promise<void> {
    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    this.db.exec(`DROP TABLE IF EXISTS documents_next; DROP TABLE IF EXISTS snapshots_next; ${tableSql('documents_next', 'snapshots_next')}`);
    const insertDoc = this.db.prepare('INSERT INTO documents_next (kind, id, json) VALUES (?, ?, ?)');
    const insertSnapshot = this.db.prepare('INSERT OR REPLACE INTO snapshots_next (campaign, position, version, json) VALUES (?, ?, ?, ?)');
    const writeDocs = this.db.transaction((rows: [CatalogKind, string, unknown][]) => {
      for (const [kind, id, doc] of rows) insertDoc.run(kind, id, JSON.stringify(doc));
    });
    let rows: [CatalogKind, string, unknown][] = [];
    for (const kind of CATALOG_KINDS) {
      for (const [id, doc] of c[kind] as Map<string, unknown>) {
        rows.push([kind, id, doc]);
        if (rows.length === 2000) {
          writeDocs(rows);
          rows = [];
          await turn();
        }
      }
    }
    writeDocs(rows);
    for (const s of snapshots) {
      insertSnapshot.run(s.campaign, s.position, s.version, s.json);
      await turn();
    }
    this.db.transaction(() => {
      this.db.exec(`ALTER TABLE documents RENAME TO documents_old; ALTER TABLE documents_next RENAME TO documents;
                    ALTER TABLE snapshots RENAME TO snapshots_old; ALTER TABLE snapshots_next RENAME TO snapshots;`);
      this.setCheckpoint.run(NAME, c.position);
    }).immediate();
    c.dirty?.clear();
    for (const old of ['documents_old', 'snapshots_old']) {
      const chunk = this.db.prepare(`DELETE FROM ${old} WHERE rowid IN (SELECT rowid FROM ${old} LIMIT 2000)`);
      while (chunk.run().changes > 0) await turn();
      this.db.exec(`DROP TABLE ${old}`);
    }
  }

  // Campaign snapshots (see snapshots.ts). They are a function of the log alone, so they need not
  // share the checkpoint's transaction: one taken at a position past the checkpoint stays true.
  latest(campaign: string, position: number): StoredSnapshot | undefined {
    const row: unknown = this.latestSnapshot.get(campaign, position);
    return row === undefined ? undefined : SnapshotRow.parse(row);
  }

  put(s: StoredSnapshot): void {
    this.putSnapshot.run(s.campaign, s.position, s.version, s.json);
  }

  replaceAll(all: readonly StoredSnapshot[]): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM snapshots');
      for (const s of all) this.put(s);
    }).immediate();
  }

  versions(): Map<string, number> {
    return new Map(this.snapshotVersions.all().map((r) => {
      const row = VersionRow.parse(r);
      return [row.campaign, row.version];
    }));
  }

  close(): void {
    this.db.close();
  }
}

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
    this.catalog = options.readModels?.takeLoaded() ?? emptyCatalog({ track: false });
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
    this.subscription = this.store.subscribeReplay({
      fromCheckpoint: this.catalog.position,
      batchSize: 5000,
      // While a save runs, the fold waits for it: the documents being written must not change.
      handler: (e) => (this.saving === null ? this.onEvent(e, saveEvery) : this.saving.then(() => this.onEvent(e, saveEvery))),
    });
    this.subscription.done.catch((err: unknown) => {
      this.failure = err instanceof Error ? err : new Error(String(err));
    });
    await this.subscription.caughtUp();
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
   * then swaps them and saves the fresh one in full.
   */
  rebuild(onProgress?: (position: number) => void): Promise<{ events: number; seconds: number }> {
    // One rebuild at a time: a second request joins the one running and gets its result.
    this.rebuilding ??= this.rebuildOnce(onProgress).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** `onProgress` hears the log position folded so far, once per page of events. */
  private async rebuildOnce(onProgress?: (position: number) => void): Promise<{ events: number; seconds: number }> {
    const started = performance.now();
    // Not tracked while folding: everything in it is new and is saved whole at the end.
    const fresh = emptyCatalog({ track: false });
    const snapshots: StoredSnapshot[] = [];
    const taker = new SnapshotTaker(this.snapshotEvery, (s) => snapshots.push(s));
    const replay = this.store.subscribeReplay({
      fromCheckpoint: 0,
      // Small pages: the service goes on answering between them (~15 ms of folding each).
      batchSize: 1000,
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
    const rm = this.options.readModels;
    if (rm !== undefined) {
      await rm.replace(fresh, snapshots);
      fresh.dirty = new Set();
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
