import { campaignIds, campaignKey, emptyCatalog, loadDocument, type CampaignRecords, type Catalog } from './catalog.ts';
import type { CampaignView } from './folds/campaign.ts';
import type { PetitionView } from './folds/dialogue.ts';
import type { NationalEventView } from './folds/national-event.ts';
import type { NominationView } from './folds/nomination.ts';
import type { PublicationView } from './folds/publication.ts';
import type { ApprovalView, DisbursementView } from './folds/support.ts';
import type { TaskView } from './folds/task.ts';

/**
 * A campaign's read models at one log position, except its meetings: the plan, the ledgers with
 * their per-day series, approvals, disbursements, nominations, petitions, publications, and the organiser's
 * tasks. That is everything a dashboard or report of the campaign reads, and everything the fold
 * needs to go on from there; a meeting changed later is folded again from its own stream.
 * Time travel starts from the nearest snapshot instead of from the start of the log.
 */
export interface CampaignSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  organiser: string;
  year: number;
  /** The catalog had folded every event up to this global position, and none after. */
  position: number;
  campaign: CampaignView | null;
  records: CampaignRecords | null;
  approvals: ApprovalView[];
  disbursements: DisbursementView[];
  nominations: NominationView[];
  petitions: PetitionView[];
  publications: PublicationView[];
  /** The national events the campaign's organiser (VN) held. */
  nationalEvents: NationalEventView[];
  tasks: TaskView[];
}

/** Bumped whenever the fold or the documents change shape: older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 3;

/** The snapshot of one campaign of a catalog, as plain data (the caller serialises it at once). */
export function campaignSnapshot(c: Catalog, organiser: string, year: number): CampaignSnapshot {
  const key = campaignKey(organiser, year);
  const docs = <T>(
    map: ReadonlyMap<string, T>,
    kind: 'approvals' | 'disbursements' | 'nominations' | 'petitions' | 'publications',
  ): T[] => {
    const out: T[] = [];
    for (const id of campaignIds(c, organiser, year, kind).keys()) {
      const d = map.get(id);
      if (d !== undefined) out.push(d);
    }
    return out;
  };
  const tasks: TaskView[] = [];
  for (const t of c.tasks.values()) if (t.organiser === organiser) tasks.push(t);
  return {
    format: SNAPSHOT_FORMAT,
    organiser,
    year,
    position: c.position,
    campaign: c.campaigns.get(key) ?? null,
    records: c.records.get(key) ?? null,
    approvals: docs(c.approvals, 'approvals'),
    disbursements: docs(c.disbursements, 'disbursements'),
    nominations: docs(c.nominations, 'nominations'),
    petitions: docs(c.petitions, 'petitions'),
    publications: docs(c.publications, 'publications'),
    nationalEvents: [...c.nationalEvents.values()].filter((x) => x.organiser === organiser && x.year === year),
    tasks,
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
  for (const d of s.approvals) loadDocument(c, 'approvals', d.approvalId, d);
  for (const d of s.disbursements) loadDocument(c, 'disbursements', d.disbursementId, d);
  for (const d of s.nominations) loadDocument(c, 'nominations', d.nominationId, d);
  for (const d of s.petitions) loadDocument(c, 'petitions', d.petitionId, d);
  for (const d of s.nationalEvents) loadDocument(c, 'nationalEvents', d.eventId, d);
  for (const d of s.publications) loadDocument(c, 'publications', d.publicationId, d);
  for (const d of s.tasks) loadDocument(c, 'tasks', d.taskId, d);
  c.position = s.position;
  return c;
}
