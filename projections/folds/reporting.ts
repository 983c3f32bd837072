import { ReportKind, reportDue, reportingStream, type ReportingEvent } from '../../domain/reporting/reporting.ts';
import { REPORTING_RULES } from '../../domain/reporting/rules.ts';
import { capabilityProjection, type Envelope, type FoldTarget, recordsOf, type Stamp } from '../capability.ts';

const slices = {};

/** Reports expected and submitted. */
export function foldReporting(c: FoldTarget<typeof slices>, e: ReportingEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'ReportsExpected':
    case 'ReportSubmitted': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      const reports = (r.reports ??= {});
      const ledger = (reports[d.kind] ??= {
        revision: -1,
        dueBy: reportDue(d.kind, d.year).dueBy,
        expected: [],
        submissions: [],
      });
      ledger.revision = at.revision;
      if (e.type === 'ReportsExpected') {
        ledger.dueBy = e.data.dueBy;
        ledger.expected = e.data.from;
      } else {
        const { submissionId, reporter, submittedOn, documentNumber, note, daysLate } = e.data;
        ledger.submissions.push({ submissionId, reporter, submittedOn, documentNumber, note, daysLate });
      }
      return;
    }
  }
}

export const reportingProjection = capabilityProjection<ReportingEvent>()({
  name: 'reporting',
  slices,
  rules: REPORTING_RULES,
  events: ['ReportsExpected', 'ReportSubmitted'],
  fold: foldReporting,
  campaignStreams: (code, year) => [`reports-${code}-${year}-`],
  ledgerStreams: (code, year) => ReportKind.options.map((kind) => reportingStream(code, year, kind)),
});
