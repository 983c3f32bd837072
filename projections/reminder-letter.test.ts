import { describe, expect, it } from 'vitest';
import type { ReportingEvent } from '../domain/reporting/reporting.ts';
import { emptyCatalog, type Catalog } from './catalog.ts';
import { applyToCatalog } from './fold.ts';
import { addWorkingDays, dateLine, issuerOf, reminderLetter, type ReminderLetter } from './reminder-letter.ts';

const u = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

function catalogOf(events: ReportingEvent[]): Catalog {
  const c = emptyCatalog();
  events.forEach((e, i) =>
    applyToCatalog(c, e, { stream: 's', revision: i, position: i + 1, recordedAt: '2026-07-01T03:00:00.000Z' }),
  );
  return c;
}

const on = { organiser: '68', year: 2026, period: 'half-year' };
const window = { from: '2026-01-01', to: '2026-06-30' };
const figures = { position: 3, basis: 'x', lines: [] };
const submitted = (unit: string, n: number, submittedOn: string, daysLate: number): ReportingEvent => ({
  type: 'UnitReportSubmitted',
  data: {
    ...on,
    unit,
    unitKind: unit === 'standing-agency' ? 'standing-agency' : 'department',
    to: ['steering-head'],
    submissionId: u(n),
    submittedOn,
    narrative: 'Kết quả',
    figures,
    dueBy: '2026-07-15',
    daysLate,
    resubmission: false,
  },
});
const requested: ReportingEvent = {
  type: 'ReportsRequested',
  data: {
    ...on,
    title: 'Báo cáo 6 tháng đầu năm 2026',
    window,
    dueBy: '2026-07-15',
    from: [
      { unit: 'so-tai-chinh', name: 'Sở Tài chính' },
      { unit: 'so-noi-vu', name: 'Sở Nội vụ' },
      { unit: '24781', name: 'Phường Xuân Hương - Đà Lạt' },
      { unit: 'standing-agency', name: 'Cơ quan thường trực BCĐ' },
      { unit: 'alliance', name: 'Liên minh HTX tỉnh' },
    ],
  },
};
const events: ReportingEvent[] = [
  requested,
  // On time, approved: not in the letter.
  submitted('so-noi-vu', 1, '2026-07-10', 0),
  {
    type: 'ReportApproved',
    data: { ...on, unit: 'so-noi-vu', submissionId: u(1), window, approvedOn: '2026-07-11', approvedBy: 'x' },
  },
  // Two days late.
  submitted('so-tai-chinh', 2, '2026-07-17', 2),
  // On time, then returned and not sent again.
  submitted('standing-agency', 3, '2026-07-14', 0),
  {
    type: 'ReportReturned',
    data: {
      ...on,
      unit: 'standing-agency',
      submissionId: u(3),
      returnedOn: '2026-07-16',
      returnedBy: 'x',
      reason: 'Bổ sung',
    },
  },
];
const letterOf = (date: string, more: ReportingEvent[] = [], opts = {}): ReminderLetter => {
  const a = reminderLetter(catalogOf([...events, ...more]), '68', 2026, 'half-year', {
    date,
    now: `${date}T03:00:00Z`,
    ...opts,
  });
  if (!('letter' in a)) throw new Error(`no letter: ${a.nothing}`);
  return a.letter;
};

describe('the reminder letter', () => {
  it('names the units that sent nothing, whose report was returned and not sent again, and that sent it late — missing first', () => {
    const l = letterOf('2026-07-31');
    expect(l.units.map((x) => [x.name, x.lateness, x.daysLate])).toEqual([
      ['Phường Xuân Hương - Đà Lạt', 'missing', 16],
      ['Cơ quan thường trực BCĐ', 'returned', 16],
      ['Sở Tài chính', 'late', 2],
    ]);
    expect(l.units[2]?.status).toBe('Đã gửi ngày 17/07/2026, chậm 2 ngày');
    expect(l.recipients).toEqual(['Phường Xuân Hương - Đà Lạt', 'Cơ quan thường trực BCĐ', 'Sở Tài chính']);
    expect(l.copies).toEqual([...l.recipients, 'Lưu: VT']);
  });

  it('is written by the province’s alliance, which never writes to itself, about the report, its days and its due day', () => {
    const l = letterOf('2026-07-31');
    expect(l.issuer).toBe('Liên minh HTX tỉnh Lâm Đồng');
    expect(l.units.some((x) => x.unit === 'alliance')).toBe(false);
    expect(l.subject).toBe('V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2026');
    expect(l.dateLine).toBe('Lâm Đồng, ngày 31 tháng 7 năm 2026');
    expect(l.opening.join(' ')).toContain(
      'từ ngày 01/01/2026 đến ngày 30/06/2026), thời hạn chậm nhất ngày 15/07/2026',
    );
    expect(l.opening[1]).toContain('1 đơn vị chưa gửi báo cáo');
  });

  it('asks for the report within 5 working days of its date unless it says another day, to the recipients the chain names', () => {
    // Friday 31 July 2026: five working days later is Friday 7 August.
    expect(letterOf('2026-07-31').sendBy).toBe('2026-08-07');
    expect(letterOf('2026-07-31').closing[0]).toContain('trước ngày 07/08/2026');
    expect(letterOf('2026-07-31').closing[0]).toContain('Trưởng BCĐ và các Phó trưởng BCĐ');
    expect(letterOf('2026-07-31', [], { sendBy: '2026-08-20' }).closing[0]).toContain('trước ngày 20/08/2026');
  });

  it('says nothing of the units not yet due, and there is no letter when nobody is late', () => {
    // Before the due day nobody is missing, and the report sent late does not exist yet.
    const before = reminderLetter(catalogOf(events), '68', 2026, 'half-year', {
      date: '2026-07-12',
      now: '2026-07-12T03:00:00Z',
    });
    expect(before).toMatchObject({ nothing: 'nobody-late', dueBy: '2026-07-15' });
    expect(
      reminderLetter(catalogOf(events), '68', 2026, 'year-end', { date: '2026-12-31', now: '2026-12-31T03:00:00Z' }),
    ).toEqual({ nothing: 'not-requested' });
  });

  it('takes the number and the signer when given, and leaves the number blank for the clerk otherwise', () => {
    expect(letterOf('2026-07-31', [], { number: '45/LMHTX-VP', signer: 'Nguyễn Văn A' })).toMatchObject({
      number: '45/LMHTX-VP',
      signer: { on: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn A' },
    });
    expect(letterOf('2026-07-31').number).toMatch(/^ +\/LMHTX$/);
  });
});

describe("the letter's calendar and its issuer", () => {
  it('counts working days from Monday to Friday', () => {
    expect(addWorkingDays('2026-12-03', 5)).toBe('2026-12-10'); // a Thursday
    expect(addWorkingDays('2026-12-05', 5)).toBe('2026-12-11'); // a Saturday
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07'); // Friday → Monday
  });

  it('writes the day, and January and February, with a leading zero', () => {
    expect(dateLine('Lâm Đồng', '2026-02-05')).toBe('Lâm Đồng, ngày 05 tháng 02 năm 2026');
    expect(dateLine('Lâm Đồng', '2026-12-19')).toBe('Lâm Đồng, ngày 19 tháng 12 năm 2026');
  });

  it("names a city's alliance as the city's, and a province's as it was on the letter's date", () => {
    expect(issuerOf('01', '2026-01-05').issuer).toBe('Liên minh HTX thành phố Hà Nội');
    expect(issuerOf('79', '2026-01-05')).toEqual({
      issuer: 'Liên minh HTX Thành phố Hồ Chí Minh',
      place: 'Thành phố Hồ Chí Minh',
    });
    expect(issuerOf('72', '2023-07-31')).toEqual({ issuer: 'Liên minh HTX tỉnh Tây Ninh', place: 'Tây Ninh' });
    expect(issuerOf('80', '2024-07-31').place).toBe('Long An');
    expect(issuerOf('VN', '2026-01-05').issuer).toBe('Liên minh Hợp tác xã Việt Nam');
  });
});
