import { defaultPeakWindow, inWindow, vnDateOf } from '../domain/shared/time.ts';
import { campaignKey, recordsOf, type AnyDomainEvent, type Catalog, type Envelope, type Stamp } from './catalog.ts';
import { foldCampaign } from './folds/campaign.ts';
import { foldConsultation } from './folds/consultation.ts';
import { foldCooperative } from './folds/cooperative.ts';
import { foldDialogue } from './folds/dialogue.ts';
import { foldMembership } from './folds/membership.ts';
import { foldNationalEvent } from './folds/national-event.ts';
import { foldNomination } from './folds/nomination.ts';
import { foldOutreach } from './folds/outreach.ts';
import { foldPublication } from './folds/publication.ts';
import { foldReporting } from './folds/reporting.ts';
import { foldSteering } from './folds/steering.ts';
import { foldSupport } from './folds/support.ts';
import { foldTask } from './folds/task.ts';

/**
 * The fold of the catalog, composed from one module per capability (folds/): each event goes to
 * the fold of its capability; every campaign-scoped event is also counted as recorded inside or
 * outside its campaign's peak window.
 */
type Fold = (c: Catalog, e: AnyDomainEvent, at: Envelope, v: Stamp) => void;

/** Each capability's fold and the event types it handles. */
const CAPABILITIES: [AnyDomainEvent['type'][], Fold][] = [
  [['CampaignLaunched', 'CampaignPlanAmended', 'CampaignClosed'], foldCampaign as Fold],
  [['OutreachMeetingRecorded', 'OutreachMeetingCorrected', 'OutreachMeetingRetracted'], foldOutreach as Fold],
  [['PublicationRecorded', 'PublicationRetracted'], foldPublication as Fold],
  [['CooperativeRegistered', 'CooperativeStatusChanged', 'CooperativeMembersUpdated'], foldCooperative as Fold],
  [['SupportApproved', 'SupportDisbursed', 'DisbursementReversed', 'LoanAppraised'], foldSupport as Fold],
  [['ExemplaryCoopNominated', 'NominationShortlisted', 'NominationForwarded', 'NominationHonoured', 'NominationDeclined', 'NominationWithdrawn'], foldNomination as Fold],
  [['MemberAdmissionRoundRecorded', 'FoundingAdviceRecorded'], foldMembership as Fold],
  [['DialogueConferenceHeld', 'PetitionRecorded', 'PetitionAnswered'], foldDialogue as Fold],
  [['ConsultationOpened', 'ConsultationReplyRecorded', 'ConsultationClosed'], foldConsultation as Fold],
  [['SteeringCommitteeConstituted', 'SteeringCommitteeRevised'], foldSteering as Fold],
  [['NationalEventHeld', 'NationalEventAttended'], foldNationalEvent as Fold],
  [['ReportsExpected', 'ReportSubmitted'], foldReporting as Fold],
  [['TaskAssigned', 'TaskProgressReported', 'TaskCompleted', 'TaskCancelled'], foldTask as Fold],
];
const FOLDS = new Map<string, Fold>(CAPABILITIES.flatMap(([types, fold]) => types.map((t): [string, Fold] => [t, fold])));

/** Folds one event into the catalog, in place (the catalog is the shell's working copy). */
export function applyToCatalog(c: Catalog, e: AnyDomainEvent, at: Envelope): void {
  c.position = at.position;
  countRecording(c, e, at);
  FOLDS.get(e.type)?.(c, e, at, { revision: at.revision, updatedAt: at.recordedAt, lastPosition: at.position });
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
