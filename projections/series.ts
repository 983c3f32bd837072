/**
 * Per-day figures of a campaign, kept up to date by the catalog fold: `series[key][date] = n`.
 * A dashboard or report sums them over the days it covers, split into peak and rest, so it
 * costs the same for ten meetings as for a hundred thousand. Corrections, retractions,
 * reversals and status changes subtract what they replace; a figure that returns to zero is
 * removed, so folding the same events always gives the same series.
 */
import { isPublicationFormat } from '../domain/outreach/outreach.ts';
import { resolvePlace, type Place } from '../domain/shared/place.ts';
import { REFORM_DATE } from '../domain/shared/time.ts';

export type Series = Record<string, Record<string, number>>;

const SEP = '\u0000';

export function bump(s: Series, key: string, date: string, n: number): void {
  if (n === 0) return;
  let days = s[key];
  if (days === undefined) s[key] = days = {};
  const v = (days[date] ?? 0) + n;
  if (v === 0) delete days[date];
  else days[date] = v;
}

/** Credit toward plan targets: by activity ('' when the fact names none) and metric. */
export const creditKey = (activityId: string | undefined, metric: string): string =>
  `credit${SEP}${activityId ?? ''}${SEP}${metric}`;
/**
 * A commune's figures: by the commune's id on its map (`pre2025:24631`) when the place names
 * one ('' when its free text names none or several), and its name and district as recorded.
 */
export const communeKey = (id: string, commune: string, district: string | undefined, what: 'm' | 'a'): string =>
  `commune${SEP}${id}${SEP}${commune}${SEP}${district ?? ''}${SEP}${what}`;
export const formatKey = (format: string, what: 'm' | 'a'): string => `format${SEP}${format}${SEP}${what}`;
export const topicKey = (topic: string): string => `topic${SEP}${topic}`;
export const fundKey = (fund: string, what: 'approved' | 'disbursed'): string => `fund${SEP}${fund}${SEP}${what}`;
export const statusKey = (kind: 'nom' | 'petition' | 'admitted' | 'pubkind', status: string): string =>
  `${kind}${SEP}${status}`;

export function splitKey(key: string): string[] {
  return key.split(SEP);
}

interface MeetingFacts {
  date: string;
  attendees: number;
  cooperativesRepresented: number;
  format: string;
  topics: readonly string[];
  place: Place;
  activityId?: string | undefined;
  organiser: string;
  year: number;
}

/** The series keys of meetings of one shape (activity, format, place), built once per shape. */
const shapes = new Map<string, string[]>();
const topics = new Map<string, string>();

function meetingKeys(m: MeetingFacts): string[] {
  const shape =
    `${m.activityId ?? ''}${SEP}${m.format}${SEP}${m.place.communeCode ?? ''}${SEP}${m.place.commune}${SEP}` +
    `${m.place.district ?? ''}${SEP}${m.organiser}${SEP}${m.year}${SEP}${m.date < REFORM_DATE ? 0 : 1}`;
  let k = shapes.get(shape);
  if (k === undefined) {
    const id = resolvePlace(m.place, m.organiser, m.year, m.date)?.id ?? '';
    k = [
      creditKey(m.activityId, 'meetings'),
      creditKey(m.activityId, 'attendees'),
      creditKey(m.activityId, 'cooperatives-reached'),
      communeKey(id, m.place.commune, m.place.district, 'm'),
      communeKey(id, m.place.commune, m.place.district, 'a'),
      formatKey(m.format, 'm'),
      formatKey(m.format, 'a'),
    ];
    if (shapes.size > 50_000) shapes.clear();
    shapes.set(shape, k);
  }
  return k;
}

/**
 * Adds (sign 1) or removes (sign -1) a meeting's figures. A meeting of a publication format
 * (recorded so before publications had their own command) counts as a publication only.
 */
export function meetingSeries(s: Series, m: MeetingFacts, sign: 1 | -1): void {
  if (isPublicationFormat(m.format)) {
    publicationSeries(s, { date: m.date, kind: m.format, topics: m.topics, activityId: m.activityId }, sign);
    return;
  }
  const d = m.date;
  const k = meetingKeys(m);
  bump(s, 'meetings', d, sign);
  bump(s, 'attendees', d, sign * m.attendees);
  bump(s, 'cooperativesRepresented', d, sign * m.cooperativesRepresented);
  bump(s, k[0] as string, d, sign);
  bump(s, k[1] as string, d, sign * m.attendees);
  bump(s, k[2] as string, d, sign * m.cooperativesRepresented);
  bump(s, k[3] as string, d, sign);
  bump(s, k[4] as string, d, sign * m.attendees);
  bump(s, k[5] as string, d, sign);
  bump(s, k[6] as string, d, sign * m.attendees);
  for (const t of m.topics) {
    let tk = topics.get(t);
    if (tk === undefined) topics.set(t, (tk = topicKey(t)));
    bump(s, tk, d, sign);
  }
}

/** What a publication adds: the publications total, its kind, credit toward targets, its topics. */
export function publicationSeries(
  s: Series,
  p: { date: string; kind: string; topics: readonly string[]; activityId?: string | undefined },
  sign: 1 | -1,
): void {
  const d = p.date;
  bump(s, 'publications', d, sign);
  bump(s, statusKey('pubkind', p.kind), d, sign);
  bump(s, creditKey(p.activityId, 'publications'), d, sign);
  if (p.kind === 'bulletin') bump(s, creditKey(p.activityId, 'bulletins'), d, sign);
  for (const t of p.topics) bump(s, topicKey(t), d, sign);
}

/**
 * Adds many meetings at once: meetings of the same shape, day and topics are counted together,
 * so a year of meetings costs one update per group instead of one per meeting.
 */
export function addMeetings(s: Series, meetings: Iterable<MeetingFacts>): void {
  const groups = new Map<string, { m: MeetingFacts; count: number; attendees: number; coops: number }>();
  for (const m of meetings) {
    if (isPublicationFormat(m.format)) {
      meetingSeries(s, m, 1);
      continue;
    }
    const key =
      `${m.date}${SEP}${m.activityId ?? ''}${SEP}${m.format}${SEP}` +
      `${m.place.communeCode ?? ''}${SEP}${m.place.commune}${SEP}${m.place.district ?? ''}${SEP}${m.organiser}${SEP}` +
      `${m.year}${SEP}${m.topics.join(SEP)}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { m, count: 1, attendees: m.attendees, coops: m.cooperativesRepresented });
    else {
      g.count += 1;
      g.attendees += m.attendees;
      g.coops += m.cooperativesRepresented;
    }
  }
  for (const { m, count, attendees, coops } of groups.values()) {
    const d = m.date;
    const k = meetingKeys(m);
    bump(s, 'meetings', d, count);
    bump(s, 'attendees', d, attendees);
    bump(s, 'cooperativesRepresented', d, coops);
    bump(s, k[0] as string, d, count);
    bump(s, k[1] as string, d, attendees);
    bump(s, k[2] as string, d, coops);
    bump(s, k[3] as string, d, count);
    bump(s, k[4] as string, d, attendees);
    bump(s, k[5] as string, d, count);
    bump(s, k[6] as string, d, attendees);
    for (const t of m.topics) bump(s, topicKey(t), d, count);
  }
}

/** Sum of a series over the days `keep` accepts, split by `inPeak`. */
export function sumSeries(
  days: Record<string, number> | undefined,
  keep: (d: string) => boolean,
  inPeak: (d: string) => boolean,
): { peak: number; rest: number; total: number } {
  const out = { peak: 0, rest: 0, total: 0 };
  if (days === undefined) return out;
  for (const date in days) {
    if (!keep(date)) continue;
    const n = days[date] as number;
    if (inPeak(date)) out.peak += n;
    else out.rest += n;
    out.total += n;
  }
  return out;
}
