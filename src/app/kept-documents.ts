import type { Database as Db, Statement } from 'better-sqlite3';
import type { DocumentCodec } from './document-codec.ts';
import { KIND_CODE, idKey, idText, kindOf, rowValuesOf } from './document-rows.ts';
import {
  emptyCampaignIndex,
  isCampaignKind,
  noteWrite,
  type CampaignIndex,
  type Catalog,
  type CatalogKind,
  type IndexedKind,
} from '../../projections/catalog.ts';
import type { DocumentKeeper } from './catalog-storage.ts';
import { IdList } from './id-list.ts';

/** Saved documents read back and kept per kind, the most recently used first to stay. */
const CACHED_PER_KIND = 2000;
const PAGE = 1000;

/** Rows name kinds by number and ids as kept (document-rows.ts). */
type Key = string | Buffer;
interface Reads {
  one: Statement<[number, Key], [string, number, string]>;
  exists: Statement<[number, Key], number>;
  page: Statement<[number, number], [number, Key, string, number, string]>;
  count: Statement<[number], number>;
  naming: Statement<[Key, number], [Key]>;
  campaign: Statement<[string, number, number], [number, Key, string]>;
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

  private readonly code: number;

  constructor(
    private readonly kind: IndexedKind,
    private readonly catalog: Catalog,
    private readonly reads: Reads,
    private readonly codec: DocumentCodec,
  ) {
    super();
    this.code = KIND_CODE[kind];
  }

  private onFile(key: string): V | undefined {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const row = this.reads.one.get(this.code, idKey(key));
    if (row === undefined) return undefined;
    this.readsFromFile += 1;
    const [campaign, position, json] = row;
    const doc = this.codec.decode(json, rowValuesOf(this.kind, key, campaign, position)) as V;
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
    return this.cache.has(key) || this.reads.exists.get(this.code, idKey(key)) !== undefined;
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
    return (this.reads.count.get(this.code) ?? 0) + this.added.size - this.removed.size;
  }

  /** Every document: those on file in the order saved (changed ones as they are now), then the new ones. */
  override *entries(): MapIterator<[string, V]> {
    // Pages, not a cursor held open: the caller may read other documents between two entries.
    for (let last = 0; ;) {
      const rows = this.reads.page.all(this.code, last);
      for (const [, kept, campaign, position, json] of rows) {
        const key = idText(kept);
        if (this.removed.has(key) || this.added.has(key)) continue;
        const now = super.get(key) ?? this.cache.get(key);
        yield [key, now ?? (this.codec.decode(json, rowValuesOf(this.kind, key, campaign, position)) as V)];
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
    for (const [kept] of this.reads.naming.all(idKey(cooperativeId), this.code)) {
      const key = idText(kept);
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
      const rows = this.reads.campaign.all(campaign, this.code, last);
      for (const [position, kept, json] of rows) {
        const key = idText(kept);
        if (this.removed.has(key) || this.added.has(key)) continue;
        const now = super.get(key) ?? this.cache.get(key);
        if (now !== undefined) yield now;
        else {
          this.readsFromFile += 1;
          yield this.codec.decode(json, rowValuesOf(this.kind, key, campaign, position)) as V;
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
  private readonly index: Statement<[string], [number, Key, number]>;
  readonly maps = new Map<CatalogKind, KeptDocuments<unknown>>();

  constructor(
    db: Db,
    private readonly codec: DocumentCodec,
  ) {
    this.reads = {
      one: db
        .prepare<[number, Key], [string, number, string]>(
          'SELECT campaign, position, json FROM documents WHERE kind = ? AND id = ?',
        )
        .raw(true),
      exists: db.prepare<[number, Key], number>('SELECT 1 FROM documents WHERE kind = ? AND id = ?').pluck(),
      page: db
        .prepare<[number, number], [number, Key, string, number, string]>(
          'SELECT rowid, id, campaign, position, json FROM documents ' +
            `WHERE kind = ? AND rowid > ? ORDER BY rowid LIMIT ${PAGE}`,
        )
        .raw(true),
      count: db.prepare<[number], number>('SELECT COUNT(*) FROM documents WHERE kind = ?').pluck(),
      campaign: db
        .prepare<[string, number, number], [number, Key, string]>(
          'SELECT position, id, json FROM documents ' +
            `WHERE campaign = ? AND kind = ? AND position > ? ORDER BY position LIMIT ${PAGE}`,
        )
        .raw(true),
      naming: db
        .prepare<[Key, number], [Key]>(
          'SELECT r.id FROM document_refs r JOIN documents d ON d.kind = r.kind AND d.id = r.id ' +
            'WHERE r.cooperative = ? AND r.kind = ? ORDER BY d.position',
        )
        .raw(true),
    };
    this.index = db
      .prepare<[string], [number, Key, number]>(
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
    const ix = emptyCampaignIndex(() => new IdList());
    for (const [code, id, position] of this.index.all(campaign)) {
      const kind = kindOf(code);
      if (kind !== undefined && isCampaignKind(kind)) ix[kind].set(idText(id), position);
    }
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
