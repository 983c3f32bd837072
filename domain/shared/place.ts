import { z } from 'zod';
import { commune, communesOf, foldName, requireCommune, type Commune } from './communes.ts';
import { Text } from './text.ts';
import type { LocalDate } from './time.ts';
import { PROVINCES, mapOn, province, rollUp, type Province } from './units.ts';

/**
 * Where a meeting, a course or another record took place: a commune, picked by its code on the
 * map of the record's date (see communes.ts). The name comes from the map, so "Xã Quảng Khê" and
 * "Quảng Khê" are the same commune; whatever else the official writes is a note.
 */
export const PlaceInput = z.object({
  communeCode: z
    .string()
    .regex(/^\d{5}$/, 'must be a five-digit commune code: pick the commune from /reference/communes')
    .describe('the commune on the map of the record’s date (GET /reference/communes?province=…&date=…)'),
  venue: Text(300).optional().describe('"Hội trường UBND xã"'),
  note: Text(300).optional().describe('anything else about the place, as the official writes it'),
});
export type PlaceInput = z.infer<typeof PlaceInput>;

/**
 * The place as recorded. Since the commune is picked by code, `commune` (and `district`, before
 * 1 July 2025) are the map's names on the record's date. Records made before that keep the free
 * text they were recorded with and may lack the code: `resolvePlace` finds it where the text
 * names exactly one commune of the province.
 */
export const Place = z.object({
  commune: Text(200).describe('the commune’s name as recorded'),
  district: Text(200).optional().describe('before 1 July 2025: its district, as recorded'),
  communeCode: z
    .string()
    .regex(/^\d{5}$/, 'must be a five-digit commune code')
    .optional(),
  venue: Text(300).optional(),
  note: Text(300).optional(),
});
export type Place = z.infer<typeof Place>;

/** The province a campaign's records name communes of (`pre2025:67`); null: the national alliance's, any. */
export function provinceById(id: string | null): Province | null {
  return id === null ? null : (PROVINCES.get(id) ?? null);
}

/**
 * The place a command names, checked and named: the code must name a commune on `date` in the
 * campaign's province (any province for the national alliance's campaign). `field` is the path
 * of the place in the body, for the problem.
 */
export function placeOn(input: PlaceInput, date: LocalDate, inProvince: Province | null, field: string): Place {
  const c = requireCommune(`${field}.communeCode`, input.communeCode, date, inProvince);
  return {
    commune: c.name,
    ...(c.district ? { district: c.district.name } : {}),
    communeCode: c.code,
    ...(input.venue !== undefined ? { venue: input.venue } : {}),
    ...(input.note !== undefined ? { note: input.note } : {}),
  };
}

/** "Xã Quảng Khê" → "quang khe"; "Phường 1" → "1": the name without its kind, for matching free text. */
const bare = (name: string): string => foldName(name).replace(/^(xa|phuong|thi tran|dac khu|tt\.?|p\.?|x\.?)\s+/, '');
/** "Huyện Thủ Thừa" → "thu thua". */
const bareDistrict = (name: string): string =>
  foldName(name).replace(/^(huyen|quan|thi xa|thanh pho|tp\.?|h\.?|q\.?)\s+/, '');

const resolved = new Map<string, Commune | null>();

/**
 * The commune a recorded place names, on the map of its date in the campaign's province: its
 * code when it has one that fits; otherwise the one commune whose name (with or without its kind,
 * accents or case) the free text is, narrowed by the district where one was recorded. Undefined
 * when the text names no commune or several: such records are listed as recorded, never guessed.
 */
export function resolvePlace(place: Place, organiser: string, year: number, date: LocalDate): Commune | undefined {
  const key = `${organiser}\u0000${year}\u0000${mapOn(date)}\u0000${place.communeCode ?? ''}\u0000${place.commune}\u0000${place.district ?? ''}`;
  const hit = resolved.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const found = find(place, organiser, year, date);
  if (resolved.size > 100_000) resolved.clear();
  resolved.set(key, found ?? null);
  return found;
}

function find(place: Place, organiser: string, year: number, date: LocalDate): Commune | undefined {
  const map = mapOn(date);
  const own =
    organiser === 'VN'
      ? undefined
      : (province(year <= 2025 ? 'pre2025' : 'current', organiser) ?? province('current', organiser));
  // The province's communes on the map of the date: after 1 July 2025 a 2025 campaign's
  // province is read as the province of today it became part of.
  const where = own === undefined ? undefined : own.map === map ? own : map === 'current' ? rollUp(own) : undefined;
  if (place.communeCode !== undefined) {
    const c = commune(map, place.communeCode);
    if (c !== undefined && (where === undefined || c.province.id === where.id)) return c;
  }
  if (where === undefined) return undefined;
  const text = bare(place.commune);
  const district = place.district === undefined ? undefined : bareDistrict(place.district);
  const matches = communesOf(where).filter(
    (c) =>
      bare(c.name) === text &&
      (district === undefined || c.district === undefined || bareDistrict(c.district.name) === district),
  );
  return matches.length === 1 ? matches[0] : undefined;
}
