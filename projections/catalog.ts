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

/**
 * One campaign's ids of one kind, with the position that recorded each, in the order recorded.
 * A plain Map does; the shell keeps a compact list instead (src/app/id-list.ts).
 */
export interface IdIndex extends Iterable<[string, number]> {
  readonly size: number;
  set(id: string, position: number): unknown;
  entries(): Iterator<[string, number]>;
  keys(): Iterable<string>;
}

/** Per kind, the ids of one campaign's documents with the position that created each, in that order. */
export type CampaignIndex = Record<IndexedKind, IdIndex>;
/** A campaign's empty index, each kind's ids in an index made by `newIndex`. */
export const emptyCampaignIndex = (newIndex: () => IdIndex = () => new Map<string, number>()): CampaignIndex =>
  Object.fromEntries(CAMPAIGN_KINDS.map((kind) => [kind, newIndex()])) as CampaignIndex;

/**
 * How the shell keeps a catalog's documents (src/app/catalog-storage.ts): `map` gives the map of a
 * kind it holds outside memory (undefined for a kind kept in memory), which must note writes as
 * `noteWrite` does; `index` is the campaign index (one that loads saved ids on demand);
 * `newIdIndex` makes each campaign's list of ids of a kind. Without it, plain maps.
 */
export interface CatalogStorage {
  map?(kind: CatalogKind, c: Catalog): Map<string, unknown> | undefined;
  index?: Map<string, CampaignIndex>;
  newIdIndex?: () => IdIndex;
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

function indexDocument(c: Catalog, kind: CatalogKind, key: string, value: unknown): void {
  if (!isCampaignKind(kind)) return;
  const d = value as { organiser: string; year: number; position?: number };
  const k = campaignKey(d.organiser, d.year);
  let ix = c.index.get(k);
  if (ix === undefined) c.index.set(k, (ix = emptyCampaignIndex(newIdIndexOf.get(c))));
  ix[kind].set(key, d.position ?? c.position);
}

/** The ids of one campaign's records of a kind, in the order recorded, with the position that recorded each. */
export function campaignIds(c: Catalog, organiser: string, year: number, kind: IndexedKind): IdIndex {
  return c.index.get(campaignKey(organiser, year))?.[kind] ?? NO_IDS;
}
const NO_IDS: IdIndex = new Map<string, number>();

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
 * only); the shell's storage may hold some kinds outside memory and keep ids compactly.
 */
export function emptyCatalog(options: { track?: boolean } & CatalogStorage = {}): Catalog {
  const c = { position: 0, dirty: options.track === false ? null : new Set<string>() } as unknown as Catalog;
  c.index = options.index ?? new Map();
  if (options.newIdIndex !== undefined) newIdIndexOf.set(c, options.newIdIndex);
  for (const kind of CATALOG_KINDS)
    (c as unknown as Record<CatalogKind, Map<string, unknown>>)[kind] =
      options.map?.(kind, c) ?? new TrackedMap(kind, c);
  return c;
}
/** The shell's kind of id list, per catalog (plain maps when it gives none). */
const newIdIndexOf = new WeakMap<Catalog, () => IdIndex>();

/** Puts a saved document back into a catalog (the shell loads them at start-up). */
export function loadDocument(c: Catalog, kind: CatalogKind, key: string, value: unknown): void {
  const map = c[kind] as unknown as Map<string, unknown>;
  if (map instanceof TrackedMap) map.load(key, value);
  else throw new TypeError(`${kind} documents are kept outside memory: they are not loaded`);
}
