import { RECIPIENTS, linkFor } from '../domain/reporting/chain.ts';
import { viDate } from '../domain/shared/rules.ts';
import { daysBetween, type LocalDate } from '../domain/shared/time.ts';
import { campaignKey, type Catalog } from './catalog.ts';
import { dateLine, issuerOf, type OfficialDocument } from './official-document.ts';
import { reportingStatus } from './unit-reports.ts';

/**
 * The reminder letter (văn bản đôn đốc): what a provincial cooperative alliance writes to the
 * units that are late with a report of the reporting chain — who has sent nothing, whose report
 * was returned and not sent again, who sent it late — and by when to send it. The words and the
 * figures only; the file (laid out as Decree 30/2020/NĐ-CP lays out an administrative letter) is
 * drawn from `reminderDocument` by src/app/official-document.ts.
 */

export { dateLine, issuerOf };

/** Why a unit is in the letter. */
export type Lateness = 'missing' | 'returned' | 'late';

export interface LateUnit {
  unit: string;
  name: string;
  lateness: Lateness;
  /** Missing or returned: days past the due day on the letter's date; sent late: days after it the report came. */
  daysLate: number;
  /** What the table says of it (Tình trạng). */
  status: string;
}

export interface ReminderLetter {
  organiser: string;
  year: number;
  period: string;
  /** The body that issues it: "Liên minh HTX tỉnh Lâm Đồng". */
  issuer: string;
  /** Where it is issued, as the date line names it: "Lâm Đồng". */
  place: string;
  /** The letter's number ("Số: …"), blank to be filled in by the clerk when not given. */
  number: string;
  /** "V/v đôn đốc gửi báo cáo …" */
  subject: string;
  date: LocalDate;
  /** "Lâm Đồng, ngày 03 tháng 12 năm 2026" */
  dateLine: string;
  report: { title: string; window: { from: LocalDate; to: LocalDate }; dueBy: LocalDate };
  /** The day by which the units are asked to send their report. */
  sendBy: LocalDate;
  /** Kính gửi: the late units. */
  recipients: string[];
  /** The paragraphs before the table. */
  opening: string[];
  units: LateUnit[];
  /** The paragraphs after the table. */
  closing: string[];
  /** Nơi nhận. */
  copies: string[];
  signer: { on: string; title: string; name: string | null };
}

export type ReminderAnswer =
  { letter: ReminderLetter } | { nothing: 'not-requested' | 'nobody-late'; title?: string; dueBy?: LocalDate };

/** The day after `date` plus `n` working days (Monday to Friday). */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const day = d.getUTCDay();
    if (day !== 0 && day !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

const lower = (title: string): string => title.charAt(0).toLocaleLowerCase('vi') + title.slice(1);

/** The words of a unit's state, as the letter's table gives them. */
function statusText(lateness: Lateness, daysLate: number, sentOn?: LocalDate): string {
  switch (lateness) {
    case 'missing':
      return `Chưa gửi báo cáo (quá hạn ${daysLate} ngày)`;
    case 'returned':
      return `Báo cáo đã được trả lại để hoàn thiện, chưa gửi lại (quá hạn ${daysLate} ngày)`;
    case 'late':
      return `Đã gửi ngày ${viDate(sentOn ?? '')}, chậm ${daysLate} ngày`;
  }
}

const ORDER: Record<Lateness, number> = { missing: 0, returned: 1, late: 2 };

/**
 * The letter for one report of an organiser's year as of `date`, from who is late as of that day:
 * expected units that have sent nothing although the due day has passed, units whose last report
 * was returned by that day and not sent again once the due day has passed, and units whose report
 * came after the due day. The alliance itself is never written to: it is the one writing. Without
 * such a unit there is no letter (`nobody-late`); without the report (never requested) neither.
 */
export function reminderLetter(
  c: Catalog,
  organiser: string,
  year: number,
  period: string,
  options: {
    date: LocalDate;
    now: string;
    number?: string | undefined;
    sendBy?: LocalDate | undefined;
    signer?: string | undefined;
  },
): ReminderAnswer {
  const ledger = c.records.get(campaignKey(organiser, year))?.reports?.[period];
  if (ledger === undefined || (ledger.requested === undefined && ledger.units === undefined))
    return { nothing: 'not-requested' };
  const { date } = options;
  const title = ledger.title ?? period;
  const window = ledger.window ?? { from: `${year}-01-01`, to: `${year}-12-31` };
  const due = date > ledger.dueBy;
  const units: LateUnit[] = [];
  for (const row of reportingStatus(c, organiser, year, date, options.now).rows) {
    if (row.period !== period || row.unit === 'alliance') continue;
    const name = row.name ?? row.unit;
    const subs = (ledger.units?.[row.unit]?.submissions ?? []).filter((s) => s.submittedOn <= date);
    const last = subs[subs.length - 1];
    const pastDue = due ? daysBetween(ledger.dueBy, date) : 0;
    let lateness: Lateness | undefined;
    let daysLate = 0;
    if (row.missing) [lateness, daysLate] = ['missing', pastDue];
    else if (last?.returned !== undefined && last.returned.returnedOn <= date && due)
      [lateness, daysLate] = ['returned', pastDue];
    else if (subs[0] !== undefined && subs[0].daysLate > 0) [lateness, daysLate] = ['late', subs[0].daysLate];
    if (lateness === undefined) continue;
    units.push({
      unit: row.unit,
      name,
      lateness,
      daysLate,
      status: statusText(lateness, daysLate, subs[0]?.submittedOn),
    });
  }
  if (units.length === 0) return { nothing: 'nobody-late', title, dueBy: ledger.dueBy };
  units.sort(
    (a, b) => ORDER[a.lateness] - ORDER[b.lateness] || b.daysLate - a.daysLate || a.name.localeCompare(b.name, 'vi'),
  );

  const { issuer, place } = issuerOf(organiser, date);
  const sendBy = options.sendBy ?? addWorkingDays(date, 5);
  const pending = units.filter((u) => u.lateness !== 'late');
  const sentLate = units.filter((u) => u.lateness === 'late');
  // Where the units send their report: the recipients the chain names for them.
  const to = [...new Set(pending.flatMap((u) => (linkFor(u.unit, period)?.to ?? []).map((r) => RECIPIENTS[r].name)))];
  const missing = units.filter((u) => u.lateness === 'missing').length;
  const returned = units.filter((u) => u.lateness === 'returned').length;
  const counts = [
    missing > 0 ? `${missing} đơn vị chưa gửi báo cáo` : '',
    returned > 0 ? `${returned} đơn vị có báo cáo đã được trả lại để hoàn thiện nhưng chưa gửi lại` : '',
    sentLate.length > 0 ? `${sentLate.length} đơn vị gửi báo cáo chậm so với thời hạn` : '',
  ].filter((x) => x !== '');
  const opening = [
    `Thực hiện chế độ báo cáo về kết quả triển khai Tháng hành động vì Hợp tác xã năm ${year}, các đơn vị ` +
      `được đề nghị gửi ${lower(title)} (số liệu từ ngày ${viDate(window.from)} đến ngày ${viDate(window.to)}), ` +
      `thời hạn chậm nhất ngày ${viDate(ledger.dueBy)}.`,
    `Đến ngày ${viDate(date)}, còn ${counts.join('; ')}, cụ thể như sau:`,
  ];
  const closing = [
    ...(pending.length > 0
      ? [
          `Để kịp thời tổng hợp, báo cáo theo quy định, ${issuer} đề nghị các đơn vị chưa gửi báo cáo hoặc có báo ` +
            `cáo đã được trả lại khẩn trương hoàn thiện, gửi báo cáo${to.length > 0 ? ` về ${to.join('; ')}` : ''}, ` +
            `đồng gửi ${issuer} trước ngày ${viDate(sendBy)}.`,
        ]
      : []),
    ...(sentLate.length > 0
      ? ['Đề nghị các đơn vị gửi báo cáo chậm rút kinh nghiệm, bảo đảm thời hạn gửi báo cáo các kỳ tiếp theo.']
      : []),
    `${issuer} trân trọng đề nghị các đơn vị quan tâm, phối hợp thực hiện./.`,
  ];
  const recipients = units.map((u) => u.name);
  return {
    letter: {
      organiser,
      year,
      period,
      issuer,
      place,
      number: options.number ?? '      /LMHTX',
      subject: `V/v đôn đốc gửi ${lower(title)}`,
      date,
      dateLine: dateLine(place, date),
      report: { title, window, dueBy: ledger.dueBy },
      sendBy,
      recipients,
      opening,
      units,
      closing,
      copies: [...(recipients.length > 6 ? ['Như trên'] : recipients), 'Lưu: VT'],
      signer: { on: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: options.signer ?? null },
    },
  };
}

/** The letter as an administrative document: a letter (công văn) has no title, its subject under its number. */
export function reminderDocument(l: ReminderLetter): OfficialDocument {
  const row = (u: LateUnit, n: number): string[] => [
    String(n + 1),
    u.name,
    `${l.report.title} (từ ${viDate(l.report.window.from)} đến ${viDate(l.report.window.to)})`,
    viDate(l.report.dueBy),
    u.status,
    String(u.daysLate),
  ];
  return {
    issuer: { name: l.issuer },
    number: l.number,
    subject: l.subject,
    dateLine: l.dateLine,
    recipients: l.recipients,
    body: [
      ...l.opening.map((text) => ({ kind: 'paragraph' as const, text })),
      {
        kind: 'table',
        columns: [
          { header: 'STT', width: 7, align: 'center' },
          { header: 'Đơn vị', width: 27, align: 'left' },
          { header: 'Báo cáo', width: 22, align: 'left' },
          { header: 'Hạn gửi', width: 13, align: 'center' },
          { header: 'Tình trạng', width: 20, align: 'left' },
          { header: 'Số ngày chậm', width: 11, align: 'center' },
        ],
        rows: l.units.map(row),
      },
      ...l.closing.map((text) => ({ kind: 'paragraph' as const, text })),
    ],
    copies: l.copies,
    signer: l.signer,
    meta: {
      title: l.subject,
      author: l.issuer,
      date: l.date,
      filename: `don-doc-bao-cao-${l.organiser}-${l.year}-${l.period}`,
    },
  };
}
