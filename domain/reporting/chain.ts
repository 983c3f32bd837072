import { z } from 'zod';
import type { DateWindow, LocalDate } from '../shared/time.ts';

/**
 * Who reports to whom, on which periods, and by when: the reporting chain as the seed plans
 * write it, kept as data so that a province's chain can be read (and changed) in one place.
 *
 * - Seed 001 (Tây Ninh plan 2653/KH-BCĐ): "các ngành, địa phương … báo cáo kết quả thực hiện
 *   định kỳ 6 tháng và cuối năm gửi về Trưởng BCĐ và các Phó trưởng BCĐ": departments and
 *   localities report half-yearly and at year end to the head and deputy heads of the provincial
 *   steering committee; its standing agency reports "định kỳ hoặc đột xuất" (periodically or ad
 *   hoc) as the head asks.
 * - Seed 003 (Thái Nguyên): departments, the provincial cooperative alliance and localities report
 *   "về UBND tỉnh (qua Sở Kế hoạch và Đầu tư) trước ngày 20 tháng 12 hằng năm": to the provincial
 *   People's Committee through the planning department (since 2025 part of the Department of
 *   Finance, Sở Tài chính), before 20 December.
 *
 * Since 1 July 2025 a locality is a commune (xã, phường, đặc khu): there is no district level.
 * No seed gives a half-year due date: it is a setting (DEFAULT_DUE, changed per year by
 * RequestReports), not a rule.
 */

/** The kinds of unit that report. */
export const UnitKind = z.enum(['department', 'commune', 'alliance', 'standing-agency']);
export type UnitKind = z.infer<typeof UnitKind>;

/**
 * A reporting unit as it appears in paths and tokens: `alliance` (the provincial cooperative
 * alliance), `standing-agency` (the steering committee's standing agency), a five-digit commune
 * code, or a department's code (`so-tai-chinh`: its Vietnamese name without marks, hyphenated).
 */
export const ReportingUnit = z
  .string()
  .regex(
    /^(alliance|standing-agency|\d{5}|[a-z][a-z0-9]*(-[a-z0-9]+){0,12})$/,
    'must be alliance, standing-agency, a five-digit commune code or a department code such as so-tai-chinh',
  )
  .max(80)
  .describe('alliance, standing-agency, a five-digit commune code, or a department code (so-tai-chinh)');
export type ReportingUnit = string;

export function unitKind(unit: ReportingUnit): UnitKind {
  if (unit === 'alliance' || unit === 'standing-agency') return unit;
  return /^\d{5}$/.test(unit) ? 'commune' : 'department';
}

/** Who receives reports, named as the seeds name them. */
export const RECIPIENTS = {
  'steering-head': {
    name: 'Trưởng BCĐ và các Phó trưởng BCĐ',
    en: 'the head and deputy heads of the provincial steering committee',
  },
  'people-committee': {
    name: 'UBND tỉnh (qua Sở Tài chính)',
    en: "the provincial People's Committee, through the Department of Finance (formerly Planning and Investment)",
  },
} as const;
export type Recipient = keyof typeof RECIPIENTS;

/** The periodic reports, and ad-hoc ones (`adhoc-…`, requested with their own window and due day). */
export const PeriodicKind = z.enum(['half-year', 'year-end']);
export type PeriodicKind = z.infer<typeof PeriodicKind>;
export const ReportPeriod = z
  .string()
  .regex(/^(half-year|year-end|adhoc-[a-z0-9]+(-[a-z0-9]+){0,8})$/, 'must be half-year, year-end or adhoc-<name>')
  .max(60)
  .describe('half-year, year-end, or an ad-hoc report (đột xuất) named adhoc-<name>');
export type ReportPeriod = string;
export const isAdHoc = (period: ReportPeriod): boolean => period.startsWith('adhoc-');

export interface ChainLink {
  reporter: UnitKind;
  to: readonly Recipient[];
  periods: readonly ('half-year' | 'year-end' | 'ad-hoc')[];
  source: string;
}

/** The chain: one link per kind of reporting unit. */
export const REPORTING_CHAIN: readonly ChainLink[] = [
  {
    reporter: 'department',
    to: ['steering-head', 'people-committee'],
    periods: ['half-year', 'year-end'],
    source: 'seed 001 (2653/KH-BCĐ Tây Ninh): định kỳ 6 tháng và cuối năm; seed 003 (Thái Nguyên): trước 20/12',
  },
  {
    reporter: 'commune',
    to: ['steering-head', 'people-committee'],
    periods: ['half-year', 'year-end'],
    source: 'seed 001: "các ngành, địa phương"; seed 003: UBND các huyện (communes since 1/7/2025)',
  },
  {
    reporter: 'alliance',
    to: ['people-committee'],
    periods: ['half-year', 'year-end'],
    source: 'seed 003: Liên minh HTX tỉnh báo cáo UBND tỉnh qua Sở Kế hoạch và Đầu tư trước 20/12',
  },
  {
    reporter: 'standing-agency',
    to: ['steering-head'],
    periods: ['half-year', 'year-end', 'ad-hoc'],
    source: 'seed 001: cơ quan thường trực báo cáo định kỳ hoặc đột xuất theo yêu cầu của Trưởng BCĐ',
  },
];

/** The chain's link for a unit on a period, or undefined when the chain has the unit send no such report. */
export function linkFor(unit: ReportingUnit, period: ReportPeriod): ChainLink | undefined {
  const link = REPORTING_CHAIN.find((l) => l.reporter === unitKind(unit));
  const p = isAdHoc(period) ? 'ad-hoc' : (period as PeriodicKind);
  return link?.periods.includes(p) ? link : undefined;
}

/**
 * Settings, with their defaults: not rules. The year-end default is seed 003's "trước ngày 20
 * tháng 12"; the half-year default (15 July, a fortnight after the half closes) is this service's
 * own choice, since no seed gives one: an organiser sets another per year (RequestReports dueBy).
 */
export const DEFAULT_DUE: Readonly<Record<PeriodicKind, { month: number; day: number }>> = {
  'half-year': { month: 7, day: 15 },
  'year-end': { month: 12, day: 19 },
};

/** A periodic report's window, default due day and title. */
export function periodicReport(
  kind: PeriodicKind,
  year: number,
): { window: DateWindow; dueBy: LocalDate; title: string } {
  const d = DEFAULT_DUE[kind];
  const dueBy = `${year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return kind === 'half-year'
    ? { window: { from: `${year}-01-01`, to: `${year}-06-30` }, dueBy, title: `Báo cáo 6 tháng đầu năm ${year}` }
    : { window: { from: `${year}-01-01`, to: `${year}-12-31` }, dueBy, title: `Báo cáo năm ${year}` };
}

/** A department's code from its Vietnamese name: "Sở Tài chính" → "so-tai-chinh". */
export function departmentCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
