import { describe, it } from 'vitest';
import { id } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { daysBetween } from '../shared/time.ts';
import { reportingDecider, type ReportingEvent } from './reporting.ts';

const reporting = spec(reportingDecider);
const scope = { organiser: '67', year: 2024, kind: 'year-end' as const };
const department = { level: 'department' as const, name: 'Sở Nông nghiệp và Phát triển nông thôn' };
const district = { level: 'district' as const, name: 'Huyện Đắk Glong' };
const expected: ReportingEvent = {
  type: 'ReportsExpected',
  data: { ...scope, from: [department, district], dueBy: '2024-12-19' },
};
const submit = (n: number, reporter: typeof department, submittedOn: string) => ({
  type: 'SubmitReport' as const,
  ...scope,
  submissionId: id(n),
  reporter,
  submittedOn,
});

describe('reports submitted', () => {
  it('given no due day, when reporters are expected for the year-end report, then it is due before 20 December', () => {
    reporting
      .given([])
      .when({ type: 'ExpectReports', ...scope, from: [department, district] })
      .then([expected]);
  });
  it('given a due day of 19/12, when a department reports on 27/12, then the submission is 8 days late', () => {
    reporting
      .given([expected])
      .when(submit(1, department, '2024-12-27'))
      .then([
        {
          type: 'ReportSubmitted',
          data: {
            ...scope,
            submissionId: id(1),
            reporter: department,
            submittedOn: '2024-12-27',
            dueBy: '2024-12-19',
            daysLate: 8,
          },
        },
      ]);
    reporting
      .given([expected])
      .when(submit(1, department, '2024-12-19'))
      .then([
        {
          type: 'ReportSubmitted',
          data: {
            ...scope,
            submissionId: id(1),
            reporter: department,
            submittedOn: '2024-12-19',
            dueBy: '2024-12-19',
            daysLate: 0,
          },
        },
      ]);
  });
  it('refuses a second report from the same reporter, and a submission before the period starts', () => {
    const first: ReportingEvent = {
      type: 'ReportSubmitted',
      data: {
        ...scope,
        submissionId: id(1),
        reporter: department,
        submittedOn: '2024-12-10',
        dueBy: '2024-12-19',
        daysLate: 0,
      },
    };
    reporting
      .given([expected, first])
      .when(submit(2, { ...department, name: 'sở nông nghiệp và phát triển nông thôn' }, '2024-12-11'))
      .thenFails('report-already-submitted', { submissionId: id(1) });
    reporting
      .given([expected])
      .when(submit(2, department, '2023-12-31'))
      .thenFails('submission-outside-period');
  });
  it('refuses district reporters after 1 July 2025 and a due day before the period ends', () => {
    reporting
      .given([])
      .when({ type: 'ExpectReports', organiser: '68', year: 2025, kind: 'year-end', from: [district] })
      .thenFails('district-after-2025');
    reporting
      .given([])
      .when({ type: 'ExpectReports', ...scope, kind: 'half-year', from: [department], dueBy: '2024-05-31' })
      .thenFails('report-due-before-period-end');
  });
  it('given the old Đắk Nông (67), when its 2025 6-month report is sent on 10/7/2025, then Lâm Đồng (68) is named to send it', () => {
    reporting
      .given([])
      .when({
        type: 'SubmitReport',
        organiser: '67',
        year: 2025,
        kind: 'half-year',
        submissionId: id(3),
        reporter: { level: 'province', name: 'Liên minh HTX tỉnh Đắk Nông' },
        submittedOn: '2025-07-10',
      })
      .thenFails('province-merged', { successor: { code: '68', name: 'Lâm Đồng' } });
  });
});

describe('reports along the reporting chain', () => {
  const on = { organiser: '68', year: 2026, period: 'half-year' };
  const finance = { ...on, unit: 'so-tai-chinh' };
  const figures = { position: 42, basis: 'tasks led by Sở Tài chính', lines: [] };
  const requested: ReportingEvent = {
    type: 'ReportsRequested',
    data: {
      ...on,
      title: 'Báo cáo 6 tháng đầu năm 2026',
      window: { from: '2026-01-01', to: '2026-06-30' },
      dueBy: '2026-07-10',
      from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }],
    },
  };
  const submitted = (n: number, submittedOn: string, resubmission = false): ReportingEvent => ({
    type: 'UnitReportSubmitted',
    data: {
      ...finance,
      submissionId: id(n),
      submittedOn,
      narrative: 'Kết quả 6 tháng',
      unitKind: 'department',
      to: ['steering-head', 'people-committee'],
      figures,
      dueBy: '2026-07-10',
      daysLate: submittedOn > '2026-07-10' ? daysBetween('2026-07-10', submittedOn) : 0,
      resubmission,
    },
  });
  const submit = (n: number, submittedOn: string) => ({
    type: 'SubmitUnitReport' as const,
    ...finance,
    submissionId: id(n),
    submittedOn,
    narrative: 'Kết quả 6 tháng',
  });
  const returned: ReportingEvent = {
    type: 'ReportReturned',
    data: {
      ...finance,
      submissionId: id(1),
      returnedOn: '2026-07-12',
      returnedBy: 'Văn phòng UBND',
      reason: 'thiếu số liệu',
    },
  };
  const approved: ReportingEvent = {
    type: 'ReportApproved',
    data: {
      ...finance,
      submissionId: id(2),
      window: { from: '2026-01-01', to: '2026-06-30' },
      approvedOn: '2026-07-20',
      approvedBy: 'Phó Chủ tịch UBND tỉnh',
    },
  };

  it('given no setting, when the 6-month reports are requested, then they are due on the default 15 July, which the organiser may change', () => {
    reporting
      .given([])
      .when({ type: 'RequestReports', ...on, from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }] })
      .then([{ ...requested, data: { ...requested.data, dueBy: '2026-07-15' } }]);
    reporting
      .given([])
      .when({
        type: 'RequestReports',
        ...on,
        dueBy: '2026-07-10',
        from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }],
      })
      .then([requested]);
  });
  it('when a commune is asked for an ad-hoc report, then the chain refuses: only the standing agency reports ad hoc', () => {
    reporting
      .given([])
      .when({
        type: 'RequestReports',
        ...on,
        period: 'adhoc-drought',
        title: 'Báo cáo đột xuất về hạn hán',
        window: { from: '2026-03-01', to: '2026-04-30' },
        dueBy: '2026-05-05',
        from: [{ unit: '24781', name: 'Phường Xuân Hương - Đà Lạt' }],
      })
      .thenFails('not-in-reporting-chain');
  });
  it('when an ad-hoc report of 2026 is asked to cover days of 2027, then it is refused: a report covers days of its year', () => {
    reporting
      .given([])
      .when({
        type: 'RequestReports',
        ...on,
        period: 'adhoc-winter',
        title: 'Báo cáo đột xuất',
        window: { from: '2026-12-01', to: '2027-01-31' },
        dueBy: '2027-02-05',
        from: [{ unit: 'standing-agency', name: 'Cơ quan thường trực' }],
      })
      .thenFails('report-window-outside-year');
  });
  it('when an ad-hoc report is requested without its due day, then it is refused naming what is missing', () => {
    reporting
      .given([])
      .when({
        type: 'RequestReports',
        ...on,
        period: 'adhoc-drought',
        title: 'Báo cáo đột xuất',
        from: [{ unit: 'standing-agency', name: 'Sở Tài chính (cơ quan thường trực)' }],
      })
      .thenFails('ad-hoc-report-incomplete', { missing: ['window', 'dueBy'] });
  });
  it('given a request due 10/7, when the department submits on 14/7 with its figures, then it is 4 days late and sent to the chain’s recipients', () => {
    reporting
      .given([requested], figures)
      .when(submit(1, '2026-07-14'))
      .then([submitted(1, '2026-07-14')]);
  });
  it('given a submission awaiting review, when the unit submits again, then it is refused until the report is returned', () => {
    reporting
      .given([requested, submitted(1, '2026-07-09')], figures)
      .when(submit(2, '2026-07-10'))
      .thenFails('report-awaiting-review');
  });
  it('given a returned report, when the unit resubmits, then the new submission is a resubmission awaiting review', () => {
    reporting
      .given([requested, submitted(1, '2026-07-09'), returned], figures)
      .when(submit(2, '2026-07-15'))
      .then([submitted(2, '2026-07-15', true)]);
  });
  it('given a resubmission, when the recipient approves it, then the approval names the period it locks', () => {
    reporting
      .given([requested, submitted(1, '2026-07-09'), returned, submitted(2, '2026-07-15', true)])
      .when({
        type: 'ApproveReport',
        ...finance,
        submissionId: id(2),
        approvedOn: '2026-07-20',
        approvedBy: 'Phó Chủ tịch UBND tỉnh',
      })
      .then([approved]);
  });
  it('given a returned submission, when it is approved, then it is refused: only the latest awaiting review is', () => {
    reporting
      .given([requested, submitted(1, '2026-07-09'), returned])
      .when({ type: 'ApproveReport', ...finance, submissionId: id(1), approvedOn: '2026-07-20', approvedBy: 'x' })
      .thenFails('report-not-awaiting-review');
  });
  it('given an approved report, when the unit submits again, then it is refused until the period is unlocked', () => {
    const history = [requested, submitted(1, '2026-07-09'), returned, submitted(2, '2026-07-15', true), approved];
    reporting.given(history, figures).when(submit(3, '2026-07-25')).thenFails('report-already-approved');
    const unlock = {
      type: 'UnlockReportPeriod' as const,
      ...finance,
      unlockedOn: '2026-07-25',
      unlockedBy: 'Phó Chủ tịch UBND tỉnh',
      reason: 'sửa số liệu giải ngân',
    };
    const unlocked: ReportingEvent = {
      type: 'ReportPeriodUnlocked',
      data: {
        ...finance,
        window: { from: '2026-01-01', to: '2026-06-30' },
        unlockedOn: '2026-07-25',
        unlockedBy: 'Phó Chủ tịch UBND tỉnh',
        reason: 'sửa số liệu giải ngân',
      },
    };
    reporting.given(history).when(unlock).then([unlocked]);
    reporting
      .given([...history, unlocked], figures)
      .when(submit(3, '2026-07-26'))
      .then([submitted(3, '2026-07-26', true)]);
    reporting
      .given([...history, unlocked])
      .when(unlock)
      .thenFails('period-not-locked');
  });
});
