import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { COMMUNE_COUNTS, commune, communeOn, communesOf, foldName, requireCommune, todayOf } from './communes.ts';
import { PROVINCES, province, type Province } from './units.ts';

const current = [...PROVINCES.values()].filter((p) => p.map === 'current');
const pre = [...PROVINCES.values()].filter((p) => p.map === 'pre2025');
const refusal = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the administrative map as data', () => {
  it('holds the 3,321 communes since 1 July 2025 and the 10,047 in 696 districts before', () => {
    expect(COMMUNE_COUNTS).toEqual({ current: 3321, pre2025: 10047, districts: 696 });
    expect(current.reduce((n, p) => n + communesOf(p).length, 0)).toBe(3321);
    expect(pre.reduce((n, p) => n + communesOf(p).length, 0)).toBe(10047);
  });

  it('gives every one of the 34 provinces and the 63 before their communes', () => {
    for (const p of [...current, ...pre]) expect(communesOf(p).length, p.name).toBeGreaterThan(0);
    expect(communesOf(province('current', '68') as Province).length).toBe(124);
  });

  it('forms every commune of today from communes of before the reform in the same province', () => {
    for (const p of current)
      for (const c of communesOf(p)) {
        expect(c.predecessors.length, c.name).toBeGreaterThan(0);
        for (const old of c.predecessors) {
          const o = commune('pre2025', old);
          // The special zones made of an island district without communes name that district.
          if (o === undefined) expect(old).toMatch(/^\d{3}$/);
          else expect(o.province.successor).toBe(p.id);
        }
      }
  });

  it('records the old communes that were split, each with every commune it became part of', () => {
    const split = pre.flatMap((p) => communesOf(p).filter((c) => c.successors.length > 1));
    expect(split).toHaveLength(460);
    // 1682/NQ-UBTVQH15 (Tây Ninh): part of xã Bình Thạnh (huyện Thủ Thừa) went to xã Thủ Thừa
    // (art. 1 clause 20), the rest to phường Long An.
    const binhThanh = commune('pre2025', '28063');
    expect(binhThanh?.district?.name).toBe('Huyện Thủ Thừa');
    expect(todayOf(binhThanh!).map((c) => c.name)).toEqual(['Xã Thủ Thừa', 'Phường Long An']);
  });

  it('forms phường Long An as resolution 1682/NQ-UBTVQH15 says', () => {
    // Phường 1, 3, 4, 5, 6 of TP Tân An, xã Hướng Thọ Phú and the rest of xã Bình Thạnh.
    const longAn = commune('current', '27694');
    expect(longAn?.name).toBe('Phường Long An');
    expect(longAn?.province.name).toBe('Tây Ninh');
    const names = longAn!.predecessors.map((c) => commune('pre2025', c)!.name).sort();
    expect(names).toEqual([
      'Phường 1',
      'Phường 3',
      'Phường 4',
      'Phường 5',
      'Phường 6',
      'Xã Bình Thạnh',
      'Xã Hướng Thọ Phú',
    ]);
  });

  it('keeps the correction of the one mapping its resolution contradicts', () => {
    // 1654/NQ-UBTVQH15 (An Giang) art. 1 clause 31: xã Tân Phú (huyện Châu Thành) is now xã Vĩnh An.
    expect(todayOf(commune('pre2025', '30622')!).map((c) => `${c.code} ${c.name} ${c.province.code}`)).toEqual([
      '30604 Xã Vĩnh An 91',
    ]);
  });

  it('reads a code on the map of the record’s date: 00004 was Trúc Bạch and is now Ba Đình', () => {
    expect(communeOn('00004', '2024-04-11')?.name).toBe('Phường Trúc Bạch');
    expect(communeOn('00004', '2025-07-01')?.name).toBe('Phường Ba Đình');
    expect(todayOf(communeOn('00001', '2025-06-30')!)[0]?.name).toBe('Phường Hồng Hà');
  });

  it('folds names for search without accents', () => {
    expect(foldName('Phường  Đà Lạt')).toBe('phuong da lat');
    expect(foldName('Xã Quảng Khê')).toBe(foldName('xa quang khe'));
  });
});

describe('a record names a commune of its province on its date', () => {
  const lamDong = province('current', '68') as Province;
  const lamDong2024 = province('pre2025', '68') as Province;

  it('accepts a commune of the province on the record’s date, on either map of the province', () => {
    const c = communesOf(lamDong)[0]!;
    expect(requireCommune('place.communeCode', c.code, '2026-04-11', lamDong).id).toBe(c.id);
    const old = communesOf(lamDong2024)[0]!;
    expect(requireCommune('place.communeCode', old.code, '2024-04-11', lamDong2024).id).toBe(old.id);
    // A 2025 campaign of the old Lâm Đồng records a meeting in August in a commune of today's.
    expect(requireCommune('place.communeCode', c.code, '2025-08-01', lamDong2024).id).toBe(c.id);
  });

  it('refuses a commune of another province, naming where it is', () => {
    const e = refusal(() => requireCommune('place.communeCode', '27694', '2026-04-11', lamDong));
    expect(e.code).toBe('commune-other-province');
    expect(e.details).toMatchObject({ field: 'place.communeCode', province: { code: '80' } });
    // Đắk Nông (67) merged into Lâm Đồng, but in 2024 it was another province.
    const dakNong = communesOf(province('pre2025', '67') as Province)[0]!;
    expect(refusal(() => requireCommune('c', dakNong.code, '2024-04-11', lamDong2024)).code).toBe(
      'commune-other-province',
    );
  });

  it('refuses a code of before the reform on a later date, naming the commune it became', () => {
    const e = refusal(() => requireCommune('place.communeCode', '00001', '2026-04-11', province('current', '01')!));
    expect(e.code).toBe('commune-not-on-date');
    expect(e.details).toMatchObject({ today: [{ code: '00097', name: 'Phường Hồng Hà' }] });
  });

  it('refuses a code that names no commune', () => {
    expect(refusal(() => requireCommune('c', '99999', '2026-04-11', lamDong)).code).toBe('commune-unknown');
  });
});
