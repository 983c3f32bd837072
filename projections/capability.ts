import { z } from 'zod';
import type { DialogueEvent } from '../domain/dialogue/dialogue.ts';
import type { MembershipEvent } from '../domain/membership/membership.ts';
import type { NationalEventAttended } from '../domain/national-event/national-event.ts';
import type { ExpectedUnit, Figures, Reporter, UnitReportStatus } from '../domain/reporting/reporting.ts';
import type { UnitKind } from '../domain/reporting/chain.ts';
import type { SupportEvent } from '../domain/support/support.ts';
import type { RuleBook } from '../domain/shared/rules.ts';
import type { Series } from './series.ts';

/**
 * What a capability's projection module (folds/<capability>.ts) declares, and the little every fold
 * shares: where an event sits in the log, the stamp a changed document takes, and the per-campaign
 * ledgers. This module imports no fold and no catalog: each fold is typed against its own slices
 * (`FoldTarget`), and the catalog (catalog.ts) is composed from the registered capabilities
 * (capabilities.ts), so the imports run one way.
 */

/** Where an event sits in the log: what the catalog needs besides its data. */
export interface Envelope {
  stream: string;
  revision: number;
  position: number;
  recordedAt: string;
}

/** What every document changed by an event notes: the stream revision, the instant, the position. */
export interface Stamp {
  revision: number;
  updatedAt: string;
  lastPosition: number;
}

/** The stream revision a document lives at (its ETag) and when it last changed. */
export const Versioned = { revision: z.number().int(), updatedAt: z.string() };
/** The global position that created the document: lists are in this order, cursors name it. */
export const Positioned = { position: z.number().int() };
/** The year's records of one organiser. */
export const InCampaign = { organiser: z.string(), year: z.number().int() };

/** Kept with every document, not served: the position of the last event that changed it (time travel). */
export interface Kept {
  lastPosition?: number;
}

/** One report of an organiser and year: who is expected, by when, and what was submitted. */
export interface ReportLedger {
  revision: number;
  dueBy: string;
  expected: Reporter[];
  submissions: {
    submissionId: string;
    reporter: Reporter;
    submittedOn: string;
    documentNumber?: string | undefined;
    note?: string | undefined;
    daysLate: number;
  }[];
  /** The chain's report: its title and window (a request's, else the periodic defaults). */
  title?: string;
  window?: { from: string; to: string };
  /** The units asked for it (RequestReports). */
  requested?: ExpectedUnit[];
  /** Each unit's submissions and reviews, by unit. */
  units?: Record<string, UnitReportView>;
}

/** One unit's report of a period: its submissions, their reviews, and whether the period is locked. */
export interface UnitReportView {
  unit: string;
  kind: UnitKind;
  to: string[];
  status: UnitReportStatus;
  submissions: {
    submissionId: string;
    submittedOn: string;
    narrative: string;
    documentNumber?: string | undefined;
    figures: Figures;
    dueBy: string;
    daysLate: number;
    resubmission: boolean;
    returned?: { returnedOn: string; returnedBy: string; reason: string };
    approved?: { approvedOn: string; approvedBy: string; note?: string | undefined };
  }[];
  /** Set by an approval, cleared by an unlock: records of the unit dated in `window` are refused meanwhile. */
  lock: { window: { from: string; to: string }; approvedOn: string; approvedBy: string; submissionId: string } | null;
  unlocks: { unlockedOn: string; unlockedBy: string; reason: string }[];
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
  reports?: Partial<Record<string, ReportLedger>>;
  /** National events the province's delegation attended. */
  attendances?: NationalEventAttended['data'][];
  nationalEventsRevision?: number;
}

export const campaignKey = (organiser: string, year: number): string => `${organiser}-${year}`;

/** What every fold may touch besides its own slices: the position, the changed set and the campaign ledgers. */
export interface Ledgers {
  position: number;
  /** Documents changed since the shell last saved them (`kind\u0000key`); null when nothing is saved. */
  dirty: Set<string> | null;
  records: Map<string, CampaignRecords>;
}

/** The ledgers of one campaign, made on first use. */
export function recordsOf(c: Ledgers, organiser: string, year: number): CampaignRecords {
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

/**
 * One kind of document a capability keeps in the catalog (one map of the catalog, one kind of row
 * in the saved read models). `code` names the kind in `readmodels.sqlite`: fixed for the file's
 * layout (changing one means a new layout). A kind whose documents belong to one campaign
 * (organiser and year) names the field that holds each document's id: the catalog indexes those
 * per campaign, in the order recorded, and the saved rows keep them in campaign ranges.
 */
export interface Slice<V, InCampaign extends boolean = boolean> {
  readonly code: number;
  readonly inCampaign: InCampaign;
  readonly idField: InCampaign extends true ? string : undefined;
  /**
   * Whether a campaign's snapshot (time travel's starting point) holds the document, and under
   * which key: every document of a campaign kind, unless it says otherwise (meetings are too many,
   * and are folded again from their own streams); a kept kind's documents only where it says.
   */
  readonly snapshot?: { of(doc: V, organiser: string, year: number): boolean; key(doc: V): string } | false;
  /** The stream each document lives in alone, when it has one: time travel folds it from there. */
  stream?(doc: V): string;
  /** Never set: carries the document type. */
  readonly document?: V;
}
type KeptOptions<V> = Pick<Slice<V>, 'snapshot' | 'stream'>;
type CampaignOptions<V> = { snapshot?: false; stream?(doc: V): string };
/** Documents kept by key (a campaign's plan, a cooperative, a task). */
export const keptDocuments =
  <V>() =>
  (code: number, options: KeptOptions<V> = {}): Slice<V, false> => ({
    code,
    inCampaign: false,
    idField: undefined,
    ...options,
  });
/** Documents that belong to one campaign, each under the id held in `idField`. */
export const campaignRecords =
  <V>() =>
  (code: number, idField: keyof V & string, options: CampaignOptions<V> = {}): Slice<V, true> => ({
    code,
    inCampaign: true,
    idField,
    ...options,
  });

/** The campaign ledgers are a kind of their own, which every fold shares (`recordsOf`). */
export const RECORDS_SLICE: Slice<CampaignRecords, false> = keptDocuments<CampaignRecords>()(2);

/** Any set of slices, by catalog name. */
export type Slices = Record<string, Slice<unknown>>;
export type DocumentOf<S> = S extends Slice<infer V> ? V : never;
export type SliceMaps<S extends Slices> = { [K in keyof S]: Map<string, DocumentOf<S[K]>> };
/** What a capability's fold is given: the shared ledgers and its own maps, nothing of another capability. */
export type FoldTarget<S extends Slices> = Ledgers & SliceMaps<S>;

/**
 * A capability as the read side registers it (capabilities.ts): its events, its fold, the
 * documents it keeps, and the streams its records of one campaign live in.
 */
export interface CapabilityProjection<E extends { type: string }, S extends Slices = Slices> {
  name: string;
  events: readonly E['type'][];
  /** The kinds of document the capability keeps, by catalog name. */
  slices: S;
  /** The rules its commands may break, with their texts (domain/<capability>/rules.ts). */
  rules: RuleBook;
  /**
   * Method syntax on purpose: a module's fold of its own events registers as a fold of any event
   * (fold.ts routes by type).
   */
  fold(c: FoldTarget<S>, e: E, at: Envelope, v: Stamp): void;
  /**
   * The campaign's ledger streams of this capability (one stream each), replayed in full up to a position
   * by time travel.
   */
  ledgerStreams?: (code: string, year: number) => string[];
  /**
   * Stream names or prefixes of one campaign's (or its organiser's) records of this capability, to
   * filter the log by; the ledger streams when not given.
   */
  campaignStreams?: (code: string, year: number) => string[];
  /** Never set: carries the event type. */
  readonly event?: E;
}

/** Declares a capability's projection, inferring its slices from what it declares. */
export const capabilityProjection =
  <E extends { type: string }>() =>
  <S extends Slices, N extends string>(
    p: CapabilityProjection<E, S> & { name: N },
  ): CapabilityProjection<E, S> & { name: N } =>
    p;
