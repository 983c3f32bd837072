import { DateTime } from 'luxon';
import { z } from 'zod';
import { LocalDate, VN_ZONE, vnDate, type Instant } from './time.ts';

const Year = z.number().int().min(1945).max(2100);

/**
 * A Vietnamese reporting or due period: a day, a date window, a quarter ("Quý III/2023"), a
 * half-year ("6 tháng đầu năm 2024"), a year ("Năm 2023"), or a multi-year phase
 * ("Giai đoạn 2023 - 2025", also written "Năm 2023-2024").
 */
export const Period = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: LocalDate }),
  z
    .object({ kind: z.literal('window'), from: LocalDate, to: LocalDate })
    .refine((p) => p.from <= p.to, { message: 'must end on or after the day it starts', path: ['to'] }),
  z.object({ kind: z.literal('quarter'), year: Year, quarter: z.number().int().min(1).max(4) }),
  z.object({ kind: z.literal('half'), year: Year, half: z.union([z.literal(1), z.literal(2)]) }),
  z.object({ kind: z.literal('year'), year: Year }),
  z
    .object({ kind: z.literal('phase'), fromYear: Year, toYear: Year })
    .refine((p) => p.fromYear < p.toYear, { message: 'a phase spans more than one year', path: ['toYear'] }),
]);
export type Period = z.infer<typeof Period>;

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

/**
 * A period as an API accepts it: the structured form, or the label as documents write it
 * ("Quý III/2023", "6 tháng đầu năm 2024", "Năm 2023", "Giai đoạn 2023 - 2025", "27/3/2023").
 * Either way the stored value is the structured form.
 */
const PERIOD_RULE =
  'must be a period: {kind, …} or a label such as ' +
  '"Quý III/2023", "6 tháng đầu năm 2024", "Năm 2023", "Giai đoạn 2023 - 2025", "27/3/2023"';
export const PeriodInput = z.union(
  [
    Period,
    z
      .string()
      .max(100)
      .transform((text, ctx) => {
        const p = parsePeriod(text);
        if (p === undefined) {
          ctx.addIssue({ code: 'custom', message: PERIOD_RULE });
          return z.NEVER;
        }
        return p;
      }),
  ],
  { error: PERIOD_RULE },
);

/** First and last Vietnam dates of a period, inclusive. */
export function periodDates(p: Period): { from: LocalDate; to: LocalDate } {
  switch (p.kind) {
    case 'date':
      return { from: p.date, to: p.date };
    case 'window':
      return { from: p.from, to: p.to };
    case 'quarter': {
      const start = DateTime.fromObject({ year: p.year, month: (p.quarter - 1) * 3 + 1, day: 1 }, { zone: VN_ZONE });
      return { from: iso(start), to: iso(start.plus({ months: 3 }).minus({ days: 1 })) };
    }
    case 'half':
      return p.half === 1
        ? { from: `${p.year}-01-01`, to: `${p.year}-06-30` }
        : { from: `${p.year}-07-01`, to: `${p.year}-12-31` };
    case 'year':
      return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
    case 'phase':
      return { from: `${p.fromYear}-01-01`, to: `${p.toYear}-12-31` };
  }
}

/** The instant a period ends: midnight, Vietnam time, after its last day. */
export function periodEnd(p: Period): Instant {
  return vnDate(periodDates(p).to).plus({ days: 1 }).toISO() as string;
}

/** A due period is overdue once its end has passed in Vietnam time. */
export function isOverdue(p: Period, now: Instant): boolean {
  return DateTime.fromISO(now, { setZone: true }) >= DateTime.fromISO(periodEnd(p), { setZone: true });
}

/** The label people write: "Quý III/2023", "Năm 2023", "Giai đoạn 2023 - 2025", "27/3/2023". */
export function periodLabel(p: Period): string {
  switch (p.kind) {
    case 'date':
      return vnDate(p.date).toFormat('d/M/yyyy');
    case 'window':
      return `${vnDate(p.from).toFormat('d/M/yyyy')} - ${vnDate(p.to).toFormat('d/M/yyyy')}`;
    case 'quarter':
      return `Quý ${ROMAN[p.quarter - 1]}/${p.year}`;
    case 'half':
      return p.half === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
    case 'year':
      return `Năm ${p.year}`;
    case 'phase':
      return `Giai đoạn ${p.fromYear} - ${p.toYear}`;
  }
}

/**
 * Reads a period as written in Vietnamese documents. Returns undefined when the text is not a
 * period this domain knows (the caller reports it as invalid input).
 */
export function parsePeriod(text: string): Period | undefined {
  const s = text.normalize('NFC').trim().replace(/\s+/g, ' ');
  let m = /^Quý (I|II|III|IV)\s*\/\s*(\d{4})$/i.exec(s);
  if (m)
    return {
      kind: 'quarter',
      year: Number(m[2]),
      quarter: ROMAN.indexOf((m[1] as string).toUpperCase() as (typeof ROMAN)[number]) + 1,
    };
  m = /^(?:Giai đoạn|Năm) (\d{4}) ?[-–] ?(\d{4})$/i.exec(s);
  if (m && Number(m[1]) < Number(m[2])) return { kind: 'phase', fromYear: Number(m[1]), toYear: Number(m[2]) };
  m = /^Năm (\d{4})$/i.exec(s);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = /^6 tháng (đầu|cuối) năm (\d{4})$/i.exec(s);
  if (m) return { kind: 'half', year: Number(m[2]), half: (m[1] as string).toLowerCase() === 'đầu' ? 1 : 2 };
  m = /(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const d = DateTime.fromObject({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }, { zone: VN_ZONE });
    if (d.isValid) return { kind: 'date', date: iso(d) };
  }
  return undefined;
}

function iso(d: DateTime): LocalDate {
  return d.toISODate() as string;
}
