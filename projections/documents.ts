import { RECIPIENTS, linkFor, unitKind } from '../domain/reporting/chain.ts';
import type { Figures } from '../domain/reporting/reporting.ts';
import { DocumentKind, narrativeStream, type NarrativeSections } from '../domain/narrative/narrative.ts';
import { FUNDS_VI } from '../domain/shared/names-vi.ts';
import { viDate } from '../domain/shared/rules.ts';
import type { LocalDate } from '../domain/shared/time.ts';
import { campaignKey, type Catalog } from './catalog.ts';
import { campaignDashboard, type CampaignDashboard } from './dashboard.ts';
import { narrativeAt, type NarrativeVersion } from './folds/narrative.ts';
import {
  basisLine,
  dateLine,
  issuerOf,
  provinceOn,
  roman,
  viNumber,
  type Block,
  type Column,
  type OfficialDocument,
} from './official-document.ts';
import { TOTAL_LABELS, nationalReport, provinceReport, type ProvinceReport } from './reports.ts';
import { unitFigures, unitReport } from './unit-reports.ts';

/**
 * The documents a province or the national alliance sends, as Decree 30/2020 lays them out
 * (official-document.ts): the figures from the read models at one log position and business date,
 * which the document prints, and the narrative the official wrote (the last version written by
 * that position). Pure: the same catalog, position and dates give the same document.
 */

export { DocumentKind };

/** What a document is drawn at: the log position, the business date of the figures, the document's date. */
export interface DrawnAt {
  /** The log position the catalog holds: the figures and the narrative are the log's up to it. */
  position: number;
  /** Business date: records dated on or before it count. */
  asOf: LocalDate;
  /** The document's date (the date line). */
  date: LocalDate;
  /** Recording time of the catalog (for the read models that ask for it; not printed). */
  now: string;
  /** The narrative's version written by `position` (narrativeOf), when one was. */
  narrative?: NarrativeVersion | undefined;
  /** The number and the signer's name asked for (they override the narrative's). */
  number?: string | undefined;
  signer?: string | undefined;
}

/** Why there is no document. */
export type NoDocument = { missing: 'campaign' | 'unit' };

const lower = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
const n = viNumber;

/** The sections the official writes, as they are numbered after the figures. */
const WRITTEN: readonly { key: keyof NarrativeSections; heading: string }[] = [
  { key: 'shortcomings', heading: 'TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN' },
  { key: 'nextTasks', heading: 'NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI' },
  { key: 'proposals', heading: 'ĐỀ XUẤT, KIẾN NGHỊ' },
];

/**
 * The narrative of a document as the log held it at `position` (undefined: none written by then),
 * from a catalog that has reached the position.
 */
export function narrativeOf(
  c: Pick<Catalog, 'narratives'>,
  organiser: string,
  year: number,
  document: DocumentKind,
  unit: string | null,
  position: number,
): NarrativeVersion | undefined {
  return narrativeAt(c.narratives.get(narrativeStream({ organiser, year, document, unit })), position);
}

/**
 * The body: I. the results (an opening, the tables, the official's commentary), then each section
 * the official wrote, numbered on from II, and the closing line.
 */
function reportBody(
  opening: string,
  results: Block[],
  narrative: NarrativeVersion | undefined,
  closing: string,
  resultsHeading = 'KẾT QUẢ THỰC HIỆN',
): Block[] {
  const s = narrative?.sections ?? {};
  const written = WRITTEN.filter((w) => s[w.key] !== undefined);
  return [
    { kind: 'paragraph', text: opening },
    { kind: 'heading', level: 1, text: `${roman(1)}. ${resultsHeading}` },
    ...results,
    ...(s.results !== undefined
      ? [
          { kind: 'heading' as const, level: 2 as const, text: 'Đánh giá chung' },
          { kind: 'paragraph' as const, text: s.results },
        ]
      : []),
    ...written.flatMap((w, i): Block[] => [
      { kind: 'heading', level: 1, text: `${roman(i + 2)}. ${w.heading}` },
      { kind: 'paragraph', text: s[w.key] ?? '' },
    ]),
    { kind: 'paragraph', text: closing },
  ];
}

const STT: Column = { header: 'STT', width: 8, align: 'center' };
const amount = (v: number, kind: 'number' | 'vnd') => (kind === 'vnd' ? n(v) : n(v));

/** The indicators the campaign result report tabulates, peak and whole year. */
const RESULT_TOTALS = Object.keys(TOTAL_LABELS) as (keyof CampaignDashboard['totals'])[];

/** The numbered sub-sections of figures from a campaign dashboard: plan targets, support by fund, tasks by agency. */
function dashboardTables(d: Pick<CampaignDashboard, 'targets' | 'support' | 'tasksByAgency'>, first: number): Block[] {
  const out: Block[] = [];
  let k = first;
  if (d.targets.length > 0)
    out.push(
      { kind: 'heading', level: 2, text: `${k++}. Tiến độ thực hiện các chỉ tiêu của kế hoạch` },
      {
        kind: 'table',
        columns: [
          STT,
          { header: 'Hoạt động', width: 42, align: 'left' },
          { header: 'Chỉ tiêu', width: 14, align: 'right' },
          { header: 'Thực hiện', width: 14, align: 'right' },
          { header: 'Tỷ lệ (%)', width: 22, align: 'right' },
        ],
        rows: d.targets.map((t, i) => [
          String(i + 1),
          t.label !== undefined ? `${t.activityTitle} (${t.label})` : t.activityTitle,
          t.asWritten,
          t.actual === null ? '-' : n(t.actual),
          t.progressPercent === null ? '-' : n(t.progressPercent),
        ]),
      },
    );
  if (d.support.length > 0)
    out.push(
      { kind: 'heading', level: 2, text: `${k++}. Kinh phí hỗ trợ theo nguồn (đồng)` },
      {
        kind: 'table',
        columns: [
          STT,
          { header: 'Nguồn kinh phí', width: 32, align: 'left' },
          { header: 'Dự toán', width: 20, align: 'right' },
          { header: 'Đã phê duyệt', width: 20, align: 'right' },
          { header: 'Đã giải ngân', width: 20, align: 'right' },
        ],
        rows: d.support.map((f, i) => [
          String(i + 1),
          FUNDS_VI[f.fund] ?? f.fund,
          n(f.budget),
          n(f.approved),
          n(f.disbursed),
        ]),
      },
    );
  if (d.tasksByAgency.length > 0)
    out.push(
      { kind: 'heading', level: 2, text: `${k++}. Thực hiện nhiệm vụ được giao theo cơ quan chủ trì` },
      {
        kind: 'table',
        columns: [
          STT,
          { header: 'Cơ quan chủ trì', width: 40, align: 'left' },
          { header: 'Hoàn thành', width: 13, align: 'right' },
          { header: 'Đang thực hiện', width: 13, align: 'right' },
          { header: 'Quá hạn', width: 13, align: 'right' },
          { header: 'Hủy', width: 13, align: 'right' },
        ],
        rows: d.tasksByAgency.map((t, i) => [
          String(i + 1),
          t.agency,
          n(t.done),
          n(t.open),
          n(t.overdue),
          n(t.cancelled),
        ]),
      },
    );
  return out;
}

/** A province's heading facts: its alliance, the place, whom it reports to. */
function provinceHeading(organiser: string, date: LocalDate) {
  const { issuer, place } = issuerOf(organiser, date);
  const p = provinceOn(organiser, date);
  const committee = p === undefined ? 'Ủy ban nhân dân tỉnh' : `Ủy ban nhân dân ${p.kind} ${p.name}`;
  return { issuer, place, committee };
}

const ALLIANCE_SIGNER = { on: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: null };
const signerOf = (
  at: DrawnAt,
  narrative: NarrativeVersion | undefined,
  fallback: OfficialDocument['signer'],
): OfficialDocument['signer'] => {
  const s: OfficialDocument['signer'] = narrative?.signer ?? fallback;
  return at.signer === undefined ? s : { ...s, name: at.signer };
};
const numberOf = (at: DrawnAt, narrative: NarrativeVersion | undefined, symbol: string) =>
  at.number ?? narrative?.number ?? `      /${symbol}`;

/**
 * The campaign result report of a province: each indicator in the peak period (29/3–29/4 unless
 * the plan says otherwise) and in the whole year, the plan's targets, support by fund and tasks by
 * agency, from the campaign dashboard as of `asOf`.
 */
export function campaignResultDocument(
  c: Catalog,
  organiser: string,
  year: number,
  at: DrawnAt,
): OfficialDocument | NoDocument {
  const d = campaignDashboard(c, organiser, year, at.now, undefined, at.asOf);
  if (d === undefined) return { missing: 'campaign' };
  const narrative = at.narrative;
  const { issuer, place, committee } = provinceHeading(organiser, at.date);
  const peak = `Cao điểm (${viDate(d.peak.from).slice(0, 5)} - ${viDate(d.peak.to).slice(0, 5)})`;
  const results: Block[] = [
    { kind: 'heading', level: 2, text: '1. Kết quả các hoạt động trong cao điểm và cả năm' },
    {
      kind: 'table',
      columns: [
        STT,
        { header: 'Chỉ tiêu', width: 44, align: 'left' },
        { header: peak, width: 16, align: 'right' },
        { header: 'Ngoài cao điểm', width: 16, align: 'right' },
        { header: 'Cả năm', width: 16, align: 'right' },
      ],
      rows: RESULT_TOTALS.map((k, i) => {
        const [label, kind] = TOTAL_LABELS[k];
        const t = d.totals[k];
        return [String(i + 1), label, amount(t.peak, kind), amount(t.rest, kind), amount(t.total, kind)];
      }),
    },
    ...dashboardTables(d, 2),
  ];
  const summary = `Kết quả thực hiện Tháng hành động vì Hợp tác xã năm ${year}`;
  return {
    issuer: { name: issuer },
    number: numberOf(at, narrative, 'BC-LMHTX'),
    dateLine: dateLine(place, at.date),
    title: 'BÁO CÁO',
    summary,
    recipients: ['Liên minh Hợp tác xã Việt Nam', committee],
    basis: basisLine(at.asOf, at.position),
    body: reportBody(
      `Thực hiện Kế hoạch số ${d.plan.number} ngày ${viDate(d.plan.date)} về tổ chức Tháng hành động vì Hợp tác ` +
        `xã năm ${year} với chủ đề "${d.theme}", ${issuer} báo cáo kết quả thực hiện trong đợt cao điểm ` +
        `(từ ngày ${viDate(d.peak.from)} đến ngày ${viDate(d.peak.to)}) và cả năm như sau:`,
      results,
      narrative,
      `Trên đây là báo cáo kết quả thực hiện Tháng hành động vì Hợp tác xã năm ${year} của ${issuer}./.`,
    ),
    copies: ['Như trên', 'Ban Thường vụ Liên minh HTX', 'Lưu: VT'],
    signer: signerOf(at, narrative, ALLIANCE_SIGNER),
    meta: {
      title: `Báo cáo ${lower(summary)}`,
      author: issuer,
      date: at.date,
      filename: `bao-cao-ket-qua-thang-hanh-dong-${organiser}-${year}`,
    },
  };
}

/** The report's lines, one numbered sub-section per section of the form, each a table. */
function linesTables(lines: readonly { section: string; indicator: string; value: number; unit: string }[]): Block[] {
  const sections = [...new Set(lines.map((l) => l.section))];
  return sections.flatMap((section, i): Block[] => [
    { kind: 'heading', level: 2, text: `${i + 1}. ${section}` },
    {
      kind: 'table',
      columns: [
        STT,
        { header: 'Chỉ tiêu', width: 56, align: 'left' },
        { header: 'Đơn vị tính', width: 18, align: 'left' },
        { header: 'Kết quả', width: 18, align: 'right' },
      ],
      rows: lines.filter((l) => l.section === section).map((l, k) => [String(k + 1), l.indicator, l.unit, n(l.value)]),
    },
  ]);
}

/** The 6-month or year-end report of a province, from its report book (provinceReport). */
export function provinceReportDocument(
  c: Catalog,
  organiser: string,
  year: number,
  kind: 'half-year' | 'year-end',
  at: DrawnAt,
): OfficialDocument | NoDocument {
  const r: ProvinceReport | undefined = provinceReport(c, organiser, year, kind, at.now, at.asOf);
  if (r === undefined) return { missing: 'campaign' };
  const narrative = at.narrative;
  const { issuer, place, committee } = provinceHeading(organiser, at.date);
  const plan = c.campaigns.get(campaignKey(organiser, year))?.plan;
  const span = kind === 'half-year' ? `6 tháng đầu năm ${year}` : `năm ${year}`;
  const summary = `Kết quả thực hiện Tháng hành động vì Hợp tác xã ${span}`;
  const sections = linesTables(r.lines);
  return {
    issuer: { name: issuer },
    number: numberOf(at, narrative, 'BC-LMHTX'),
    dateLine: dateLine(place, at.date),
    title: 'BÁO CÁO',
    summary,
    recipients: ['Liên minh Hợp tác xã Việt Nam', committee],
    basis: basisLine(at.asOf, at.position),
    body: reportBody(
      `Thực hiện ${plan === undefined ? 'Kế hoạch' : `Kế hoạch số ${plan.number} ngày ${viDate(plan.date)}`} ` +
        `về tổ chức Tháng hành động vì Hợp tác xã năm ${year}, ${issuer} báo cáo kết quả thực hiện ${span} ` +
        `(từ ngày ${viDate(r.period.from)} đến ngày ${viDate(r.period.to)}) như sau:`,
      [...sections, ...dashboardTables(r, sections.filter((b) => b.kind === 'heading').length + 1)],
      narrative,
      `Trên đây là báo cáo kết quả thực hiện Tháng hành động vì Hợp tác xã ${span} của ${issuer}./.`,
    ),
    copies: ['Như trên', 'Ban Thường vụ Liên minh HTX', 'Lưu: VT'],
    signer: signerOf(at, narrative, ALLIANCE_SIGNER),
    meta: {
      title: `Báo cáo ${lower(summary)}`,
      author: issuer,
      date: at.date,
      filename: `bao-cao-${kind === 'half-year' ? '6-thang' : 'nam'}-${organiser}-${year}`,
    },
  };
}

/** A reporting unit's name as the request named it, else as its code says. */
function unitName(c: Catalog, organiser: string, year: number, period: string, unit: string): string | undefined {
  const ledger = c.records.get(campaignKey(organiser, year))?.reports?.[period];
  return ledger?.requested?.find((u) => u.unit === unit)?.name;
}

/**
 * A reporting unit's own 6-month or year-end report: the figures and narrative of its last
 * submission by the position (the figures as the service took them then, at their own position),
 * or, before it has sent one, its figures at the position; the narrative the unit wrote for the
 * document replaces the submission's.
 */
export function unitReportDocument(
  c: Catalog,
  organiser: string,
  year: number,
  kind: 'half-year' | 'year-end',
  unit: string,
  at: DrawnAt,
): OfficialDocument | NoDocument {
  const name = unitName(c, organiser, year, kind, unit);
  if (name === undefined) return { missing: 'unit' };
  const report = unitReport(c, organiser, year, kind, unit);
  const sent = report.submissions.filter((s) => s.submittedOn <= at.asOf).at(-1);
  const figures: Figures = sent?.figures ?? unitFigures(c, organiser, year, kind, report.window, unit, at.now);
  const written = at.narrative;
  const narrative: NarrativeVersion | undefined =
    written ??
    (sent === undefined
      ? undefined
      : { version: 0, position: figures.position, writtenAt: '', sections: { results: sent.narrative } });
  const p = provinceOn(organiser, at.date);
  const province = p === undefined ? '' : `${p.kind} ${p.name}`;
  const k = unitKind(unit);
  const issuer =
    k === 'commune'
      ? { name: `UBND ${name}` }
      : k === 'alliance'
        ? { name: issuerOf(organiser, at.date).issuer }
        : { above: `UBND ${province}`, name };
  const span = kind === 'half-year' ? `6 tháng đầu năm ${year}` : `năm ${year}`;
  const summary = `Kết quả thực hiện Tháng hành động vì Hợp tác xã ${span}`;
  const recipients = (linkFor(unit, kind)?.to ?? []).map((r) => RECIPIENTS[r].name);
  const number = sent?.documentNumber;
  return {
    issuer,
    number: at.number ?? written?.number ?? number ?? '      /BC',
    dateLine: dateLine(p?.name ?? '', at.date),
    title: 'BÁO CÁO',
    summary,
    recipients,
    basis:
      sent === undefined
        ? basisLine(at.asOf, at.position)
        : `${basisLine(sent.submittedOn, figures.position).slice(0, -1)} (báo cáo gửi ngày ${viDate(sent.submittedOn)}).`,
    body: reportBody(
      `Thực hiện chế độ báo cáo về Tháng hành động vì Hợp tác xã năm ${year}, ${name} báo cáo kết quả thực hiện ` +
        `${span} (từ ngày ${viDate(report.window.from)} đến ngày ${viDate(report.window.to)}) như sau:`,
      [{ kind: 'paragraph', text: `Số liệu: ${figures.basis}.`, italic: true }, ...linesTables(figures.lines)],
      narrative,
      `Trên đây là báo cáo kết quả thực hiện ${span} của ${name}./.`,
    ),
    copies: ['Như trên', 'Liên minh HTX tỉnh', 'Lưu: VT'],
    signer: signerOf(
      at,
      written,
      k === 'commune'
        ? { on: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: null }
        : k === 'alliance'
          ? ALLIANCE_SIGNER
          : { title: 'GIÁM ĐỐC', name: null },
    ),
    meta: {
      title: `Báo cáo ${lower(summary)}: ${name}`,
      author: name,
      date: at.date,
      filename: `bao-cao-${kind === 'half-year' ? '6-thang' : 'nam'}-${organiser}-${year}-${unit}`,
    },
  };
}

/** The national summary, issued by the national alliance: one row per provincial campaign and the country's totals. */
export function nationalSummaryDocument(c: Catalog, year: number, at: DrawnAt): OfficialDocument {
  const r = nationalReport(c, year, at.now, at.asOf);
  const narrative = at.narrative;
  const { issuer, place } = issuerOf('VN', at.date);
  const summary = `Tổng hợp kết quả Tháng hành động vì Hợp tác xã năm ${year}`;
  const sum = (f: (x: (typeof r.rows)[number]) => number) => r.rows.reduce((a, x) => a + f(x), 0);
  const results: Block[] = [
    { kind: 'heading', level: 2, text: '1. Kết quả của các tỉnh, thành phố' },
    {
      kind: 'table',
      columns: [
        STT,
        { header: 'Tỉnh, thành phố', width: 20, align: 'left' },
        { header: 'Hội nghị (cao điểm)', width: 13, align: 'right' },
        { header: 'Lượt người tham dự', width: 12, align: 'right' },
        { header: 'Tin, bài (cao điểm)', width: 12, align: 'right' },
        { header: 'Kinh phí giải ngân (đồng)', width: 15, align: 'right' },
        { header: 'Thành viên kết nạp', width: 10, align: 'right' },
        { header: 'HTX đề cử', width: 10, align: 'right' },
      ],
      rows: [
        ...r.rows.map((x, i) => [
          String(i + 1),
          x.provinceAsRecorded === x.provinceNow ? x.provinceNow : `${x.provinceAsRecorded} (nay ${x.provinceNow})`,
          `${n(x.meetings)} (${n(x.meetingsInPeak)})`,
          n(x.attendees),
          `${n(x.publications)} (${n(x.publicationsInPeak)})`,
          n(x.disbursedVnd),
          n(x.membersAdmitted),
          n(x.nominations),
        ]),
        [
          '',
          'Tổng cộng',
          `${n(sum((x) => x.meetings))} (${n(sum((x) => x.meetingsInPeak))})`,
          n(sum((x) => x.attendees)),
          `${n(sum((x) => x.publications))} (${n(sum((x) => x.publicationsInPeak))})`,
          n(sum((x) => x.disbursedVnd)),
          n(sum((x) => x.membersAdmitted)),
          n(sum((x) => x.nominations)),
        ],
      ],
      total: true,
    },
  ];
  return {
    issuer: { name: issuer },
    number: numberOf(at, narrative, 'BC-LMHTXVN'),
    dateLine: dateLine(place, at.date),
    title: 'BÁO CÁO',
    summary,
    recipients: [],
    basis: basisLine(at.asOf, at.position),
    body: reportBody(
      `${issuer} tổng hợp kết quả thực hiện Tháng hành động vì Hợp tác xã năm ${year} của ${r.rows.length} tỉnh, ` +
        'thành phố như sau:',
      results,
      narrative,
      `Trên đây là báo cáo tổng hợp kết quả thực hiện Tháng hành động vì Hợp tác xã năm ${year}./.`,
    ),
    copies: ['Thường trực Liên minh HTX Việt Nam', 'Liên minh HTX các tỉnh, thành phố', 'Lưu: VT'],
    signer: signerOf(at, narrative, ALLIANCE_SIGNER),
    meta: {
      title: `Báo cáo ${lower(summary)}`,
      author: issuer,
      date: at.date,
      filename: `tong-hop-thang-hanh-dong-${year}`,
    },
  };
}
