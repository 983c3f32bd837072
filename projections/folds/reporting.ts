import { isAdHoc, periodicReport, type PeriodicKind } from '../../domain/reporting/chain.ts';
import { ReportKind, reportingStream, type ReportingEvent } from '../../domain/reporting/reporting.ts';
import { REPORTING_RULES } from '../../domain/reporting/rules.ts';
import {
  capabilityProjection,
  type CampaignRecords,
  type Envelope,
  type FoldTarget,
  type ReportLedger,
  type UnitReportView,
  recordsOf,
  type Stamp,
} from '../capability.ts';

const slices = {};

/** The ledger of one report (a periodic one, or an ad-hoc one once requested), made on first use. */
function ledgerOf(r: CampaignRecords, year: number, period: string): ReportLedger {
  const reports = (r.reports ??= {});
  let ledger = reports[period];
  if (ledger === undefined) {
    const periodic = isAdHoc(period) ? undefined : periodicReport(period as PeriodicKind, year);
    ledger = {
      revision: -1,
      dueBy: periodic?.dueBy ?? `${year}-12-31`,
      expected: [],
      submissions: [],
      ...(periodic !== undefined ? { title: periodic.title, window: periodic.window } : {}),
    };
    reports[period] = ledger;
  }
  return ledger;
}

/** Reports expected and submitted, returned, approved; periods locked and unlocked. */
export function foldReporting(c: FoldTarget<typeof slices>, e: ReportingEvent, at: Envelope, _v: Stamp): void {
  const d = e.data;
  const r = recordsOf(c, d.organiser, d.year);
  const ledger = ledgerOf(r, d.year, 'kind' in d ? d.kind : d.period);
  ledger.revision = at.revision;
  switch (e.type) {
    case 'ReportsExpected':
      ledger.dueBy = e.data.dueBy;
      ledger.expected = e.data.from;
      return;
    case 'ReportSubmitted': {
      const { submissionId, reporter, submittedOn, documentNumber, note, daysLate } = e.data;
      ledger.submissions.push({ submissionId, reporter, submittedOn, documentNumber, note, daysLate });
      return;
    }
    case 'ReportsRequested':
      ledger.dueBy = e.data.dueBy;
      ledger.title = e.data.title;
      ledger.window = e.data.window;
      ledger.requested = e.data.from;
      return;
    case 'UnitReportSubmitted': {
      const s = e.data;
      const units = (ledger.units ??= {});
      const u: UnitReportView = units[s.unit] ?? {
        unit: s.unit,
        kind: s.unitKind,
        to: s.to,
        status: 'awaiting-review',
        submissions: [],
        lock: null,
        unlocks: [],
      };
      u.status = 'awaiting-review';
      u.submissions.push({
        submissionId: s.submissionId,
        submittedOn: s.submittedOn,
        narrative: s.narrative,
        ...(s.documentNumber !== undefined ? { documentNumber: s.documentNumber } : {}),
        figures: s.figures,
        dueBy: s.dueBy,
        daysLate: s.daysLate,
        resubmission: s.resubmission,
      });
      units[s.unit] = u;
      return;
    }
    case 'ReportReturned':
    case 'ReportApproved': {
      const u = ledger.units?.[e.data.unit];
      const s = u?.submissions.find((x) => x.submissionId === e.data.submissionId);
      if (u === undefined || s === undefined) return;
      if (e.type === 'ReportReturned') {
        const { returnedOn, returnedBy, reason } = e.data;
        s.returned = { returnedOn, returnedBy, reason };
        u.status = 'returned';
      } else {
        const { approvedOn, approvedBy, note, window, submissionId } = e.data;
        s.approved = { approvedOn, approvedBy, ...(note !== undefined ? { note } : {}) };
        u.status = 'approved';
        u.lock = { window, approvedOn, approvedBy, submissionId };
      }
      return;
    }
    case 'ReportPeriodUnlocked': {
      const u = ledger.units?.[e.data.unit];
      if (u === undefined) return;
      const { unlockedOn, unlockedBy, reason } = e.data;
      u.unlocks.push({ unlockedOn, unlockedBy, reason });
      u.status = 'unlocked';
      u.lock = null;
      return;
    }
  }
}

export const reportingProjection = capabilityProjection<ReportingEvent>()({
  name: 'reporting',
  slices,
  rules: REPORTING_RULES,
  events: [
    'ReportsExpected',
    'ReportSubmitted',
    'ReportsRequested',
    'UnitReportSubmitted',
    'ReportReturned',
    'ReportApproved',
    'ReportPeriodUnlocked',
  ],
  fold: foldReporting,
  campaignStreams: (code, year) => [`reports-${code}-${year}-`],
  ledgerStreams: (code, year) => ReportKind.options.map((kind) => reportingStream(code, year, kind)),
});
