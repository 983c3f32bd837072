import { viDate } from '../domain/shared/rules.ts';
import type { LocalDate } from '../domain/shared/time.ts';
import { unitOn } from '../domain/shared/units.ts';

/**
 * An administrative document as Decree 30/2020/NĐ-CP lays it out, as plain data: the two-column
 * heading (the issuing body, its number and the summary of a letter on the left; the national
 * title, the motto and the date line on the right), the document's name and summary line (trích
 * yếu), Kính gửi, the numbered sections with their tables, Nơi nhận and the signer's block.
 * Pure: the Word, PDF and HTML files are drawn from it in src/app/official-document.ts, and the
 * same model gives the same bytes.
 */
export interface OfficialDocument {
  /** The issuing body: its direct superior above it where it has one ("UBND TỈNH LÂM ĐỒNG"), its own name. */
  issuer: { above?: string; name: string };
  /** What follows "Số: ": "45/BC-LMHTX", or a blank with the symbol for the clerk to fill. */
  number: string;
  /** A letter's summary under its number ("V/v đôn đốc gửi báo cáo …"); a report has its own title instead. */
  subject?: string;
  /** "Lâm Đồng, ngày 03 tháng 12 năm 2026" */
  dateLine: string;
  /** The document's name, for a named kind ("BÁO CÁO"); none for a letter (công văn). */
  title?: string;
  /** The summary line under the name (trích yếu). */
  summary?: string;
  /** Kính gửi: one on the line, several one a line under it. */
  recipients: string[];
  /** Where the figures come from: the business date and the log position they were read at. */
  basis?: string;
  body: Block[];
  /** Nơi nhận. */
  copies: string[];
  signer: { on?: string; title: string; name: string | null };
  /** What the file says of itself: a title, its author, the document's date (its only date), a file name. */
  meta: { title: string; author: string; date: LocalDate; filename: string };
}

export type Align = 'left' | 'center' | 'right';
export interface Column {
  header: string;
  /** Share of the text width, in percent. */
  width: number;
  align: Align;
}
export type Block =
  /** Level 1: "I. KẾT QUẢ THỰC HIỆN" (bold, capitals); level 2: "1. Công tác tuyên truyền" (bold). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean }
  /** A table of figures; a last row marked `total` is bold. */
  | { kind: 'table'; columns: Column[]; rows: string[][]; total?: boolean };

/** Roman numerals for the sections (I–XX is plenty). */
export function roman(n: number): string {
  const r = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
  return n <= 10 ? (r[n] ?? String(n)) : `X${roman(n - 10)}`;
}

/**
 * A number as Vietnamese documents write it: thousands grouped by dots, decimals after a comma
 * (1.234.567; 12,5). Written by hand rather than by the locale data, so the same figure gives the
 * same text on any build of Node.
 */
export function viNumber(n: number): string {
  const negative = n < 0;
  const [whole = '0', fraction] = Math.abs(n)
    .toFixed(Number.isInteger(n) ? 0 : 1)
    .split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

/** Centrally-run cities (thành phố trực thuộc trung ương), by map: their alliance is the city's, not a province's. */
const CITIES: Record<'pre2025' | 'current', readonly string[]> = {
  pre2025: ['01', '31', '48', '79', '92'],
  current: ['01', '31', '46', '48', '79', '92'],
};

/** The province or city of an organiser on a date, as a heading names it: "tỉnh Lâm Đồng", "thành phố Hà Nội". */
export function provinceOn(
  organiser: string,
  date: LocalDate,
): { kind: 'tỉnh' | 'thành phố'; name: string } | undefined {
  const p = unitOn(organiser, date);
  if (p === undefined) return undefined;
  return { kind: CITIES[p.map].includes(p.code) ? 'thành phố' : 'tỉnh', name: p.name };
}

/** The issuing body and the place of the date line, for an organiser's document of a date. */
export function issuerOf(organiser: string, date: LocalDate): { issuer: string; place: string } {
  if (organiser === 'VN') return { issuer: 'Liên minh Hợp tác xã Việt Nam', place: 'Hà Nội' };
  const p = provinceOn(organiser, date);
  if (p === undefined) return { issuer: `Liên minh HTX tỉnh (mã ${organiser})`, place: '' };
  if (p.name === 'Hồ Chí Minh')
    return { issuer: 'Liên minh HTX Thành phố Hồ Chí Minh', place: 'Thành phố Hồ Chí Minh' };
  return { issuer: `Liên minh HTX ${p.kind} ${p.name}`, place: p.name };
}

/**
 * The date line as administrative letters write it: the day and the months January and February
 * with a leading zero ("ngày 05 tháng 02 năm 2026"), the other months without ("tháng 12").
 */
export function dateLine(place: string, date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = String(d).padStart(2, '0');
  const month = m < 3 ? String(m).padStart(2, '0') : String(m);
  return `${place === '' ? '' : `${place}, `}ngày ${day} tháng ${month} năm ${y}`;
}

/** The line that ties a document to its figures: "Số liệu tính đến ngày 20/12/2026, vị trí nhật ký 1234." */
export function basisLine(asOf: LocalDate, position: number): string {
  return `Số liệu tính đến ngày ${viDate(asOf)}, vị trí nhật ký ${position}.`;
}
