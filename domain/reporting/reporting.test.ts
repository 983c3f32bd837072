import { describe, it } from 'vitest';
import { id } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
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
