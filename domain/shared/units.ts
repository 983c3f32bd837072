import { z } from 'zod';
import { fail } from './rules.ts';
import { REFORM_DATE, type LocalDate } from './time.ts';

/**
 * Provinces. Since 1 July 2025 Vietnam has 34 provinces (Resolution 202/2025/QH15); before that
 * it had 63. A code alone is ambiguous across the two maps (80 was Long An, is now Tây Ninh), so
 * a unit is identified by its map and code: `current:80`, `pre2025:72`. Records keep the unit as
 * recorded and roll up to today's unit through `successor`.
 */
export type UnitMap = 'pre2025' | 'current';

export interface Province {
  id: string;
  map: UnitMap;
  code: string;
  name: string;
  /** Last day the unit existed (pre-2025 units). */
  validTo?: LocalDate;
  /** The current province it became part of (pre-2025 units). */
  successor?: string;
}

const CURRENT: readonly [string, string][] = [
  ['01', 'Hà Nội'],
  ['04', 'Cao Bằng'],
  ['08', 'Tuyên Quang'],
  ['11', 'Điện Biên'],
  ['12', 'Lai Châu'],
  ['14', 'Sơn La'],
  ['15', 'Lào Cai'],
  ['19', 'Thái Nguyên'],
  ['20', 'Lạng Sơn'],
  ['22', 'Quảng Ninh'],
  ['24', 'Bắc Ninh'],
  ['25', 'Phú Thọ'],
  ['31', 'Hải Phòng'],
  ['33', 'Hưng Yên'],
  ['37', 'Ninh Bình'],
  ['38', 'Thanh Hóa'],
  ['40', 'Nghệ An'],
  ['42', 'Hà Tĩnh'],
  ['44', 'Quảng Trị'],
  ['46', 'Huế'],
  ['48', 'Đà Nẵng'],
  ['51', 'Quảng Ngãi'],
  ['52', 'Gia Lai'],
  ['56', 'Khánh Hòa'],
  ['66', 'Đắk Lắk'],
  ['68', 'Lâm Đồng'],
  ['75', 'Đồng Nai'],
  ['79', 'Hồ Chí Minh'],
  ['80', 'Tây Ninh'],
  ['82', 'Đồng Tháp'],
  ['86', 'Vĩnh Long'],
  ['91', 'An Giang'],
  ['92', 'Cần Thơ'],
  ['96', 'Cà Mau'],
];

/** The 63 provinces in force until 30 June 2025, with the current province each became part of. */
const PRE_2025: readonly [string, string, string][] = [
  ['01', 'Hà Nội', '01'],
  ['02', 'Hà Giang', '08'],
  ['04', 'Cao Bằng', '04'],
  ['06', 'Bắc Kạn', '19'],
  ['08', 'Tuyên Quang', '08'],
  ['10', 'Lào Cai', '15'],
  ['11', 'Điện Biên', '11'],
  ['12', 'Lai Châu', '12'],
  ['14', 'Sơn La', '14'],
  ['15', 'Yên Bái', '15'],
  ['17', 'Hòa Bình', '25'],
  ['19', 'Thái Nguyên', '19'],
  ['20', 'Lạng Sơn', '20'],
  ['22', 'Quảng Ninh', '22'],
  ['24', 'Bắc Giang', '24'],
  ['25', 'Phú Thọ', '25'],
  ['26', 'Vĩnh Phúc', '25'],
  ['27', 'Bắc Ninh', '24'],
  ['30', 'Hải Dương', '31'],
  ['31', 'Hải Phòng', '31'],
  ['33', 'Hưng Yên', '33'],
  ['34', 'Thái Bình', '33'],
  ['35', 'Hà Nam', '37'],
  ['36', 'Nam Định', '37'],
  ['37', 'Ninh Bình', '37'],
  ['38', 'Thanh Hóa', '38'],
  ['40', 'Nghệ An', '40'],
  ['42', 'Hà Tĩnh', '42'],
  ['44', 'Quảng Bình', '44'],
  ['45', 'Quảng Trị', '44'],
  ['46', 'Thừa Thiên Huế', '46'],
  ['48', 'Đà Nẵng', '48'],
  ['49', 'Quảng Nam', '48'],
  ['51', 'Quảng Ngãi', '51'],
  ['52', 'Bình Định', '52'],
  ['54', 'Phú Yên', '66'],
  ['56', 'Khánh Hòa', '56'],
  ['58', 'Ninh Thuận', '56'],
  ['60', 'Bình Thuận', '68'],
  ['62', 'Kon Tum', '51'],
  ['64', 'Gia Lai', '52'],
  ['66', 'Đắk Lắk', '66'],
  ['67', 'Đắk Nông', '68'],
  ['68', 'Lâm Đồng', '68'],
  ['70', 'Bình Phước', '75'],
  ['72', 'Tây Ninh', '80'],
  ['74', 'Bình Dương', '79'],
  ['75', 'Đồng Nai', '75'],
  ['77', 'Bà Rịa - Vũng Tàu', '79'],
  ['79', 'Hồ Chí Minh', '79'],
  ['80', 'Long An', '80'],
  ['82', 'Tiền Giang', '82'],
  ['83', 'Bến Tre', '86'],
  ['84', 'Trà Vinh', '86'],
  ['86', 'Vĩnh Long', '86'],
  ['87', 'Đồng Tháp', '82'],
  ['89', 'An Giang', '91'],
  ['91', 'Kiên Giang', '91'],
  ['92', 'Cần Thơ', '92'],
  ['93', 'Hậu Giang', '92'],
  ['94', 'Sóc Trăng', '92'],
  ['95', 'Bạc Liêu', '96'],
  ['96', 'Cà Mau', '96'],
];

export const PROVINCES: ReadonlyMap<string, Province> = new Map(
  [
    ...CURRENT.map(([code, name]): Province => ({ id: `current:${code}`, map: 'current', code, name })),
    ...PRE_2025.map(([code, name, succ]): Province => ({
      id: `pre2025:${code}`,
      map: 'pre2025',
      code,
      name,
      validTo: '2025-06-30',
      successor: `current:${succ}`,
    })),
  ].map((p) => [p.id, p]),
);

export const ProvinceCode = z.string().regex(/^\d{2}$/, 'must be a two-digit province code');

/** The map in force on a date. */
export function mapOn(date: LocalDate): UnitMap {
  return date < REFORM_DATE ? 'pre2025' : 'current';
}

/**
 * The map a campaign year uses: campaigns up to 2025 (whose peak, 29/3–29/4, came before the
 * reform) belong to the pre-2025 provinces; from 2026 to the 34 current ones.
 */
export function mapForCampaignYear(year: number): UnitMap {
  return year <= 2025 ? 'pre2025' : 'current';
}

export function province(map: UnitMap, code: string): Province | undefined {
  return PROVINCES.get(`${map}:${code}`);
}

/** Today's province a unit belongs to (itself when current). */
export function rollUp(p: Province): Province {
  return p.successor === undefined ? p : (PROVINCES.get(p.successor) as Province);
}

/** Whether two units are the same province at the later of their two maps. */
export function sameProvince(a: Province, b: Province): boolean {
  if (a.map === b.map) return a.id === b.id;
  return rollUp(a).id === rollUp(b).id;
}

/**
 * A pre-2025 unit whose code did not carry on into the current map (67 Đắk Nông, 72 Tây Ninh):
 * it takes no record dated after its last day. A unit whose code carries on (68, 80) goes on
 * under that code, now the current province's.
 */
export function closedOn(p: Province, date: LocalDate): { successor: Province } | undefined {
  if (p.validTo === undefined || date <= p.validTo || province('current', p.code) !== undefined) return undefined;
  return { successor: rollUp(p) };
}

/** Refuses a record dated after the last day of a unit whose code did not carry on (see closedOn). */
export function requireUnitOpenOn(code: string, date: LocalDate): void {
  const unit = province('pre2025', code);
  const closed = unit === undefined ? undefined : closedOn(unit, date);
  if (unit === undefined || closed === undefined) return;
  const s = closed.successor;
  fail(
    'province-merged',
    `${unit.name} (${unit.code}) became part of ${s.name} (${s.code}) on 1 July 2025: ` +
      `a record dated ${date} belongs to province ${s.code}`,
    {
      date,
      code: unit.code,
      name: unit.name,
      lastDay: unit.validTo,
      successor: { code: s.code, name: s.name },
    },
  );
}

/** Any unit, current or pre-2025, with this code. */
export function knownCode(code: string): boolean {
  return PROVINCES.has(`current:${code}`) || PROVINCES.has(`pre2025:${code}`);
}

/** "Đắk Nông (67), part of Lâm Đồng (68) since 1/7/2025", for messages. */
export function describeCode(code: string): string {
  const cur = province('current', code);
  const old = province('pre2025', code);
  if (cur !== undefined) return `${cur.name} (${code})`;
  if (old !== undefined) {
    const s = rollUp(old);
    return `${old.name} (${code}), part of ${s.name} (${s.code}) since 1/7/2025`;
  }
  return code;
}

export function currentProvinces(): Province[] {
  return [...PROVINCES.values()].filter((p) => p.map === 'current');
}

/** Organiser of a campaign: a province's alliance by code, or `VN` for the national alliance. */
export const OrganiserCode = z.union([ProvinceCode, z.literal('VN')]);
export type OrganiserCode = z.infer<typeof OrganiserCode>;

/**
 * The unit a province code names on a date: from 1 July 2025 the current province with that code
 * (80 is Tây Ninh's then), before it the pre-2025 one (80 was Long An's). A pre-2025 code that did
 * not carry on (67, 72) names its old province on any date, as recorded.
 */
export function unitOn(code: string, date: LocalDate): Province | undefined {
  const order: UnitMap[] = mapOn(date) === 'current' ? ['current', 'pre2025'] : ['pre2025', 'current'];
  for (const map of order) {
    const p = province(map, code);
    if (p !== undefined) return p;
  }
  return undefined;
}

/**
 * The current province a pre-2025 province whose code did not carry on became part of
 * (72 Tây Ninh → 80, 67 Đắk Nông → 68); undefined for a code that carried on (68, 80) or is unknown.
 */
export function mergedInto(code: string): Province | undefined {
  const old = province('pre2025', code);
  return old === undefined || province('current', code) !== undefined ? undefined : rollUp(old);
}

/** The pre-2025 codes, other than its own, of the provinces that became part of a current one (68: 60 and 67). */
export function predecessorCodes(currentCode: string): string[] {
  return [...PROVINCES.values()]
    .filter((p) => p.map === 'pre2025' && p.successor === `current:${currentCode}` && p.code !== currentCode)
    .map((p) => p.code);
}

/**
 * Refuses a takeover of a record of province `from` by province `to` on `date` unless `from` is a
 * merged province whose code did not carry on, `to` is the province it became part of, and the
 * date is on or after 1 July 2025. Returns the successor.
 */
export function requireTakeover(from: string, to: string, date: LocalDate): Province {
  const successor = mergedInto(from);
  if (successor === undefined) {
    fail('takeover-not-merged', `${describeCode(from)} did not merge under another code: nothing to take over`, {
      code: from,
    });
  }
  if (successor.code !== to) {
    fail(
      'takeover-not-successor',
      `${describeCode(from)} became part of ${successor.name} (${successor.code}), not ${to}`,
      {
        code: from,
        to,
        successor: { code: successor.code, name: successor.name },
      },
    );
  }
  if (date < REFORM_DATE) {
    fail('takeover-before-reform', `a takeover dated ${date} comes before 1 July 2025`, { date, from, to });
  }
  return successor;
}
