import { CATALOG_SLICES, type CatalogKind, type IndexedKind } from '../../projections/catalog.ts';

/**
 * How a row of `readmodels.sqlite` names its document, compactly: a million documents are named
 * three times each (the table, its key and the campaign index), and their references twice more.
 * - The kind is a small number (`KIND_CODE`), not its name.
 * - An id that is a lowercase UUID is kept as its 16 bytes, not 36 characters; any other id (a
 *   campaign's `01-2026`, an id a client chose) stays text. The two never meet: SQLite orders and
 *   compares a blob and a text as different values, and each id has exactly one form.
 * - The document's text leaves out what the row's columns hold (`RowValues`, document-codec.ts).
 */

/** Each kind's code, as its capability declares it (projections/capabilities.ts): fixed for the file's layout. */
export const KIND_CODE: Readonly<Record<CatalogKind, number>> = Object.fromEntries(
  CATALOG_SLICES.map(([kind, slice]) => [kind, slice.code]),
) as Record<CatalogKind, number>;
const KIND_BY_CODE = new Map(Object.entries(KIND_CODE).map(([kind, code]) => [code, kind as CatalogKind]));

/** The kind a row's code stands for, or undefined for a code this layout does not have. */
export const kindOf = (code: unknown): CatalogKind | undefined =>
  typeof code === 'number' ? KIND_BY_CODE.get(code) : undefined;

/**
 * An id as the file keeps it: 16 bytes for a UUID in its one canonical text (lowercase, dashed), the text otherwise.
 * Checked and converted in one pass: a rebuild converts a million and more.
 */
export function idKey(id: string): string | Buffer {
  if (id.length !== 36) return id;
  const bytes = Buffer.allocUnsafe(16);
  for (let b = 0, at = 0; b < 16; b++, at += 2) {
    if (at === 8 || at === 13 || at === 18 || at === 23) {
      if (id.charCodeAt(at) !== 45) return id;
      at++;
    }
    const hi = nibble(id.charCodeAt(at));
    const lo = nibble(id.charCodeAt(at + 1));
    if (hi < 0 || lo < 0) return id;
    bytes[b] = (hi << 4) | lo;
  }
  return bytes;
}
/** A lowercase hex digit's value by its char code (0-9: 48-57, a-f: 97-102), else -1. */
const nibble = (c: number): number => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1);

/** The id a kept key stands for. */
export function idText(key: string | Buffer): string {
  if (typeof key === 'string') return key;
  const h = key.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The field of a campaign document that holds its id (the key it is kept under), as its capability declares it. */
export const ID_FIELD: Readonly<Record<IndexedKind, string>> = Object.fromEntries(
  CATALOG_SLICES.flatMap(([kind, slice]) => (slice.idField === undefined ? [] : [[kind, slice.idField]])),
) as Record<IndexedKind, string>;

/**
 * What the row of a campaign document holds that the document holds too: its campaign (organiser
 * and year), the position that recorded it and its id (in the field `idField`).
 */
export interface RowValues {
  organiser: string;
  year: number;
  position: number;
  id: string;
  idField: string;
}

/** The row values of a campaign document read back: its campaign column is `organiser-year` (campaignKey). */
export function rowValuesOf(kind: IndexedKind, id: string, campaign: string, position: number): RowValues {
  const dash = campaign.lastIndexOf('-');
  return {
    organiser: campaign.slice(0, dash),
    year: Number(campaign.slice(dash + 1)),
    position,
    id,
    idField: ID_FIELD[kind],
  };
}
