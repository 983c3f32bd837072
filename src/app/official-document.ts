/**
 * The administrative documents (projections/official-document.ts) as files: Word (.docx), PDF and
 * HTML, each drawn from the one model, laid out as Decree 30/2020/NĐ-CP asks: A4, Times New Roman
 * (Tinos, with its metrics, in the PDF) 13–14 pt, margins top and bottom 20 mm, left 30 mm, right
 * 15 mm, the two-column heading, numbered sections with their tables, Nơi nhận and the signer's
 * block, page numbers at the top from page 2. The same model gives the same bytes: no file carries
 * the time it was made — its only date is the document's own.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
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
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import PDFDocument from 'pdfkit';
import type { Align, Block, Column, OfficialDocument } from '../../projections/official-document.ts';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';
export const HTML_TYPE = 'text/html; charset=utf-8';

/** The instant a document's files name: its own date, at midnight in Vietnam. */
const documentInstant = (d: OfficialDocument): Date => new Date(`${d.meta.date}T00:00:00+07:00`);

/** A narrative's paragraphs: the official's blank lines and line breaks each start one. */
const paragraphsOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

// ---------------------------------------------------------------------------------------------
// Word

/** Millimetres in twips (a twentieth of a point), rounded: 20 mm is 1134. */
const mm = (x: number): number => Math.round((x * 1440) / 25.4);
const FONT = 'Times New Roman';
/** Sizes in half-points: the body 14 pt, the heading blocks 13 pt, the tables 12 pt, Nơi nhận 11 pt. */
const BODY = 28;
const HEAD = 26;
const TABLE = 24;
const SMALL = 22;
/** A4, and the decree's margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
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

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
type WordAlign = (typeof AlignmentType)[keyof typeof AlignmentType];
const line = (
  text: string | TextRun[],
  s: RunStyle & { align?: WordAlign; indent?: boolean; after?: number; before?: number } = {},
): Paragraph =>
  new Paragraph({
    alignment: s.align ?? AlignmentType.LEFT,
    spacing: { before: s.before ?? 0, after: s.after ?? 0, line: 276 },
    ...(s.indent === true ? { indent: { firstLine: mm(12.7) } } : {}),
    children: typeof text === 'string' ? [run(text, s)] : text,
  });
const centred = (text: string, s: RunStyle & { after?: number; before?: number } = {}): Paragraph =>
  line(text, { ...s, align: AlignmentType.CENTER });
/** The short rule under the issuing body or the summary line: the top border of an empty, narrow paragraph. */
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

function wordTable(columns: Column[], rows: string[][], total: boolean): Table {
  const widths = columns.map((c) => Math.round((TEXT_WIDTH * c.width) / 100));
  const cell = (text: string, i: number, s: RunStyle & { align?: WordAlign } = {}) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [line(text, { size: TABLE, ...s })],
    });
  const header = columns.map((c, i) => cell(c.header, i, { bold: true, align: AlignmentType.CENTER }));
  const body = rows.map(
    (r, n) =>
      new TableRow({
        cantSplit: true,
        children: r.map((text, i) =>
          cell(text, i, { align: ALIGN[columns[i]?.align ?? 'left'], bold: total && n === rows.length - 1 }),
        ),
      }),
  );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    rows: [new TableRow({ tableHeader: true, children: header }), ...body],
  });
}

function wordBlock(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [line(b.text, { bold: true, align: AlignmentType.JUSTIFIED, indent: true, before: 120, after: 120 })];
    case 'paragraph':
      return paragraphsOf(b.text).map((p) =>
        line(p, {
          align: AlignmentType.JUSTIFIED,
          indent: true,
          after: 120,
          ...(b.italic === true ? { italics: true } : {}),
        }),
      );
    case 'table':
      return [wordTable(b.columns, b.rows, b.total === true), line('', { after: 120 })];
  }
}

/** Kính gửi: one recipient on the same line, several one a line under it. */
function wordRecipients(recipients: string[]): Paragraph[] {
  if (recipients.length === 0) return [];
  if (recipients.length === 1)
    return [
      line([run('Kính gửi: '), run(recipients[0] ?? '')], { align: AlignmentType.CENTER, before: 240, after: 120 }),
    ];
  return [
    line('Kính gửi:', { align: AlignmentType.CENTER, before: 240 }),
    ...recipients.map(
      (r, i) =>
        new Paragraph({
          indent: { left: mm(45) },
          spacing: { after: i === recipients.length - 1 ? 120 : 0, line: 276 },
          children: [run(`- ${r}${i === recipients.length - 1 ? '.' : ';'}`)],
        }),
    ),
  ];
}

/**
 * A fixed zip entry date: 1 January 1980, the first a zip can hold. Zip dates are local times, and
 * fflate reads the date's local fields: made from local fields when used, it writes the same bytes
 * in any time zone.
 */
const zipDate = (): Date => new Date(1980, 0, 1, 0, 0, 0);

/**
 * The Word file's bytes made the same for the same document: `docx` stamps its core properties
 * with the time it runs and fflate its zip entries; the core properties take the document's date
 * instead, and the entries are zipped again with a fixed date, in the same order.
 */
function fixedDocx(file: Uint8Array, instant: Date): Buffer {
  const files = unzipSync(file);
  const stamp = instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = files['docProps/core.xml'];
  if (core !== undefined)
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(?:created|modified) [^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
        `$1${stamp}$2`,
      ),
    );
  const zippable: Zippable = {};
  const mtime = zipDate();
  for (const [path, data] of Object.entries(files)) zippable[path] = [data, { mtime, level: 6 }];
  return Buffer.from(zipSync(zippable));
}

/** The document as a .docx file. */
export async function officialDocx(d: OfficialDocument): Promise<Buffer> {
  const heading = twoColumns(
    [
      ...(d.issuer.above !== undefined ? [centred(d.issuer.above.toLocaleUpperCase('vi'), { size: HEAD })] : []),
      centred(d.issuer.name.toLocaleUpperCase('vi'), { bold: true, size: HEAD }),
      rule(18),
      centred(`Số: ${d.number}`, { size: HEAD }),
      ...(d.subject !== undefined ? [centred(d.subject, { size: TABLE })] : []),
    ],
    [
      centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: HEAD }),
      centred('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true, size: BODY, after: 120 }),
      centred(d.dateLine, { italics: true, size: BODY }),
    ],
    0.42,
  );
  const titled = [
    ...(d.title !== undefined ? [centred(d.title, { bold: true, size: BODY, before: 360 })] : []),
    ...(d.summary !== undefined ? [centred(d.summary, { bold: true, size: BODY }), rule(60)] : []),
    ...(d.basis !== undefined ? [centred(d.basis, { italics: true, size: HEAD, after: 120 })] : []),
  ];
  const sign = twoColumns(
    [
      line('Nơi nhận:', { bold: true, italics: true, size: TABLE }),
      ...d.copies.map((c, i) => line(`- ${c}${i === d.copies.length - 1 ? '.' : ';'}`, { size: SMALL })),
    ],
    [
      ...(d.signer.on !== undefined ? [centred(d.signer.on, { bold: true, size: BODY })] : []),
      centred(d.signer.title, { bold: true, size: BODY }),
      // Room for the signature and the seal.
      ...[0, 1, 2, 3].map(() => centred('')),
      centred(d.signer.name ?? '', { bold: true, size: BODY }),
    ],
    0.5,
  );
  const doc = new Document({
    creator: d.meta.author,
    title: d.meta.title,
    lastModifiedBy: d.meta.author,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          // The first page has no number: the header of the others has it.
          titlePage: true,
          page: {
            size: { width: 11906, height: 16838 },
            margin: {
              top: mm(MARGIN.top),
              bottom: mm(MARGIN.bottom),
              left: mm(MARGIN.left),
              right: mm(MARGIN.right),
              header: mm(10),
            },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: HEAD })],
              }),
            ],
          }),
        },
        children: [
          heading,
          ...titled,
          ...wordRecipients(d.recipients),
          ...d.body.flatMap(wordBlock),
          line('', { after: 120 }),
          sign,
        ],
      },
    ],
  });
  return fixedDocx(await Packer.toBuffer(doc), documentInstant(d));
}

// ---------------------------------------------------------------------------------------------
// PDF

const require = createRequire(import.meta.url);
/** Tinos (OFL-1.1): Times New Roman's metrics, every Vietnamese letter. Read once. */
const TINOS = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;
type Face = keyof typeof TINOS;
let fonts: Record<Face, Buffer> | undefined;
const fontFiles = (): Record<Face, Buffer> =>
  (fonts ??= Object.fromEntries(
    Object.entries(TINOS).map(([face, file]) => [
      face,
      readFileSync(require.resolve(`@expo-google-fonts/tinos/${file}`)),
    ]),
  ) as Record<Face, Buffer>);

/** Millimetres in points. */
const pt = (x: number): number => (x * 72) / 25.4;

interface PdfText {
  face?: Face;
  size?: number;
  align?: Align | 'justify';
  underline?: boolean;
}

/** The document as a PDF file, with the Tinos font embedded (subset). */
export async function officialPdf(d: OfficialDocument): Promise<Buffer> {
  const instant = documentInstant(d);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: pt(MARGIN.top), bottom: pt(MARGIN.bottom), left: pt(MARGIN.left), right: pt(MARGIN.right) },
    bufferPages: true,
    autoFirstPage: true,
    lang: 'vi',
    displayTitle: true,
    // The file's dates are the document's; its /ID is a hash of these, so it is fixed too.
    info: {
      Title: d.meta.title,
      Author: d.meta.author,
      Creator: 'coop-action-month',
      Producer: 'PDFKit',
      CreationDate: instant,
      ModDate: instant,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  for (const [face, data] of Object.entries(fontFiles())) doc.registerFont(face, data);

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const set = (s: PdfText) => doc.font(s.face ?? 'regular').fontSize(s.size ?? 14);
  const write = (text: string, x: number, y: number, w: number, s: PdfText = {}): number => {
    set(s);
    doc.text(text, x, y, { width: w, align: s.align ?? 'left', underline: s.underline === true, lineGap: 1 });
    return doc.y;
  };
  const height = (text: string, w: number, s: PdfText = {}) => {
    set(s);
    return doc.heightOfString(text, { width: w, lineGap: 1 });
  };
  const hrule = (x: number, y: number, w: number) =>
    doc
      .moveTo(x, y)
      .lineTo(x + w, y)
      .lineWidth(0.6)
      .stroke();
  /** Starts a new page when `h` more points do not fit on this one; the y to write at. */
  const room = (h: number): number => {
    if (doc.y + h > bottom()) doc.addPage();
    return doc.y;
  };

  // The heading: the issuing body on the left (42 %), the national title on the right.
  const top = doc.page.margins.top;
  const lw = width * 0.42;
  const rx = left + lw;
  const rw = width - lw;
  let y = top;
  if (d.issuer.above !== undefined)
    y = write(d.issuer.above.toLocaleUpperCase('vi'), left, y, lw, { size: 13, align: 'center' });
  y = write(d.issuer.name.toLocaleUpperCase('vi'), left, y, lw, { size: 13, face: 'bold', align: 'center' });
  hrule(left + lw * 0.3, y + 2, lw * 0.4);
  y = write(`Số: ${d.number}`, left, y + 8, lw, { size: 13, align: 'center' });
  if (d.subject !== undefined) y = write(d.subject, left, y, lw, { size: 12, align: 'center' });
  const leftEnd = y;
  y = write('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rx, top, rw, { size: 13, face: 'bold', align: 'center' });
  set({ size: 14, face: 'bold' });
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const mw = doc.widthOfString(motto);
  y = write(motto, rx, y, rw, { size: 14, face: 'bold', align: 'center' });
  hrule(rx + (rw - mw) / 2, y + 1, mw);
  y = write(d.dateLine, rx, y + 8, rw, { size: 14, face: 'italic', align: 'center' });
  doc.y = Math.max(leftEnd, y) + 12;

  if (d.title !== undefined) doc.y = write(d.title, left, doc.y + 6, width, { face: 'bold', align: 'center' });
  if (d.summary !== undefined) {
    doc.y = write(d.summary, left, doc.y, width, { face: 'bold', align: 'center' });
    hrule(left + width * 0.4, doc.y + 2, width * 0.2);
    doc.y += 8;
  }
  if (d.basis !== undefined) doc.y = write(d.basis, left, doc.y, width, { face: 'italic', size: 13, align: 'center' });

  if (d.recipients.length === 1) {
    doc.y = write(`Kính gửi: ${d.recipients[0] ?? ''}`, left, doc.y + 10, width, { align: 'center' }) + 6;
  } else if (d.recipients.length > 1) {
    doc.y = write('Kính gửi:', left, doc.y + 10, width, { align: 'center' });
    d.recipients.forEach((r, i) => {
      doc.y = write(`- ${r}${i === d.recipients.length - 1 ? '.' : ';'}`, left + pt(45), doc.y, width - pt(45));
    });
    doc.y += 6;
  }

  const paragraph = (text: string, s: PdfText) => {
    room(height(text, width, s) > 40 ? 40 : height(text, width, s));
    set(s);
    doc.text(text, left, doc.y, { width, align: 'justify', indent: pt(12.7), lineGap: 1, paragraphGap: 6 });
  };
  const table = (columns: Column[], rows: string[][], total: boolean) => {
    const widths = columns.map((c) => (width * c.width) / 100);
    const pad = 3;
    const draw = (cells: string[], s: (i: number) => PdfText) => {
      const h = Math.max(...cells.map((c, i) => height(c, (widths[i] ?? 0) - 2 * pad, s(i)))) + 2 * pad;
      const y0 = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        const w = widths[i] ?? 0;
        doc.rect(x, y0, w, h).lineWidth(0.5).stroke();
        write(c, x + pad, y0 + pad, w - 2 * pad, s(i));
        x += w;
      });
      doc.y = y0 + h;
      return h;
    };
    const header = columns.map((c) => c.header);
    const headerStyle = (): PdfText => ({ face: 'bold', size: 12, align: 'center' });
    const rowHeight = (cells: string[]) =>
      Math.max(...cells.map((c, i) => height(c, (widths[i] ?? 0) - 2 * pad, { size: 12 }))) + 2 * pad;
    room(rowHeight(header) + rowHeight(rows[0] ?? header));
    draw(header, headerStyle);
    rows.forEach((r, n) => {
      if (doc.y + rowHeight(r) > bottom()) {
        doc.addPage();
        // The header again on each page the table runs onto.
        draw(header, headerStyle);
      }
      const bold = total && n === rows.length - 1;
      draw(r, (i) => ({ size: 12, face: bold ? 'bold' : 'regular', align: columns[i]?.align ?? 'left' }));
    });
    doc.y += 8;
  };
  for (const b of d.body) {
    switch (b.kind) {
      case 'heading':
        room(60);
        doc.y += 4;
        set({ face: 'bold' });
        doc.text(b.text, left, doc.y, { width, align: 'justify', indent: pt(12.7), lineGap: 1, paragraphGap: 6 });
        break;
      case 'paragraph':
        for (const p of paragraphsOf(b.text)) paragraph(p, { face: b.italic === true ? 'italic' : 'regular' });
        break;
      case 'table':
        table(b.columns, b.rows, b.total === true);
        break;
    }
  }

  // Nơi nhận and the signer, side by side, on one page.
  const sw = width / 2;
  const copies = ['Nơi nhận:', ...d.copies.map((c, i) => `- ${c}${i === d.copies.length - 1 ? '.' : ';'}`)];
  const need = Math.max(copies.length * 14, 140);
  y = room(need + 12) + 12;
  let ly = write('Nơi nhận:', left, y, sw, { face: 'boldItalic', size: 12 });
  for (const c of copies.slice(1)) ly = write(c, left, ly, sw, { size: 11 });
  let sy = y;
  if (d.signer.on !== undefined) sy = write(d.signer.on, left + sw, sy, sw, { face: 'bold', align: 'center' });
  sy = write(d.signer.title, left + sw, sy, sw, { face: 'bold', align: 'center' });
  write(d.signer.name ?? '', left + sw, sy + 80, sw, { face: 'bold', align: 'center' });

  // Page numbers: at the top, in the middle, from page 2.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    set({ size: 13 });
    doc.text(String(i + 1), left, pt(10), { width, align: 'center', lineBreak: false });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// HTML

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The look of the preview, as the page and a browser opening the file alone show it. */
export const PREVIEW_CSS = `
.vb{font-family:"Times New Roman",Tinos,serif;font-size:14pt;line-height:1.35;color:#000;background:#fff;max-width:210mm;margin:0 auto;padding:20mm 15mm 20mm 30mm;box-sizing:border-box}
.vb-head{display:flex;gap:1em;flex-wrap:wrap}.vb-head>div{text-align:center;font-size:13pt}.vb-issuer{flex:0 1 42%}.vb-nation{flex:1 1 50%}
.vb-b{font-weight:bold}.vb-i{font-style:italic}.vb-u{text-decoration:underline}
.vb-title{text-align:center;font-weight:bold;margin-top:1em}.vb-basis{text-align:center;font-style:italic;font-size:13pt}
.vb-to{text-align:center;margin:.8em 0}.vb-to ul{list-style:none;text-align:left;display:inline-block;margin:0;padding:0}
.vb p{text-align:justify;text-indent:12.7mm;margin:0 0 .4em}.vb h2,.vb h3{font-size:14pt;margin:.5em 0;text-indent:12.7mm}
.vb-table{overflow-x:auto}.vb table{border-collapse:collapse;width:100%;font-size:12pt;margin:.4em 0}.vb td,.vb th{border:1px solid #000;padding:2px 4px;vertical-align:middle}
.vb .c{text-align:center}.vb .r{text-align:right}.vb tr.total td{font-weight:bold}
.vb-sign{display:flex;gap:1em;margin-top:1em;flex-wrap:wrap}.vb-sign>div{flex:1 1 45%}.vb-copies{font-size:11pt}.vb-signer{text-align:center;font-weight:bold}.vb-signer .name{margin-top:5em}
@media (max-width:640px){.vb{padding:12px;font-size:12pt}.vb p,.vb h2,.vb h3{text-indent:1.5em}.vb table{font-size:10pt}.vb-head>div,.vb-sign>div{flex:1 1 100%}}
`;

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return b.level === 1 ? `<h2>${escapeHtml(b.text)}</h2>` : `<h3>${escapeHtml(b.text)}</h3>`;
    case 'paragraph':
      return paragraphsOf(b.text)
        .map((p) => `<p${b.italic === true ? ' class="vb-i"' : ''}>${escapeHtml(p)}</p>`)
        .join('');
    case 'table': {
      const cls = (a: Align) => (a === 'center' ? ' class="c"' : a === 'right' ? ' class="r"' : '');
      const head = b.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
      const rows = b.rows
        .map(
          (r, n) =>
            `<tr${b.total === true && n === b.rows.length - 1 ? ' class="total"' : ''}>${r
              .map((c, i) => `<td${cls(b.columns[i]?.align ?? 'left')}>${escapeHtml(c)}</td>`)
              .join('')}</tr>`,
        )
        .join('');
      return `<div class="vb-table"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
    }
  }
}

/** The document as an HTML article (class `vb`), every text escaped: what the page previews. */
export function officialHtmlArticle(d: OfficialDocument): string {
  const e = escapeHtml;
  const to =
    d.recipients.length === 0
      ? ''
      : d.recipients.length === 1
        ? `<div class="vb-to">Kính gửi: ${e(d.recipients[0] ?? '')}</div>`
        : `<div class="vb-to">Kính gửi:<br><ul>${d.recipients
            .map((r, i) => `<li>- ${e(r)}${i === d.recipients.length - 1 ? '.' : ';'}</li>`)
            .join('')}</ul></div>`;
  return [
    '<article class="vb" lang="vi">',
    '<div class="vb-head"><div class="vb-issuer">',
    d.issuer.above !== undefined ? `<div>${e(d.issuer.above.toLocaleUpperCase('vi'))}</div>` : '',
    `<div class="vb-b">${e(d.issuer.name.toLocaleUpperCase('vi'))}</div>`,
    `<div>Số: ${e(d.number)}</div>`,
    d.subject !== undefined ? `<div>${e(d.subject)}</div>` : '',
    '</div><div class="vb-nation"><div class="vb-b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>',
    '<div class="vb-b vb-u">Độc lập - Tự do - Hạnh phúc</div>',
    `<div class="vb-i">${e(d.dateLine)}</div></div></div>`,
    d.title !== undefined ? `<div class="vb-title">${e(d.title)}</div>` : '',
    d.summary !== undefined ? `<div class="vb-title">${e(d.summary)}</div>` : '',
    d.basis !== undefined ? `<div class="vb-basis">${e(d.basis)}</div>` : '',
    to,
    ...d.body.map(htmlBlock),
    '<div class="vb-sign"><div class="vb-copies"><div class="vb-b vb-i">Nơi nhận:</div>',
    ...d.copies.map((c, i) => `<div>- ${e(c)}${i === d.copies.length - 1 ? '.' : ';'}</div>`),
    '</div><div class="vb-signer">',
    d.signer.on !== undefined ? `<div>${e(d.signer.on)}</div>` : '',
    `<div>${e(d.signer.title)}</div>`,
    `<div class="name">${e(d.signer.name ?? '')}</div>`,
    '</div></div></article>',
  ].join('');
}

/** The document as a standalone HTML page (the article and its style). */
export function officialHtml(d: OfficialDocument): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(d.meta.title)}</title><style>${PREVIEW_CSS}</style></head><body>${officialHtmlArticle(d)}</body></html>`,
    'utf8',
  );
}

// ---------------------------------------------------------------------------------------------

export type DocumentFormat = 'docx' | 'pdf' | 'html';
export const MEDIA_TYPES: Record<DocumentFormat, string> = { docx: DOCX_TYPE, pdf: PDF_TYPE, html: HTML_TYPE };
