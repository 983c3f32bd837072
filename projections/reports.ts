import type { DateWindow } from '../domain/shared/time.ts';
import type { Catalog } from './catalog.ts';
import { campaignDashboard, nationalDashboard, type CampaignDashboard } from './dashboard.ts';

export type ReportKind = 'half-year' | 'year-end';

/** The period a report covers and the day it is due (the year-end report is due before 20 December). */
export function reportWindow(kind: ReportKind, year: number): { window: DateWindow; dueBy: string; title: string } {
  return kind === 'half-year'
    ? { window: { from: `${year}-01-01`, to: `${year}-06-30` }, dueBy: `${year}-07-15`, title: `Báo cáo 6 tháng đầu năm ${year}` }
    : { window: { from: `${year}-01-01`, to: `${year}-12-31` }, dueBy: `${year}-12-19`, title: `Báo cáo năm ${year}` };
}

export interface ReportLine {
  section: string;
  indicator: string;
  value: number;
  unit: string;
}

export interface ProvinceReport {
  kind: ReportKind;
  title: string;
  organiser: string;
  province: CampaignDashboard['province'];
  year: number;
  period: DateWindow;
  dueBy: string;
  asOf: string;
  lines: ReportLine[];
  targets: CampaignDashboard['targets'];
  support: CampaignDashboard['support'];
  tasksByAgency: CampaignDashboard['tasksByAgency'];
}

/** The 6-month or year-end report of a province's campaign year, with Vietnamese indicators. */
export function provinceReport(c: Catalog, organiser: string, year: number, kind: ReportKind, now: string): ProvinceReport | undefined {
  const { window, dueBy, title } = reportWindow(kind, year);
  const d = campaignDashboard(c, organiser, year, now, window);
  if (d === undefined) return undefined;
  const t = d.totals;
  const line = (section: string, indicator: string, value: number, unit: string): ReportLine => ({ section, indicator, value, unit });
  const lines: ReportLine[] = [
    line('Tuyên truyền', 'Số hội nghị, hoạt động tuyên truyền', t.meetings.total, 'hoạt động'),
    line('Tuyên truyền', 'Trong đó: cao điểm 29/3 - 29/4', t.meetings.peak, 'hoạt động'),
    line('Tuyên truyền', 'Số lượt người tham dự', t.attendees.total, 'lượt người'),
    line('Tuyên truyền', 'Số lượt HTX, THT tham dự', t.cooperativesRepresented.total, 'lượt'),
    line('Tuyên truyền', 'Số tin, bài, bản tin', t.publications.total, 'tin, bài'),
    line('Hỗ trợ', 'Kinh phí hỗ trợ đã phê duyệt', t.approvedVnd.total, 'đồng'),
    line('Hỗ trợ', 'Kinh phí đã giải ngân', t.disbursedVnd.total, 'đồng'),
    line('Hỗ trợ', 'Số HTX được hỗ trợ', t.cooperativesSupported.total, 'HTX'),
    line('Hỗ trợ', 'Số hồ sơ vay được thẩm định', t.loansAppraised.total, 'hồ sơ'),
    line('Phát triển thành viên', 'Số thành viên kết nạp', t.membersAdmitted.total, 'thành viên'),
    line('Phát triển thành viên', 'Số HTX thành lập mới qua tư vấn', t.cooperativesFounded.total, 'HTX'),
    line('Đối thoại', 'Số hội nghị đối thoại', t.dialogues.total, 'hội nghị'),
    line('Đối thoại', 'Số kiến nghị tiếp nhận', t.petitions.total, 'kiến nghị'),
    line('Đối thoại', 'Số kiến nghị đã giải quyết', t.petitionsResolved.total, 'kiến nghị'),
    line('Tôn vinh', 'Số HTX được đề cử tiêu biểu', t.nominations.total, 'HTX'),
    line('Tôn vinh', 'Số HTX được khen thưởng', d.nominationsByStatus.honoured ?? 0, 'HTX'),
  ];
  return { kind, title, organiser, province: d.province, year, period: window, dueBy, asOf: now, lines, targets: d.targets, support: d.support, tasksByAgency: d.tasksByAgency };
}

function csvCell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a UTF-8 byte-order mark (so spreadsheet programs read the Vietnamese correctly). */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function provinceReportCsv(r: ProvinceReport): string {
  const rows: (string | number | null)[][] = r.lines.map((l) => [l.section, l.indicator, l.value, l.unit]);
  for (const s of r.support) {
    rows.push(['Hỗ trợ theo nguồn', `${s.fund}: dự toán`, s.budget, 'đồng']);
    rows.push(['Hỗ trợ theo nguồn', `${s.fund}: đã phê duyệt`, s.approved, 'đồng']);
    rows.push(['Hỗ trợ theo nguồn', `${s.fund}: đã giải ngân`, s.disbursed, 'đồng']);
  }
  for (const t of r.targets) rows.push(['Chỉ tiêu kế hoạch', `${t.activityTitle} (${t.metric}, chỉ tiêu ${t.target})`, t.actual, t.progressPercent === null ? '' : `${t.progressPercent}%`]);
  for (const a of r.tasksByAgency) {
    rows.push(['Nhiệm vụ', `${a.agency}: hoàn thành`, a.done, 'nhiệm vụ']);
    rows.push(['Nhiệm vụ', `${a.agency}: đang thực hiện`, a.open, 'nhiệm vụ']);
    rows.push(['Nhiệm vụ', `${a.agency}: quá hạn`, a.overdue, 'nhiệm vụ']);
  }
  return toCsv(['Nội dung', 'Chỉ tiêu', 'Kết quả', 'Đơn vị tính'], rows);
}

/** The national summary of a year: one row per provincial campaign. */
export function nationalReport(c: Catalog, year: number, now: string) {
  const d = nationalDashboard(c, year, now);
  return {
    year,
    asOf: now,
    title: `Tổng hợp Tháng hành động vì Hợp tác xã năm ${year}`,
    rows: d.provinces.map((p) => ({
      organiser: p.organiser,
      provinceAsRecorded: p.asRecorded?.name ?? p.organiser,
      provinceNow: p.current?.name ?? p.organiser,
      meetings: p.totals.meetings.total,
      meetingsInPeak: p.totals.meetings.peak,
      attendees: p.totals.attendees.total,
      approvedVnd: p.totals.approvedVnd.total,
      disbursedVnd: p.totals.disbursedVnd.total,
      membersAdmitted: p.totals.membersAdmitted.total,
      nominations: p.totals.nominations.total,
      petitionsResolved: p.totals.petitionsResolved.total,
    })),
    totals: d.totals,
  };
}

export function nationalReportCsv(r: ReturnType<typeof nationalReport>): string {
  return toCsv(
    ['Mã tỉnh', 'Tỉnh (như ghi nhận)', 'Tỉnh hiện nay', 'Số hoạt động tuyên truyền', 'Trong đó cao điểm', 'Lượt người tham dự', 'Hỗ trợ đã phê duyệt (đồng)', 'Đã giải ngân (đồng)', 'Thành viên kết nạp', 'HTX được đề cử', 'Kiến nghị đã giải quyết'],
    r.rows.map((x) => [x.organiser, x.provinceAsRecorded, x.provinceNow, x.meetings, x.meetingsInPeak, x.attendees, x.approvedVnd, x.disbursedVnd, x.membersAdmitted, x.nominations, x.petitionsResolved]),
  );
}

