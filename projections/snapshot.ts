import {
  CATALOG_SLICES,
  campaignIds,
  campaignKey,
  emptyCatalog,
  loadDocument,
  type CampaignRecords,
  type Catalog,
  type CatalogKind,
  type IndexedKind,
} from './catalog.ts';
import type { Slice } from './capability.ts';
import type { CampaignView } from './folds/campaign.ts';

/**
 * A campaign's read models at one log position, except its meetings: the plan, the ledgers with
 * their per-day series, and the documents of every kind its capability keeps in snapshots (the
 * campaign's approvals, disbursements, nominations, petitions, publications, trainings, the
 * national events its organiser held, the organiser's tasks). That is everything a dashboard or
 * report of the campaign reads, and everything the fold needs to go on from there; a meeting
 * changed later is folded again from its own stream. Time travel starts from the nearest snapshot
 * instead of from the start of the log.
 */
export interface CampaignSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  organiser: string;
  year: number;
  /** The catalog had folded every event up to this global position, and none after. */
  position: number;
  campaign: CampaignView | null;
  records: CampaignRecords | null;
  /** Per kind kept in snapshots, its documents of the campaign, in the order recorded. */
  documents: Partial<Record<CatalogKind, unknown[]>>;
}

/** Bumped whenever the fold or the documents change shape: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 5;

/** A kind of document with how its documents are keyed and found per campaign. */
interface CampaignKind {
  kind: CatalogKind;
  key: (doc: unknown) => string;
  /** The documents of the kind that belong to one campaign, in the order the catalog gives them. */
  of: (c: Catalog, organiser: string, year: number) => Iterable<unknown>;
}

/**
 * How a kind's documents belong to a campaign, where its capability says: every document of a
 * campaign kind, by the campaign's index; a kept kind's, those its `snapshot.of` names (national
 * events, the organiser's tasks). Undefined for a kept kind that does not say.
 */
function campaignKind(kind: CatalogKind, slice: Slice<unknown>): CampaignKind | undefined {
  const field = slice.idField;
  if (field !== undefined) {
    return {
      kind,
      key: (d) => (d as Record<string, string>)[field] as string,
      *of(c, organiser, year) {
        const map = c[kind] as ReadonlyMap<string, unknown>;
        for (const id of campaignIds(c, organiser, year, kind as IndexedKind).keys()) {
          const d = map.get(id);
          if (d !== undefined) yield d;
        }
      },
    };
  }
  const belongs = slice.snapshot;
  if (belongs === undefined || belongs === false) return undefined;
  return {
    kind,
    key: (d) => belongs.key(d),
    *of(c, organiser, year) {
      for (const d of (c[kind] as ReadonlyMap<string, unknown>).values()) if (belongs.of(d, organiser, year)) yield d;
    },
  };
}

/** The kinds a snapshot holds, as their capabilities declare them (every campaign kind unless it opts out). */
const IN_SNAPSHOT: readonly CampaignKind[] = CATALOG_SLICES.flatMap(([kind, slice]) => {
  const held = slice.snapshot === false ? undefined : campaignKind(kind, slice);
  return held === undefined ? [] : [held];
});

/** How a snapshot's document of a kind names its key; undefined for a kind snapshots do not hold. */
export function snapshotKey(kind: string): ((doc: unknown) => string) | undefined {
  return IN_SNAPSHOT.find((k) => k.kind === kind)?.key;
}

/**
 * The kinds whose documents live in a stream each, but meetings (time travel takes an unchanged
 * meeting as it is): their documents of a campaign, and each one's stream. A kept kind kept in
 * streams of its own must say which of its documents belong to a campaign.
 */
export const OWN_STREAMS: readonly (CampaignKind & { stream: (doc: unknown) => string })[] = CATALOG_SLICES.flatMap(
  ([kind, slice]) => {
    const stream = slice.stream;
    if (stream === undefined || kind === 'meetings') return [];
    const found = campaignKind(kind, slice);
    if (found === undefined) throw new Error(`${kind}: documents in streams of their own must name their campaign`);
    return [{ ...found, stream: (d: unknown) => stream.call(slice, d) }];
  },
);

/** The snapshot of one campaign of a catalog, as plain data (the caller serialises it at once). */
export function campaignSnapshot(c: Catalog, organiser: string, year: number): CampaignSnapshot {
  const key = campaignKey(organiser, year);
  const documents: Partial<Record<CatalogKind, unknown[]>> = {};
  for (const k of IN_SNAPSHOT) documents[k.kind] = [...k.of(c, organiser, year)];
  return {
    format: SNAPSHOT_FORMAT,
    organiser,
    year,
    position: c.position,
    campaign: c.campaigns.get(key) ?? null,
    records: c.records.get(key) ?? null,
    documents,
  };
}

/**
 * A catalog holding a snapshot's documents, ready to fold the campaign's later events. The
 * snapshot's objects become the catalog's own: pass a freshly parsed one.
 */
export function catalogFromSnapshot(s: CampaignSnapshot): Catalog {
  const c = emptyCatalog({ track: false });
  const key = campaignKey(s.organiser, s.year);
  if (s.campaign !== null) loadDocument(c, 'campaigns', key, s.campaign);
  if (s.records !== null) loadDocument(c, 'records', key, s.records);
  for (const { kind, key } of IN_SNAPSHOT) for (const d of s.documents[kind] ?? []) loadDocument(c, kind, key(d), d);
  c.position = s.position;
  return c;
}
