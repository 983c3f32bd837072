import { defaultPeakWindow, inWindow, vnDateOf } from '../domain/shared/time.ts';
import { campaignKey, recordsOf, type AnyDomainEvent, type Catalog, type Envelope, type Stamp } from './catalog.ts';
import { CAPABILITIES } from './capabilities.ts';

/** Any capability's fold, as the catalog calls it: each is called only with events of its own types. */
type Fold = (c: Catalog, e: AnyDomainEvent, at: Envelope, v: Stamp) => void;
/** Each event goes to the fold of the capability that names its type (capabilities.ts). */
const FOLDS = new Map<string, Fold>(
  CAPABILITIES.flatMap((p) => p.events.map((t): [string, Fold] => [t, p.fold as unknown as Fold])),
);

/** The streams (names or prefixes) whose events make up one campaign's read models (tasks: the organiser's). */
export function campaignStreams(code: string, year: number): string[] {
  return CAPABILITIES.flatMap((p) => (p.campaignStreams ?? p.ledgerStreams)?.(code, year) ?? []);
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

/** The campaign's ledger streams, one stream each: time travel replays them in full up to a position. */
export function ledgerStreams(code: string, year: number): string[] {
  return CAPABILITIES.flatMap((p) => p.ledgerStreams?.(code, year) ?? []);
}
