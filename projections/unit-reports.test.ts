import { describe, expect, it } from 'vitest';
import type { ReportingEvent } from '../domain/reporting/reporting.ts';
import { emptyCatalog, type AnyDomainEvent, type Catalog } from './catalog.ts';
import { applyToCatalog } from './fold.ts';
import { reportSubmissions } from './report-submissions.ts';
import { lockOn, reportingStatus, reviewInbox, taskUnits, unitReport } from './unit-reports.ts';

const u = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

function catalogOf(events: AnyDomainEvent[]): Catalog {
  const c = emptyCatalog();
  events.forEach((e, i) =>
    applyToCatalog(c, e, { stream: 's', revision: i, position: i + 1, recordedAt: '2024-07-01T03:00:00.000Z' }),
  );
  return c;
}

const on = { organiser: '67', year: 2024, period: 'half-year' };
const window = { from: '2024-01-01', to: '2024-06-30' };
const figures = { position: 3, basis: 'x', lines: [] };
/** A stream recorded before the chain existed (receipts by level and name), then the chain's events. */
const history: ReportingEvent[] = [
  {
    type: 'ReportsExpected',
    data: {
      organiser: '67',
      year: 2024,
      kind: 'half-year',
      from: [{ level: 'district', name: 'Huyện Đắk Glong' }],
      dueBy: '2024-07-15',
    },
  },
  {
    type: 'ReportSubmitted',
    data: {
      organiser: '67',
      year: 2024,
      kind: 'half-year',
      submissionId: u(1),
      reporter: { level: 'district', name: 'Huyện Đắk Glong' },
      submittedOn: '2024-07-20',
      dueBy: '2024-07-15',
      daysLate: 5,
    },
  },
  {
    type: 'ReportsRequested',
    data: {
      ...on,
      title: 'Báo cáo 6 tháng đầu năm 2024',
      window,
      dueBy: '2024-07-10',
      from: [
        { unit: 'so-tai-chinh', name: 'Sở Tài chính' },
        { unit: 'standing-agency', name: 'Cơ quan thường trực' },
      ],
    },
  },
  {
    type: 'UnitReportSubmitted',
    data: {
      ...on,
      unit: 'so-tai-chinh',
      unitKind: 'department',
      to: ['steering-head', 'people-committee'],
      submissionId: u(2),
      submittedOn: '2024-07-12',
      narrative: 'Kết quả',
      figures,
      dueBy: '2024-07-10',
      daysLate: 2,
      resubmission: false,
    },
  },
];
const approved: ReportingEvent = {
  type: 'ReportApproved',
  data: { ...on, unit: 'so-tai-chinh', submissionId: u(2), window, approvedOn: '2024-07-15', approvedBy: 'Trưởng BCĐ' },
};
const unlocked: ReportingEvent = {
  type: 'ReportPeriodUnlocked',
  data: { ...on, unit: 'so-tai-chinh', window, unlockedOn: '2024-07-20', unlockedBy: 'Trưởng BCĐ', reason: 'sửa' },
};

describe("the reporting chain's read models", () => {
  it('keep the receipts recorded before the chain as they were, beside the units’ reports in the same stream', () => {
    const c = catalogOf(history);
    const old = reportSubmissions(c, '67', 2024, 'half-year', '2024-07-31');
    expect(old.expected.map((x) => [x.reporter.name, x.late])).toEqual([['Huyện Đắk Glong', true]]);
    expect(unitReport(c, '67', 2024, 'half-year', 'so-tai-chinh')).toMatchObject({
      status: 'awaiting-review',
      dueBy: '2024-07-10',
      to: ['Trưởng BCĐ và các Phó trưởng BCĐ', 'UBND tỉnh (qua Sở Tài chính)'],
    });
  });

  it('list a submission in the inbox until it is reviewed', () => {
    expect(reviewInbox(catalogOf(history), '67').items.map((x) => [x.unit, x.daysLate])).toEqual([['so-tai-chinh', 2]]);
    expect(reviewInbox(catalogOf([...history, approved]), '67').items).toEqual([]);
  });

  it("lock a unit's days of the approved period only, for that unit only, until an unlock", () => {
    const c = catalogOf([...history, approved]);
    const record = (date: string, units: string[]) => lockOn(c, { organiser: '67', date, units });
    expect(record('2024-03-01', ['so-tai-chinh'])).toMatchObject({ period: 'half-year', approvedBy: 'Trưởng BCĐ' });
    expect(record('2024-07-01', ['so-tai-chinh'])).toBeUndefined();
    expect(record('2024-03-01', ['alliance'])).toBeUndefined();
    expect(
      lockOn(catalogOf([...history, approved, unlocked]), {
        organiser: '67',
        date: '2024-03-01',
        units: ['so-tai-chinh'],
      }),
    ).toBeUndefined();
  });

  it('count who is late: received late, or missing once the due day has passed', () => {
    const s = reportingStatus(catalogOf(history), '67', 2024, '2024-07-31', '2024-07-31T03:00:00Z');
    expect(s.rows.map((r) => [r.unit, r.received, r.daysLate, r.missing])).toEqual([
      ['so-tai-chinh', true, 2, false],
      ['standing-agency', false, 21, true],
    ]);
    expect(s.counts).toEqual({ expected: 2, received: 1, approved: 0, late: 2, missing: 1 });
  });

  it("count a task's records for the departments leading it, and the alliance's when it leads", () => {
    expect(taskUnits(['Sở Tài chính', 'Liên minh HTX tỉnh', 'Sở Nông nghiệp và Môi trường'])).toEqual([
      'so-tai-chinh',
      'alliance',
      'so-nong-nghiep-va-moi-truong',
    ]);
  });
});
