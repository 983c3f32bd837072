import type { Database as Db, Statement } from 'better-sqlite3';
import type { DocumentCodec } from './document-codec.ts';
import {
  emptyCampaignIndex,
  isCampaignKind,
  noteWrite,
  type CampaignIndex,
  type Catalog,
  type CatalogKind,
  type DocumentKeeper,
} from '../../projections/catalog.ts';

/** Saved documents read back and kept per kind, the most recently used first to stay. */
const CACHED_PER_KIND = 2000;
const PAGE = 1000;

interface Reads {
  one: Statement<[string, string], string>;
  exists: Statement<[string, string], number>;
  page: Statement<[string, number], [number, string, string]>;
  count: Statement<[string], number>;
  naming: Statement<[string, string], [string]>;
  campaign: Statement<[string, string, number], [number, string, string]>;
}

/**
 * The documents of one kind as the saved read models hold them, read on demand: the catalog's map
 * for that kind when the read models are saved. It holds in memory only what changed since the
 * last save (the map's own entries, until `saved`) and a small cache of documents read back; a
 * read that misses both asks the file (better-sqlite3 reads synchronously, so the fold and the
 * routes see an ordinary map). The file is read through the same connection that saves, so a
 * save in progress is seen whole or not at all for any one document.
 */
export class KeptDocuments<V> extends Map<string, V> {
  /** Changed since the last save and not yet on file (new), or removed since. */
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private readonly cache = new Map<string, V>();
  /** Documents parsed from the file so far (what a read cost; tests look at it). */
  readsFromFile = 0;

  constructor(
    private readonly kind: CatalogKind,
    private readonly catalog: Catalog,
    private readonly reads: Reads,
    private readonly codec: DocumentCodec,
  ) {
    super();
  }

  private onFile(key: string): V | undefined {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const json = this.reads.one.get(this.kind, key);
    if (json === undefined) return undefined;
    this.readsFromFile += 1;
    const doc = this.codec.decode(json) as V;
    this.remember(key, doc);
    return doc;
  }

  private remember(key: string, doc: V): void {
    this.cache.set(key, doc);
    if (this.cache.size > CACHED_PER_KIND) this.cache.delete(this.cache.keys().next().value as string);
  }

  override get(key: string): V | undefined {
    const doc = super.get(key);
    if (doc !== undefined || this.removed.has(key)) return doc;
    return this.onFile(key);
  }

  override has(key: string): boolean {
    if (super.has(key)) return true;
    if (this.removed.has(key)) return false;
    return this.cache.has(key) || this.reads.exists.get(this.kind, key) !== undefined;
  }

  override set(key: string, value: V): this {
    const isNew = !this.has(key);
    noteWrite(this.catalog, this.kind, key, value, isNew);
    if (isNew && !this.removed.has(key)) this.added.add(key);
    this.removed.delete(key);
    this.cache.delete(key);
    return super.set(key, value);
  }

  override delete(key: string): boolean {
    if (!this.has(key)) return false;
    noteWrite(this.catalog, this.kind, key, undefined, false);
    super.delete(key);
    this.cache.delete(key);
    if (!this.added.delete(key)) this.removed.add(key);
    return true;
  }

  override clear(): void {
    for (const key of [...this.keys()]) this.delete(key);
  }

  /** Whether `key` was added since the last save (it is not on file yet). */
  isNew(key: string): boolean {
    return this.added.has(key);
  }

  /** After a save that wrote `key`: it is on file now, and may leave memory. */
  saved(key: string): void {
    const doc = super.get(key);
    super.delete(key);
    this.added.delete(key);
    this.removed.delete(key);
    if (doc !== undefined) this.remember(key, doc);
  }

  override get size(): number {
    return (this.reads.count.get(this.kind) ?? 0) + this.added.size - this.removed.size;
  }

  /** Every document: those on file in the order saved (changed ones as they are now), then the new ones. */
  override *entries(): MapIterator<[string, V]> {
    // Pages, not a cursor held open: the caller may read other documents between two entries.
    for (let last = 0; ;) {
      const rows = this.reads.page.all(this.kind, last);
      for (const [, key, json] of rows) {
        if (this.removed.has(key) || this.added.has(key)) continue;
        yield [key, super.get(key) ?? this.cache.get(key) ?? (this.codec.decode(json) as V)];
      }
      const end = rows[rows.length - 1];
      if (end === undefined) break;
      last = end[0];
    }
    for (const key of this.added) {
      const doc = super.get(key);
      if (doc !== undefined) yield [key, doc];
    }
  }
  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  override *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }
  override *values(): MapIterator<V> {
    for (const [, doc] of this.entries()) yield doc;
  }
  override forEach(fn: (value: V, key: string, map: Map<string, V>) => void, thisArg?: unknown): void {
    for (const [key, doc] of this.entries()) fn.call(thisArg, doc, key, this);
  }

  /**
   * The documents that may name a cooperative (see `documentsNaming`): those the file lists for it,
   * as they are now, and every one changed since the last save.
   */
  *naming(cooperativeId: string): Generator<V> {
    const seen = new Set<string>();
    for (const [key] of this.reads.naming.all(cooperativeId, this.kind)) {
      seen.add(key);
      const doc = this.get(key);
      if (doc !== undefined) yield doc;
    }
    for (const [key, doc] of Map.prototype.entries.call(this) as MapIterator<[string, V]>)
      if (!seen.has(key)) yield doc;
  }

  /**
   * One campaign's documents of this kind recorded after position `after`, in the order recorded
   * (see `campaignDocuments`): read from the file in ranges of its campaign index, the changed ones
   * as they are now, then those recorded since the last save (all later than any on file).
   */
  *ofCampaign(campaign: string, after: number): Generator<V> {
    for (let last = after; ;) {
      const rows = this.reads.campaign.all(campaign, this.kind, last);
      for (const [, key, json] of rows) {
        if (this.removed.has(key) || this.added.has(key)) continue;
        const now = super.get(key) ?? this.cache.get(key);
        if (now !== undefined) yield now;
        else {
          this.readsFromFile += 1;
          yield this.codec.decode(json) as V;
        }
      }
      const end = rows[rows.length - 1];
      if (end === undefined || rows.length < PAGE) break;
      last = end[0];
    }
    for (const key of this.added) {
      const doc = super.get(key) as { organiser?: string; year?: number; position?: number } | undefined;
      if (doc !== undefined && `${doc.organiser}-${doc.year}` === campaign && (doc.position ?? 0) > after)
        yield doc as V;
    }
  }

  /** The entries changed since the last save, for tests and the saver. */
  unsaved(): number {
    return super.size;
  }
}

/** Which cooperatives a document names (its `cooperativeId`, its `cooperativeIds`): what `naming` finds it by. */
export function cooperativesNamed(doc: unknown): string[] {
  const d = doc as { cooperativeId?: unknown; cooperativeIds?: unknown };
  const out: string[] = [];
  if (typeof d.cooperativeId === 'string') out.push(d.cooperativeId);
  if (Array.isArray(d.cooperativeIds))
    for (const id of d.cooperativeIds) if (typeof id === 'string' && !out.includes(id)) out.push(id);
  return out;
}

/**
 * Keeps a catalog's campaign documents (meetings, publications, support, nominations, petitions:
 * nearly all of a large log) in the saved read models, read on demand, and fills the campaign
 * index per campaign from the file. The other kinds are few and stay in memory.
 */
export class SqliteDocumentKeeper implements DocumentKeeper {
  private readonly reads: Reads;
  private readonly index: Statement<[string], [string, string, number]>;
  readonly maps = new Map<CatalogKind, KeptDocuments<unknown>>();

  constructor(
    db: Db,
    private readonly codec: DocumentCodec,
  ) {
    this.reads = {
      one: db.prepare<[string, string], string>('SELECT json FROM documents WHERE kind = ? AND id = ?').pluck(),
      exists: db.prepare<[string, string], number>('SELECT 1 FROM documents WHERE kind = ? AND id = ?').pluck(),
      page: db
        .prepare<[string, number], [number, string, string]>(
          'SELECT rowid, id, json FROM documents WHERE kind = ? AND rowid > ? ORDER BY rowid LIMIT ' + PAGE,
        )
        .raw(true),
      count: db.prepare<[string], number>('SELECT COUNT(*) FROM documents WHERE kind = ?').pluck(),
      campaign: db
        .prepare<[string, string, number], [number, string, string]>(
          `SELECT position, id, json FROM documents WHERE campaign = ? AND kind = ? AND position > ? ORDER BY position LIMIT ${PAGE}`,
        )
        .raw(true),
      naming: db
        .prepare<[string, string], [string]>(
          'SELECT r.id FROM document_refs r JOIN documents d ON d.kind = r.kind AND d.id = r.id WHERE r.cooperative = ? AND r.kind = ? ORDER BY d.position',
        )
        .raw(true),
    };
    this.index = db
      .prepare<[string], [string, string, number]>(
        'SELECT kind, id, position FROM documents WHERE campaign = ? ORDER BY position',
      )
      .raw(true);
  }

  map(kind: CatalogKind, c: Catalog): Map<string, unknown> | undefined {
    if (!isCampaignKind(kind)) return undefined;
    const map = new KeptDocuments<unknown>(kind, c, this.reads, this.codec);
    this.maps.set(kind, map);
    return map;
  }

  campaignIndex(campaign: string): CampaignIndex {
    const ix = emptyCampaignIndex();
    for (const [kind, id, position] of this.index.all(campaign)) if (isCampaignKind(kind)) ix[kind].set(id, position);
    return ix;
  }

  /** The saver wrote these documents (`kind\u0000id`): they may leave memory. */
  saved(keys: Iterable<string>): void {
    for (const k of keys) {
      const sep = k.indexOf('\u0000');
      this.maps.get(k.slice(0, sep) as CatalogKind)?.saved(k.slice(sep + 1));
    }
  }
}
