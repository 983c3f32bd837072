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
export const SNAPSHOT_FORMAT = 4;

/** The kinds a snapshot holds, as their capabilities declare them (every campaign kind unless it opts out). */
const IN_SNAPSHOT: readonly (readonly [CatalogKind, Slice<unknown>])[] = CATALOG_SLICES.filter(([, s]) =>
  s.inCampaign ? s.snapshot !== false : s.snapshot !== undefined && s.snapshot !== false,
);

/** How a snapshot's document of a kind names its key; undefined for a kind snapshots do not hold. */
export function snapshotKey(kind: string): ((doc: unknown) => unknown) | undefined {
  const slice = IN_SNAPSHOT.find(([k]) => k === kind)?.[1];
  if (slice === undefined) return undefined;
  const field = slice.idField;
  if (field !== undefined) return (d) => (d as Record<string, unknown>)[field];
  return slice.snapshot ? (d) => (slice.snapshot as { key(doc: unknown): string }).key(d) : undefined;
}

/** The snapshot of one campaign of a catalog, as plain data (the caller serialises it at once). */
export function campaignSnapshot(c: Catalog, organiser: string, year: number): CampaignSnapshot {
  const key = campaignKey(organiser, year);
  const documents: Partial<Record<CatalogKind, unknown[]>> = {};
  for (const [kind, slice] of IN_SNAPSHOT) {
    const map = c[kind] as ReadonlyMap<string, unknown>;
    const out: unknown[] = [];
    if (slice.inCampaign) {
      for (const id of campaignIds(c, organiser, year, kind as IndexedKind).keys()) {
        const d = map.get(id);
        if (d !== undefined) out.push(d);
      }
    } else if (slice.snapshot) {
      for (const d of map.values()) if (slice.snapshot.of(d, organiser, year)) out.push(d);
    }
    documents[kind] = out;
  }
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
  for (const [kind] of IN_SNAPSHOT)
    for (const d of s.documents[kind] ?? []) loadDocument(c, kind, snapshotKey(kind)?.(d) as string, d);
  c.position = s.position;
  return c;
}
