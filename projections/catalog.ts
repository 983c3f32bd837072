import type { CampaignEvent, CampaignPlan } from '../domain/campaign/campaign.ts';
import type { ConsultationEvent } from '../domain/consultation/consultation.ts';
import type { CooperativeEvent, CooperativeRegistered, CooperativeStatus, MemberCounts } from '../domain/cooperative/cooperative.ts';
import type { DialogueEvent, PetitionRecorded } from '../domain/dialogue/dialogue.ts';
import { admittedTotal, type MembershipEvent } from '../domain/membership/membership.ts';
import type { NominationEvent, NominationStatus, ExemplaryCoopNominated } from '../domain/nomination/nomination.ts';
import type { MeetingFields, OutreachEvent } from '../domain/outreach/outreach.ts';
import type { PublicationEvent, PublicationRecorded } from '../domain/publication/publication.ts';
import type { Period } from '../domain/shared/period.ts';
import type { ApproveSupport, SupportEvent } from '../domain/support/support.ts';
import type { TaskEvent, AssignTask } from '../domain/task/task.ts';
import type { SetSteeringCommittee, SteeringEvent } from '../domain/steering/steering.ts';
import type { NationalEventAttended, NationalEventEvent, NationalEventHeld } from '../domain/national-event/national-event.ts';
import { reportDue, type ReportKind, type Reporter, type ReportingEvent } from '../domain/reporting/reporting.ts';
import type { FundSource } from '../domain/campaign/campaign.ts';
import { defaultPeakWindow, inWindow, vnDateOf } from '../domain/shared/time.ts';
import { bump, creditKey, fundKey, meetingSeries, publicationSeries, statusKey, type Series } from './series.ts';

/** Any event of the domain, as the catalog folds it. */
export type AnyDomainEvent =
  | CampaignEvent
  | OutreachEvent
  | PublicationEvent
  | CooperativeEvent
  | SupportEvent
  | NominationEvent
  | MembershipEvent
  | DialogueEvent
  | ConsultationEvent
  | TaskEvent
  | ReportingEvent
  | NationalEventEvent
  | SteeringEvent;

/** Where an event sits in the log: what the catalog needs besides its data. */
export interface Envelope {
  stream: string;
  revision: number;
  position: number;
  recordedAt: string;
}

interface Versioned {
  /** Revision of the stream the resource lives in: its ETag. */
  revision: number;
  updatedAt: string;
  /** Global position of the last event that changed the document (time travel uses it). */
  lastPosition?: number;
}

export interface CampaignView extends CampaignPlan, Versioned {
  organiser: string;
  year: number;
  provinceId: string | null;
  /** The province's name as recorded (schema v2; lifted for v1 events). */
  provinceName: string | null;
  status: 'open' | 'closed';
  plan: { number: string; date: string };
  amendments: { number: string; date: string; reason: string }[];
  closedOn?: string;
}
export interface MeetingView extends MeetingFields, Versioned {
  meetingId: string;
  organiser: string;
  year: number;
  status: 'recorded' | 'retracted';
  corrections: number;
  position: number;
}
export interface PublicationView extends Omit<PublicationRecorded['data'], never>, Versioned {
  status: 'recorded' | 'retracted';
  position: number;
}
export interface NationalEventView extends Omit<NationalEventHeld['data'], never>, Versioned {
  position: number;
}
/** An organiser's steering committee as set by its latest decision, with the earlier compositions. */
export interface SteeringView extends SetSteeringCommittee, Versioned {
  organiser: string;
  history: (SetSteeringCommittee & { recordedAt: string })[];
  position: number;
}
export interface CooperativeView extends Omit<CooperativeRegistered['data'], 'members'>, Versioned {
  status: CooperativeStatus;
  members: MemberCounts;
  position: number;
}
export interface ApprovalView extends ApproveSupport, Versioned {
  organiser: string;
  year: number;
  disbursed: number;
  position: number;
}
export interface DisbursementView extends Versioned {
  organiser: string;
  year: number;
  disbursementId: string;
  approvalId: string;
  cooperativeId: string;
  fund: FundSource;
  amount: number;
  date: string;
  reference: string;
  reversed: boolean;
  position: number;
}
export interface NominationView extends Omit<ExemplaryCoopNominated['data'], 'organiser' | 'year'>, Versioned {
  organiser: string;
  year: number;
  status: NominationStatus;
  history: { status: NominationStatus; on: string }[];
  position: number;
}
export interface PetitionView extends Omit<PetitionRecorded['data'], 'organiser' | 'year'>, Versioned {
  organiser: string;
  year: number;
  status: 'open' | 'answered' | 'resolved';
  responses: { respondedBy: string; respondedOn: string; response: string; resolved: boolean }[];
  position: number;
}
export interface TaskView extends Omit<AssignTask, 'doneOn'>, Versioned {
  organiser: string;
  status: 'open' | 'done' | 'cancelled';
  percent: number;
  completedOn?: string;
  cancelledOn?: string;
  progress: { reportedOn: string; percent: number; note: string }[];
  due: Period;
  position: number;
}
export interface ConsultationView extends Versioned {
  organiser: string;
  consultationId: string;
  draft: { title: string; number?: string };
  openedOn: string;
  dueOn?: string;
  status: 'open' | 'closed';
  parties: { partyId: string; name: string; group: string; reply?: { repliedOn: string; position: string; comments?: string } }[];
  position: number;
}

/** One report of an organiser and year: who is expected, by when, and what was submitted. */
export interface ReportLedger {
  revision: number;
  dueBy: string;
  expected: Reporter[];
  submissions: { submissionId: string; reporter: Reporter; submittedOn: string; documentNumber?: string | undefined; note?: string | undefined; daysLate: number }[];
}

/** Per campaign: the ledgers that live in one stream each, with that stream's revision. */
export interface CampaignRecords {
  supportRevision: number;
  nominationsRevision: number;
  membershipRevision: number;
  dialogueRevision: number;
  rounds: (MembershipEvent & { type: 'MemberAdmissionRoundRecorded' })['data'][];
  advice: (MembershipEvent & { type: 'FoundingAdviceRecorded' })['data'][];
  dialogues: (DialogueEvent & { type: 'DialogueConferenceHeld' })['data'][];
  appraisals: (SupportEvent & { type: 'LoanAppraised' })['data'][];
  /** Events of the campaign recorded (recordedAt, Vietnam date) inside and outside its peak window. */
  recordedInPeak: number;
  recordedOutsidePeak: number;
  /** Grows with every event of the campaign: a cache key for dashboards. */
  version: number;
  /** Per-day figures the dashboards and reports sum (see series.ts). */
  series: Series;
  /** Each supported cooperative's first approval: it counts as supported from that day. */
  firstApproval: Record<string, { date: string; activityId?: string | undefined }>;
  /** The 6-month and year-end reports: expected reporters and submissions. */
  reports?: Partial<Record<ReportKind, ReportLedger>>;
  /** National events the province's delegation attended. */
  attendances?: NationalEventAttended['data'][];
  nationalEventsRevision?: number;
}

/**
 * The read models the REST API serves: every resource with its current state and the revision of
 * the stream it lives in. A pure fold over the log; the shell keeps one and feeds it events.
 */
export interface Catalog {
  position: number;
  /** Documents changed since the shell last saved them (`kind\u0000key`); null when nothing is saved. */
  dirty: Set<string> | null;
  /** Per campaign (`organiser-year`), the ids of its records: dashboards read only their own. */
  index: Map<string, CampaignIndex>;
  campaigns: Map<string, CampaignView>;
  records: Map<string, CampaignRecords>;
  meetings: Map<string, MeetingView>;
  publications: Map<string, PublicationView>;
  nationalEvents: Map<string, NationalEventView>;
  steering: Map<string, SteeringView>;
  cooperatives: Map<string, CooperativeView>;
  approvals: Map<string, ApprovalView>;
  disbursements: Map<string, DisbursementView>;
  nominations: Map<string, NominationView>;
  petitions: Map<string, PetitionView>;
  tasks: Map<string, TaskView>;
  consultations: Map<string, ConsultationView>;
}

/** The document kinds of the catalog: one map each. */
export const CATALOG_KINDS = ['campaigns', 'records', 'meetings', 'publications', 'nationalEvents', 'steering', 'cooperatives', 'approvals', 'disbursements', 'nominations', 'petitions', 'tasks', 'consultations'] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

export interface CampaignIndex {
  meetings: Set<string>;
  publications: Set<string>;
  approvals: Set<string>;
  disbursements: Set<string>;
  nominations: Set<string>;
  petitions: Set<string>;
}
type IndexedKind = keyof CampaignIndex;
const INDEXED: ReadonlySet<string> = new Set<IndexedKind>(['meetings', 'publications', 'approvals', 'disbursements', 'nominations', 'petitions']);

/** A map that notes every key written into the catalog's dirty set and keeps the campaign index. */
class TrackedMap<V> extends Map<string, V> {
  constructor(
    private readonly kind: CatalogKind,
    private readonly c: Catalog,
  ) {
    super();
  }
  override set(key: string, value: V): this {
    this.c.dirty?.add(`${this.kind}\u0000${key}`);
    if (!this.has(key)) indexDocument(this.c, this.kind, key, value);
    return super.set(key, value);
  }
  /** Loads a saved document without marking it changed. */
  load(key: string, value: V): void {
    if (!this.has(key)) indexDocument(this.c, this.kind, key, value);
    super.set(key, value);
  }
}

function indexDocument(c: Catalog, kind: CatalogKind, key: string, value: unknown): void {
  if (!INDEXED.has(kind)) return;
  const d = value as { organiser: string; year: number };
  const k = campaignKey(d.organiser, d.year);
  let ix = c.index.get(k);
  if (ix === undefined) {
    ix = { meetings: new Set(), publications: new Set(), approvals: new Set(), disbursements: new Set(), nominations: new Set(), petitions: new Set() };
    c.index.set(k, ix);
  }
  ix[kind as IndexedKind].add(key);
}

/** The ids of one campaign's records of a kind. */
export function campaignIds(c: Catalog, organiser: string, year: number, kind: IndexedKind): ReadonlySet<string> {
  return c.index.get(campaignKey(organiser, year))?.[kind] ?? new Set();
}

/** A catalog; `track` notes changed documents for saving (off when the read models live in memory only). */
export function emptyCatalog(options: { track?: boolean } = {}): Catalog {
  const c = { position: 0, dirty: options.track === false ? null : new Set<string>(), index: new Map() } as unknown as Catalog;
  for (const kind of CATALOG_KINDS) (c as unknown as Record<CatalogKind, TrackedMap<unknown>>)[kind] = new TrackedMap(kind, c);
  return c;
}

/** Puts a saved document back into a catalog (the shell loads them at start-up). */
export function loadDocument(c: Catalog, kind: CatalogKind, key: string, value: unknown): void {
  (c[kind] as unknown as TrackedMap<unknown>).load(key, value);
}

export const campaignKey = (organiser: string, year: number): string => `${organiser}-${year}`;

/** The ledgers of one campaign, made on first use. */
export function recordsOf(c: Catalog, organiser: string, year: number): CampaignRecords {
  const key = campaignKey(organiser, year);
  let r = c.records.get(key);
  // Records are changed in place: note them as changed whenever they are touched.
  c.dirty?.add(`records\u0000${key}`);
  if (r === undefined) {
    r = {
      supportRevision: -1,
      nominationsRevision: -1,
      membershipRevision: -1,
      dialogueRevision: -1,
      rounds: [],
      advice: [],
      dialogues: [],
      appraisals: [],
      recordedInPeak: 0,
      recordedOutsidePeak: 0,
      version: 0,
      series: {},
      firstApproval: {},
    };
    c.records.set(key, r);
  }
  return r;
}

/** Folds one event into the catalog, in place (the catalog is the shell's working copy). */
export function applyToCatalog(c: Catalog, e: AnyDomainEvent, at: Envelope): void {
  const v = { revision: at.revision, updatedAt: at.recordedAt, lastPosition: at.position };
  c.position = at.position;
  countRecording(c, e, at);
  switch (e.type) {
    case 'CampaignLaunched': {
      const d = e.data;
      c.campaigns.set(campaignKey(d.organiser, d.year), { ...d, ...v, status: 'open', amendments: [] });
      return;
    }
    case 'CampaignPlanAmended': {
      const k = campaignKey(e.data.organiser, e.data.year);
      const cur = c.campaigns.get(k);
      if (!cur) return;
      const { organiser: _o, year: _y, amendment, reason, ...changes } = e.data;
      c.campaigns.set(k, { ...cur, ...changes, ...v, amendments: [...cur.amendments, { ...amendment, reason }] });
      return;
    }
    case 'CampaignClosed': {
      const k = campaignKey(e.data.organiser, e.data.year);
      const cur = c.campaigns.get(k);
      if (cur) c.campaigns.set(k, { ...cur, ...v, status: 'closed', closedOn: e.data.closedOn });
      return;
    }
    case 'OutreachMeetingRecorded': {
      // Hot path: object literals, not spreads (spreading parsed JSON is several times slower).
      const d = e.data;
      c.meetings.set(d.meetingId, {
        organiser: d.organiser,
        year: d.year,
        meetingId: d.meetingId,
        date: d.date,
        place: d.place,
        format: d.format,
        topics: d.topics,
        attendees: d.attendees,
        cooperativesRepresented: d.cooperativesRepresented,
        cooperativeIds: d.cooperativeIds,
        organisedBy: d.organisedBy,
        activityId: d.activityId,
        title: d.title,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        status: 'recorded',
        corrections: 0,
        position: at.position,
      });
      meetingSeries(recordsOf(c, d.organiser, d.year).series, d, 1);
      return;
    }
    case 'OutreachMeetingCorrected': {
      const m = c.meetings.get(e.data.meetingId);
      if (!m) return;
      const corrected = { ...m, ...e.data.changes, ...v, corrections: m.corrections + 1 };
      c.meetings.set(m.meetingId, corrected);
      if (m.status === 'recorded') {
        const series = recordsOf(c, m.organiser, m.year).series;
        meetingSeries(series, m, -1);
        meetingSeries(series, corrected, 1);
      }
      return;
    }
    case 'OutreachMeetingRetracted': {
      const m = c.meetings.get(e.data.meetingId);
      if (!m) return;
      c.meetings.set(m.meetingId, { ...m, ...v, status: 'retracted' });
      if (m.status === 'recorded') meetingSeries(recordsOf(c, m.organiser, m.year).series, m, -1);
      return;
    }
    case 'PublicationRecorded': {
      const d = e.data;
      c.publications.set(d.publicationId, { ...d, ...v, status: 'recorded', position: at.position });
      publicationSeries(recordsOf(c, d.organiser, d.year).series, d, 1);
      return;
    }
    case 'PublicationRetracted': {
      const p = c.publications.get(e.data.publicationId);
      if (!p || p.status !== 'recorded') return;
      c.publications.set(p.publicationId, { ...p, ...v, status: 'retracted' });
      publicationSeries(recordsOf(c, p.organiser, p.year).series, p, -1);
      return;
    }
    case 'CooperativeRegistered':
      c.cooperatives.set(e.data.cooperativeId, { ...e.data, ...v, status: 'active', position: at.position });
      return;
    case 'CooperativeStatusChanged': {
      const x = c.cooperatives.get(e.data.cooperativeId);
      if (x) c.cooperatives.set(x.cooperativeId, { ...x, ...v, status: e.data.to });
      return;
    }
    case 'CooperativeMembersUpdated': {
      const x = c.cooperatives.get(e.data.cooperativeId);
      if (x) c.cooperatives.set(x.cooperativeId, { ...x, ...v, members: e.data.members });
      return;
    }
    case 'SupportApproved': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      r.supportRevision = at.revision;
      const day = d.decision.date;
      bump(r.series, 'approvedVnd', day, d.amount);
      bump(r.series, fundKey(d.fund, 'approved'), day, d.amount);
      const first = r.firstApproval[d.cooperativeId];
      if (first === undefined || day < first.date) {
        if (first !== undefined) {
          bump(r.series, 'cooperativesSupported', first.date, -1);
          bump(r.series, creditKey(first.activityId, 'cooperatives-supported'), first.date, -1);
        }
        r.firstApproval[d.cooperativeId] = { date: day, ...(d.activityId !== undefined ? { activityId: d.activityId } : {}) };
        bump(r.series, 'cooperativesSupported', day, 1);
        bump(r.series, creditKey(d.activityId, 'cooperatives-supported'), day, 1);
      }
      c.approvals.set(d.approvalId, {
        organiser: d.organiser,
        year: d.year,
        approvalId: d.approvalId,
        decision: d.decision,
        cooperativeId: d.cooperativeId,
        fund: d.fund,
        form: d.form,
        amount: d.amount,
        purpose: d.purpose,
        activityId: d.activityId,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        disbursed: 0,
        position: at.position,
      });
      return;
    }
    case 'SupportDisbursed': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.supportRevision = at.revision;
      const { organiser, year, disbursementId, approvalId, cooperativeId, fund, amount, date, reference } = e.data;
      bump(r.series, 'disbursedVnd', date, amount);
      bump(r.series, fundKey(fund, 'disbursed'), date, amount);
      bump(r.series, creditKey(c.approvals.get(approvalId)?.activityId, 'disbursed-vnd'), date, amount);
      c.disbursements.set(disbursementId, { organiser, year, disbursementId, approvalId, cooperativeId, fund, amount, date, reference, reversed: false, revision: at.revision, updatedAt: at.recordedAt, lastPosition: at.position, position: at.position });
      const a = c.approvals.get(approvalId);
      if (a) {
        // The approval document is the catalog's own: update it in place and note it changed.
        a.disbursed += amount;
        a.revision = at.revision;
        a.updatedAt = at.recordedAt;
        a.lastPosition = at.position;
        c.approvals.set(approvalId, a);
      }
      return;
    }
    case 'DisbursementReversed': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.supportRevision = at.revision;
      const x = c.disbursements.get(e.data.disbursementId);
      if (x && !x.reversed) {
        bump(r.series, 'disbursedVnd', x.date, -x.amount);
        bump(r.series, fundKey(x.fund, 'disbursed'), x.date, -x.amount);
        bump(r.series, creditKey(c.approvals.get(x.approvalId)?.activityId, 'disbursed-vnd'), x.date, -x.amount);
      }
      if (x) c.disbursements.set(x.disbursementId, { ...x, ...v, reversed: true });
      const a = c.approvals.get(e.data.approvalId);
      if (a) c.approvals.set(a.approvalId, { ...a, ...v, disbursed: a.disbursed - e.data.amount });
      return;
    }
    case 'LoanAppraised': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.supportRevision = at.revision;
      r.appraisals.push(e.data);
      bump(r.series, 'loansAppraised', e.data.date, 1);
      bump(r.series, creditKey(undefined, 'loans-appraised'), e.data.date, 1);
      return;
    }
    case 'ExemplaryCoopNominated': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.nominationsRevision = at.revision;
      bump(r.series, 'nominations', e.data.nominatedOn, 1);
      bump(r.series, creditKey(undefined, 'nominations'), e.data.nominatedOn, 1);
      bump(r.series, statusKey('nom', 'nominated'), e.data.nominatedOn, 1);
      c.nominations.set(e.data.nominationId, { ...e.data, ...v, status: 'nominated', history: [{ status: 'nominated', on: e.data.nominatedOn }], position: at.position });
      return;
    }
    case 'NominationShortlisted':
    case 'NominationForwarded':
    case 'NominationHonoured':
    case 'NominationDeclined':
    case 'NominationWithdrawn': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.nominationsRevision = at.revision;
      const n = c.nominations.get(e.data.nominationId);
      if (!n) return;
      const [status, on] = nominationStep(e);
      bump(r.series, statusKey('nom', n.status), n.nominatedOn, -1);
      bump(r.series, statusKey('nom', status), n.nominatedOn, 1);
      const wasActive = n.status !== 'declined' && n.status !== 'withdrawn';
      if (wasActive && (status === 'declined' || status === 'withdrawn')) {
        bump(r.series, 'nominations', n.nominatedOn, -1);
        bump(r.series, creditKey(undefined, 'nominations'), n.nominatedOn, -1);
      }
      c.nominations.set(n.nominationId, { ...n, ...v, status, history: [...n.history, { status, on }] });
      return;
    }
    case 'MemberAdmissionRoundRecorded': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.membershipRevision = at.revision;
      r.rounds.push(e.data);
      const a = e.data.admitted;
      const n = admittedTotal(a);
      bump(r.series, 'membersAdmitted', e.data.date, n);
      bump(r.series, creditKey(e.data.activityId, 'members-admitted'), e.data.date, n);
      for (const [type, count] of Object.entries(a) as [string, number][]) bump(r.series, statusKey('admitted', type), e.data.date, count);
      return;
    }
    case 'FoundingAdviceRecorded': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.membershipRevision = at.revision;
      r.advice.push(e.data);
      if (e.data.outcome === 'founded') {
        bump(r.series, 'cooperativesFounded', e.data.date, 1);
        bump(r.series, creditKey(e.data.activityId, 'cooperatives-founded'), e.data.date, 1);
      }
      return;
    }
    case 'DialogueConferenceHeld': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.dialogueRevision = at.revision;
      r.dialogues.push(e.data);
      bump(r.series, 'dialogues', e.data.date, 1);
      bump(r.series, creditKey(e.data.activityId, 'dialogues'), e.data.date, 1);
      return;
    }
    case 'PetitionRecorded': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      r.dialogueRevision = at.revision;
      bump(r.series, 'petitions', d.submittedOn, 1);
      bump(r.series, statusKey('petition', 'open'), d.submittedOn, 1);
      c.petitions.set(d.petitionId, {
        organiser: d.organiser,
        year: d.year,
        petitionId: d.petitionId,
        dialogueId: d.dialogueId,
        cooperativeId: d.cooperativeId,
        submittedBy: d.submittedBy,
        submittedOn: d.submittedOn,
        topic: d.topic,
        subject: d.subject,
        content: d.content,
        addressedTo: d.addressedTo,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        status: 'open',
        responses: [],
        position: at.position,
      });
      return;
    }
    case 'PetitionAnswered': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.dialogueRevision = at.revision;
      const p = c.petitions.get(e.data.petitionId);
      if (!p) return;
      const { respondedBy, respondedOn, response, resolved } = e.data;
      bump(r.series, statusKey('petition', p.status), p.submittedOn, -1);
      bump(r.series, statusKey('petition', resolved ? 'resolved' : 'answered'), p.submittedOn, 1);
      if (resolved && p.status !== 'resolved') {
        bump(r.series, 'petitionsResolved', respondedOn, 1);
        bump(r.series, creditKey(undefined, 'petitions-resolved'), respondedOn, 1);
      }
      c.petitions.set(p.petitionId, { ...p, ...v, status: resolved ? 'resolved' : 'answered', responses: [...p.responses, { respondedBy, respondedOn, response, resolved }] });
      return;
    }
    case 'ConsultationOpened': {
      const d = e.data;
      c.consultations.set(d.consultationId, {
        organiser: d.organiser,
        consultationId: d.consultationId,
        draft: d.draft,
        openedOn: d.openedOn,
        ...(d.dueOn !== undefined ? { dueOn: d.dueOn } : {}),
        status: 'open',
        parties: d.parties.map((p) => ({ ...p })),
        ...v,
        position: at.position,
      });
      return;
    }
    case 'ConsultationReplyRecorded': {
      const x = c.consultations.get(e.data.consultationId);
      if (!x) return;
      const { repliedOn, position, comments } = e.data;
      const reply = { repliedOn, position, ...(comments !== undefined ? { comments } : {}) };
      c.consultations.set(x.consultationId, { ...x, ...v, parties: x.parties.map((p) => (p.partyId === e.data.partyId ? { ...p, reply } : p)) });
      return;
    }
    case 'ConsultationClosed': {
      const x = c.consultations.get(e.data.consultationId);
      if (x) c.consultations.set(x.consultationId, { ...x, ...v, status: 'closed' });
      return;
    }
    case 'SteeringCommitteeConstituted':
    case 'SteeringCommitteeRevised': {
      const { organiser, ...composition } = e.data;
      const before = c.steering.get(organiser);
      c.steering.set(organiser, { organiser, ...composition, ...v, history: [...(before?.history ?? []), { ...composition, recordedAt: at.recordedAt }], position: at.position });
      return;
    }
    case 'NationalEventHeld':
      c.nationalEvents.set(e.data.eventId, { ...e.data, ...v, position: at.position });
      recordsOf(c, e.data.organiser, e.data.year).nationalEventsRevision = at.revision;
      return;
    case 'NationalEventAttended': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      r.nationalEventsRevision = at.revision;
      (r.attendances ??= []).push(d);
      bump(r.series, 'eventsAttended', d.date, 1);
      bump(r.series, 'delegates', d.date, d.delegates);
      bump(r.series, creditKey(d.activityId, 'events-attended'), d.date, 1);
      return;
    }
    case 'ReportsExpected':
    case 'ReportSubmitted': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      const reports = (r.reports ??= {});
      const ledger = (reports[d.kind] ??= { revision: -1, dueBy: reportDue(d.kind, d.year).dueBy, expected: [], submissions: [] });
      ledger.revision = at.revision;
      if (e.type === 'ReportsExpected') {
        ledger.dueBy = e.data.dueBy;
        ledger.expected = e.data.from;
      } else {
        const { submissionId, reporter, submittedOn, documentNumber, note, daysLate } = e.data;
        ledger.submissions.push({ submissionId, reporter, submittedOn, documentNumber, note, daysLate });
      }
      return;
    }
    case 'TaskAssigned':
      c.tasks.set(e.data.taskId, { ...e.data, ...v, status: 'open', percent: 0, progress: [], position: at.position });
      return;
    case 'TaskProgressReported': {
      const t = c.tasks.get(e.data.taskId);
      if (t) c.tasks.set(t.taskId, { ...t, ...v, percent: e.data.percent, progress: [...t.progress, { reportedOn: e.data.reportedOn, percent: e.data.percent, note: e.data.note }] });
      return;
    }
    case 'TaskCompleted': {
      const t = c.tasks.get(e.data.taskId);
      if (t) c.tasks.set(t.taskId, { ...t, ...v, status: 'done', percent: 100, completedOn: e.data.completedOn });
      return;
    }
    case 'TaskCancelled': {
      const t = c.tasks.get(e.data.taskId);
      if (t) c.tasks.set(t.taskId, { ...t, ...v, status: 'cancelled', cancelledOn: e.data.cancelledOn });
      return;
    }
  }
}

/** Campaign-scoped events carry organiser and year: count when they were recorded. */
function countRecording(c: Catalog, e: AnyDomainEvent, at: Envelope): void {
  const d = e.data as { organiser?: unknown; year?: unknown };
  if (typeof d.organiser !== 'string' || typeof d.year !== 'number') return;
  const peak = e.type === 'CampaignLaunched' ? e.data.peak : undefined;
  countRecorded(c, d.organiser, d.year, at.recordedAt, peak);
}

/** Counts one event of a campaign as recorded inside or outside its peak window. */
function countRecorded(c: Catalog, organiser: string, year: number, recordedAt: string, peak?: { from: string; to: string }): void {
  const r = recordsOf(c, organiser, year);
  const window = peak ?? c.campaigns.get(campaignKey(organiser, year))?.peak ?? defaultPeakWindow(year);
  if (inWindow(vnDateOf(recordedAt), window)) r.recordedInPeak += 1;
  else r.recordedOutsidePeak += 1;
  r.version += 1;
}

function nominationStep(e: NominationEvent): [NominationStatus, string] {
  switch (e.type) {
    case 'NominationShortlisted':
      return ['shortlisted', e.data.shortlistedOn];
    case 'NominationForwarded':
      return ['forwarded', e.data.forwardedOn];
    case 'NominationHonoured':
      return ['honoured', e.data.awardedOn];
    case 'NominationDeclined':
      return ['declined', e.data.declinedOn];
    case 'NominationWithdrawn':
      return ['withdrawn', e.data.withdrawnOn];
    default:
      return ['nominated', e.data.nominatedOn];
  }
}
