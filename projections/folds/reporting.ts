import { reportDue, type ReportingEvent } from '../../domain/reporting/reporting.ts';
import type { CapabilityProjection } from '../capability.ts';
import { recordsOf, type Catalog, type Envelope, type Stamp } from '../catalog.ts';

/** Reports expected and submitted. */
export function foldReporting(c: Catalog, e: ReportingEvent, at: Envelope, v: Stamp): void {
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

export const reportingProjection: CapabilityProjection<ReportingEvent> = {
  events: ['ReportsExpected', 'ReportSubmitted'],
  fold: foldReporting,
  campaignStreams: (code, year) => [`reports-${code}-${year}-`],
};
