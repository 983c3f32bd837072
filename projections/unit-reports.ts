import { z } from 'zod';
import { RECIPIENTS, departmentCode, isAdHoc, unitKind, type PeriodicKind } from '../domain/reporting/chain.ts';
import { Figures, type ExpectedUnit } from '../domain/reporting/reporting.ts';
import { daysBetween, inWindow, type LocalDate } from '../domain/shared/time.ts';
import type { ReportLedger, UnitReportView } from './capability.ts';
import { campaignDocuments, campaignKey, type Catalog } from './catalog.ts';
import { provinceReport, type ReportSheet } from './reports.ts';
import { taskNow } from './tasks.ts';

/**
 * The chain's reports as read: a unit's figures when it submits, its reports and their reviews,
 * the locks approvals put on its periods, who is late, and what awaits the province's review.
 */

/** Whether a task is led by a department (its code made from the lead agency's name). */
const ledBy = (leadAgencies: readonly string[], unit: string) => leadAgencies.some((a) => departmentCode(a) === unit);

/**
 * A unit's figures for a report, from its records at the catalog's position. What is attributed:
 * the alliance, the province's campaign report (every record of the campaign); a department, the
 * tasks it leads (the only records that name a department); a commune, the outreach meetings
 * recorded with its commune code; the standing agency, every task of the province, whose progress
 * it urges. Nothing else names a unit, so nothing else is counted.
 */
export function unitFigures(
  c: Catalog,
  organiser: string,
  year: number,
  period: string,
  window: { from: string; to: string },
  unit: string,
  now: string,
): Figures {
  const line = (section: string, indicator: string, value: number, u: string) => ({
    section,
    indicator,
    value,
    unit: u,
  });
  const kind = unitKind(unit);
  if (kind === 'alliance' && !isAdHoc(period)) {
    const r = provinceReport(c, organiser, year, period as PeriodicKind, now, window.to);
    return {
      position: c.position,
      basis: `the campaign ${year} of ${organiser}: every record dated ${window.from}–${window.to}`,
      lines: r?.lines ?? [],
    };
  }
  if (kind === 'commune') {
    let meetings = 0;
    let attendees = 0;
    for (const m of campaignDocuments(c, organiser, year, 'meetings'))
      if (m.status === 'recorded' && m.place.communeCode === unit && inWindow(m.date, window)) {
        meetings++;
        attendees += m.attendees;
      }
    return {
      position: c.position,
      basis: `outreach meetings recorded with commune code ${unit}, dated ${window.from}–${window.to}`,
      lines: [
        line('Tuyên truyền', 'Số hội nghị tuyên truyền tại xã, phường', meetings, 'hội nghị'),
        line('Tuyên truyền', 'Số lượt người tham dự', attendees, 'lượt người'),
      ],
    };
  }
  const tasks = [...c.tasks.values()].filter(
    (t) => t.organiser === organiser && (kind !== 'department' || ledBy(t.leadAgencies, unit)),
  );
  const states = tasks.map((t) => taskNow(t, now));
  return {
    position: c.position,
    basis:
      kind === 'department'
        ? `tasks of ${organiser} whose lead agency is ${unit}`
        : `every task of ${organiser}, whose progress the standing agency urges`,
    lines: [
      line('Nhiệm vụ', 'Số nhiệm vụ được giao', tasks.length, 'nhiệm vụ'),
      line('Nhiệm vụ', 'Đã hoàn thành', states.filter((s) => s.status === 'done').length, 'nhiệm vụ'),
      line('Nhiệm vụ', 'Đang thực hiện', states.filter((s) => s.status === 'open').length, 'nhiệm vụ'),
      line('Nhiệm vụ', 'Quá hạn', states.filter((s) => s.overdue).length, 'nhiệm vụ'),
    ],
  };
}

/** The reports (ledgers) of an organiser's year, by period. */
function ledgers(c: Catalog, organiser: string, year: number): [string, ReportLedger][] {
  const reports = c.records.get(campaignKey(organiser, year))?.reports ?? {};
  return Object.entries(reports).filter((e): e is [string, ReportLedger] => e[1] !== undefined);
}

/** Where a command's record falls: its organiser, its date, and the reporting units it counts for. */
export interface RecordOn {
  organiser: string;
  date: LocalDate;
  units: string[];
}

export interface PeriodLock {
  unit: string;
  period: string;
  title: string;
  window: { from: string; to: string };
  approvedOn: string;
  approvedBy: string;
  submissionId: string;
}

/** The approval that locks the day of a record for one of its units, if any. */
export function lockOn(c: Catalog, on: RecordOn): PeriodLock | undefined {
  const year = Number(on.date.slice(0, 4));
  for (const [period, ledger] of ledgers(c, on.organiser, year))
    for (const unit of on.units) {
      const lock = ledger.units?.[unit]?.lock;
      if (lock != null && inWindow(on.date, lock.window))
        return { unit, period, title: ledger.title ?? period, ...lock };
    }
  return undefined;
}

/**
 * Whether an approval of one of the record's units could be on its way: a submission of that
 * unit, covering the record's date, awaits review. Only then is it worth waiting for the read
 * models to catch up before looking for a lock (an approval needs a submission awaiting review).
 */
export function reviewPending(c: Catalog, on: RecordOn): boolean {
  const year = Number(on.date.slice(0, 4));
  for (const [, ledger] of ledgers(c, on.organiser, year))
    for (const unit of on.units) if (ledger.units?.[unit]?.status === 'awaiting-review') return true;
  return false;
}

/** The units a task's records count for: the departments that lead it, and the alliance if it leads. */
export function taskUnits(leadAgencies: readonly string[]): string[] {
  return leadAgencies.map((a) => {
    const code = departmentCode(a);
    return code.startsWith('lien-minh-hop-tac-xa') || code.startsWith('lien-minh-htx') ? 'alliance' : code;
  });
}

const Submission = z.object({
  submissionId: z.string(),
  submittedOn: z.string(),
  narrative: z.string(),
  documentNumber: z.string().optional(),
  figures: Figures,
  dueBy: z.string(),
  daysLate: z.number().int(),
  resubmission: z.boolean(),
  returned: z.object({ returnedOn: z.string(), returnedBy: z.string(), reason: z.string() }).optional(),
  approved: z.object({ approvedOn: z.string(), approvedBy: z.string(), note: z.string().optional() }).optional(),
});
const Status = z.enum(['awaiting-review', 'returned', 'approved', 'unlocked']);
const Window = z.object({ from: z.string(), to: z.string() });

/** One unit's report of a period: every submission with its review, the lock, the unlocks. */
export const UnitReport = z
  .object({
    organiser: z.string(),
    year: z.number().int(),
    period: z.string(),
    title: z.string(),
    window: Window,
    dueBy: z.string(),
    unit: z.string(),
    kind: z.enum(['department', 'commune', 'alliance', 'standing-agency']),
    to: z.array(z.string()).describe('the recipients the reporting chain names'),
    status: Status.nullable().describe('null: nothing submitted yet'),
    submissions: z.array(Submission),
    lock: z
      .object({ window: Window, approvedOn: z.string(), approvedBy: z.string(), submissionId: z.string() })
      .nullable(),
    unlocks: z.array(z.object({ unlockedOn: z.string(), unlockedBy: z.string(), reason: z.string() })),
    revision: z.number().int(),
  })
  .meta({ id: 'UnitReport' });
export type UnitReport = z.infer<typeof UnitReport>;

export function unitReport(c: Catalog, organiser: string, year: number, period: string, unit: string): UnitReport {
  const ledger = c.records.get(campaignKey(organiser, year))?.reports?.[period];
  const u: UnitReportView | undefined = ledger?.units?.[unit];
  return {
    organiser,
    year,
    period,
    title: ledger?.title ?? period,
    window: ledger?.window ?? { from: `${year}-01-01`, to: `${year}-12-31` },
    dueBy: ledger?.dueBy ?? `${year}-12-31`,
    unit,
    kind: unitKind(unit),
    to: (u?.to ?? []).map((r) => RECIPIENTS[r as keyof typeof RECIPIENTS]?.name ?? r),
    status: u?.status ?? null,
    submissions: u?.submissions ?? [],
    lock: u?.lock ?? null,
    unlocks: u?.unlocks ?? [],
    revision: ledger?.revision ?? -1,
  };
}

/** Who is late, per unit and report of a year. */
export const ReportingStatus = z
  .object({
    organiser: z.string(),
    year: z.number().int(),
    asOf: z.string(),
    rows: z.array(
      z.object({
        period: z.string(),
        title: z.string(),
        dueBy: z.string(),
        unit: z.string(),
        name: z.string().nullable(),
        expected: z.boolean().describe('the unit was asked for this report'),
        received: z.boolean().describe('a submission came by asOf'),
        returned: z.number().int().describe('how many submissions were returned'),
        approved: z.boolean(),
        status: Status.nullable(),
        daysLate: z
          .number()
          .int()
          .describe('days after the due day the first submission came, or, if none came, days past due as of asOf'),
        missing: z.boolean().describe('expected, nothing received, and the due day has passed'),
        overdueTasks: z.number().int().nullable().describe("a department's open tasks past due; null for other units"),
      }),
    ),
    counts: z.object({
      expected: z.number().int(),
      received: z.number().int(),
      approved: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
    }),
  })
  .meta({ id: 'ReportingStatus' });
export type ReportingStatus = z.infer<typeof ReportingStatus>;

export function reportingStatus(
  c: Catalog,
  organiser: string,
  year: number,
  asOf: LocalDate,
  now: string,
): ReportingStatus {
  const rows: ReportingStatus['rows'] = [];
  const tasks = [...c.tasks.values()].filter((t) => t.organiser === organiser);
  for (const [period, ledger] of ledgers(c, organiser, year)) {
    if (ledger.requested === undefined && ledger.units === undefined) continue;
    const names = new Map<string, string | null>((ledger.requested ?? []).map((u: ExpectedUnit) => [u.unit, u.name]));
    for (const unit of Object.keys(ledger.units ?? {})) if (!names.has(unit)) names.set(unit, null);
    for (const [unit, name] of names) {
      const view = ledger.units?.[unit];
      const subs = (view?.submissions ?? []).filter((s) => s.submittedOn <= asOf);
      const first = subs[0];
      const expected = ledger.requested?.some((u) => u.unit === unit) ?? false;
      const due = asOf > ledger.dueBy;
      rows.push({
        period,
        title: ledger.title ?? period,
        dueBy: ledger.dueBy,
        unit,
        name,
        expected,
        received: first !== undefined,
        returned: subs.filter((s) => s.returned !== undefined && s.returned.returnedOn <= asOf).length,
        approved: subs.some((s) => s.approved !== undefined && s.approved.approvedOn <= asOf),
        status: subs.length === 0 ? null : (view?.status ?? null),
        daysLate: first !== undefined ? first.daysLate : due ? daysBetween(ledger.dueBy, asOf) : 0,
        missing: expected && first === undefined && due,
        overdueTasks:
          unitKind(unit) === 'department'
            ? tasks.filter((t) => ledBy(t.leadAgencies, unit) && taskNow(t, now).overdue).length
            : null,
      });
    }
  }
  rows.sort((a, b) => a.period.localeCompare(b.period) || a.unit.localeCompare(b.unit));
  return {
    organiser,
    year,
    asOf,
    rows,
    counts: {
      expected: rows.filter((r) => r.expected).length,
      received: rows.filter((r) => r.received).length,
      approved: rows.filter((r) => r.approved).length,
      late: rows.filter((r) => r.daysLate > 0).length,
      missing: rows.filter((r) => r.missing).length,
    },
  };
}

/** The submissions awaiting the province's review, oldest first. */
export const ReviewInbox = z
  .object({
    organiser: z.string(),
    items: z.array(
      z.object({
        year: z.number().int(),
        period: z.string(),
        title: z.string(),
        unit: z.string(),
        kind: z.enum(['department', 'commune', 'alliance', 'standing-agency']),
        submissionId: z.string(),
        submittedOn: z.string(),
        daysLate: z.number().int(),
        resubmission: z.boolean(),
        figures: Figures,
        narrative: z.string(),
        documentNumber: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'ReviewInbox' });
export type ReviewInbox = z.infer<typeof ReviewInbox>;

/** Every organiser's year whose reports await review: the organiser's campaigns' years, and the next. */
export function reviewInbox(c: Catalog, organiser: string): ReviewInbox {
  const items: ReviewInbox['items'] = [];
  for (const [key, records] of c.records) {
    if (!key.startsWith(`${organiser}-`)) continue;
    const year = Number(key.slice(organiser.length + 1));
    if (!Number.isInteger(year)) continue;
    for (const [period, ledger] of Object.entries(records.reports ?? {}))
      for (const u of Object.values(ledger?.units ?? {})) {
        const s = u.submissions[u.submissions.length - 1];
        if (u.status !== 'awaiting-review' || s === undefined) continue;
        items.push({
          year,
          period,
          title: ledger?.title ?? period,
          unit: u.unit,
          kind: u.kind,
          submissionId: s.submissionId,
          submittedOn: s.submittedOn,
          daysLate: s.daysLate,
          resubmission: s.resubmission,
          figures: s.figures,
          narrative: s.narrative,
          ...(s.documentNumber !== undefined ? { documentNumber: s.documentNumber } : {}),
        });
      }
  }
  items.sort((a, b) => a.submittedOn.localeCompare(b.submittedOn) || a.unit.localeCompare(b.unit));
  return { organiser, items };
}

/** Who is late, as a sheet of the report's workbook ("Tình hình báo cáo"). */
export function reportingStatusSheet(s: ReportingStatus): ReportSheet {
  const yes = (b: boolean) => (b ? 'có' : 'không');
  return {
    name: 'Tình hình báo cáo',
    columns: [
      { header: 'Báo cáo', kind: 'text' },
      { header: 'Đơn vị', kind: 'text' },
      { header: 'Hạn gửi', kind: 'date' },
      { header: 'Được yêu cầu', kind: 'text' },
      { header: 'Đã nhận', kind: 'text' },
      { header: 'Số lần trả lại', kind: 'number' },
      { header: 'Đã phê duyệt', kind: 'text' },
      { header: 'Số ngày chậm', kind: 'number' },
      { header: 'Chưa gửi (quá hạn)', kind: 'text' },
      { header: 'Nhiệm vụ quá hạn', kind: 'number' },
    ],
    rows: s.rows.map((r) => [
      r.title,
      r.name ?? r.unit,
      r.dueBy,
      yes(r.expected),
      yes(r.received),
      r.returned,
      yes(r.approved),
      r.daysLate,
      yes(r.missing),
      r.overdueTasks ?? '',
    ]),
  };
}
