import { DateTime } from 'luxon';
import { z } from 'zod';

/** All calendar dates in this domain are Vietnam dates. */
export const VN_ZONE = 'Asia/Ho_Chi_Minh';

/** The dates this domain can hold: cooperatives founded in the last century up to campaigns to 2100. */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

/** True when `yyyy-MM-dd` names a day of the Gregorian calendar (month 1–12, day within the month). */
export function isCalendarDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/**
 * A Vietnam calendar date, ISO `yyyy-MM-dd`. A calendar date needs no time zone to be checked,
 * so this is plain arithmetic: it runs on every command and costs far less than a date library.
 */
export const LocalDate = z
  .string()
  // A date in another form is one problem: the checks after it do not run.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as yyyy-MM-dd', abort: true })
  .refine(isCalendarDate, 'must be a real calendar date')
  .refine((s) => s >= EARLIEST_DATE && s <= LATEST_DATE, `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`);
export type LocalDate = string;

/** An instant, ISO 8601 with an offset (what the shell's clock gives). */
export const Instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant with offset' });
export type Instant = string;

/** A date window inside a campaign, both ends inclusive (Vietnam dates). */
export const DateWindow = z
  .object({ from: LocalDate, to: LocalDate })
  .refine((w) => w.from <= w.to, { message: 'must end on or after the day it starts', path: ['to'] });
export type DateWindow = z.infer<typeof DateWindow>;

export function vnDate(d: LocalDate): DateTime {
  return DateTime.fromISO(d, { zone: VN_ZONE });
}

const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * The Vietnam calendar date of an instant. Vietnam has kept UTC+7 without daylight saving since
 * 1975, so a UTC instant (the store's recorded-at) takes a fast path; others go through luxon.
 */
export function vnDateOf(instant: Instant): LocalDate {
  if (instant.endsWith('Z') && instant.length >= 20 && instant[13] === ':') {
    // The Vietnam date of a UTC instant depends on its UTC hour only: remember it per hour.
    const hour = instant.slice(0, 13);
    const known = byUtcHour.get(hour);
    if (known !== undefined) return known;
    const ms = Date.parse(instant);
    if (!Number.isNaN(ms) && ms >= Date.UTC(1976, 0, 1)) {
      const date = new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
      if (byUtcHour.size > 100_000) byUtcHour.clear();
      byUtcHour.set(hour, date);
      return date;
    }
  }
  return DateTime.fromISO(instant, { setZone: true }).setZone(VN_ZONE).toISODate() as string;
}

const byUtcHour = new Map<string, LocalDate>();

/**
 * The Vietnam calendar day of an instant as a number (days since 1970-01-01, Vietnam time): the
 * same day as `vnDateOf` for any instant since 1976 (UTC+7 throughout), without making text.
 * For cache keys that change with the day.
 */
export function vnDayNumber(at: Date): number {
  return Math.floor((at.getTime() + VN_OFFSET_MS) / 86_400_000);
}

export function yearOf(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

export function inWindow(d: LocalDate, w: DateWindow): boolean {
  return d >= w.from && d <= w.to;
}

/** The peak period of the Cooperative Action Month: 29 March – 29 April of the year. */
export function defaultPeakWindow(year: number): DateWindow {
  return { from: `${year}-03-29`, to: `${year}-04-29` };
}

/** Whole days from a date to another (negative when `to` is before `from`). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const utc = (d: LocalDate): number =>
    new Date(0).setUTCFullYear(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** 1 July 2025: the 34-province map takes effect and district level ends. */
export const REFORM_DATE: LocalDate = '2025-07-01';
