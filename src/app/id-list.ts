import type { IdIndex } from '../../projections/catalog.ts';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * One campaign's ids of one kind, with the position that recorded each, in that order (ids are
 * added as records are recorded). Compact: a UUID takes 16 bytes and a position 8, instead of a
 * string and a map entry each (a large log's index is a million ids). Ids that are not lowercase
 * UUIDs are kept as strings beside them.
 */
export class IdList implements IdIndex {
  private bytes = new Uint8Array(16 * 16);
  private positions = new Float64Array(16);
  private odd: Map<number, string> | null = null;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds an id recorded at `position` (after every id already in the list). */
  set(id: string, position: number): this {
    if (this.count === this.positions.length) {
      const bytes = new Uint8Array(this.bytes.length * 2);
      bytes.set(this.bytes);
      this.bytes = bytes;
      const positions = new Float64Array(this.positions.length * 2);
      positions.set(this.positions);
      this.positions = positions;
    }
    const i = this.count++;
    this.positions[i] = position;
    if (!CANONICAL_UUID.test(id)) {
      (this.odd ??= new Map()).set(i, id);
      return this;
    }
    // Hex digits by char code (0-9: 48-57, a-f: 97-102), skipping the dashes.
    const nibble = (c: number): number => (c <= 57 ? c - 48 : c - 87);
    for (let b = 0, at = 0; b < 16; b++, at += 2) {
      if (id.charCodeAt(at) === 45) at++;
      this.bytes[i * 16 + b] = (nibble(id.charCodeAt(at)) << 4) | nibble(id.charCodeAt(at + 1));
    }
    return this;
  }

  private idAt(i: number): string {
    const odd = this.odd?.get(i);
    if (odd !== undefined) return odd;
    const o = i * 16;
    const h = (from: number, to: number): string => {
      let s = '';
      for (let b = from; b < to; b++) s += HEX[this.bytes[o + b] as number];
      return s;
    };
    return `${h(0, 4)}-${h(4, 6)}-${h(6, 8)}-${h(8, 10)}-${h(10, 16)}`;
  }

  *entries(): Generator<[string, number]> {
    for (let i = 0; i < this.count; i++) yield [this.idAt(i), this.positions[i] as number];
  }
  [Symbol.iterator](): Generator<[string, number]> {
    return this.entries();
  }
  *keys(): Generator<string> {
    for (let i = 0; i < this.count; i++) yield this.idAt(i);
  }
}
