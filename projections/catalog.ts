import type { CampaignRecords, DocumentOf, Ledgers, Slice, SliceMaps, Slices } from './capability.ts';
import { RECORDS_SLICE, campaignKey } from './capability.ts';
import { CAPABILITIES, type RegisteredCapability } from './capabilities.ts';

export {
  campaignKey,
  recordsOf,
  type CampaignRecords,
  type Envelope,
  type ReportLedger,
  type Stamp,
} from './capability.ts';

/** Any event of the domain, as the catalog folds it: the events of every registered capability. */
export type AnyDomainEvent = RegisteredCapability extends infer C
  ? C extends { readonly event?: infer E }
    ? Exclude<E, undefined>
    : never
  : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every registered capability's slices, by catalog name. */
type AllSlices = UnionToIntersection<RegisteredCapability['slices']> & { records: typeof RECORDS_SLICE };

/**
 * The read models the REST API serves: every resource with its current state and the revision of
 * the stream it lives in, one map per kind that a capability declares. A pure fold over the log;
 * the shell keeps one and feeds it events.
 */
export type Catalog = Ledgers &
  SliceMaps<AllSlices> & {
    /** Per campaign (`organiser-year`), the ids of its records: dashboards read only their own. */
    index: Map<string, CampaignIndex>;
  };

/** The document kinds of the catalog: one map each. */
export type CatalogKind = keyof AllSlices & string;
/** The kinds whose documents belong to one campaign (organiser and year): the index lists them per campaign. */
export type IndexedKind = {
  [K in CatalogKind]: AllSlices[K] extends Slice<unknown, true> ? K : never;
}[CatalogKind];

/** Every kind with its slice, in the order of their codes (the order of the saved file's kinds). */
export const CATALOG_SLICES: readonly (readonly [CatalogKind, Slice<unknown>])[] = (() => {
  const all: [CatalogKind, Slice<unknown>][] = [['records', RECORDS_SLICE]];
  for (const c of CAPABILITIES as readonly { slices: Slices }[])
    for (const [kind, slice] of Object.entries(c.slices)) all.push([kind as CatalogKind, slice]);
  all.sort((a, b) => a[1].code - b[1].code);
  const codes = new Set(all.map(([, s]) => s.code));
  const kinds = new Set(all.map(([k]) => k));
  if (codes.size !== all.length || kinds.size !== all.length)
    throw new Error('two capabilities declare the same kind of document or the same kind code');
  return all;
})();
export const CATALOG_KINDS: readonly CatalogKind[] = CATALOG_SLICES.map(([kind]) => kind);
export const CAMPAIGN_KINDS: readonly IndexedKind[] = CATALOG_SLICES.filter(([, s]) => s.inCampaign).map(
  ([kind]) => kind as IndexedKind,
);
const INDEXED: ReadonlySet<string> = new Set<string>(CAMPAIGN_KINDS);
export const isCampaignKind = (kind: string): kind is IndexedKind => INDEXED.has(kind);

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * One campaign's ids of one kind, with the position that recorded each, in that order (ids are
 * added as records are recorded). Compact: a UUID takes 16 bytes and a position 8, instead of a
 * string and a map entry each (a large log's index is a million ids). Ids that are not lowercase
 * UUIDs are kept as strings beside them.
 */
export class IdList implements Iterable<[string, number]> {
  private bytes = new Uint8Array(16 * 16);
  private positions = new Float64Array(16);
  private odd: Map<number, string> | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds an id recorded at `position` (after every id already in the list). */
  set(id: string, position: number): this {
    if (this.count === this.positions.length) {
      const bytes = new Uint8Array(this.bytes.length * 2);
      bytes.set(this.bytes);
      this.bytes = bytes;
      const positions = new Float64Array(this.positions.length * 2);
      positions.set(this.positions);
      this.positions = positions;
    }
    const i = this.count++;
    this.positions[i] = position;
    if (!CANONICAL_UUID.test(id)) {
      (this.odd ??= new Map()).set(i, id);
      return this;
    }
    // Hex digits by char code (0-9: 48-57, a-f: 97-102), skipping the dashes.
    const nibble = (c: number): number => (c <= 57 ? c - 48 : c - 87);
    for (let b = 0, at = 0; b < 16; b++, at += 2) {
      if (id.charCodeAt(at) === 45) at++;
      this.bytes[i * 16 + b] = (nibble(id.charCodeAt(at)) << 4) | nibble(id.charCodeAt(at + 1));
    }
    return this;
  }

  private idAt(i: number): string {
    const odd = this.odd?.get(i);
    if (odd !== undefined) return odd;
    const o = i * 16;
    const h = (from: number, to: number): string => {
      let s = '';
      for (let b = from; b < to; b++) s += HEX[this.bytes[o + b] as number];
      return s;
    };
    return `${h(0, 4)}-${h(4, 6)}-${h(6, 8)}-${h(8, 10)}-${h(10, 16)}`;
  }

  *entries(): Generator<[string, number]> {
    for (let i = 0; i < this.count; i++) yield [this.idAt(i), this.positions[i] as number];
  }
  [Symbol.iterator](): Generator<[string, number]> {
    return this.entries();
  }
  *keys(): Generator<string> {
    for (let i = 0; i < this.count; i++) yield this.idAt(i);
  }
}

/** Per kind, the ids of one campaign's documents with the position that created each, in that order. */
export type CampaignIndex = Record<IndexedKind, IdList>;
export const emptyCampaignIndex = (): CampaignIndex =>
  Object.fromEntries(CAMPAIGN_KINDS.map((kind) => [kind, new IdList()])) as CampaignIndex;

/**
 * Where the shell keeps document kinds it does not hold in memory (saved read models read on
 * demand). `map` is asked once per kind and answers undefined for a kind kept in memory; such a
 * map must note writes as `noteWrite` does. `campaignIndex` gives a campaign's saved ids, once per
 * campaign, the first time the catalog needs them.
 */
export interface DocumentKeeper {
  map(kind: CatalogKind, c: Catalog): Map<string, unknown> | undefined;
  campaignIndex(campaign: string): CampaignIndex;
}

/** What every write of a document into the catalog does besides storing it: mark it changed, index it if new. */
export function noteWrite(c: Catalog, kind: CatalogKind, key: string, value: unknown, isNew: boolean): void {
  c.dirty?.add(`${kind}\u0000${key}`);
  if (isNew) indexDocument(c, kind, key, value);
}

/** A map that notes every key written into the catalog's dirty set and keeps the campaign index. */
class TrackedMap<V> extends Map<string, V> {
  constructor(
    private readonly kind: CatalogKind,
    private readonly c: Catalog,
  ) {
    super();
  }
  override set(key: string, value: V): this {
    noteWrite(this.c, this.kind, key, value, !this.has(key));
    return super.set(key, value);
  }
  /** Loads a saved document without marking it changed. */
  load(key: string, value: V): void {
    if (!this.has(key)) indexDocument(this.c, this.kind, key, value);
    super.set(key, value);
  }
}

/** The campaign index, filled per campaign from the keeper (if any) the first time it is asked. */
class CampaignIndexes extends Map<string, CampaignIndex> {
  constructor(private readonly saved?: (campaign: string) => CampaignIndex) {
    super();
  }
  override get(campaign: string): CampaignIndex | undefined {
    const ix = super.get(campaign);
    if (ix !== undefined || this.saved === undefined) return ix;
    const loaded = this.saved(campaign);
    super.set(campaign, loaded);
    return loaded;
  }
}

function indexDocument(c: Catalog, kind: CatalogKind, key: string, value: unknown): void {
  if (!isCampaignKind(kind)) return;
  const d = value as { organiser: string; year: number; position?: number };
  const k = campaignKey(d.organiser, d.year);
  let ix = c.index.get(k);
  if (ix === undefined) c.index.set(k, (ix = emptyCampaignIndex()));
  ix[kind].set(key, d.position ?? c.position);
}

/** The ids of one campaign's records of a kind, in the order recorded, with the position that recorded each. */
export function campaignIds(c: Catalog, organiser: string, year: number, kind: IndexedKind): IdList {
  return c.index.get(campaignKey(organiser, year))?.[kind] ?? new IdList();
}

/** One campaign's documents of a kind, in the order recorded; those recorded at or before `after` are not read. */
export function* campaignDocuments<K extends IndexedKind>(
  c: Catalog,
  organiser: string,
  year: number,
  kind: K,
  after = 0,
): Generator<CatalogDocument<K>> {
  const map = c[kind] as Map<string, CatalogDocument<K>> & {
    ofCampaign?: (campaign: string, after: number) => Iterable<CatalogDocument<K>>;
  };
  // A map kept on file reads a campaign's records in ranges, in the order recorded.
  if (map.ofCampaign !== undefined) {
    yield* map.ofCampaign(campaignKey(organiser, year), after);
    return;
  }
  for (const [id, position] of campaignIds(c, organiser, year, kind)) {
    if (position <= after) continue;
    const d = map.get(id);
    if (d !== undefined) yield d;
  }
}
export type CatalogDocument<K extends CatalogKind> = Catalog[K] extends Map<string, infer V> ? V : never;

/**
 * The documents of a kind that may name a cooperative: every one, unless the map can narrow them
 * down (a keeper's map answers from its own index). The caller still checks each.
 */
export function documentsNaming<V>(map: Map<string, V>, cooperativeId: string): Iterable<V> {
  const narrow = (map as Map<string, V> & { naming?: (cooperativeId: string) => Iterable<V> }).naming;
  return narrow === undefined ? map.values() : narrow.call(map, cooperativeId);
}

/**
 * A catalog; `track` notes changed documents for saving (off when the read models live in memory
 * only); `keeper` holds some kinds outside memory.
 */
export function emptyCatalog(options: { track?: boolean; keeper?: DocumentKeeper } = {}): Catalog {
  const { keeper } = options;
  const c = { position: 0, dirty: options.track === false ? null : new Set<string>() } as unknown as Catalog;
  c.index = new CampaignIndexes(keeper === undefined ? undefined : (campaign) => keeper.campaignIndex(campaign));
  for (const kind of CATALOG_KINDS)
    (c as unknown as Record<CatalogKind, Map<string, unknown>>)[kind] = keeper?.map(kind, c) ?? new TrackedMap(kind, c);
  return c;
}

/** Puts a saved document back into a catalog (the shell loads them at start-up). */
export function loadDocument(c: Catalog, kind: CatalogKind, key: string, value: unknown): void {
  const map = c[kind] as unknown as Map<string, unknown>;
  if (map instanceof TrackedMap) map.load(key, value);
  else throw new TypeError(`${kind} documents are kept outside memory: they are not loaded`);
}
