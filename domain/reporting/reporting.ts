import { z } from 'zod';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { Text } from '../shared/text.ts';
import { DateWindow, LocalDate, REFORM_DATE, daysBetween } from '../shared/time.ts';
import { mapForCampaignYear, province, requireUnitOpenOn, type Province } from '../shared/units.ts';
import { requireCommune } from '../shared/communes.ts';
import {
  ReportPeriod,
  ReportingUnit,
  isAdHoc,
  linkFor,
  periodicReport,
  unitKind,
  type PeriodicKind,
  type Recipient,
  type UnitKind,
} from './chain.ts';

/**
 * Reports, two ways. The first, kept for the records made with it: the alliance notes a report
 * received (ExpectReports, SubmitReport: a reporter named by level and name, a date, no content),
 * and its own report to the national alliance. The second follows the reporting chain
 * (chain.ts): the units the chain names are asked for a report (RequestReports, also ad hoc),
 * each submits its own with figures and a narrative (SubmitUnitReport), the province's officers
 * return it with a reason or approve it, and an approval locks the unit's period until an unlock
 * is recorded. Lateness is counted from the due day, a setting per year (DEFAULT_DUE by default).
 */
export const ReportKind = z.enum(['half-year', 'year-end']);
export type ReportKind = z.infer<typeof ReportKind>;

/** The period a report covers, the last day it is on time, and its title. */
export function reportDue(kind: ReportKind, year: number): { window: DateWindow; dueBy: LocalDate; title: string } {
  return periodicReport(kind, year);
}

export const ReporterLevel = z.enum(['department', 'district', 'province']);
export const Reporter = z.object({
  level: ReporterLevel.describe(
    'department (sở, ngành), district (huyện, before 1/7/2025), ' +
      'or province (the provincial alliance, to the national one)',
  ),
  name: Text(300),
});
export type Reporter = z.infer<typeof Reporter>;

export const ExpectReports = z.object({
  from: z.array(Reporter).min(1, 'name at least one reporter').max(300),
  dueBy: LocalDate.optional().describe(
    'the last day on time; by default 15/7 for the 6-month report and 19/12 for the year-end report',
  ),
});
export const SubmitReport = z.object({
  submissionId: z.uuid(),
  reporter: Reporter,
  submittedOn: LocalDate,
  documentNumber: Text(100).optional().describe('number of the report document: "45/BC-LMHTX"'),
  note: Text(2000).optional(),
});
export type SubmitReport = z.infer<typeof SubmitReport>;

/** A unit asked for a report, with its name as people write it. */
export const ExpectedUnit = z.object({ unit: ReportingUnit, name: Text(300) });
export type ExpectedUnit = z.infer<typeof ExpectedUnit>;

export const RequestReports = z.object({
  from: z.array(ExpectedUnit).min(1, 'name at least one unit').max(4000),
  dueBy: LocalDate.optional().describe(
    'the last day on time: a setting of the year; by default 15/7 for the 6-month report (no seed gives one) ' +
      'and 19/12 for the year-end report (seed 003: before 20/12); required for an ad-hoc report',
  ),
  title: Text(300).optional().describe('required for an ad-hoc report: what is asked'),
  window: DateWindow.optional().describe('required for an ad-hoc report: the days it covers'),
  requestedBy: Text(300).optional().describe('who asked (an ad-hoc report: the head of the steering committee)'),
});
export type RequestReports = z.infer<typeof RequestReports>;

/** One indicator of a report's figures. */
export const FigureLine = z.object({ section: z.string(), indicator: z.string(), value: z.number(), unit: z.string() });
/** A report's figures, computed by the service from the unit's records at a log position. */
export const Figures = z.object({
  position: z.number().int().describe('the log position the figures were taken at'),
  basis: z.string().describe('which records the figures count, as attributed to the unit'),
  lines: z.array(FigureLine),
});
export type Figures = z.infer<typeof Figures>;

export const SubmitUnitReport = z.object({
  submissionId: z.uuid(),
  submittedOn: LocalDate,
  narrative: Text(20000).describe('the report text: results, difficulties, proposals'),
  documentNumber: Text(100).optional().describe('number of the report document: "45/BC-STC"'),
});
export type SubmitUnitReport = z.infer<typeof SubmitUnitReport>;
export const ReturnReport = z.object({
  returnedOn: LocalDate,
  returnedBy: Text(300).describe('who returns it, for the recipient'),
  reason: Text(5000).describe('what to correct or add'),
});
export const ApproveReport = z.object({
  approvedOn: LocalDate,
  approvedBy: Text(300).describe('who approves it, for the recipient'),
  note: Text(2000).optional(),
});
export const UnlockReportPeriod = z.object({
  unlockedOn: LocalDate,
  unlockedBy: Text(300),
  reason: Text(2000).describe('why records of an approved period must change'),
});

type OnPeriod = { organiser: string; year: number; period: ReportPeriod };
type OnUnit = OnPeriod & { unit: ReportingUnit };

export type ReportingCommand =
  | ({ type: 'ExpectReports'; organiser: string; year: number; kind: ReportKind } & z.infer<typeof ExpectReports>)
  | ({ type: 'SubmitReport'; organiser: string; year: number; kind: ReportKind } & SubmitReport)
  | ({ type: 'RequestReports' } & OnPeriod & RequestReports)
  | ({ type: 'SubmitUnitReport' } & OnUnit & SubmitUnitReport)
  | ({ type: 'ReturnReport'; submissionId: string } & OnUnit & z.infer<typeof ReturnReport>)
  | ({ type: 'ApproveReport'; submissionId: string } & OnUnit & z.infer<typeof ApproveReport>)
  | ({ type: 'UnlockReportPeriod' } & OnUnit & z.infer<typeof UnlockReportPeriod>);

interface Scope {
  organiser: string;
  year: number;
  kind: ReportKind;
}
export type ReportsExpected = DomainEvent<'ReportsExpected', Scope & { from: Reporter[]; dueBy: LocalDate }>;
export type ReportSubmitted = DomainEvent<
  'ReportSubmitted',
  Scope & SubmitReport & { dueBy: LocalDate; daysLate: number }
>;
export type ReportsRequested = DomainEvent<
  'ReportsRequested',
  OnPeriod & { title: string; window: DateWindow; dueBy: LocalDate; from: ExpectedUnit[]; requestedBy?: string }
>;
export type UnitReportSubmitted = DomainEvent<
  'UnitReportSubmitted',
  OnUnit &
    SubmitUnitReport & {
      unitKind: UnitKind;
      to: Recipient[];
      figures: Figures;
      dueBy: LocalDate;
      daysLate: number;
      resubmission: boolean;
    }
>;
export type ReportReturned = DomainEvent<
  'ReportReturned',
  OnUnit & { submissionId: string } & z.infer<typeof ReturnReport>
>;
export type ReportApproved = DomainEvent<
  'ReportApproved',
  OnUnit & { submissionId: string; window: DateWindow } & z.infer<typeof ApproveReport>
>;
export type ReportPeriodUnlocked = DomainEvent<
  'ReportPeriodUnlocked',
  OnUnit & { window: DateWindow } & z.infer<typeof UnlockReportPeriod>
>;
export type ReportingEvent =
  | ReportsExpected
  | ReportSubmitted
  | ReportsRequested
  | UnitReportSubmitted
  | ReportReturned
  | ReportApproved
  | ReportPeriodUnlocked;

/** Where a unit's report of a period stands. */
export type UnitReportStatus = 'awaiting-review' | 'returned' | 'approved' | 'unlocked';
interface UnitState {
  status: UnitReportStatus;
  /** The latest submission. */
  submissionId: string;
  submittedOn: LocalDate;
  approvedBy?: string;
}

export interface ReportingState {
  dueBy: LocalDate | null;
  /** Reporters by key (`level:name`) and the submission that came from each. */
  submitted: Record<string, string>;
  submissions: Record<string, true>;
  /** The request of the chain's report (title, window, due day), once made. */
  request: { title: string; window: DateWindow; dueBy: LocalDate } | null;
  units: Record<string, UnitState>;
}

export const reporterKey = (r: Reporter): string => `${r.level}:${r.name.normalize('NFC').toLowerCase()}`;

/** One stream per organiser, year and report (half-year, year-end or an ad-hoc one). */
export function reportingStream(organiser: string, year: number, period: ReportKind | ReportPeriod): string {
  return `reports-${organiser}-${year}-${period}`;
}

/** The window, due day and title of a report: the request's, else a periodic report's defaults. */
function reportOf(state: ReportingState, period: ReportPeriod, year: number) {
  if (state.request !== null) return state.request;
  if (isAdHoc(period)) return null;
  const periodic = periodicReport(period as PeriodicKind, year);
  // A due day noted with the receipt book (ExpectReports) is the year's setting too.
  return { ...periodic, dueBy: state.dueBy ?? periodic.dueBy };
}

function requireInChain(unit: ReportingUnit, period: ReportPeriod): void {
  const link = linkFor(unit, period);
  if (link === undefined)
    fail(
      'not-in-reporting-chain',
      `the reporting chain has no ${isAdHoc(period) ? 'ad-hoc' : period} report from ${unit} (${unitKind(unit)})`,
      { unit, period },
    );
}

function requireAwaiting(state: ReportingState, unit: string, submissionId: string, what: string): UnitState {
  const u = state.units[unit];
  if (u === undefined || u.submissionId !== submissionId)
    fail('report-not-found', `${unit} has no submission ${submissionId} in this report`, { unit, submissionId });
  if (u.status !== 'awaiting-review')
    fail('report-not-awaiting-review', `submission ${submissionId} of ${unit} is ${u.status}: it cannot be ${what}`, {
      status: u.status,
    });
  return u;
}

/** The province of an organiser's reports of a year, on that year's map (null: the national alliance). */
function provinceOfCampaign(organiser: string, year: number): Province | null {
  return organiser === 'VN'
    ? null
    : (province(mapForCampaignYear(year), organiser) ?? province('current', organiser) ?? null);
}

export const reportingDecider: Decider<ReportingCommand, ReportingEvent, ReportingState, Figures | undefined> = {
  initialState: () => ({ dueBy: null, submitted: {}, submissions: {}, request: null, units: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'ReportsExpected':
        return { ...state, dueBy: event.data.dueBy };
      case 'ReportSubmitted':
        return {
          ...state,
          submitted: { ...state.submitted, [reporterKey(event.data.reporter)]: event.data.submissionId },
          submissions: { ...state.submissions, [event.data.submissionId]: true },
        };
      case 'ReportsRequested': {
        const { title, window, dueBy } = event.data;
        return { ...state, dueBy, request: { title, window, dueBy } };
      }
      case 'UnitReportSubmitted': {
        const d = event.data;
        return {
          ...state,
          submissions: { ...state.submissions, [d.submissionId]: true },
          units: {
            ...state.units,
            [d.unit]: { status: 'awaiting-review', submissionId: d.submissionId, submittedOn: d.submittedOn },
          },
        };
      }
      case 'ReportReturned':
      case 'ReportApproved':
      case 'ReportPeriodUnlocked': {
        const u = state.units[event.data.unit];
        if (u === undefined) return state;
        const status: UnitReportStatus =
          event.type === 'ReportReturned' ? 'returned' : event.type === 'ReportApproved' ? 'approved' : 'unlocked';
        const approvedBy = event.type === 'ReportApproved' ? event.data.approvedBy : u.approvedBy;
        return {
          ...state,
          units: { ...state.units, [event.data.unit]: { ...u, status, ...(approvedBy ? { approvedBy } : {}) } },
        };
      }
    }
  },

  decide(command, state, figures) {
    switch (command.type) {
      case 'ExpectReports':
      case 'SubmitReport':
        return decideReceipt(command, state);
      case 'RequestReports': {
        const { organiser, year, period } = command;
        const adHoc = isAdHoc(period);
        if (adHoc && (command.title === undefined || command.window === undefined || command.dueBy === undefined))
          fail(
            'ad-hoc-report-incomplete',
            'an ad-hoc report is requested with its title, the days it covers and its due day',
            {
              missing: (['title', 'window', 'dueBy'] as const).filter((k) => command[k] === undefined),
            },
          );
        const periodic = adHoc ? null : periodicReport(period as PeriodicKind, year);
        const window = periodic?.window ?? (command.window as DateWindow);
        const title = command.title ?? periodic?.title ?? '';
        const dueBy = command.dueBy ?? state.request?.dueBy ?? state.dueBy ?? (periodic?.dueBy as LocalDate);
        if (
          window.to < window.from ||
          window.from.slice(0, 4) !== String(year) ||
          window.to.slice(0, 4) !== String(year)
        )
          fail('report-window-outside-year', `an ad-hoc report of ${year} covers days of ${year}, in order`, {
            window,
          });
        const lastMonth = `${window.to.slice(0, 7)}-01`;
        if (!adHoc && dueBy < lastMonth)
          fail(
            'report-due-before-period-end',
            `a report on ${window.from}–${window.to} cannot be due on ${dueBy}, before the last month it covers`,
            { dueBy, earliest: lastMonth },
          );
        if (adHoc && dueBy < window.from)
          fail(
            'report-due-before-period-end',
            `an ad-hoc report on ${window.from}–${window.to} cannot be due on ${dueBy}`,
            {
              dueBy,
              earliest: window.from,
            },
          );
        const seen = new Set<string>();
        command.from.forEach((u, i) => {
          if (seen.has(u.unit))
            fail('reporter-listed-twice', `${u.name} (${u.unit}) is listed twice`, { unit: u.unit });
          seen.add(u.unit);
          requireInChain(u.unit, period);
          // A commune that reports is one of the province's on the last day the report covers.
          if (unitKind(u.unit) === 'commune')
            requireCommune(`from[${i}].unit`, u.unit, window.to, provinceOfCampaign(organiser, year));
        });
        return [
          {
            type: 'ReportsRequested',
            data: {
              organiser,
              year,
              period,
              title,
              window,
              dueBy,
              from: command.from,
              ...(command.requestedBy !== undefined ? { requestedBy: command.requestedBy } : {}),
            },
          },
        ];
      }
      case 'SubmitUnitReport': {
        const { organiser, year, period, unit } = command;
        const link = linkFor(unit, period);
        requireInChain(unit, period);
        if (unitKind(unit) === 'commune')
          requireCommune('unit', unit, command.submittedOn, provinceOfCampaign(organiser, year));
        const report = reportOf(state, period, year);
        if (report === null)
          fail('ad-hoc-report-not-requested', `no ad-hoc report ${period} was requested in ${year}`, { period });
        if (state.submissions[command.submissionId])
          fail('report-already-submitted', `submission ${command.submissionId} is already recorded`);
        const current = state.units[unit];
        if (current?.status === 'awaiting-review')
          fail('report-awaiting-review', `${unit} has a report awaiting review (${current.submissionId})`, {
            submissionId: current.submissionId,
          });
        if (current?.status === 'approved')
          fail(
            'report-already-approved',
            `the ${period} report of ${unit} is approved: unlock the period to send another`,
            {
              submissionId: current.submissionId,
              approvedBy: current.approvedBy,
            },
          );
        if (command.submittedOn < report.window.from || command.submittedOn > `${year + 1}-12-31`)
          fail(
            'submission-outside-period',
            `a report on ${report.window.from}–${report.window.to} is submitted between ${report.window.from} and the end of ${year + 1}`,
            { submittedOn: command.submittedOn },
          );
        requireUnitOpenOn(organiser, command.submittedOn);
        const daysLate = command.submittedOn > report.dueBy ? daysBetween(report.dueBy, command.submittedOn) : 0;
        const { type: _t, ...c } = command;
        return [
          {
            type: 'UnitReportSubmitted',
            data: {
              ...c,
              unitKind: unitKind(unit),
              to: [...(link?.to ?? [])],
              figures: figures ?? { position: 0, basis: 'no figures were taken', lines: [] },
              dueBy: report.dueBy,
              daysLate,
              resubmission: current !== undefined,
            },
          },
        ];
      }
      case 'ReturnReport':
      case 'ApproveReport': {
        const { type, organiser, year, period, unit, submissionId } = command;
        const u = requireAwaiting(state, unit, submissionId, type === 'ReturnReport' ? 'returned' : 'approved');
        const on = type === 'ReturnReport' ? command.returnedOn : command.approvedOn;
        if (on < u.submittedOn)
          fail('review-before-submission', `submission ${submissionId} was sent on ${u.submittedOn}, after ${on}`, {
            submittedOn: u.submittedOn,
          });
        const at = { organiser, year, period, unit, submissionId };
        if (command.type === 'ReturnReport') {
          const { returnedOn, returnedBy, reason } = command;
          return [{ type: 'ReportReturned', data: { ...at, returnedOn, returnedBy, reason } }];
        }
        const window = (reportOf(state, period, year) as { window: DateWindow }).window;
        const { approvedOn, approvedBy, note } = command;
        return [
          {
            type: 'ReportApproved',
            data: { ...at, window, approvedOn, approvedBy, ...(note !== undefined ? { note } : {}) },
          },
        ];
      }
      case 'UnlockReportPeriod': {
        const { type: _t, ...c } = command;
        const u = state.units[c.unit];
        if (u?.status !== 'approved')
          fail('period-not-locked', `the ${c.period} report of ${c.unit} is not approved: its period is not locked`, {
            status: u?.status ?? 'not submitted',
          });
        const window = (reportOf(state, c.period, c.year) as { window: DateWindow }).window;
        return [{ type: 'ReportPeriodUnlocked', data: { ...c, window } }];
      }
    }
  },
};

/** The first way: a report noted as received (a reporter by level and name, a date). */
function decideReceipt(
  command: Extract<ReportingCommand, { type: 'ExpectReports' | 'SubmitReport' }>,
  state: ReportingState,
): ReportingEvent[] {
  const scope = { organiser: command.organiser, year: command.year, kind: command.kind };
  const due = reportDue(command.kind, command.year);
  switch (command.type) {
    case 'ExpectReports': {
      const dueBy = command.dueBy ?? state.dueBy ?? due.dueBy;
      const lastMonth = `${due.window.to.slice(0, 7)}-01`;
      if (dueBy < lastMonth)
        fail(
          'report-due-before-period-end',
          `a report on ${due.window.from}–${due.window.to} cannot be due on ${dueBy}, ` +
            'before the last month it covers',
          { dueBy, earliest: lastMonth },
        );
      const keys = new Set<string>();
      for (const r of command.from) {
        if (keys.has(reporterKey(r)))
          fail('reporter-listed-twice', `${r.name} (${r.level}) is listed twice`, { reporter: r });
        keys.add(reporterKey(r));
        if (r.level === 'district' && due.window.to >= REFORM_DATE) {
          fail(
            'district-after-2025',
            `districts were abolished on 1 July 2025: no district reports for ${due.window.from}–${due.window.to}`,
            { reporter: r },
          );
        }
      }
      return [{ type: 'ReportsExpected', data: { ...scope, from: command.from, dueBy } }];
    }
    case 'SubmitReport': {
      if (state.submissions[command.submissionId])
        fail('report-already-submitted', `submission ${command.submissionId} is already recorded`);
      const earlier = state.submitted[reporterKey(command.reporter)];
      if (earlier !== undefined)
        fail('report-already-submitted', `${command.reporter.name} already submitted this report`, {
          submissionId: earlier,
        });
      if (command.submittedOn < due.window.from || command.submittedOn > `${command.year + 1}-12-31`) {
        fail(
          'submission-outside-period',
          `a ${command.kind} report of ${command.year} is submitted ` +
            `between ${due.window.from} and the end of ${command.year + 1}`,
          { submittedOn: command.submittedOn },
        );
      }
      if (command.reporter.level === 'district' && command.submittedOn >= REFORM_DATE) {
        fail(
          'district-after-2025',
          `districts were abolished on 1 July 2025: a district cannot submit on ${command.submittedOn}`,
          { reporter: command.reporter },
        );
      }
      requireUnitOpenOn(command.organiser, command.submittedOn);
      const dueBy = state.dueBy ?? due.dueBy;
      const daysLate = command.submittedOn > dueBy ? daysBetween(dueBy, command.submittedOn) : 0;
      const { type: _t, organiser: _o, year: _y, kind: _k, ...c } = command;
      return [{ type: 'ReportSubmitted', data: { ...scope, ...c, dueBy, daysLate } }];
    }
  }
}
