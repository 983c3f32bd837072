/** The reminder letter as a Word document, laid out as Decree 30/2020/NĐ-CP lays out an administrative letter (công văn). */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
} from 'docx';
import { viDate } from '../../domain/shared/rules.ts';
import type { ReminderLetter } from '../../projections/reminder-letter.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Millimetres in twips (a twentieth of a point), rounded: 20 mm is 1134. */
const mm = (x: number): number => Math.round((x * 1440) / 25.4);
const FONT = 'Times New Roman';
/** Sizes in half-points: the body 14 pt, the heading blocks 13 pt, the table 12 pt, Nơi nhận 11 pt. */
const BODY = 28;
const HEAD = 26;
const TABLE = 24;
const SMALL = 22;
/** A4, and the decree's margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_WIDTH = mm(210 - MARGIN.left - MARGIN.right);

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
}
const run = (text: string, s: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    size: s.size ?? BODY,
    ...(s.bold === true ? { bold: true } : {}),
    ...(s.italics === true ? { italics: true } : {}),
    ...(s.underline === true ? { underline: {} } : {}),
  });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
const line = (
  text: string | TextRun[],
  s: RunStyle & { align?: Align; indent?: boolean; after?: number; before?: number } = {},
): Paragraph =>
  new Paragraph({
    alignment: s.align ?? AlignmentType.LEFT,
    spacing: { before: s.before ?? 0, after: s.after ?? 0, line: 276 },
    ...(s.indent === true ? { indent: { firstLine: mm(12.7) } } : {}),
    children: typeof text === 'string' ? [run(text, s)] : text,
  });
const centred = (text: string, s: RunStyle & { after?: number; before?: number } = {}): Paragraph =>
  line(text, { ...s, align: AlignmentType.CENTER });
/** The short rule under the issuing body: the top border of an empty, narrow paragraph. */
const rule = (indentMm: number): Paragraph =>
  new Paragraph({
    spacing: { before: 0, after: 60 },
    indent: { left: mm(indentMm), right: mm(indentMm) },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });

/** A borderless two-column block: the issuing body on the left, the national title on the right. */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
  const leftWidth = Math.round(TEXT_WIDTH * leftShare);
  const cell = (children: Paragraph[], width: number) =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [leftWidth, TEXT_WIDTH - leftWidth],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftWidth), cell(right, TEXT_WIDTH - leftWidth)] })],
  });
}

const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** The table of the late units: STT, Đơn vị, Báo cáo, Hạn gửi, Tình trạng, Số ngày chậm. */
function lateUnits(l: ReminderLetter): Table {
  const widths = [7, 27, 22, 13, 20, 11].map((p) => Math.round((TEXT_WIDTH * p) / 100));
  const cell = (text: string, i: number, s: RunStyle & { align?: Align } = {}) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [line(text, { size: TABLE, ...s })],
    });
  const header = ['STT', 'Đơn vị', 'Báo cáo', 'Hạn gửi', 'Tình trạng', 'Số ngày chậm'].map((h, i) =>
    cell(h, i, { bold: true, align: AlignmentType.CENTER }),
  );
  const rows = l.units.map(
    (u, n) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(n + 1), 0, { align: AlignmentType.CENTER }),
          cell(u.name, 1),
          cell(`${l.report.title} (từ ${viDate(l.report.window.from)} đến ${viDate(l.report.window.to)})`, 2),
          cell(viDate(l.report.dueBy), 3, { align: AlignmentType.CENTER }),
          cell(u.status, 4),
          cell(String(u.daysLate), 5, { align: AlignmentType.CENTER }),
        ],
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [new TableRow({ tableHeader: true, children: header }), ...rows],
  });
}

/** The reminder letter as a .docx file. */
export async function reminderLetterDocx(l: ReminderLetter): Promise<Buffer> {
  const heading = twoColumns(
    [
      centred(l.issuer.toLocaleUpperCase('vi'), { bold: true, size: HEAD }),
      rule(18),
      centred(`Số: ${l.number}`, { size: HEAD }),
      centred(l.subject, { size: 24 }),
    ],
    [
      centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: HEAD }),
      centred('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: BODY, after: 120 }),
      centred(l.dateLine, { italics: true, size: BODY }),
    ],
    0.42,
  );
  // Kính gửi: one recipient on the same line, several one a line under it.
  const to =
    l.recipients.length === 1
      ? [
          line([run('Kính gửi: '), run(l.recipients[0] ?? '')], {
            align: AlignmentType.CENTER,
            before: 240,
            after: 120,
          }),
        ]
      : [
          line('Kính gửi:', { align: AlignmentType.CENTER, before: 240 }),
          ...l.recipients.map(
            (r, i) =>
              new Paragraph({
                indent: { left: mm(45) },
                spacing: { after: i === l.recipients.length - 1 ? 120 : 0, line: 276 },
                children: [run(`- ${r}${i === l.recipients.length - 1 ? '.' : ';'}`)],
              }),
          ),
        ];
  const body = (text: string) => line(text, { align: AlignmentType.JUSTIFIED, indent: true, after: 120 });
  const sign = twoColumns(
    [
      line('Nơi nhận:', { bold: true, italics: true, size: TABLE }),
      ...l.copies.map((c, i) => line(`- ${c}${i === l.copies.length - 1 ? '.' : ';'}`, { size: SMALL })),
    ],
    [
      centred(l.signer.on, { bold: true, size: BODY }),
      centred(l.signer.title, { bold: true, size: BODY }),
      // Room for the signature and the seal.
      ...[0, 1, 2, 3].map(() => centred('')),
      centred(l.signer.name ?? '', { bold: true, size: BODY }),
    ],
    0.5,
  );
  const doc = new Document({
    creator: l.issuer,
    title: l.subject,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: PAGE,
            margin: {
              top: mm(MARGIN.top),
              bottom: mm(MARGIN.bottom),
              left: mm(MARGIN.left),
              right: mm(MARGIN.right),
            },
          },
        },
        children: [
          heading,
          ...to,
          ...l.opening.map(body),
          lateUnits(l),
          line('', { after: 120 }),
          ...l.closing.map(body),
          line('', { after: 120 }),
          sign,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
