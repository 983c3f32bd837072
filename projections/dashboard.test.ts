import { describe, expect, it } from 'vitest';
import { campaignDecider, type LaunchCampaign } from '../domain/campaign/campaign.ts';
import { DAK_NONG_2024 } from '../domain/scenarios/dak-nong-2024.ts';
import { emptyCatalog, type AnyDomainEvent, type Catalog } from './catalog.ts';
import { applyToCatalog } from './fold.ts';
import { campaignDashboard, cooperativeProfile, nationalDashboard } from './dashboard.ts';
import { nationalReport, nationalReportBook, provinceReport, provinceReportBook } from './reports.ts';

const u = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (instant: string) => instant;

/** Folds events into a catalog; each event may say when it was recorded (UTC). */
function catalogOf(events: (AnyDomainEvent | [AnyDomainEvent, string])[]): Catalog {
  const c = emptyCatalog();
  events.forEach((x, i) => {
    const [e, recordedAt] = Array.isArray(x) ? x : [x, '2024-06-15T03:00:00.000Z'];
    applyToCatalog(c, e, { stream: 's', revision: i, position: i + 1, recordedAt });
  });
  return c;
}

const scope = { organiser: '67', year: 2024 };
/**
 * The Đắk Nông 2024 plan as launched with the three activities these tests measure (no other activity has a target on
 * their metrics, so unlinked records count for them): 400 attendees and two national events attended as targets.
 * Its provincial fund only.
 */
const measured = ['outreach-conferences', 'support', 'national-events'];
const plan: LaunchCampaign = {
  ...DAK_NONG_2024,
  activities: DAK_NONG_2024.activities
    .filter((a) => measured.includes(a.id))
    .map((a) =>
      a.id === 'outreach-conferences'
        ? { ...a, targets: a.targets.map((t) => (t.metric === 'attendees' ? { ...t, value: 400 } : t)) }
        : a.id === 'national-events'
          ? { ...a, targets: [{ metric: 'events-attended', value: 2 }] }
          : a,
    ),
  budgets: DAK_NONG_2024.budgets.filter((b) => b.fund === 'provincial-support-fund'),
};
const [launched] = campaignDecider.decide({ type: 'LaunchCampaign', ...plan }, campaignDecider.initialState(), {}) as [
  AnyDomainEvent,
];
const meeting = (n: number, date: string, attendees: number, extra: object = {}): AnyDomainEvent => ({
  type: 'OutreachMeetingRecorded',
  data: {
    ...scope,
    meetingId: u(n),
    date,
    place: { commune: n % 2 ? 'Quảng Khê' : 'Đắk Ha', district: 'Đắk Glong' },
    format: 'conference',
    topics: ['cooperative-law-2023'],
    attendees,
    cooperativesRepresented: 2,
    cooperativeIds: [u(900)],
    organisedBy: 'LM',
    activityId: 'outreach-conferences',
    ...extra,
  },
});

describe('campaign dashboard', () => {
  it('counts publications apart from meetings, peak and rest, with no attendees, including bulletins once recorded as meetings', () => {
    const publication = (n: number, date: string, kind: 'bulletin' | 'press'): AnyDomainEvent => ({
      type: 'PublicationRecorded',
      data: {
        ...scope,
        publicationId: u(n),
        kind,
        outlet: 'Báo Đắk Nông',
        date,
        title: `Bài ${n}`,
        topics: ['cooperative-day'],
      },
    });
    const legacyBulletin = meeting(9, '2024-07-02', 0, { format: 'bulletin' });
    const c = catalogOf([
      launched,
      meeting(1, '2024-04-02', 50),
      publication(2, '2024-04-05', 'press'),
      publication(3, '2024-04-06', 'bulletin'),
      legacyBulletin,
    ]);
    applyToCatalog(
      c,
      { type: 'PublicationRetracted', data: { ...scope, publicationId: u(3), reason: 'Ghi nhầm' } },
      { stream: 's', revision: 9, position: 9, recordedAt: '2024-07-03T03:00:00.000Z' },
    );
    const d = campaignDashboard(c, '67', 2024, '2024-12-01T00:00:00+07:00')!;
    expect(d.totals.meetings).toEqual({ peak: 1, rest: 0, total: 1 });
    expect(d.totals.attendees.total).toBe(50);
    expect(d.totals.publications).toEqual({ peak: 1, rest: 1, total: 2 });
    expect(d.publicationsByKind).toEqual({ press: 1, bulletin: 1 });
    expect(Object.keys(d.byFormat)).toEqual(['conference']);
    expect(d.byCommune.reduce((n, x) => n + x.meetings, 0)).toBe(1);
  });

  it('counts meetings on 29/3 and 29/4 in the peak, and 28/3 and 30/4 outside it', () => {
    const c = catalogOf([
      launched,
      meeting(1, '2024-03-28', 10),
      meeting(2, '2024-03-29', 20),
      meeting(3, '2024-04-29', 30),
      meeting(4, '2024-04-30', 40),
    ]);
    const d = campaignDashboard(c, '67', 2024, '2024-04-01T00:00:00+07:00')!;
    expect(d.totals.meetings).toEqual({ peak: 2, rest: 2, total: 4 });
    expect(d.totals.attendees).toEqual({ peak: 50, rest: 50, total: 100 });
  });

  it('classifies events recorded at 28/3 23:59 and 30/4 00:00 Vietnam time outside the peak, 29/3 00:00 and 29/4 23:59 inside', () => {
    const c = catalogOf([
      [launched, at('2024-02-27T03:00:00.000Z')],
      [meeting(1, '2024-03-20', 1), at('2024-03-28T16:59:00.000Z')], // 28/3 23:59 +07
      [meeting(2, '2024-03-20', 1), at('2024-03-28T17:00:00.000Z')], // 29/3 00:00 +07
      [meeting(3, '2024-03-20', 1), at('2024-04-29T16:59:00.000Z')], // 29/4 23:59 +07
      [meeting(4, '2024-03-20', 1), at('2024-04-29T17:00:00.000Z')], // 30/4 00:00 +07
    ]);
    expect(campaignDashboard(c, '67', 2024, '2024-05-01T00:00:00+07:00')!.recording).toEqual({
      eventsInPeak: 2,
      eventsOutsidePeak: 3,
    });
  });

  it('measures progress against each target, national events attended among them', () => {
    const attended: AnyDomainEvent = {
      type: 'NationalEventAttended',
      data: {
        ...scope,
        attendanceId: u(50),
        kind: 'honouring-conference',
        name: 'Hội nghị tôn vinh HTX tiêu biểu',
        date: '2024-07-01',
        delegates: 5,
        cooperativeIds: [],
        activityId: 'national-events',
      },
    };
    const c = catalogOf([
      launched,
      meeting(1, '2024-04-02', 100),
      meeting(2, '2024-04-03', 100),
      meeting(3, '2024-05-10', 100, { activityId: undefined }),
      attended,
    ]);
    const t = campaignDashboard(c, '67', 2024, '2024-05-20T00:00:00+07:00')!.targets;
    expect(t.find((x) => x.metric === 'meetings')).toMatchObject({
      target: 8,
      actual: 3,
      progressPercent: 37.5,
      peak: 2,
      rest: 1,
    });
    expect(t.find((x) => x.metric === 'attendees')).toMatchObject({ actual: 300, progressPercent: 75 });
    expect(t.find((x) => x.metric === 'events-attended')).toMatchObject({
      target: 2,
      actual: 1,
      progressPercent: 50,
      peak: 0,
      rest: 1,
    });
  });

  it('meets a range at its minimum and a percentage at its share of the base, each shown as the plan writes it', () => {
    const written: LaunchCampaign = {
      ...plan,
      activities: plan.activities.map((a) =>
        a.id === 'outreach-conferences'
          ? {
              ...a,
              targets: [
                { metric: 'meetings', value: 2, upTo: 3 },
                { metric: 'attendees', percent: 80, base: 420, baseLabel: 'thành viên HTX' },
              ],
            }
          : a,
      ),
    };
    const [launchedAsWritten] = campaignDecider.decide(
      { type: 'LaunchCampaign', ...written },
      campaignDecider.initialState(),
      {},
    ) as [AnyDomainEvent];
    const c = catalogOf([launchedAsWritten, meeting(1, '2024-04-02', 100), meeting(2, '2024-04-03', 68)]);
    const t = campaignDashboard(c, '67', 2024, '2024-05-20T00:00:00+07:00')!.targets;
    expect(t.find((x) => x.metric === 'meetings')).toMatchObject({
      target: 2,
      upTo: 3,
      asWritten: 'từ 2 đến 3',
      actual: 2,
      progressPercent: 100,
    });
    // 80% of 420 is 336 people.
    expect(t.find((x) => x.metric === 'attendees')).toMatchObject({
      target: 336,
      percent: 80,
      base: 420,
      asWritten: '80% của 420 thành viên HTX',
      actual: 168,
      progressPercent: 50,
    });
  });

  it('counts corrected meetings with their corrected fields and leaves out retracted ones', () => {
    const c = catalogOf([
      launched,
      meeting(1, '2024-04-02', 100),
      meeting(2, '2024-04-03', 100),
      {
        type: 'OutreachMeetingCorrected',
        data: {
          ...scope,
          meetingId: u(1),
          changes: { attendees: 135, date: '2024-05-02' },
          previous: { attendees: 100, date: '2024-04-02' },
          reason: 'x',
        },
      },
      { type: 'OutreachMeetingRetracted', data: { ...scope, meetingId: u(2), reason: 'trùng' } },
    ]);
    const d = campaignDashboard(c, '67', 2024, '2024-06-01T00:00:00+07:00')!;
    expect(d.totals.meetings).toEqual({ peak: 0, rest: 1, total: 1 });
    expect(d.totals.attendees.total).toBe(135);
    // Recorded as free text before places were codes: the text names one commune of Đắk Nông.
    expect(d.byCommune).toEqual([
      {
        commune: 'Quảng Khê',
        district: 'Đắk Glong',
        code: '24631',
        map: 'pre2025',
        today: [{ code: '24631', name: 'Xã Quảng Khê' }],
        meetings: 1,
        attendees: 135,
      },
    ]);
    expect(d.byCommuneToday).toEqual([
      expect.objectContaining({
        kind: 'commune',
        code: '24631',
        name: 'Xã Quảng Khê',
        meetings: 1,
        recordedAs: ['Quảng Khê'],
      }),
    ]);
    expect(d.timeline).toEqual([
      {
        week: '2024-W18',
        from: '2024-04-29',
        to: '2024-05-05',
        meetings: 1,
        attendees: 135,
        publications: 0,
        approvedVnd: 0,
        disbursedVnd: 0,
        membersAdmitted: 0,
        petitions: 0,
      },
    ]);
  });

  it('shows support per fund against budget, net of reversed disbursements', () => {
    const approval = {
      ...scope,
      approvalId: u(10),
      decision: { number: '1', date: '2024-03-12' },
      cooperativeId: u(900),
      fund: 'provincial-support-fund' as const,
      form: 'grant' as const,
      amount: 195_000_000,
      activityId: 'support',
    };
    const tranche = (n: number, date: string) => ({
      ...scope,
      disbursementId: u(n),
      approvalId: u(10),
      amount: 195_000_000,
      date,
      reference: 'x',
      cooperativeId: u(900),
      fund: 'provincial-support-fund' as const,
    });
    const c = catalogOf([
      launched,
      { type: 'SupportApproved', data: approval },
      { type: 'SupportDisbursed', data: tranche(11, '2024-04-10') },
      {
        type: 'DisbursementReversed',
        data: {
          ...scope,
          disbursementId: u(11),
          approvalId: u(10),
          cooperativeId: u(900),
          fund: 'provincial-support-fund',
          amount: 195_000_000,
          date: '2024-04-11',
          reason: 'x',
        },
      },
      { type: 'SupportDisbursed', data: tranche(12, '2024-05-05') },
    ]);
    const d = campaignDashboard(c, '67', 2024, '2024-06-01T00:00:00+07:00')!;
    expect(d.totals.disbursedVnd).toEqual({ peak: 0, rest: 195_000_000, total: 195_000_000 });
    expect(d.totals.approvedVnd).toEqual({ peak: 0, rest: 195_000_000, total: 195_000_000 });
    expect(d.totals.cooperativesSupported.total).toBe(1);
    expect(d.support).toEqual([
      {
        fund: 'provincial-support-fund',
        budget: 500_000_000,
        approved: 195_000_000,
        disbursed: 195_000_000,
        available: 305_000_000,
        approvedPercent: 39,
        disbursedPercent: 100,
      },
    ]);
    expect(d.targets.find((t) => t.metric === 'disbursed-vnd')).toMatchObject({
      actual: 195_000_000,
      progressPercent: 100,
    });
    expect(cooperativeProfile(c, u(900))).toBeUndefined(); // not registered: no profile
  });

  it('counts days left in the peak, and tasks done, open and overdue per lead agency', () => {
    const task = (n: number, due: object, agency: string): AnyDomainEvent => ({
      type: 'TaskAssigned',
      data: {
        organiser: '67',
        taskId: u(n),
        plan: { number: '1', date: '2024-01-05' },
        title: 'x',
        leadAgencies: [agency],
        coordinatingAgencies: [],
        due,
      } as never,
    });
    const c = catalogOf([
      launched,
      task(20, { kind: 'quarter', year: 2024, quarter: 1 }, 'Sở Tài chính'),
      task(21, { kind: 'year', year: 2024 }, 'Sở Tài chính'),
      task(22, { kind: 'quarter', year: 2024, quarter: 1 }, 'Liên minh HTX tỉnh'),
      { type: 'TaskCompleted', data: { organiser: '67', taskId: u(22), completedOn: '2024-03-01' } },
      task(23, { kind: 'year', year: 2023 }, 'Sở Tài chính'),
    ]);
    const d = campaignDashboard(c, '67', 2024, '2024-04-20T10:00:00+07:00')!;
    expect(d.peak).toEqual({ from: '2024-03-29', to: '2024-04-29', daysLeft: 10, inPeakNow: true });
    expect(d.tasksByAgency).toEqual([
      { agency: 'Liên minh HTX tỉnh', done: 1, open: 0, overdue: 0, cancelled: 0 },
      { agency: 'Sở Tài chính', done: 0, open: 2, overdue: 1, cancelled: 0 },
    ]);
    expect(campaignDashboard(c, '67', 2024, '2024-03-01T10:00:00+07:00')!.peak.daysLeft).toBe(32);
    expect(campaignDashboard(c, '67', 2024, '2024-05-01T10:00:00+07:00')!.peak.daysLeft).toBe(0);
  });
});

describe('national dashboard and reports', () => {
  const launch = (organiser: string, provinceId: string): AnyDomainEvent =>
    ({ ...launched, data: { ...(launched.data as object), organiser, provinceId } }) as AnyDomainEvent;
  const m = (organiser: string, n: number, date: string): AnyDomainEvent => {
    const e = meeting(n, date, 10);
    return { ...e, data: { ...(e.data as object), organiser } } as AnyDomainEvent;
  };

  it('ranks provinces as recorded and rolls Tây Ninh (72) and Long An (80) up into today’s Tây Ninh', () => {
    const c = catalogOf([
      launch('72', 'pre2025:72'),
      launch('80', 'pre2025:80'),
      launch('67', 'pre2025:67'),
      m('72', 1, '2024-04-01'),
      m('80', 2, '2024-04-02'),
      m('80', 3, '2024-07-02'),
      m('67', 4, '2024-04-05'),
    ]);
    const n = nationalDashboard(c, 2024, '2024-12-01T00:00:00+07:00');
    expect(
      n.provinces.map((p) => [p.rank, p.organiser, p.asRecorded?.name, p.current?.name, p.totals.meetings.total]),
    ).toEqual([
      [1, '80', 'Long An', 'Tây Ninh', 2],
      [2, '67', 'Đắk Nông', 'Lâm Đồng', 1],
      [3, '72', 'Tây Ninh', 'Tây Ninh', 1],
    ]);
    expect(n.rolledUp.map((r) => [r.current.name, r.totals.meetings])).toEqual([
      ['Tây Ninh', { peak: 2, rest: 1, total: 3 }],
      ['Lâm Đồng', { peak: 1, rest: 0, total: 1 }],
    ]);
    expect(n.totals.meetings).toEqual({ peak: 3, rest: 1, total: 4 });
    const book = nationalReportBook(nationalReport(c, 2024, '2024-12-01T00:00:00+07:00'));
    expect(book.sheets[0]?.rows[0]).toEqual(['80', 'Long An', 'Tây Ninh', 2, 1, 20, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('covers 1/1–30/6 in the half-year report and the whole year in the year-end report, due before 20/12', () => {
    const c = catalogOf([launch('80', 'pre2025:80'), m('80', 2, '2024-04-02'), m('80', 3, '2024-07-02')]);
    const half = provinceReport(c, '80', 2024, 'half-year', '2024-07-01T00:00:00+07:00')!;
    const full = provinceReport(c, '80', 2024, 'year-end', '2024-12-01T00:00:00+07:00')!;
    expect(half.lines[0]).toEqual({
      section: 'Tuyên truyền',
      indicator: 'Số hội nghị, tọa đàm, lễ phát động, đối thoại',
      value: 1,
      unit: 'hội nghị',
    });
    expect(full.lines[0]?.value).toBe(2);
    expect(full.dueBy).toBe('2024-12-19');
    expect(full.title).toBe('Báo cáo năm 2024');
    const book = provinceReportBook(half);
    expect(book.sheets.map((s) => s.name)).toEqual(['Kết quả', 'Chỉ tiêu kế hoạch', 'Hỗ trợ theo nguồn', 'Nhiệm vụ']);
    expect(book.sheets[0]?.rows[0]).toEqual([
      'Tuyên truyền',
      'Số hội nghị, tọa đàm, lễ phát động, đối thoại',
      1,
      'hội nghị',
    ]);
    expect(book.period).toEqual({ from: '2024-01-01', to: '2024-06-30' });
  });
});
