import { DateTime } from 'luxon';
import type { Metric } from '../domain/campaign/campaign.ts';
import { isOverdue, periodDates } from '../domain/shared/period.ts';
import { VN_ZONE, daysBetween, defaultPeakWindow, inWindow, vnDateOf, type DateWindow } from '../domain/shared/time.ts';
import { PROVINCES, rollUp } from '../domain/shared/units.ts';
import { campaignIds, campaignKey, type CampaignRecords, type CampaignView, type Catalog, type MeetingView } from './catalog.ts';

/** A figure split into the peak period (inclusive Vietnam dates) and the rest of the year. */
export interface Split {
  peak: number;
  rest: number;
  total: number;
}

const split = (): Split => ({ peak: 0, rest: 0, total: 0 });
function add(s: Split, inPeak: boolean, n = 1): void {
  if (inPeak) s.peak += n;
  else s.rest += n;
  s.total += n;
}

const TOTALS = [
  'meetings',
  'attendees',
  'cooperativesRepresented',
  'publications',
  'approvedVnd',
  'disbursedVnd',
  'cooperativesSupported',
  'loansAppraised',
  'membersAdmitted',
  'cooperativesFounded',
  'dialogues',
  'petitions',
  'petitionsResolved',
  'nominations',
] as const;
export type TotalName = (typeof TOTALS)[number];

const PUBLICATION_FORMATS = new Set(['press', 'radio-tv', 'website', 'bulletin']);

export interface TargetProgress {
  activityId: string;
  activityTitle: string;
  metric: Metric;
  label?: string;
  target: number;
  actual: number | null;
  progressPercent: number | null;
  peak: number | null;
  rest: number | null;
}

export interface CampaignDashboard {
  organiser: string;
  year: number;
  province: { asRecorded: { id: string; name: string } | null; current: { id: string; name: string } | null };
  plan: { number: string; date: string };
  theme: string;
  status: 'open' | 'closed';
  asOf: string;
  peak: DateWindow & { daysLeft: number; inPeakNow: boolean };
  totals: Record<TotalName, Split>;
  targets: TargetProgress[];
  timeline: { week: string; from: string; to: string; meetings: number; attendees: number; approvedVnd: number; disbursedVnd: number; membersAdmitted: number; petitions: number }[];
  byCommune: { commune: string; district: string | null; meetings: number; attendees: number }[];
  byFormat: Record<string, { meetings: number; attendees: number }>;
  byTopic: Record<string, number>;
  support: { fund: string; budget: number; approved: number; disbursed: number; available: number; approvedPercent: number | null; disbursedPercent: number | null }[];
  nominationsByStatus: Record<string, number>;
  membersAdmittedByType: { cooperatives: number; cooperativeUnions: number; cooperativeGroups: number; associates: number };
  petitions: { open: number; answered: number; resolved: number };
  tasksByAgency: { agency: string; done: number; open: number; overdue: number; cancelled: number }[];
  recording: { eventsInPeak: number; eventsOutsidePeak: number };
}

/** Everything a dashboard counts, each with its business date (the date the fact happened). */
interface Facts {
  campaign: CampaignView;
  records: CampaignRecords | undefined;
  meetings: MeetingView[];
}

/** The documents of one campaign, through the campaign index. */
function own<V>(c: Catalog, map: ReadonlyMap<string, V>, organiser: string, year: number, kind: Parameters<typeof campaignIds>[3]): V[] {
  const out: V[] = [];
  for (const id of campaignIds(c, organiser, year, kind)) {
    const v = map.get(id);
    if (v !== undefined) out.push(v);
  }
  return out;
}

function factsOf(c: Catalog, organiser: string, year: number): Facts | undefined {
  const campaign = c.campaigns.get(campaignKey(organiser, year));
  if (campaign === undefined) return undefined;
  const meetings = own(c, c.meetings, organiser, year, 'meetings').filter((m) => m.status === 'recorded');
  return { campaign, records: c.records.get(campaignKey(organiser, year)), meetings };
}

function provinceRef(id: string | null): { id: string; name: string } | null {
  const p = id === null ? undefined : PROVINCES.get(id);
  return p === undefined ? null : { id: p.id, name: p.name };
}

const weeks = new Map<string, { week: string; from: string; to: string }>();

/** ISO week (Monday first) of a Vietnam date, and its first and last day (memoised: dates repeat). */
function weekOf(date: string): { week: string; from: string; to: string } {
  let w = weeks.get(date);
  if (w === undefined) {
    const d = DateTime.fromISO(date, { zone: VN_ZONE });
    const start = d.startOf('week');
    w = { week: `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`, from: start.toISODate() as string, to: start.plus({ days: 6 }).toISODate() as string };
    if (weeks.size > 20_000) weeks.clear();
    weeks.set(date, w);
  }
  return w;
}

/**
 * The campaign dashboard of one organiser and year, as of `now` (for days left in the peak and
 * overdue tasks). Retracted meetings and reversed disbursements do not count; corrected meetings
 * count with their corrected fields.
 */
export function campaignDashboard(c: Catalog, organiser: string, year: number, now: string, within?: DateWindow): CampaignDashboard | undefined {
  const f = factsOf(c, organiser, year);
  if (f === undefined) return undefined;
  const { campaign, records } = f;
  /** Reports cover part of the year: facts dated outside `within` are left out. */
  const keep = (date: string): boolean => within === undefined || inWindow(date, within);
  const meetings = f.meetings.filter((m) => keep(m.date));
  const peak = campaign.peak ?? defaultPeakWindow(year);
  const inPeak = (date: string): boolean => inWindow(date, peak);
  const totals = Object.fromEntries(TOTALS.map((t) => [t, split()])) as Record<TotalName, Split>;
  const timeline = new Map<string, CampaignDashboard['timeline'][number]>();
  const week = (date: string) => {
    const w = weekOf(date);
    let row = timeline.get(w.week);
    if (row === undefined) {
      row = { ...w, meetings: 0, attendees: 0, approvedVnd: 0, disbursedVnd: 0, membersAdmitted: 0, petitions: 0 };
      timeline.set(w.week, row);
    }
    return row;
  };

  // Per activity, per metric: the facts that count toward a target.
  const byActivity = new Map<string, Map<Metric, Split>>();
  const metricTargets = new Map<Metric, string[]>();
  for (const a of campaign.activities) for (const t of a.targets) metricTargets.set(t.metric, [...(metricTargets.get(t.metric) ?? []), a.id]);
  /** A fact counts for its activity; an unlinked one for the only activity with a target on that metric. */
  const credit = (metric: Metric, activityId: string | undefined, date: string, n = 1): void => {
    const owners = metricTargets.get(metric) ?? [];
    const id = activityId ?? (owners.length === 1 ? owners[0] : undefined);
    if (id === undefined) return;
    let m = byActivity.get(id);
    if (m === undefined) byActivity.set(id, (m = new Map()));
    let s = m.get(metric);
    if (s === undefined) m.set(metric, (s = split()));
    add(s, inPeak(date), n);
  };

  const communes = new Map<string, CampaignDashboard['byCommune'][number]>();
  const byFormat: CampaignDashboard['byFormat'] = {};
  const byTopic: Record<string, number> = {};
  for (const m of meetings) {
    const p = inPeak(m.date);
    add(totals.meetings, p);
    add(totals.attendees, p, m.attendees);
    add(totals.cooperativesRepresented, p, m.cooperativesRepresented);
    if (PUBLICATION_FORMATS.has(m.format)) add(totals.publications, p);
    credit('meetings', m.activityId, m.date);
    credit('attendees', m.activityId, m.date, m.attendees);
    credit('cooperatives-reached', m.activityId, m.date, m.cooperativesRepresented);
    if (m.format === 'bulletin') credit('bulletins', m.activityId, m.date);
    if (PUBLICATION_FORMATS.has(m.format)) credit('publications', m.activityId, m.date);
    const w = week(m.date);
    w.meetings += 1;
    w.attendees += m.attendees;
    const ck = `${m.place.commune}\u0000${m.place.district ?? ''}`;
    const row = communes.get(ck) ?? { commune: m.place.commune, district: m.place.district ?? null, meetings: 0, attendees: 0 };
    row.meetings += 1;
    row.attendees += m.attendees;
    communes.set(ck, row);
    const fm = (byFormat[m.format] ??= { meetings: 0, attendees: 0 });
    fm.meetings += 1;
    fm.attendees += m.attendees;
    for (const t of m.topics) byTopic[t] = (byTopic[t] ?? 0) + 1;
  }

  // Support: approvals, net disbursements, appraisals.
  const approvals = own(c, c.approvals, organiser, year, 'approvals').filter((a) => keep(a.decision.date));
  const approvalActivity = new Map(approvals.map((a) => [a.approvalId, a.activityId]));
  const fundRows = new Map(campaign.budgets.map((b) => [b.fund as string, { fund: b.fund as string, budget: b.amount, approved: 0, disbursed: 0 }]));
  const fundRow = (fund: string) => {
    let r = fundRows.get(fund);
    if (r === undefined) fundRows.set(fund, (r = { fund, budget: 0, approved: 0, disbursed: 0 }));
    return r;
  };
  /** A cooperative counts as supported once, on the date of its first approval. */
  const firstApproval = new Map<string, (typeof approvals)[number]>();
  for (const a of approvals) {
    const d = a.decision.date;
    add(totals.approvedVnd, inPeak(d), a.amount);
    week(d).approvedVnd += a.amount;
    fundRow(a.fund).approved += a.amount;
    const first = firstApproval.get(a.cooperativeId);
    if (first === undefined || d < first.decision.date) firstApproval.set(a.cooperativeId, a);
  }
  for (const a of firstApproval.values()) {
    add(totals.cooperativesSupported, inPeak(a.decision.date));
    credit('cooperatives-supported', a.activityId, a.decision.date);
  }
  for (const x of own(c, c.disbursements, organiser, year, 'disbursements')) {
    if (x.reversed || !keep(x.date)) continue;
    add(totals.disbursedVnd, inPeak(x.date), x.amount);
    week(x.date).disbursedVnd += x.amount;
    fundRow(x.fund).disbursed += x.amount;
    credit('disbursed-vnd', approvalActivity.get(x.approvalId), x.date, x.amount);
  }
  for (const a of (records?.appraisals ?? []).filter((x) => keep(x.date))) {
    add(totals.loansAppraised, inPeak(a.date));
    credit('loans-appraised', undefined, a.date);
  }

  // Membership.
  const admitted = { cooperatives: 0, cooperativeUnions: 0, cooperativeGroups: 0, associates: 0 };
  for (const r of (records?.rounds ?? []).filter((x) => keep(x.date))) {
    const n = r.admitted.cooperatives + r.admitted.cooperativeUnions + r.admitted.cooperativeGroups + r.admitted.associates;
    admitted.cooperatives += r.admitted.cooperatives;
    admitted.cooperativeUnions += r.admitted.cooperativeUnions;
    admitted.cooperativeGroups += r.admitted.cooperativeGroups;
    admitted.associates += r.admitted.associates;
    add(totals.membersAdmitted, inPeak(r.date), n);
    week(r.date).membersAdmitted += n;
    credit('members-admitted', r.activityId, r.date, n);
  }
  for (const a of records?.advice ?? []) {
    if (a.outcome !== 'founded' || !keep(a.date)) continue;
    add(totals.cooperativesFounded, inPeak(a.date));
    credit('cooperatives-founded', a.activityId, a.date);
  }

  // Dialogue and petitions: a petition counts when submitted; its resolution when last answered.
  for (const d of (records?.dialogues ?? []).filter((x) => keep(x.date))) {
    add(totals.dialogues, inPeak(d.date));
    credit('dialogues', d.activityId, d.date);
  }
  const petitions = { open: 0, answered: 0, resolved: 0 };
  for (const p of own(c, c.petitions, organiser, year, 'petitions')) {
    if (!keep(p.submittedOn)) continue;
    petitions[p.status] += 1;
    add(totals.petitions, inPeak(p.submittedOn));
    week(p.submittedOn).petitions += 1;
    const last = p.responses[p.responses.length - 1];
    if (p.status === 'resolved' && last !== undefined) {
      add(totals.petitionsResolved, inPeak(last.respondedOn));
      credit('petitions-resolved', undefined, last.respondedOn);
    }
  }

  // Nominations.
  const nominationsByStatus: Record<string, number> = {};
  for (const n of own(c, c.nominations, organiser, year, 'nominations')) {
    if (!keep(n.nominatedOn)) continue;
    nominationsByStatus[n.status] = (nominationsByStatus[n.status] ?? 0) + 1;
    if (n.status !== 'declined' && n.status !== 'withdrawn') {
      add(totals.nominations, inPeak(n.nominatedOn));
      credit('nominations', undefined, n.nominatedOn);
    }
  }

  // Tasks of the organiser whose due period touches the year, per lead agency.
  const agencies = new Map<string, CampaignDashboard['tasksByAgency'][number]>();
  for (const t of c.tasks.values()) {
    if (t.organiser !== organiser) continue;
    const due = periodDates(t.due);
    if (due.to < `${year}-01-01` || due.from > `${year}-12-31`) continue;
    for (const agency of t.leadAgencies) {
      const row = agencies.get(agency) ?? { agency, done: 0, open: 0, overdue: 0, cancelled: 0 };
      if (t.status === 'done') row.done += 1;
      else if (t.status === 'cancelled') row.cancelled += 1;
      else {
        row.open += 1;
        if (isOverdue(t.due, now)) row.overdue += 1;
      }
      agencies.set(agency, row);
    }
  }

  const targets: TargetProgress[] = campaign.activities.flatMap((a) =>
    a.targets.map((t) => {
      const measurable = t.metric !== 'other' && t.metric !== 'events-attended';
      const s = byActivity.get(a.id)?.get(t.metric) ?? split();
      return {
        activityId: a.id,
        activityTitle: a.title,
        metric: t.metric,
        ...(t.label !== undefined ? { label: t.label } : {}),
        target: t.value,
        actual: measurable ? s.total : null,
        progressPercent: measurable && t.value > 0 ? Math.round((s.total / t.value) * 1000) / 10 : null,
        peak: measurable ? s.peak : null,
        rest: measurable ? s.rest : null,
      };
    }),
  );

  const today = vnDateOf(now);
  const pct = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 1000) / 10 : null);
  return {
    organiser,
    year,
    province: { asRecorded: provinceRef(campaign.provinceId), current: provinceRef(campaign.provinceId === null ? null : rollUp(PROVINCES.get(campaign.provinceId)!).id) },
    plan: campaign.plan,
    theme: campaign.theme,
    status: campaign.status,
    asOf: now,
    peak: { ...peak, daysLeft: today > peak.to ? 0 : daysBetween(today < peak.from ? peak.from : today, peak.to) + 1, inPeakNow: inWindow(today, peak) },
    totals,
    targets,
    timeline: [...timeline.values()].sort((a, b) => a.from.localeCompare(b.from)),
    byCommune: [...communes.values()].sort((a, b) => b.meetings - a.meetings || a.commune.localeCompare(b.commune, 'vi')),
    byFormat,
    byTopic,
    support: [...fundRows.values()].map((r) => ({ ...r, available: r.budget - r.approved, approvedPercent: pct(r.approved, r.budget), disbursedPercent: pct(r.disbursed, r.approved) })),
    nominationsByStatus,
    membersAdmittedByType: admitted,
    petitions,
    tasksByAgency: [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'vi')),
    recording: { eventsInPeak: records?.recordedInPeak ?? 0, eventsOutsidePeak: records?.recordedOutsidePeak ?? 0 },
  };
}

export const RANK_METRICS = ['meetings', 'attendees', 'approvedVnd', 'disbursedVnd', 'membersAdmitted', 'nominations', 'petitionsResolved'] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

export interface NationalRow {
  organiser: string;
  asRecorded: { id: string; name: string } | null;
  current: { id: string; name: string } | null;
  totals: Record<RankMetric, Split>;
  rank: number;
}

/** Every provincial campaign of a year: as recorded, ranked, and rolled up to today's provinces. */
export function nationalDashboard(c: Catalog, year: number, now: string, rankBy: RankMetric = 'meetings') {
  const rows: NationalRow[] = [];
  for (const campaign of c.campaigns.values()) {
    if (campaign.year !== year || campaign.organiser === 'VN') continue;
    const d = campaignDashboard(c, campaign.organiser, year, now);
    if (d === undefined) continue;
    rows.push({
      organiser: campaign.organiser,
      asRecorded: d.province.asRecorded,
      current: d.province.current,
      totals: Object.fromEntries(RANK_METRICS.map((m) => [m, d.totals[m]])) as Record<RankMetric, Split>,
      rank: 0,
    });
  }
  rows.sort((a, b) => b.totals[rankBy].total - a.totals[rankBy].total || a.organiser.localeCompare(b.organiser));
  rows.forEach((r, i) => (r.rank = i + 1));
  const sum = (xs: NationalRow[]) => {
    const t = Object.fromEntries(RANK_METRICS.map((m) => [m, split()])) as Record<RankMetric, Split>;
    for (const r of xs) for (const m of RANK_METRICS) {
      t[m].peak += r.totals[m].peak;
      t[m].rest += r.totals[m].rest;
      t[m].total += r.totals[m].total;
    }
    return t;
  };
  const byCurrent = new Map<string, NationalRow[]>();
  for (const r of rows) if (r.current) byCurrent.set(r.current.id, [...(byCurrent.get(r.current.id) ?? []), r]);
  const rolledUp = [...byCurrent.entries()]
    .map(([id, rs]) => ({ current: rs[0]?.current ?? { id, name: id }, asRecorded: rs.map((r) => r.asRecorded), totals: sum(rs) }))
    .sort((a, b) => b.totals[rankBy].total - a.totals[rankBy].total || a.current.id.localeCompare(b.current.id));
  return { year, asOf: now, rankBy, totals: sum(rows), provinces: rows, rolledUp };
}

/** Every record that involves one cooperative. */
export function cooperativeProfile(c: Catalog, cooperativeId: string) {
  const cooperative = c.cooperatives.get(cooperativeId);
  if (cooperative === undefined) return undefined;
  const by = <T extends { cooperativeId?: string | undefined }>(xs: Iterable<T>) => [...xs].filter((x) => x.cooperativeId === cooperativeId);
  return {
    cooperative,
    approvals: by(c.approvals.values()),
    disbursements: by(c.disbursements.values()),
    appraisals: [...c.records.values()].flatMap((r) => by(r.appraisals)),
    nominations: by(c.nominations.values()),
    meetings: [...c.meetings.values()].filter((m) => m.status === 'recorded' && m.cooperativeIds.includes(cooperativeId)),
    petitions: by(c.petitions.values()),
  };
}
