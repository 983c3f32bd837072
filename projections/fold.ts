import { defaultPeakWindow, inWindow, vnDateOf } from '../domain/shared/time.ts';
import { campaignKey, recordsOf, type AnyDomainEvent, type Catalog, type Envelope } from './catalog.ts';
import type { CapabilityProjection } from './capability.ts';
import { campaignProjection } from './folds/campaign.ts';
import { consultationProjection } from './folds/consultation.ts';
import { cooperativeProjection } from './folds/cooperative.ts';
import { dialogueProjection } from './folds/dialogue.ts';
import { membershipProjection } from './folds/membership.ts';
import { nationalEventProjection } from './folds/national-event.ts';
import { nominationProjection } from './folds/nomination.ts';
import { outreachProjection } from './folds/outreach.ts';
import { publicationProjection } from './folds/publication.ts';
import { reportingProjection } from './folds/reporting.ts';
import { steeringProjection } from './folds/steering.ts';
import { supportProjection } from './folds/support.ts';
import { taskProjection } from './folds/task.ts';

/**
 * The capabilities whose events the catalog folds: one module each (folds/), registered here with
 * one line. Each event goes to the fold of the capability that names its type; every
 * campaign-scoped event is also counted as recorded inside or outside its campaign's peak window.
 */
export const CAPABILITIES: readonly CapabilityProjection<AnyDomainEvent>[] = [
  campaignProjection,
  outreachProjection,
  publicationProjection,
  cooperativeProjection,
  supportProjection,
  nominationProjection,
  membershipProjection,
  dialogueProjection,
  consultationProjection,
  steeringProjection,
  nationalEventProjection,
  reportingProjection,
  taskProjection,
];

type Fold = CapabilityProjection<AnyDomainEvent>['fold'];
const FOLDS = new Map<string, Fold>(CAPABILITIES.flatMap((p) => p.events.map((t): [string, Fold] => [t, p.fold])));

/** The streams (names or prefixes) whose events make up one campaign's read models (tasks: the organiser's). */
export function campaignStreams(code: string, year: number): string[] {
  return CAPABILITIES.flatMap((p) => p.campaignStreams?.(code, year) ?? []);
}

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

/** Counts one event of a campaign as recorded (at `recordedAt`) inside or outside its peak window. */
export function countRecorded(
  c: Catalog,
  organiser: string,
  year: number,
  recordedAt: string,
  peak?: { from: string; to: string },
): void {
  const r = recordsOf(c, organiser, year);
  const window = peak ?? c.campaigns.get(campaignKey(organiser, year))?.peak ?? defaultPeakWindow(year);
  if (inWindow(vnDateOf(recordedAt), window)) r.recordedInPeak += 1;
  else r.recordedOutsidePeak += 1;
  r.version += 1;
}
