import { z } from 'zod';
import type { DateWindow, LocalDate } from '../domain/shared/time.ts';
import { ReportKind, reportDue } from '../domain/reporting/reporting.ts';
import { campaignKey, type Catalog } from './catalog.ts';
import { CampaignDashboard, NationalDashboard, campaignDashboard, nationalDashboard } from './dashboard.ts';

/** Vietnamese names of the dashboard totals, as report forms word them. */
export const TOTAL_LABELS: Record<keyof CampaignDashboard['totals'], [string, 'number' | 'vnd']> = {
  meetings: ['Hội nghị, tọa đàm, lễ phát động, đối thoại', 'number'],
  attendees: ['Lượt người tham dự', 'number'],
  cooperativesRepresented: ['Lượt HTX, THT tham dự', 'number'],
  publications: ['Tin, bài, bản tin', 'number'],
  approvedVnd: ['Kinh phí hỗ trợ đã phê duyệt (đồng)', 'vnd'],
  disbursedVnd: ['Kinh phí đã giải ngân (đồng)', 'vnd'],
  cooperativesSupported: ['HTX được hỗ trợ', 'number'],
  loansAppraised: ['Hồ sơ vay được thẩm định', 'number'],
  membersAdmitted: ['Thành viên kết nạp', 'number'],
  cooperativesFounded: ['HTX thành lập mới qua tư vấn', 'number'],
  dialogues: ['Hội nghị đối thoại', 'number'],
  petitions: ['Kiến nghị tiếp nhận', 'number'],
  petitionsResolved: ['Kiến nghị đã giải quyết', 'number'],
  nominations: ['HTX được đề cử tiêu biểu', 'number'],
  eventsAttended: ['Sự kiện cấp quốc gia đã tham dự', 'number'],
  delegates: ['Lượt đại biểu dự sự kiện quốc gia', 'number'],
  trainings: ['Lớp tập huấn, bồi dưỡng', 'number'],
  peopleTrained: ['Lượt người được tập huấn', 'number'],
  honouredCollectives: ['Tập thể được khen thưởng', 'number'],
  honouredIndividuals: ['Cá nhân được khen thưởng', 'number'],
  visits: ['Chuyến thăm, làm việc với HTX', 'number'],
  cooperativesVisited: ['Lượt HTX được thăm, làm việc', 'number'],
  tradePromotions: ['Hoạt động xúc tiến thương mại', 'number'],
  cooperativesInTradePromotion: ['Lượt HTX tham gia xúc tiến thương mại', 'number'],
  inKindSupport: ['Lần hỗ trợ không bằng tiền', 'number'],
  cooperativesAssistedInKind: ['Lượt HTX được hỗ trợ không bằng tiền', 'number'],
};

export type { ReportKind };

export const ReportLine = z.object({ section: z.string(), indicator: z.string(), value: z.number(), unit: z.string() });
export type ReportLine = z.infer<typeof ReportLine>;

/** The 6-month or year-end report of a province, as served (JSON) and turned into a book (CSV, XLSX). */
export const ProvinceReport = z
  .object({
    kind: ReportKind,
    title: z.string(),
    organiser: z.string(),
    province: CampaignDashboard.shape.province,
    year: z.number().int(),
    period: z.object({ from: z.string(), to: z.string() }),
    dueBy: z.string(),
    asOf: z.string().nullable().describe('business date: records dated after it are left out; null: the whole period'),
    knownAt: z.string().describe('recording time: what the log held then'),
    lines: z.array(ReportLine),
    targets: CampaignDashboard.shape.targets,
    support: CampaignDashboard.shape.support,
    tasksByAgency: CampaignDashboard.shape.tasksByAgency,
  })
  .meta({ id: 'ProvinceReport' });
export type ProvinceReport = z.infer<typeof ProvinceReport>;

/** The national summary of a year: a row per province. */
export const NationalReport = z
  .object({
    year: z.number().int(),
    asOf: z.string().nullable(),
    knownAt: z.string(),
    title: z.string(),
    rows: z.array(
      z.object({
        organiser: z.string(),
        provinceAsRecorded: z.string(),
        provinceNow: z.string(),
        meetings: z.number(),
        meetingsInPeak: z.number(),
        attendees: z.number(),
        publications: z.number(),
        publicationsInPeak: z.number(),
        approvedVnd: z.number(),
        disbursedVnd: z.number(),
        membersAdmitted: z.number(),
        nominations: z.number(),
        petitionsResolved: z.number(),
      }),
    ),
    totals: NationalDashboard.shape.totals,
  })
  .meta({ id: 'NationalReport' });
export type NationalReport = z.infer<typeof NationalReport>;

/** The 6-month or year-end report of a province's campaign year, with Vietnamese indicators. */
export function provinceReport(
  c: Catalog,
  organiser: string,
  year: number,
  kind: ReportKind,
  now: string,
  asOf?: LocalDate,
): ProvinceReport | undefined {
  const { window, dueBy: due, title } = reportDue(kind, year);
  const dueBy = c.records.get(campaignKey(organiser, year))?.reports?.[kind]?.dueBy ?? due;
  const d = campaignDashboard(c, organiser, year, now, window, asOf);
  if (d === undefined) return undefined;
  const t = d.totals;
  const line = (section: string, indicator: string, value: number, unit: string): ReportLine => ({
    section,
    indicator,
    value,
    unit,
  });
  const lines: ReportLine[] = [
    line('Tuyên truyền', 'Số hội nghị, tọa đàm, lễ phát động, đối thoại', t.meetings.total, 'hội nghị'),
    line('Tuyên truyền', 'Trong đó: hội nghị trong cao điểm 29/3 - 29/4', t.meetings.peak, 'hội nghị'),
    line('Tuyên truyền', 'Số lượt người tham dự', t.attendees.total, 'lượt người'),
    line('Tuyên truyền', 'Số lượt HTX, THT tham dự', t.cooperativesRepresented.total, 'lượt'),
    line(
      'Tuyên truyền',
      'Số tin, bài, bản tin, phóng sự (báo, đài, trang thông tin điện tử)',
      t.publications.total,
      'tin, bài',
    ),
    line('Tuyên truyền', 'Trong đó: tin, bài trong cao điểm 29/3 - 29/4', t.publications.peak, 'tin, bài'),
    line('Hỗ trợ', 'Kinh phí hỗ trợ đã phê duyệt', t.approvedVnd.total, 'đồng'),
    line('Hỗ trợ', 'Kinh phí đã giải ngân', t.disbursedVnd.total, 'đồng'),
    line('Hỗ trợ', 'Số HTX được hỗ trợ', t.cooperativesSupported.total, 'HTX'),
    line('Hỗ trợ', 'Số hồ sơ vay được thẩm định', t.loansAppraised.total, 'hồ sơ'),
    line('Phát triển thành viên', 'Số thành viên kết nạp', t.membersAdmitted.total, 'thành viên'),
    line('Phát triển thành viên', 'Trong đó: thành viên chính thức', d.membersAdmittedByKind.official, 'thành viên'),
    line(
      'Phát triển thành viên',
      'Trong đó: thành viên liên kết góp vốn',
      d.membersAdmittedByKind.associatesContributing,
      'thành viên',
    ),
    line(
      'Phát triển thành viên',
      'Trong đó: thành viên liên kết không góp vốn',
      d.membersAdmittedByKind.associatesNonContributing,
      'thành viên',
    ),
    ...(d.membersAdmittedByKind.associatesUnsplit > 0
      ? [
          line(
            'Phát triển thành viên',
            'Thành viên liên kết ghi nhận trước khi phân loại',
            d.membersAdmittedByKind.associatesUnsplit,
            'thành viên',
          ),
        ]
      : []),
    line('Phát triển thành viên', 'Số HTX thành lập mới qua tư vấn', t.cooperativesFounded.total, 'HTX'),
    line('Đối thoại', 'Số hội nghị đối thoại', t.dialogues.total, 'hội nghị'),
    line('Đối thoại', 'Số kiến nghị tiếp nhận', t.petitions.total, 'kiến nghị'),
    line('Đối thoại', 'Số kiến nghị đã giải quyết', t.petitionsResolved.total, 'kiến nghị'),
    line('Tôn vinh', 'Số HTX được đề cử tiêu biểu', t.nominations.total, 'HTX'),
    line('Tôn vinh', 'Số HTX được khen thưởng', d.nominationsByStatus.honoured ?? 0, 'HTX'),
    line('Khen thưởng', 'Số tập thể được khen thưởng', t.honouredCollectives.total, 'tập thể'),
    line('Khen thưởng', 'Số cá nhân được khen thưởng', t.honouredIndividuals.total, 'cá nhân'),
    line('Thăm, làm việc với HTX', 'Số chuyến thăm, làm việc', t.visits.total, 'chuyến'),
    line('Thăm, làm việc với HTX', 'Số lượt HTX được thăm, làm việc', t.cooperativesVisited.total, 'lượt HTX'),
    line('Xúc tiến thương mại', 'Số hoạt động xúc tiến thương mại', t.tradePromotions.total, 'hoạt động'),
    line('Xúc tiến thương mại', 'Số lượt HTX tham gia', t.cooperativesInTradePromotion.total, 'lượt HTX'),
    line('Hỗ trợ không bằng tiền', 'Số lần hỗ trợ', t.inKindSupport.total, 'lần'),
    line('Hỗ trợ không bằng tiền', 'Số lượt HTX được hỗ trợ', t.cooperativesAssistedInKind.total, 'lượt HTX'),
    line('Sự kiện quốc gia', 'Số sự kiện của Liên minh HTX Việt Nam đã tham dự', t.eventsAttended.total, 'sự kiện'),
    line('Sự kiện quốc gia', 'Số lượt đại biểu tham dự', t.delegates.total, 'lượt người'),
    line('Tập huấn, bồi dưỡng', 'Số lớp tập huấn, bồi dưỡng', t.trainings.total, 'lớp'),
    line('Tập huấn, bồi dưỡng', 'Số lượt người được tập huấn', t.peopleTrained.total, 'lượt người'),
  ];
  return {
    kind,
    title,
    organiser,
    province: d.province,
    year,
    period: window,
    dueBy,
    asOf: asOf ?? null,
    knownAt: now,
    lines,
    targets: d.targets,
    support: d.support,
    tasksByAgency: d.tasksByAgency,
  };
}

/** A table of a report, as officials' spreadsheets lay it out: one sheet a section. */
export interface ReportSheet {
  name: string;
  /** `date` cells hold yyyy-MM-dd and are written as dates. */
  columns: { header: string; kind: 'text' | 'number' | 'vnd' | 'date' }[];
  rows: (string | number)[][];
}

/** A report ready to be written as a spreadsheet (src/app/spreadsheet.ts): title block and sheets. */
export interface ReportBook {
  title: string;
  /** Lines under the title: who reports, for which period. */
  subtitle: string[];
  /** Period covered, and the two clocks of the figures (business date, recording time), written as dates. */
  period?: DateWindow;
  asOf: string | null;
  knownAt: string;
  sheets: ReportSheet[];
}

const LINE_COLUMNS: ReportSheet['columns'] = [
  { header: 'Nội dung', kind: 'text' },
  { header: 'Chỉ tiêu', kind: 'text' },
  { header: 'Kết quả', kind: 'number' },
  { header: 'Đơn vị tính', kind: 'text' },
];

/** The province report as sheets: results, targets, support by fund, tasks by agency. */
export function provinceReportBook(r: ProvinceReport): ReportBook {
  const section = (name: string, rows: (string | number)[][]): ReportSheet => ({ name, columns: LINE_COLUMNS, rows });
  return {
    title: r.title,
    subtitle: [
      `Đơn vị báo cáo: ${r.province.current?.name ?? r.organiser} (mã ${r.organiser})`,
      `Hạn gửi báo cáo: ${r.dueBy.split('-').reverse().join('/')}`,
    ],
    period: r.period,
    asOf: r.asOf,
    knownAt: r.knownAt,
    sheets: [
      section(
        'Kết quả',
        r.lines.map((l) => [l.section, l.indicator, l.value, l.unit]),
      ),
      section(
        'Chỉ tiêu kế hoạch',
        r.targets.map((t) => [
          'Chỉ tiêu kế hoạch',
          `${t.activityTitle} (${t.metric}, chỉ tiêu ${t.asWritten})`,
          t.actual ?? '',
          t.progressPercent === null ? '' : `${t.progressPercent}%`,
        ]),
      ),
      section(
        'Hỗ trợ theo nguồn',
        r.support.flatMap((f) => [
          ['Hỗ trợ theo nguồn', `${f.fund}: dự toán`, f.budget, 'đồng'],
          ['Hỗ trợ theo nguồn', `${f.fund}: đã phê duyệt`, f.approved, 'đồng'],
          ['Hỗ trợ theo nguồn', `${f.fund}: đã giải ngân`, f.disbursed, 'đồng'],
        ]),
      ),
      section(
        'Nhiệm vụ',
        r.tasksByAgency.flatMap((a) => [
          ['Nhiệm vụ', `${a.agency}: hoàn thành`, a.done, 'nhiệm vụ'],
          ['Nhiệm vụ', `${a.agency}: đang thực hiện`, a.open, 'nhiệm vụ'],
          ['Nhiệm vụ', `${a.agency}: quá hạn`, a.overdue, 'nhiệm vụ'],
        ]),
      ),
    ],
  };
}

/** The national summary of a year: one row per provincial campaign. */
export function nationalReport(c: Catalog, year: number, now: string, asOf?: LocalDate): NationalReport {
  const d = nationalDashboard(c, year, now, 'meetings', asOf);
  return {
    year,
    asOf: asOf ?? null,
    knownAt: now,
    title: `Tổng hợp Tháng hành động vì Hợp tác xã năm ${year}`,
    rows: d.provinces.map((p) => ({
      organiser: p.organiser,
      provinceAsRecorded: p.asRecorded?.name ?? p.organiser,
      provinceNow: p.current?.name ?? p.organiser,
      meetings: p.totals.meetings.total,
      meetingsInPeak: p.totals.meetings.peak,
      attendees: p.totals.attendees.total,
      publications: p.totals.publications.total,
      publicationsInPeak: p.totals.publications.peak,
      approvedVnd: p.totals.approvedVnd.total,
      disbursedVnd: p.totals.disbursedVnd.total,
      membersAdmitted: p.totals.membersAdmitted.total,
      nominations: p.totals.nominations.total,
      petitionsResolved: p.totals.petitionsResolved.total,
    })),
    totals: d.totals,
  };
}

/** The national summary as one sheet, a row per province. */
export function nationalReportBook(r: NationalReport): ReportBook {
  return {
    title: r.title,
    subtitle: ['Liên minh Hợp tác xã Việt Nam'],
    asOf: r.asOf,
    knownAt: r.knownAt,
    sheets: [
      {
        name: 'Tổng hợp',
        columns: [
          { header: 'Mã tỉnh', kind: 'text' },
          { header: 'Tỉnh (như ghi nhận)', kind: 'text' },
          { header: 'Tỉnh hiện nay', kind: 'text' },
          { header: 'Số hội nghị tuyên truyền', kind: 'number' },
          { header: 'Trong đó cao điểm', kind: 'number' },
          { header: 'Lượt người tham dự', kind: 'number' },
          { header: 'Số tin, bài, bản tin', kind: 'number' },
          { header: 'Tin, bài trong cao điểm', kind: 'number' },
          { header: 'Hỗ trợ đã phê duyệt (đồng)', kind: 'vnd' },
          { header: 'Đã giải ngân (đồng)', kind: 'vnd' },
          { header: 'Thành viên kết nạp', kind: 'number' },
          { header: 'HTX được đề cử', kind: 'number' },
          { header: 'Kiến nghị đã giải quyết', kind: 'number' },
        ],
        rows: r.rows.map((x) => [
          x.organiser,
          x.provinceAsRecorded,
          x.provinceNow,
          x.meetings,
          x.meetingsInPeak,
          x.attendees,
          x.publications,
          x.publicationsInPeak,
          x.approvedVnd,
          x.disbursedVnd,
          x.membersAdmitted,
          x.nominations,
          x.petitionsResolved,
        ]),
      },
    ],
  };
}

/** The campaign dashboard as sheets: totals (peak and rest), targets, weeks, communes, funds, tasks. */
export function campaignDashboardBook(d: CampaignDashboard): ReportBook {
  const n = (header: string) => ({ header, kind: 'number' as const });
  const v = (header: string) => ({ header, kind: 'vnd' as const });
  const t = (header: string) => ({ header, kind: 'text' as const });
  const date = (header: string) => ({ header, kind: 'date' as const });
  return {
    title: `Tháng hành động vì Hợp tác xã năm ${d.year}: ${d.province.current?.name ?? d.organiser}`,
    subtitle: [
      `Kế hoạch số ${d.plan.number} ngày ${d.plan.date.split('-').reverse().join('/')}`,
      `Cao điểm: ${d.peak.from.split('-').reverse().join('/')} - ${d.peak.to.split('-').reverse().join('/')}`,
    ],
    asOf: d.asOf,
    knownAt: d.knownAt,
    sheets: [
      {
        name: 'Tổng hợp',
        columns: [t('Chỉ số'), n('Cao điểm'), n('Các tháng còn lại'), n('Cả năm')],
        rows: (Object.keys(TOTAL_LABELS) as (keyof typeof TOTAL_LABELS)[]).map((k) => [
          TOTAL_LABELS[k][0],
          d.totals[k].peak,
          d.totals[k].rest,
          d.totals[k].total,
        ]),
      },
      {
        name: 'Chỉ tiêu',
        columns: [
          t('Hoạt động'),
          t('Chỉ số'),
          n('Chỉ tiêu'),
          n('Thực hiện'),
          n('Tỷ lệ (%)'),
          n('Cao điểm'),
          n('Còn lại'),
        ],
        rows: d.targets.map((x) => [
          x.activityTitle,
          x.metric,
          x.target,
          x.actual ?? '',
          x.progressPercent ?? '',
          x.peak ?? '',
          x.rest ?? '',
        ]),
      },
      {
        name: 'Theo tuần',
        columns: [
          t('Tuần'),
          date('Từ ngày'),
          date('Đến ngày'),
          n('Hội nghị'),
          n('Người tham dự'),
          n('Tin, bài'),
          v('Phê duyệt (đồng)'),
          v('Giải ngân (đồng)'),
          n('Thành viên kết nạp'),
          n('Kiến nghị'),
        ],
        rows: d.timeline.map((w) => [
          w.week,
          w.from,
          w.to,
          w.meetings,
          w.attendees,
          w.publications,
          w.approvedVnd,
          w.disbursedVnd,
          w.membersAdmitted,
          w.petitions,
        ]),
      },
      {
        name: 'Theo xã (như đã ghi)',
        columns: [
          t('Mã xã'),
          t('Xã, phường'),
          t('Huyện (trước 1/7/2025)'),
          t('Nay thuộc'),
          n('Hội nghị'),
          n('Người tham dự'),
        ],
        rows: d.byCommune.map((c) => [
          c.code ?? '',
          c.commune,
          c.district ?? '',
          c.today.map((x) => x.name).join('; '),
          c.meetings,
          c.attendees,
        ]),
      },
      {
        name: 'Theo xã hiện nay',
        columns: [t('Mã xã'), t('Xã, phường, đặc khu'), t('Ghi chú'), n('Hội nghị'), n('Người tham dự')],
        rows: d.byCommuneToday.map((c) => [
          c.code ?? '',
          c.name,
          c.kind === 'split'
            ? `xã cũ đã chia về: ${(c.splitInto ?? []).map((x) => x.name).join('; ')}`
            : c.kind === 'unmapped'
              ? 'ghi tự do, chưa xác định được xã'
              : c.recordedAs.filter((r) => r !== c.name).length > 0
                ? `gồm: ${c.recordedAs.filter((r) => r !== c.name).join('; ')}`
                : '',
          c.meetings,
          c.attendees,
        ]),
      },
      {
        name: 'Hỗ trợ theo nguồn',
        columns: [t('Nguồn'), v('Dự toán'), v('Đã phê duyệt'), v('Đã giải ngân'), v('Còn lại')],
        rows: d.support.map((f) => [f.fund, f.budget, f.approved, f.disbursed, f.available]),
      },
      {
        name: 'Nhiệm vụ',
        columns: [t('Cơ quan chủ trì'), n('Hoàn thành'), n('Đang thực hiện'), n('Quá hạn'), n('Hủy')],
        rows: d.tasksByAgency.map((a) => [a.agency, a.done, a.open, a.overdue, a.cancelled]),
      },
    ],
  };
}
