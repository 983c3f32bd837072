import { describe, expect, it } from 'vitest';
import { Vnd, formatVnd, sumVnd } from './money.ts';
import { Text } from './text.ts';
import { PeriodInput, isOverdue, parsePeriod, periodDates, periodEnd, periodLabel } from './period.ts';
import { DateTime } from 'luxon';
import { LocalDate, daysBetween, defaultPeakWindow, inWindow, isCalendarDate, vnDateOf, vnDayNumber } from './time.ts';
import {
  PROVINCES,
  currentProvinces,
  mapForCampaignYear,
  mapOn,
  mergedInto,
  predecessorCodes,
  province,
  requireTakeover,
  rollUp,
  sameProvince,
  unitOn,
} from './units.ts';
import { DomainError } from './errors.ts';

describe('text', () => {
  it('refuses NUL and lone surrogates, and keeps Vietnamese and emoji', () => {
    expect(Text(100).safeParse('Hợp tác xã Quảng Khê 🌾').success).toBe(true);
    for (const bad of ['a\u0000b', 'x\uD800', '\uDC00y', 'a\uDBFFb'])
      expect(Text(100).safeParse(bad).error?.issues[0]?.message, JSON.stringify(bad)).toBe(
        'must not contain NUL or a lone UTF-16 surrogate',
      );
  });
});

describe('VND money', () => {
  it('accepts whole đồng and refuses fractions, negatives and non-numbers with the rule', () => {
    expect(Vnd.parse(195_000_000)).toBe(195_000_000);
    expect(Vnd.safeParse(1.5).error?.issues[0]?.message).toBe('must be a whole number of đồng (VND has no minor unit)');
    expect(Vnd.safeParse(-1).error?.issues[0]?.message).toBe('must not be negative');
    expect(Vnd.safeParse('195trđ').success).toBe(false);
  });
  it('adds exactly and prints the Vietnamese way', () => {
    expect(sumVnd([195_000_000, 5_000_000])).toBe(200_000_000);
    expect(formatVnd(195_000_000)).toBe('195.000.000 ₫');
  });
});

describe('Vietnam dates and the peak window', () => {
  it('accepts exactly the days of the calendar, leap days included, as the calendar library does', () => {
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    for (const y of [1900, 1999, 2000, 2023, 2024, 2025, 2100]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isCalendarDate(s), s).toBe(DateTime.fromISO(s, { zone: 'Asia/Ho_Chi_Minh' }).isValid);
        }
      }
    }
    expect(LocalDate.safeParse('2024-02-29').success).toBe(true);
    expect(LocalDate.safeParse('2025-02-29').error?.issues[0]?.message).toBe('must be a real calendar date');
    expect(LocalDate.safeParse('2025-2-1').error?.issues[0]?.message).toBe('must be a date as yyyy-MM-dd');
    expect(LocalDate.safeParse('0001-01-01').error?.issues[0]?.message).toBe(
      'must be between 1900-01-01 and 2100-12-31',
    );
    expect(LocalDate.safeParse('9999-12-31').success).toBe(false);
  });
  it('counts whole days between two dates across months, leap years and years', () => {
    expect(daysBetween('2024-03-29', '2024-04-29')).toBe(31);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-12-31', '2025-01-01')).toBe(-364);
  });

  it('puts the peak period on 29 March – 29 April of the year, both days included', () => {
    const peak = defaultPeakWindow(2024);
    expect(peak).toEqual({ from: '2024-03-29', to: '2024-04-29' });
    expect(inWindow('2024-03-29', peak)).toBe(true);
    expect(inWindow('2024-04-29', peak)).toBe(true);
    expect(inWindow('2024-03-28', peak)).toBe(false);
    expect(inWindow('2024-04-30', peak)).toBe(false);
  });
  it('reads the Vietnam calendar date of a UTC instant (UTC+7)', () => {
    expect(vnDateOf('2024-03-28T16:59:59Z')).toBe('2024-03-28');
    expect(vnDateOf('2024-03-28T17:00:00Z')).toBe('2024-03-29');
  });

  it('numbers the Vietnam day of an instant so that the number changes exactly when the Vietnam date does', () => {
    for (const iso of [
      '2024-03-28T16:59:59.999Z',
      '2024-03-28T17:00:00Z',
      '2024-12-31T17:00:00Z',
      '1976-01-01T00:00:00Z',
    ]) {
      const at = new Date(iso);
      const days = vnDayNumber(at);
      expect(new Date(days * 86_400_000).toISOString().slice(0, 10)).toBe(vnDateOf(iso));
    }
    expect(vnDayNumber(new Date('2024-03-28T17:00:00Z'))).toBe(vnDayNumber(new Date('2024-03-28T16:59:59Z')) + 1);
  });
});

describe('Vietnamese periods', () => {
  it.each([
    ['Quý III/2023', { kind: 'quarter', year: 2023, quarter: 3 }, '2023-07-01', '2023-09-30'],
    ['Năm 2023', { kind: 'year', year: 2023 }, '2023-01-01', '2023-12-31'],
    ['Giai đoạn 2023 - 2025', { kind: 'phase', fromYear: 2023, toYear: 2025 }, '2023-01-01', '2025-12-31'],
    ['Năm 2023-2024', { kind: 'phase', fromYear: 2023, toYear: 2024 }, '2023-01-01', '2024-12-31'],
    ['6 tháng đầu năm 2024', { kind: 'half', year: 2024, half: 1 }, '2024-01-01', '2024-06-30'],
    ['Đã tổ chức 27/3/2023', { kind: 'date', date: '2023-03-27' }, '2023-03-27', '2023-03-27'],
  ])('reads "%s"', (text, period, from, to) => {
    const p = parsePeriod(text);
    expect(p).toEqual(period);
    expect(periodDates(p as NonNullable<typeof p>)).toEqual({ from, to });
  });
  it('refuses text that is not a period', () => {
    expect(parsePeriod('sớm nhất có thể')).toBeUndefined();
    expect(parsePeriod('Quý V/2023')).toBeUndefined();
  });
  it('writes the labels people use', () => {
    expect(periodLabel({ kind: 'quarter', year: 2023, quarter: 4 })).toBe('Quý IV/2023');
    expect(periodLabel({ kind: 'phase', fromYear: 2023, toYear: 2025 })).toBe('Giai đoạn 2023 - 2025');
  });
  it('is overdue from midnight Vietnam time after its last day', () => {
    const q3 = { kind: 'quarter', year: 2023, quarter: 3 } as const;
    expect(periodEnd(q3)).toBe('2023-10-01T00:00:00.000+07:00');
    expect(isOverdue(q3, '2023-09-30T16:59:59Z')).toBe(false);
    expect(isOverdue(q3, '2023-09-30T17:00:00Z')).toBe(true);
  });
});

describe('administrative units', () => {
  it('has the 34 provinces in force since 1 July 2025 and the 63 before', () => {
    expect(currentProvinces()).toHaveLength(34);
    expect([...PROVINCES.values()].filter((p) => p.map === 'pre2025')).toHaveLength(63);
  });
  it('rolls the pre-2025 provinces of the brief up to today’s units', () => {
    const up = (code: string) =>
      rollUp(province('pre2025', code)!).name + ' ' + rollUp(province('pre2025', code)!).code;
    expect(up('72')).toBe('Tây Ninh 80');
    expect(up('80')).toBe('Tây Ninh 80');
    expect(up('62')).toBe('Quảng Ngãi 51');
    expect(up('67')).toBe('Lâm Đồng 68');
    expect(up('06')).toBe('Thái Nguyên 19');
    for (const p of PROVINCES.values()) expect(rollUp(p).map).toBe('current');
  });
  it('keeps a code that changed meaning apart: 80 was Long An, is now Tây Ninh', () => {
    expect(province('pre2025', '80')?.name).toBe('Long An');
    expect(province('current', '80')?.name).toBe('Tây Ninh');
    expect(sameProvince(province('pre2025', '72')!, province('pre2025', '80')!)).toBe(false);
    expect(sameProvince(province('pre2025', '72')!, province('current', '80')!)).toBe(true);
  });
  it('chooses the map by date and by campaign year', () => {
    expect(mapOn('2025-06-30')).toBe('pre2025');
    expect(mapOn('2025-07-01')).toBe('current');
    expect(mapForCampaignYear(2025)).toBe('pre2025');
    expect(mapForCampaignYear(2026)).toBe('current');
  });
  it('names a code by the map in force on a date: 80 is Long An until 30/6/2025 and Tây Ninh after, 72 stays Tây Ninh as recorded', () => {
    expect(unitOn('80', '2025-06-30')?.name).toBe('Long An');
    expect(unitOn('80', '2025-11-20')?.name).toBe('Tây Ninh');
    expect(unitOn('68', '2025-09-01')?.id).toBe('current:68');
    expect(unitOn('72', '2025-09-01')?.name).toBe('Tây Ninh');
    expect(unitOn('72', '2025-09-01')?.map).toBe('pre2025');
    expect(unitOn('99', '2025-09-01')).toBeUndefined();
  });
  it('knows which provinces merged under another code and the predecessors of a current province', () => {
    expect(mergedInto('72')?.code).toBe('80');
    expect(mergedInto('67')?.name).toBe('Lâm Đồng');
    expect(mergedInto('80')).toBeUndefined();
    expect(mergedInto('68')).toBeUndefined();
    expect(predecessorCodes('68').sort()).toEqual(['60', '67']);
    expect(predecessorCodes('80')).toEqual(['72']);
    expect(predecessorCodes('01')).toEqual([]);
  });
  it('lets only the successor take over a merged province’s record, from 1 July 2025', () => {
    const refused = (from: string, to: string, date: string) => {
      try {
        requireTakeover(from, to, date);
      } catch (e) {
        return (e as DomainError).code;
      }
      return undefined;
    };
    expect(requireTakeover('72', '80', '2025-07-01').name).toBe('Tây Ninh');
    expect(refused('72', '68', '2025-08-01')).toBe('takeover-not-successor');
    expect(refused('80', '80', '2025-08-01')).toBe('takeover-not-merged');
    expect(refused('67', '68', '2025-06-30')).toBe('takeover-before-reform');
  });
});

describe('periods accepted as labels', () => {
  it('reads the labels documents write into the structured form, and refuses others naming the rule', () => {
    expect(PeriodInput.parse('Quý III/2023')).toEqual({ kind: 'quarter', year: 2023, quarter: 3 });
    expect(PeriodInput.parse('6 tháng đầu năm 2025')).toEqual({ kind: 'half', year: 2025, half: 1 });
    expect(PeriodInput.parse('Giai đoạn 2023–2025')).toEqual({ kind: 'phase', fromYear: 2023, toYear: 2025 });
    expect(PeriodInput.parse({ kind: 'year', year: 2023 })).toEqual({ kind: 'year', year: 2023 });
    const bad = PeriodInput.safeParse('Quý V/2023');
    expect(bad.error?.issues[0]?.message).toContain('Quý III/2023');
    expect(periodLabel(PeriodInput.parse('Năm 2023'))).toBe('Năm 2023');
  });
});
