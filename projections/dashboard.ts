import { DateTime } from 'luxon';
import { z } from 'zod';
import { Metric, targetAsWritten, targetGoal } from '../domain/campaign/campaign.ts';
import {
  VN_ZONE,
  daysBetween,
  defaultPeakWindow,
  inWindow,
  vnDateOf,
  type DateWindow,
  type LocalDate,
} from '../domain/shared/time.ts';
import { communeById, todayOf } from '../domain/shared/communes.ts';
import { PROVINCES, rollUp } from '../domain/shared/units.ts';
import { campaignKey, documentsNaming, type Catalog } from './catalog.ts';
import { Reported, provinceReported } from './report-submissions.ts';
import { dueInYear, taskNow, taskOn } from './tasks.ts';
import { communeKey, creditKey, formatKey, splitKey, sumSeries, type Series } from './series.ts';
import type { CampaignView } from './folds/campaign.ts';

/** A figure split into the peak period (inclusive Vietnam dates) and the rest of the year. */
export const Split = z.object({ peak: z.number(), rest: z.number(), total: z.number() }).meta({ id: 'Split' });
export type Split = z.infer<typeof Split>;

const split = (): Split => ({ peak: 0, rest: 0, total: 0 });

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
  'eventsAttended',
  'delegates',
  'trainings',
  'peopleTrained',
  'honouredCollectives',
  'honouredIndividuals',
  'visits',
  'cooperativesVisited',
  'tradePromotions',
  'cooperativesInTradePromotion',
  'inKindSupport',
  'cooperativesAssistedInKind',
] as const;
export type TotalName = (typeof TOTALS)[number];
const TIMELINE = [
  'meetings',
  'attendees',
  'publications',
  'approvedVnd',
  'disbursedVnd',
  'membersAdmitted',
  'petitions',
] as const;

const ProvinceRef = z.object({ id: z.string(), name: z.string() }).nullable();

export const TargetProgress = z.object({
  activityId: z.string(),
  activityTitle: z.string(),
  metric: Metric,
  label: z.string().optional(),
  target: z
    .number()
    .describe(
      "the number the target is met at: the plan's number, a range's minimum, or its percentage of the base rounded up",
    ),
  asWritten: z
    .string()
    .describe('the target as the plan writes it, in Vietnamese: "10", "từ 2 đến 3", "80% của 420 HTX đang hoạt động"'),
  upTo: z.number().optional().describe("a range's maximum"),
  percent: z.number().optional().describe('a percentage target: the percentage…'),
  base: z.number().optional().describe('…of this base'),
  baseLabel: z.string().optional(),
  actual: z.number().nullable(),
  progressPercent: z.number().nullable(),
  peak: z.number().nullable(),
  rest: z.number().nullable(),
});
export type TargetProgress = z.infer<typeof TargetProgress>;

const Counts = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

/** The campaign dashboard: what the API serves and the type the code builds (one schema). */
export const CampaignDashboard = z
  .object({
    organiser: z.string(),
    year: z.number().int(),
    province: z.object({ asRecorded: ProvinceRef, current: ProvinceRef }),
    plan: z.object({ number: z.string(), date: z.string() }),
    theme: z.string(),
    status: z.enum(['open', 'closed']),
    asOf: z
      .string()
      .nullable()
      .describe('business date of the figures: only records dated on or before it count; null: every record'),
    knownAt: z.string().describe('recording time of the figures: what the log held then (now for the live view)'),
    peak: z.object({ from: z.string(), to: z.string(), daysLeft: z.number().int(), inPeakNow: z.boolean() }),
    totals: z.record(z.enum(TOTALS), Split),
    targets: z.array(TargetProgress),
    timeline: z.array(z.object({ week: z.string(), from: z.string(), to: z.string(), ...Counts(TIMELINE).shape })),
    byCommune: z
      .array(
        z.object({
          commune: z.string().describe('as recorded'),
          district: z.string().nullable().describe('as recorded, before 1 July 2025'),
          code: z
            .string()
            .nullable()
            .describe('the commune’s code on its map; null: the free text names no one commune'),
          map: z.enum(['pre2025', 'current']).nullable(),
          today: z
            .array(z.object({ code: z.string(), name: z.string() }))
            .describe('the communes of today it is or became part of'),
          meetings: z.number(),
          attendees: z.number(),
        }),
      )
      .describe('meetings by commune as recorded'),
    byCommuneToday: z
      .array(
        z.object({
          kind: z
            .enum(['commune', 'split', 'unmapped'])
            .describe(
              'commune: one of today’s communes; split: an old commune split between several of today’s, ' +
                'shown apart rather than guessed; unmapped: free text that names no one commune',
            ),
          code: z.string().nullable(),
          name: z.string(),
          splitInto: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
          recordedAs: z.array(z.string()).describe('the names its meetings were recorded under'),
          meetings: z.number(),
          attendees: z.number(),
        }),
      )
      .describe('meetings by today’s communes: every row of byCommune counted once, so the rows sum to the total'),
    byFormat: z.record(z.string(), z.object({ meetings: z.number(), attendees: z.number() })),
    byTopic: z.record(z.string(), z.number()),
    publicationsByKind: z
      .record(z.string(), z.number())
      .describe('publications (bulletins, press, radio-tv, websites) by kind; they are not meetings'),
    support: z.array(
      z.object({
        fund: z.string(),
        budget: z.number(),
        approved: z.number(),
        disbursed: z.number(),
        available: z.number(),
        approvedPercent: z.number().nullable(),
        disbursedPercent: z.number().nullable(),
      }),
    ),
    nominationsByStatus: z.record(z.string(), z.number()),
    membersAdmittedByType: Counts([
      'cooperatives',
      'cooperativeUnions',
      'cooperativeGroups',
      'associatesContributing',
      'associatesNonContributing',
      'associatesUnsplit',
    ]).describe(
      'official members by type, and associates by whether they contribute capital ' +
        '(unsplit: recorded before the split)',
    ),
    membersAdmittedByKind: Counts([
      'official',
      'associatesContributing',
      'associatesNonContributing',
      'associatesUnsplit',
    ]).describe(
      'the three kinds of the 2023 law: official members, associates contributing capital, associates not; ' +
        'unsplit: associates recorded before the split, kind unknown',
    ),
    petitions: Counts(['open', 'answered', 'resolved']),
    tasksByAgency: z.array(z.object({ agency: z.string(), ...Counts(['done', 'open', 'overdue', 'cancelled']).shape })),
    recording: Counts(['eventsInPeak', 'eventsOutsidePeak']),
  })
  .meta({ id: 'CampaignDashboard' });
export type CampaignDashboard = z.infer<typeof CampaignDashboard>;

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
    w = {
      week: `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`,
      from: start.toISODate() as string,
      to: start.plus({ days: 6 }).toISODate() as string,
    };
    if (weeks.size > 20_000) weeks.clear();
    weeks.set(date, w);
  }
  return w;
}

/**
 * The campaign dashboard of one organiser and year from the catalog `c` (what the log held at
 * `now`), summed from the campaign's per-day series (see series.ts): retracted meetings and
 * reversed disbursements have been taken out, corrected meetings count as corrected.
 * `asOf`, a business date, keeps only facts dated on or before it and makes it the day for
 * days left in the peak, task status and overdue tasks (else today at `now`). `within` limits
 * every figure to facts dated inside it (the reports).
 */
export function campaignDashboard(
  c: Catalog,
  organiser: string,
  year: number,
  now: string,
  within?: DateWindow,
  asOf?: LocalDate,
): CampaignDashboard | undefined {
  const campaign = c.campaigns.get(campaignKey(organiser, year));
  if (campaign === undefined) return undefined;
  const records = c.records.get(campaignKey(organiser, year));
  const peak = campaign.peak ?? defaultPeakWindow(year);
  const sums = seriesSums(records?.series ?? {}, peak, within, asOf);
  const b = breakdowns(campaign, sums);
  return {
    organiser,
    year,
    province: provinceThenAndNow(campaign.provinceId),
    plan: campaign.plan,
    theme: campaign.theme,
    status: campaign.status,
    asOf: asOf ?? null,
    knownAt: now,
    peak: peakAsOf(peak, asOf ?? vnDateOf(now)),
    totals: Object.fromEntries(TOTALS.map((t) => [t, sums.sum(t)])) as Record<TotalName, Split>,
    targets: targetProgress(campaign.activities, sums.sum),
    timeline: weeklyTimeline(sums),
    byCommune: b.byCommune,
    byCommuneToday: communesToday(b.byCommune),
    byFormat: b.byFormat,
    byTopic: b.byTopic,
    publicationsByKind: b.publicationsByKind,
    support: supportByFund(b.funds.values()),
    nominationsByStatus: b.nominationsByStatus,
    membersAdmittedByType: b.admitted,
    membersAdmittedByKind: membersByKind(b.admitted),
    petitions: b.petitions,
    tasksByAgency: tasksByAgency(c, organiser, year, now, asOf),
    recording: { eventsInPeak: records?.recordedInPeak ?? 0, eventsOutsidePeak: records?.recordedOutsidePeak ?? 0 },
  };
}

/** A campaign's per-day series as a dashboard reads them: the dates it keeps, and sums split at the peak. */
interface SeriesSums {
  series: Series;
  keep: (date: string) => boolean;
  sum: (key: string) => Split;
  total: (key: string) => number;
}

function seriesSums(series: Series, peak: DateWindow, within?: DateWindow, asOf?: LocalDate): SeriesSums {
  const inPeak = (date: string): boolean => inWindow(date, peak);
  const keep = (date: string): boolean =>
    (within === undefined || inWindow(date, within)) && (asOf === undefined || date <= asOf);
  const sum = (key: string): Split => sumSeries(series[key], keep, inPeak);
  return { series, keep, sum, total: (key) => sum(key).total };
}

/** The province as recorded, and the current one it is part of (the same unless it was merged in 2025). */
function provinceThenAndNow(provinceId: string | null): CampaignDashboard['province'] {
  return {
    asRecorded: provinceRef(provinceId),
    current: provinceRef(provinceId === null ? null : rollUp(PROVINCES.get(provinceId)!).id),
  };
}

/** The peak period, the days left in it and whether `today` falls in it. */
function peakAsOf(peak: DateWindow, today: LocalDate): CampaignDashboard['peak'] {
  return {
    ...peak,
    daysLeft: today > peak.to ? 0 : daysBetween(today < peak.from ? peak.from : today, peak.to) + 1,
    inPeakNow: inWindow(today, peak),
  };
}

/** The timeline's figures summed by ISO week, the earliest week first. */
function weeklyTimeline(sums: SeriesSums): CampaignDashboard['timeline'] {
  const timeline = new Map<string, CampaignDashboard['timeline'][number]>();
  for (const name of TIMELINE) {
    for (const [date, n] of Object.entries(sums.series[name] ?? {})) {
      if (!sums.keep(date)) continue;
      const w = weekOf(date);
      let row = timeline.get(w.week);
      if (row === undefined)
        timeline.set(
          w.week,
          (row = {
            ...w,
            meetings: 0,
            attendees: 0,
            publications: 0,
            approvedVnd: 0,
            disbursedVnd: 0,
            membersAdmitted: 0,
            petitions: 0,
          }),
        );
      row[name] += n;
    }
  }
  return [...timeline.values()].sort((a, b) => a.from.localeCompare(b.from));
}

/** A fund's budget in the plan and the support approved and disbursed from it. */
interface FundFigures {
  fund: string;
  budget: number;
  approved: number;
  disbursed: number;
}

/** The breakdowns of a dashboard, summed from the series keys of each kind. */
interface Breakdowns {
  byCommune: CampaignDashboard['byCommune'];
  byFormat: CampaignDashboard['byFormat'];
  byTopic: Record<string, number>;
  publicationsByKind: Record<string, number>;
  funds: Map<string, FundFigures>;
  nominationsByStatus: Record<string, number>;
  admitted: CampaignDashboard['membersAdmittedByType'];
  petitions: CampaignDashboard['petitions'];
}

function breakdowns(campaign: CampaignView, sums: SeriesSums): Breakdowns {
  const b: Breakdowns = {
    byCommune: [],
    byFormat: {},
    byTopic: {},
    publicationsByKind: {},
    funds: new Map(
      campaign.budgets.map((l) => [
        l.fund as string,
        { fund: l.fund as string, budget: l.amount, approved: 0, disbursed: 0 },
      ]),
    ),
    nominationsByStatus: {},
    admitted: {
      cooperatives: 0,
      cooperativeUnions: 0,
      cooperativeGroups: 0,
      associatesContributing: 0,
      associatesNonContributing: 0,
      associatesUnsplit: 0,
    },
    petitions: { open: 0, answered: 0, resolved: 0 },
  };
  for (const key of Object.keys(sums.series)) addToBreakdowns(b, key, sums.total);
  b.byCommune.sort((x, y) => y.meetings - x.meetings || x.commune.localeCompare(y.commune, 'vi'));
  return b;
}

/**
 * The row of a commune's meetings series (`commune, id, name, district, 'm'`: see communeKey),
 * with `total` summing a series over the days that count; undefined when it counts none.
 */
export function communeRow(parts: readonly string[], total: (key: string) => number): CommuneRow | undefined {
  const [, id = '', name = '', district = ''] = parts;
  const meetings = total(communeKey(id, name, district || undefined, 'm'));
  if (meetings === 0) return undefined;
  const c = id === '' ? undefined : communeById(id);
  return {
    commune: name,
    district: district === '' ? null : district,
    code: c?.code ?? null,
    map: c?.map ?? null,
    today: c === undefined ? [] : todayOf(c).map((t) => ({ code: t.code, name: t.name })),
    meetings,
    attendees: total(communeKey(id, name, district || undefined, 'a')),
  };
}

export type CommuneRow = CampaignDashboard['byCommune'][number];
export type TodayRow = CampaignDashboard['byCommuneToday'][number];

/**
 * Rolls meetings by commune as recorded up to today's communes: an old commune that became part
 * of one commune counts there; one split between several is a row of its own naming them (a
 * meeting cannot be put in one part without knowing where it was); free text naming no one
 * commune stays as recorded. Each recorded row lands in exactly one row.
 */
export function communesToday(rows: readonly CommuneRow[]): TodayRow[] {
  const out = new Map<string, TodayRow>();
  const add = (key: string, make: () => TodayRow, r: CommuneRow): void => {
    let row = out.get(key);
    if (row === undefined) out.set(key, (row = make()));
    row.meetings += r.meetings;
    row.attendees += r.attendees;
    if (!row.recordedAs.includes(r.commune)) row.recordedAs.push(r.commune);
  };
  for (const r of rows) {
    const [one, ...more] = r.today;
    if (one !== undefined && more.length === 0)
      add(
        `c:${one.code}`,
        () => ({ kind: 'commune', code: one.code, name: one.name, recordedAs: [], meetings: 0, attendees: 0 }),
        r,
      );
    else if (one !== undefined)
      add(
        `s:${r.code ?? ''}`,
        () => ({
          kind: 'split',
          code: null,
          name: r.commune,
          splitInto: r.today,
          recordedAs: [],
          meetings: 0,
          attendees: 0,
        }),
        r,
      );
    else
      add(
        `u:${r.commune}\u0000${r.district ?? ''}`,
        () => ({
          kind: 'unmapped',
          code: null,
          name: r.district === null ? r.commune : `${r.commune}, ${r.district}`,
          recordedAs: [],
          meetings: 0,
          attendees: 0,
        }),
        r,
      );
  }
  return [...out.values()].sort((x, y) => y.meetings - x.meetings || x.name.localeCompare(y.name, 'vi'));
}

/** Adds the series `key` to the breakdown its kind (the key's first part) feeds, if any. */
function addToBreakdowns(b: Breakdowns, key: string, total: (key: string) => number): void {
  const parts = splitKey(key);
  switch (parts[0]) {
    case 'commune':
      if (parts[4] === 'm') {
        const row = communeRow(parts, total);
        if (row !== undefined) b.byCommune.push(row);
      }
      break;
    case 'format':
      if (parts[2] === 'm') {
        const meetings = total(key);
        if (meetings > 0)
          b.byFormat[parts[1] as string] = { meetings, attendees: total(formatKey(parts[1] as string, 'a')) };
      }
      break;
    case 'topic': {
      const n = total(key);
      if (n > 0) b.byTopic[parts[1] as string] = n;
      break;
    }
    case 'fund': {
      const fund = parts[1] as string;
      const n = total(key);
      let row = b.funds.get(fund);
      if (row === undefined && n !== 0) b.funds.set(fund, (row = { fund, budget: 0, approved: 0, disbursed: 0 }));
      if (row !== undefined) row[parts[2] as 'approved' | 'disbursed'] += n;
      break;
    }
    case 'nom': {
      const n = total(key);
      if (n > 0) b.nominationsByStatus[parts[1] as string] = n;
      break;
    }
    case 'pubkind': {
      const n = total(key);
      if (n > 0) b.publicationsByKind[parts[1] as string] = n;
      break;
    }
    case 'admitted':
      if ((parts[1] as string) in b.admitted) b.admitted[parts[1] as keyof Breakdowns['admitted']] += total(key);
      break;
    case 'petition':
      b.petitions[parts[1] as keyof Breakdowns['petitions']] += total(key);
      break;
  }
}

const percentOf = (n: number, of: number): number | null => (of > 0 ? Math.round((n / of) * 1000) / 10 : null);

/** Each fund's support against its budget: what is left to approve, and the shares approved and disbursed. */
function supportByFund(funds: Iterable<FundFigures>): CampaignDashboard['support'] {
  return [...funds].map((r) => ({
    ...r,
    available: r.budget - r.approved,
    approvedPercent: percentOf(r.approved, r.budget),
    disbursedPercent: percentOf(r.disbursed, r.approved),
  }));
}

/** Members admitted by the three kinds of the 2023 law: the official ones are the three types together. */
function membersByKind(admitted: Breakdowns['admitted']): CampaignDashboard['membersAdmittedByKind'] {
  return {
    official: admitted.cooperatives + admitted.cooperativeUnions + admitted.cooperativeGroups,
    associatesContributing: admitted.associatesContributing,
    associatesNonContributing: admitted.associatesNonContributing,
    associatesUnsplit: admitted.associatesUnsplit,
  };
}

/**
 * The plan's targets and what was done towards them. A fact counts for its activity; an unlinked one
 * for the only activity with a target on its metric.
 */
function targetProgress(activities: CampaignView['activities'], sum: (key: string) => Split): TargetProgress[] {
  const owners = new Map<Metric, string[]>();
  for (const a of activities) for (const t of a.targets) owners.set(t.metric, [...(owners.get(t.metric) ?? []), a.id]);
  return activities.flatMap((a) =>
    a.targets.map((t) => {
      const measurable = t.metric !== 'other';
      const goal = targetGoal(t);
      const s = sum(creditKey(a.id, t.metric));
      const sole = owners.get(t.metric);
      if (sole !== undefined && sole.length === 1 && sole[0] === a.id) {
        const u = sum(creditKey(undefined, t.metric));
        s.peak += u.peak;
        s.rest += u.rest;
        s.total += u.total;
      }
      return {
        activityId: a.id,
        activityTitle: a.title,
        metric: t.metric,
        ...(t.label !== undefined ? { label: t.label } : {}),
        target: goal,
        asWritten: targetAsWritten(t),
        ...(t.upTo !== undefined ? { upTo: t.upTo } : {}),
        ...(t.percent !== undefined ? { percent: t.percent, base: t.base } : {}),
        ...(t.baseLabel !== undefined ? { baseLabel: t.baseLabel } : {}),
        actual: measurable ? s.total : null,
        progressPercent: measurable && goal > 0 ? Math.round((s.total / goal) * 1000) / 10 : null,
        peak: measurable ? s.peak : null,
        rest: measurable ? s.rest : null,
      };
    }),
  );
}

/**
 * The organiser's tasks whose due period touches the year, per lead agency: as they stood on `asOf`,
 * else as they stand at `now`.
 */
function tasksByAgency(
  c: Catalog,
  organiser: string,
  year: number,
  now: string,
  asOf?: LocalDate,
): CampaignDashboard['tasksByAgency'] {
  const agencies = new Map<string, CampaignDashboard['tasksByAgency'][number]>();
  for (const t of c.tasks.values()) {
    if (t.organiser !== organiser || !dueInYear(t, year)) continue;
    const s = asOf === undefined ? taskNow(t, now) : taskOn(t, asOf);
    if (s === undefined) continue;
    for (const agency of t.leadAgencies) {
      const row = agencies.get(agency) ?? { agency, done: 0, open: 0, overdue: 0, cancelled: 0 };
      if (s.status === 'done') row.done += 1;
      else if (s.status === 'cancelled') row.cancelled += 1;
      else {
        row.open += 1;
        if (s.overdue) row.overdue += 1;
      }
      agencies.set(agency, row);
    }
  }
  return [...agencies.values()].sort((a, b) => a.agency.localeCompare(b.agency, 'vi'));
}

export const RANK_METRICS = [
  'meetings',
  'attendees',
  'publications',
  'approvedVnd',
  'disbursedVnd',
  'membersAdmitted',
  'nominations',
  'petitionsResolved',
] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

const RankTotals = z.record(z.enum(RANK_METRICS), Split);

export const NationalRow = z.object({
  organiser: z.string(),
  asRecorded: ProvinceRef,
  current: ProvinceRef,
  totals: RankTotals,
  rank: z.number().int(),
  reported: z
    .object({ halfYear: Reported.nullable(), yearEnd: Reported.nullable() })
    .describe(
      "the province's own 6-month and year-end reports to the national alliance, " +
        'null until sent (by the business date)',
    ),
});
export type NationalRow = z.infer<typeof NationalRow>;

/**
 * Every provincial campaign of a year: totals, ranking, peak vs year; as recorded and rolled up to current
 * provinces.
 */
export const NationalDashboard = z
  .object({
    year: z.number().int(),
    asOf: z.string().nullable(),
    knownAt: z.string(),
    rankBy: z.enum(RANK_METRICS),
    totals: RankTotals,
    provinces: z.array(NationalRow),
    rolledUp: z.array(
      z.object({
        current: z.object({ id: z.string(), name: z.string() }),
        asRecorded: z.array(ProvinceRef),
        totals: RankTotals,
      }),
    ),
    nationalEvents: z
      .array(
        z.object({
          eventId: z.string(),
          kind: z.string(),
          name: z.string(),
          date: z.string(),
          place: z.string(),
          provincesAttending: z.array(z.string()),
        }),
      )
      .describe(
        'events the national alliance held (the honouring conference among them), with the provinces that attended',
      ),
  })
  .meta({ id: 'NationalDashboard' });
export type NationalDashboard = z.infer<typeof NationalDashboard>;

/** Every provincial campaign of a year: as recorded, ranked, and rolled up to today's provinces. */
export function nationalDashboard(
  c: Catalog,
  year: number,
  now: string,
  rankBy: RankMetric = 'meetings',
  asOf?: LocalDate,
): NationalDashboard {
  const rows: NationalRow[] = [];
  const day = asOf ?? vnDateOf(now);
  for (const campaign of c.campaigns.values()) {
    if (campaign.year !== year || campaign.organiser === 'VN') continue;
    const d = campaignDashboard(c, campaign.organiser, year, now, undefined, asOf);
    if (d === undefined) continue;
    rows.push({
      organiser: campaign.organiser,
      asRecorded: d.province.asRecorded,
      current: d.province.current,
      totals: Object.fromEntries(RANK_METRICS.map((m) => [m, d.totals[m]])) as Record<RankMetric, Split>,
      rank: 0,
      reported: {
        halfYear: provinceReported(c, campaign.organiser, year, 'half-year', day),
        yearEnd: provinceReported(c, campaign.organiser, year, 'year-end', day),
      },
    });
  }
  rows.sort((a, b) => b.totals[rankBy].total - a.totals[rankBy].total || a.organiser.localeCompare(b.organiser));
  rows.forEach((r, i) => (r.rank = i + 1));
  const sum = (xs: NationalRow[]) => {
    const t = Object.fromEntries(RANK_METRICS.map((m) => [m, split()])) as Record<RankMetric, Split>;
    for (const r of xs)
      for (const m of RANK_METRICS) {
        t[m].peak += r.totals[m].peak;
        t[m].rest += r.totals[m].rest;
        t[m].total += r.totals[m].total;
      }
    return t;
  };
  const byCurrent = new Map<string, NationalRow[]>();
  for (const r of rows) if (r.current) byCurrent.set(r.current.id, [...(byCurrent.get(r.current.id) ?? []), r]);
  const rolledUp = [...byCurrent.entries()]
    .map(([id, rs]) => ({
      current: rs[0]?.current ?? { id, name: id },
      asRecorded: rs.map((r) => r.asRecorded),
      totals: sum(rs),
    }))
    .sort((a, b) => b.totals[rankBy].total - a.totals[rankBy].total || a.current.id.localeCompare(b.current.id));
  return {
    year,
    asOf: asOf ?? null,
    knownAt: now,
    rankBy,
    totals: sum(rows),
    provinces: rows,
    rolledUp,
    nationalEvents: nationalEventsOf(c, year, asOf),
  };
}

/** The national events the national alliance held in a year, with the provinces that recorded attending each. */
export function nationalEventsOf(c: Catalog, year: number, asOf?: LocalDate) {
  const attending = new Map<string, string[]>();
  for (const r of c.records.values()) {
    for (const a of r.attendances ?? []) {
      if (a.year !== year || a.eventId === undefined || (asOf !== undefined && a.date > asOf)) continue;
      attending.set(a.eventId, [...(attending.get(a.eventId) ?? []), a.organiser]);
    }
  }
  return [...c.nationalEvents.values()]
    .filter((x) => x.year === year && (asOf === undefined || x.date <= asOf))
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((x) => ({
      eventId: x.eventId,
      kind: x.kind,
      name: x.name,
      date: x.date,
      place: x.place,
      provincesAttending: (attending.get(x.eventId) ?? []).sort(),
    }));
}

/** Every record that involves one cooperative. */
export function cooperativeProfile(c: Catalog, cooperativeId: string) {
  const cooperative = c.cooperatives.get(cooperativeId);
  if (cooperative === undefined) return undefined;
  const by = <T extends { cooperativeId?: string | undefined }>(xs: Iterable<T>) =>
    [...xs].filter((x) => x.cooperativeId === cooperativeId);
  return {
    cooperative,
    approvals: by(documentsNaming(c.approvals, cooperativeId)),
    disbursements: by(documentsNaming(c.disbursements, cooperativeId)),
    appraisals: [...c.records.values()].flatMap((r) => by(r.appraisals)),
    nominations: by(documentsNaming(c.nominations, cooperativeId)),
    meetings: [...documentsNaming(c.meetings, cooperativeId)].filter(
      (m) => m.status === 'recorded' && m.cooperativeIds.includes(cooperativeId),
    ),
    petitions: by(documentsNaming(c.petitions, cooperativeId)),
  };
}
