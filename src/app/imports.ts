import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * Spreadsheet imports: the records provinces keep in Excel (meetings by commune, disbursements,
 * admission rounds), one row a record. Each kind has its columns with Vietnamese headings; a
 * template carries them with lists to pick from and a marked example row (never imported); an
 * uploaded workbook is read as a stream, row by row, into the body of the record's command (the
 * HTTP layer runs each row as the record's command route would, see src/http/routes/imports.ts).
 */
export const IMPORT_KINDS = ['meetings', 'approvals', 'disbursements', 'admission-rounds'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Largest upload, and most rows, an import takes. */
export const IMPORT_MAX_BYTES = 10 * 1_048_576;
export const IMPORT_MAX_ROWS = 20_000;

type ListName =
  'formats' | 'topics' | 'communes' | 'approvals' | 'activities' | 'cooperatives' | 'funds' | 'supportForms';
export interface Column {
  header: string;
  /** Where the value goes in the command's body (dotted). */
  field: string;
  type: 'date' | 'text' | 'int' | 'money' | 'choice' | 'choices';
  required: boolean;
  /** The list a cell picks from (a drop-down in the template; labels or codes on import). */
  list?: ListName;
  example: string | number | Date;
}
export interface ImportSpec {
  kind: ImportKind;
  title: string;
  /** The command route under /provinces/{code}/campaigns/{year}/. */
  route: string;
  /** The record's own id, made from the file and the row: the same file twice records nothing new. */
  ownId: string;
  columns: Column[];
}

export const IMPORT_SPECS: Record<ImportKind, ImportSpec> = {
  meetings: {
    kind: 'meetings',
    title: 'Hội nghị, tọa đàm tuyên truyền',
    route: 'outreach-meetings',
    ownId: 'meetingId',
    columns: [
      { header: 'Ngày (dd/mm/yyyy)', field: 'date', type: 'date', required: true, example: '02/04/2026' },
      {
        header: 'Xã, phường',
        field: 'place.communeCode',
        type: 'choice',
        required: true,
        list: 'communes',
        example: '',
      },
      { header: 'Nơi tổ chức', field: 'place.venue', type: 'text', required: false, example: 'Hội trường UBND xã' },
      { header: 'Hình thức', field: 'format', type: 'choice', required: true, list: 'formats', example: 'Hội nghị' },
      {
        header: 'Chủ đề (cách nhau bởi dấu ;)',
        field: 'topics',
        type: 'choices',
        required: true,
        list: 'topics',
        example: 'Luật Hợp tác xã năm 2023',
      },
      { header: 'Số người tham dự', field: 'attendees', type: 'int', required: true, example: 120 },
      { header: 'Số HTX, THT tham dự', field: 'cooperativesRepresented', type: 'int', required: false, example: 8 },
      { header: 'Đơn vị tổ chức', field: 'organisedBy', type: 'text', required: true, example: 'Liên minh HTX tỉnh' },
      {
        header: 'Hoạt động của kế hoạch',
        field: 'activityId',
        type: 'choice',
        required: false,
        list: 'activities',
        example: '',
      },
      {
        header: 'Tiêu đề',
        field: 'title',
        type: 'text',
        required: false,
        example: 'Hội nghị tuyên truyền Luật HTX 2023',
      },
    ],
  },
  approvals: {
    kind: 'approvals',
    title: 'Quyết định phê duyệt hỗ trợ',
    route: 'support-approvals',
    ownId: 'approvalId',
    columns: [
      { header: 'Số quyết định', field: 'decision.number', type: 'text', required: true, example: '125/QĐ-UBND' },
      {
        header: 'Ngày quyết định (dd/mm/yyyy)',
        field: 'decision.date',
        type: 'date',
        required: true,
        example: '10/03/2026',
      },
      {
        header: 'Hợp tác xã',
        field: 'cooperativeId',
        type: 'choice',
        required: true,
        list: 'cooperatives',
        example: '',
      },
      {
        header: 'Nguồn kinh phí',
        field: 'fund',
        type: 'choice',
        required: true,
        list: 'funds',
        example: 'Quỹ HTPT HTX tỉnh',
      },
      {
        header: 'Hình thức hỗ trợ',
        field: 'form',
        type: 'choice',
        required: true,
        list: 'supportForms',
        example: 'Hỗ trợ không hoàn lại',
      },
      { header: 'Số tiền (đồng)', field: 'amount', type: 'money', required: true, example: 100_000_000 },
      { header: 'Mục đích', field: 'purpose', type: 'text', required: false, example: 'Hỗ trợ xây dựng kho lạnh' },
      {
        header: 'Hoạt động của kế hoạch',
        field: 'activityId',
        type: 'choice',
        required: false,
        list: 'activities',
        example: '',
      },
    ],
  },
  disbursements: {
    kind: 'disbursements',
    title: 'Giải ngân hỗ trợ',
    route: 'disbursements',
    ownId: 'disbursementId',
    columns: [
      {
        header: 'Số quyết định phê duyệt',
        field: 'approvalId',
        type: 'choice',
        required: true,
        list: 'approvals',
        example: '',
      },
      { header: 'Số tiền (đồng)', field: 'amount', type: 'money', required: true, example: 50_000_000 },
      { header: 'Ngày giải ngân (dd/mm/yyyy)', field: 'date', type: 'date', required: true, example: '15/04/2026' },
      { header: 'Số chứng từ', field: 'reference', type: 'text', required: true, example: 'UNC 125' },
    ],
  },
  'admission-rounds': {
    kind: 'admission-rounds',
    title: 'Đợt kết nạp thành viên',
    route: 'admission-rounds',
    ownId: 'roundId',
    columns: [
      { header: 'Đợt số', field: 'round', type: 'int', required: true, example: 1 },
      { header: 'Ngày (dd/mm/yyyy)', field: 'date', type: 'date', required: true, example: '20/04/2026' },
      { header: 'Hợp tác xã', field: 'admitted.cooperatives', type: 'int', required: true, example: 3 },
      { header: 'Liên hiệp HTX', field: 'admitted.cooperativeUnions', type: 'int', required: false, example: 0 },
      { header: 'Tổ hợp tác', field: 'admitted.cooperativeGroups', type: 'int', required: false, example: 1 },
      { header: 'Thành viên liên kết', field: 'admitted.associates', type: 'int', required: false, example: 2 },
      { header: 'Ghi chú', field: 'note', type: 'text', required: false, example: '' },
    ],
  },
};

/** A list's choices: what the sheet shows, and what the command takes. */
export type Lists = Partial<Record<ListName, { label: string; value: string }[]>>;

export const labelled = (labels: Record<string, string>): { label: string; value: string }[] =>
  Object.entries(labels).map(([value, label]) => ({ label, value }));

/** An upload that cannot be imported at all: nothing is written, the problem says why. */
export class ImportFileError extends Error {
  constructor(
    readonly code: 'import-not-workbook' | 'import-columns-missing' | 'import-too-many-rows' | 'import-empty',
    message: string,
    readonly details: Record<string, unknown> = {},
    /** What the workbook reader threw, when it could not read the file: for the logs, never the answer. */
    readonly reason?: unknown,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/**
 * The template's example row is marked in a last column, "Dòng mẫu": its cell there says so and
 * carries a fingerprint of the example's values. On import a marked row whose values are still the
 * example's is skipped (and counted); a marked row whose values were typed over is a problem of
 * that row (never skipped silently, never imported half-example): clear the mark to import it.
 */
export const EXAMPLE_HEADER = 'Dòng mẫu';
const EXAMPLE_KEY = '__example';
const EXAMPLE_MARK = 'Dòng mẫu, không được nhập';

/** A cell's value as the example's fingerprint reads it: dates as dd/mm/yyyy, the rest as text. */
function cellKey(v: unknown): string {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }
  return text(v).normalize('NFC');
}
const exampleFingerprint = (cells: unknown[]): string =>
  createHash('sha256').update(cells.map(cellKey).join('\u0000')).digest('hex').slice(0, 8);

/** The template: headings, lists (a hidden sheet) behind drop-downs, dates as dd/mm/yyyy, one marked example row. */
export async function importTemplate(spec: ImportSpec, lists: Lists): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tháng hành động vì Hợp tác xã';
  const ws = wb.addWorksheet(spec.title.slice(0, 31));
  const catalogue = wb.addWorksheet('Danh mục', { state: 'hidden' });
  ws.columns = [
    ...spec.columns.map((c) => ({ header: c.header, key: c.field, width: Math.max(14, c.header.length + 2) })),
    { header: EXAMPLE_HEADER, key: EXAMPLE_KEY, width: 34 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const values = spec.columns.map((c) => {
    const first = c.list !== undefined ? lists[c.list]?.[0]?.label : undefined;
    return c.example === '' && first !== undefined ? first : c.example;
  });
  const example = ws.addRow([...values, `${EXAMPLE_MARK} (${exampleFingerprint(values)})`]);
  example.font = { italic: true, color: { argb: 'FF808080' } };
  spec.columns.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    if (c.type === 'money' || c.type === 'int') column.numFmt = '#,##0';
    if (c.type === 'date') column.numFmt = 'dd/mm/yyyy';
    const choices = c.list === undefined ? undefined : lists[c.list];
    if (choices === undefined || choices.length === 0) return;
    const letter = String.fromCharCode(65 + i);
    catalogue.getCell(`${letter}1`).value = c.header;
    choices.forEach((x, j) => (catalogue.getCell(`${letter}${j + 2}`).value = x.label));
    const strict = c.type === 'choice';
    for (let r = 2; r <= 1001; r++) {
      ws.getCell(`${letter}${r}`).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`'Danh mục'!$${letter}$2:$${letter}$${choices.length + 1}`],
        showErrorMessage: strict,
        errorStyle: strict ? 'stop' : 'information',
        error: 'Chọn một giá trị trong danh sách',
      };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A problem of a cell, said in Vietnamese and in English. */
export interface CellProblem {
  column: string;
  field: string | null;
  vi: string;
  en: string;
}

/**
 * One row of an upload: its number in the sheet, the body it makes, and the problems of its
 * cells (one a column); or the template's example row, untouched, which is not imported.
 */
export type ImportRow =
  | { row: number; example: false; body: Record<string, unknown>; problems: CellProblem[] }
  | { row: number; example: true };

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v)
    return (v as { richText: { text: string }[] }).richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text).trim();
  if (typeof v === 'object' && 'result' in v) return text((v as { result: unknown }).result);
  return String(v).trim();
};
const norm = (s: string): string => s.normalize('NFC').trim().toLocaleLowerCase('vi');

/** A date cell: a spreadsheet date, or dd/mm/yyyy typed as text; anything else stays as typed. */
function dateOf(v: unknown): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const s = text(v);
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  return m === null ? s : `${m[3]}-${(m[2] as string).padStart(2, '0')}-${(m[1] as string).padStart(2, '0')}`;
}

function set(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let at = body;
  for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
  at[parts.at(-1) as string] = value;
}

type Said = { vi: string; en: string };
/** A list's choices by their label and by their value, normalised: a cell is looked up, not searched for. */
type ChoiceIndex = Partial<Record<ListName, Map<string, string>>>;
function choiceIndex(lists: Lists): ChoiceIndex {
  const index: ChoiceIndex = {};
  for (const [name, choices] of Object.entries(lists) as [ListName, { label: string; value: string }[]][]) {
    const m = new Map<string, string>();
    // Labels first: a label wins over a value that happens to read the same.
    for (const x of choices) if (!m.has(norm(x.value))) m.set(norm(x.value), x.value);
    for (const x of choices) m.set(norm(x.label), x.value);
    index[name] = m;
  }
  return index;
}

/** A cell as the command takes it; a cell that cannot be read is a problem, said as a person would. */
function cellValue(c: Column, raw: unknown, choices: ChoiceIndex): { value?: unknown; problem?: Said } {
  const s = text(raw);
  if (s === '' && !(raw instanceof Date))
    return c.required ? { problem: { vi: 'bắt buộc phải nhập', en: 'is required' } } : {};
  switch (c.type) {
    case 'date': {
      const d = dateOf(raw);
      return /^\d{4}-\d{2}-\d{2}$/.test(d)
        ? { value: d }
        : {
            problem: {
              vi: `"${s}" không phải một ngày dạng dd/mm/yyyy, ví dụ 02/04/2026`,
              en: `"${s}" is not a date written dd/mm/yyyy, e.g. 02/04/2026`,
            },
          };
    }
    case 'int':
    case 'money': {
      if (typeof raw === 'number')
        return Number.isInteger(raw)
          ? { value: raw }
          : { problem: { vi: 'phải là số nguyên', en: 'must be a whole number' } };
      const digits = s.replace(/[.\s₫đ]/gi, '').replace(/,/g, '');
      if (/^\d+$/.test(digits)) return { value: Number(digits) };
      return {
        problem:
          c.type === 'money'
            ? { vi: `"${s}" không phải số tiền, ví dụ 1.000.000`, en: `"${s}" is not an amount, e.g. 1.000.000` }
            : { vi: `"${s}" không phải một số`, en: `"${s}" is not a number` },
      };
    }
    case 'choice':
    case 'choices': {
      const index = (c.list === undefined ? undefined : choices[c.list]) ?? new Map<string, string>();
      if (c.type === 'choice') {
        const v = index.get(norm(s));
        if (v !== undefined) return { value: v };
        return {
          problem: { vi: `"${s}" không có trong danh sách`, en: `"${s}" is not one of the list’s choices` },
        };
      }
      const items = s
        .split(/[;,\n]/)
        .map((x) => x.trim())
        .filter((x) => x !== '');
      const values = items.map((x) => index.get(norm(x)));
      const unknown = items.filter((_, i) => values[i] === undefined);
      return unknown.length > 0
        ? {
            problem: {
              vi: `không có trong danh sách: ${unknown.join('; ')}`,
              en: `not among the list’s choices: ${unknown.join('; ')}`,
            },
          }
        : { value: values };
    }
    default:
      return { value: s };
  }
}

/** The upload's fingerprint: with the row number, the key and the id of the row's record. */
export const fileHash = (file: Buffer): string => createHash('sha256').update(file).digest('hex');

/** A UUID made from the file and row (version 8, RFC 9562's custom form): the same on every upload of the file. */
export function rowId(hash: string, row: number, salt = ''): string {
  const h = createHash('sha256').update(`${hash}:${row}:${salt}`).digest('hex');
  const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Reads an uploaded workbook row by row from its first sheet, as a stream (the workbook is never
 * held whole as cells): the heading row must name every required column of the kind; blank rows
 * are skipped; the template's example row, untouched, comes as `example`. Throws ImportFileError
 * for a file that is not a workbook, lacks columns or is too long.
 */
export async function* importRows(file: Buffer, spec: ImportSpec, lists: Lists): AsyncGenerator<ImportRow> {
  const ExcelJS = (await import('exceljs')).default;
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50)
    throw new ImportFileError('import-not-workbook', 'the file is not an Excel workbook (.xlsx)');
  const choices = choiceIndex(lists);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates are numbers with a date format: the styles say which
    worksheets: 'emit',
    entries: 'emit',
  });
  let where: number[] | null = null;
  let marker = -1;
  const mark = norm(EXAMPLE_MARK);
  let count = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        if (where === null) {
          const headings = Array.from(values, (v) => norm(text(v)));
          where = spec.columns.map((c) => headings.indexOf(norm(c.header)));
          marker = headings.indexOf(norm(EXAMPLE_HEADER));
          const missing = spec.columns.filter((c, i) => c.required && where?.[i] === -1).map((c) => c.header);
          if (missing.length > 0)
            throw new ImportFileError(
              'import-columns-missing',
              `the first row lacks the columns ${missing.join(', ')}`,
              { missing },
            );
          continue;
        }
        const cells = spec.columns.map((_, i) =>
          (where as number[])[i] === -1 ? undefined : values[(where as number[])[i] as number],
        );
        if (cells.every((v) => text(v) === '' && !(v instanceof Date))) continue;
        const problems: CellProblem[] = [];
        const marked = marker === -1 ? '' : norm(text(values[marker]));
        if (marked.startsWith(mark)) {
          if (marked.includes(`(${exampleFingerprint(cells)})`)) {
            yield { row: row.number, example: true };
            continue;
          }
          problems.push({
            column: EXAMPLE_HEADER,
            field: null,
            vi: 'dòng mẫu đã bị sửa: muốn nhập dòng này thì xóa chữ "Dòng mẫu" ở ô này, không thì xóa cả dòng',
            en: 'the example row was typed over: to import this row, clear this cell; otherwise delete the row',
          });
        }
        if (++count > IMPORT_MAX_ROWS)
          throw new ImportFileError('import-too-many-rows', `the file has more than ${IMPORT_MAX_ROWS} rows`, {
            maxRows: IMPORT_MAX_ROWS,
          });
        const body: Record<string, unknown> = {};
        spec.columns.forEach((c, i) => {
          const r = cellValue(c, cells[i], choices);
          if (r.problem !== undefined) problems.push({ column: c.header, field: c.field, ...r.problem });
          else if (r.value !== undefined) set(body, c.field, r.value);
        });
        yield { row: row.number, example: false, body, problems };
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('import-not-workbook', 'the file cannot be read as an Excel workbook (.xlsx)', {}, err);
  }
  if (where === null) throw new ImportFileError('import-empty', 'the workbook has no rows');
}
