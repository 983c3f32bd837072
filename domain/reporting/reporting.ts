import { z } from 'zod';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { Text } from '../shared/text.ts';
import { LocalDate, REFORM_DATE, daysBetween, type DateWindow } from '../shared/time.ts';
import { requireUnitOpenOn } from '../shared/units.ts';

/**
 * The reports provinces send: the 6-month report (1/1–30/6) and the year-end report, each due by
 * a date (the year-end report before 20 December, as the seed plans set). Departments and, before
 * 1 July 2025, districts report to the provincial alliance; the provincial alliance reports to
 * the national one. A report is submitted once per reporter; lateness is counted from its due day.
 */
export const ReportKind = z.enum(['half-year', 'year-end']);
export type ReportKind = z.infer<typeof ReportKind>;

/** The period a report covers, the last day it is on time, and its title. */
export function reportDue(kind: ReportKind, year: number): { window: DateWindow; dueBy: LocalDate; title: string } {
  return kind === 'half-year'
    ? {
        window: { from: `${year}-01-01`, to: `${year}-06-30` },
        dueBy: `${year}-07-15`,
        title: `Báo cáo 6 tháng đầu năm ${year}`,
      }
    : { window: { from: `${year}-01-01`, to: `${year}-12-31` }, dueBy: `${year}-12-19`, title: `Báo cáo năm ${year}` };
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

export type ReportingCommand =
  | ({ type: 'ExpectReports'; organiser: string; year: number; kind: ReportKind } & z.infer<typeof ExpectReports>)
  | ({ type: 'SubmitReport'; organiser: string; year: number; kind: ReportKind } & SubmitReport);

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
export type ReportingEvent = ReportsExpected | ReportSubmitted;

export interface ReportingState {
  dueBy: LocalDate | null;
  /** Reporters by key (`level:name`) and the submission that came from each. */
  submitted: Record<string, string>;
  submissions: Record<string, true>;
}

export const reporterKey = (r: Reporter): string => `${r.level}:${r.name.normalize('NFC').toLowerCase()}`;

export function reportingStream(organiser: string, year: number, kind: ReportKind): string {
  return `reports-${organiser}-${year}-${kind}`;
}

export const reportingDecider: Decider<ReportingCommand, ReportingEvent, ReportingState, undefined> = {
  initialState: () => ({ dueBy: null, submitted: {}, submissions: {} }),

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
    }
  },

  decide(command, state) {
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
  },
};
