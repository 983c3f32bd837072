import { z } from 'zod';
import { SNAPSHOT_FORMAT, campaignSnapshot, snapshotKey, type CampaignSnapshot } from '../../projections/snapshot.ts';
import type { Catalog } from '../../projections/catalog.ts';

/** A campaign snapshot as kept: its JSON text, where it was taken, and the campaign's event count then. */
export interface StoredSnapshot {
  /** The campaign key, `organiser-year`. */
  campaign: string;
  position: number;
  /** The campaign's event count (`records.version`) at `position`. */
  version: number;
  json: string;
}

/** Where campaign snapshots are kept: with the saved read models, or in memory. */
export interface SnapshotStore {
  /** The newest snapshot of a campaign taken at or before `position`. */
  latest(campaign: string, position: number): StoredSnapshot | undefined;
  put(s: StoredSnapshot): void;
  /** Replaces every snapshot (after a rebuild, whose fold may differ from the old one). */
  replaceAll(all: readonly StoredSnapshot[]): void;
  /** Per campaign, the event count of its newest snapshot. */
  versions(): Map<string, number>;
}

export class MemorySnapshotStore implements SnapshotStore {
  private readonly byCampaign = new Map<string, StoredSnapshot[]>();

  latest(campaign: string, position: number): StoredSnapshot | undefined {
    const list = this.byCampaign.get(campaign) ?? [];
    let best: StoredSnapshot | undefined;
    for (const s of list) if (s.position <= position && (best === undefined || s.position > best.position)) best = s;
    return best;
  }

  put(s: StoredSnapshot): void {
    const list = this.byCampaign.get(s.campaign) ?? [];
    this.byCampaign.set(s.campaign, [...list.filter((x) => x.position !== s.position), s]);
  }

  replaceAll(all: readonly StoredSnapshot[]): void {
    this.byCampaign.clear();
    for (const s of all) this.put(s);
  }

  versions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [campaign, list] of this.byCampaign) out.set(campaign, Math.max(...list.map((s) => s.version)));
    return out;
  }
}

/**
 * Decides when to snapshot: every so many events folded, each campaign that has had at least
 * `every` events since its last snapshot is snapshotted at the catalog's position — or, for a
 * campaign with more ledger documents than that, as many events as it has documents, so that
 * snapshots never cost more to write than the events they save folding.
 */
export class SnapshotTaker {
  private since = 0;

  constructor(
    private readonly every: number,
    private readonly put: (s: StoredSnapshot) => void,
    /** Per campaign, its event count (`records.version`) at its newest snapshot. */
    readonly versions: Map<string, number> = new Map(),
  ) {}

  /** Called after each event folded into `c`. */
  afterEvent(c: Catalog): void {
    this.since += 1;
    if (this.since < Math.min(1000, this.every)) return;
    this.since = 0;
    for (const [campaign, r] of c.records) {
      const since = r.version - (this.versions.get(campaign) ?? 0);
      if (since < this.every) continue;
      const ix = c.index.get(campaign);
      const documents =
        (ix ? ix.approvals.size + ix.disbursements.size + ix.nominations.size + ix.petitions.size : 0) +
        r.rounds.length +
        r.advice.length +
        r.dialogues.length +
        r.appraisals.length;
      if (since < documents) continue;
      const cut = campaign.lastIndexOf('-');
      const snapshot = campaignSnapshot(c, campaign.slice(0, cut), Number(campaign.slice(cut + 1)));
      this.put({ campaign, position: c.position, version: r.version, json: JSON.stringify(snapshot) });
      this.versions.set(campaign, r.version);
    }
  }
}

// What is checked when a snapshot is read back: its envelope, and the series every figure comes from
// (a plain loop: a year of per-day figures is tens of thousands of numbers).
const isSeries = (v: unknown): boolean => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  for (const days of Object.values(v)) {
    if (typeof days !== 'object' || days === null || Array.isArray(days)) return false;
    for (const n of Object.values(days as Record<string, unknown>))
      if (typeof n !== 'number' || !Number.isFinite(n)) return false;
  }
  return true;
};
const Doc = z.object({}).loose();
const SnapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  organiser: z.string(),
  year: z.number().int(),
  position: z.number().int().nonnegative(),
  campaign: Doc.nullable(),
  records: z
    .object({
      version: z.number().int(),
      series: z.custom<Record<string, Record<string, number>>>(
        isSeries,
        'series must map keys to days to finite numbers',
      ),
    })
    .loose()
    .nullable(),
  documents: z.record(z.string(), z.array(Doc)).refine(
    (docs) =>
      Object.entries(docs).every(([kind, list]) => {
        const key = snapshotKey(kind);
        return key !== undefined && list.every((d) => typeof key(d) === 'string');
      }),
    'each document of a snapshot is of a kind snapshots hold, with its key',
  ),
});

/**
 * Parses a stored snapshot; undefined when it was written in another format (the fold has changed
 * since: time travel then goes the long way until a rebuild writes new ones).
 */
export function parseSnapshot(s: StoredSnapshot): CampaignSnapshot | undefined {
  const raw: unknown = JSON.parse(s.json);
  if ((raw as { format?: unknown } | null)?.format !== SNAPSHOT_FORMAT) return undefined;
  SnapshotSchema.parse(raw);
  return raw as CampaignSnapshot;
}
