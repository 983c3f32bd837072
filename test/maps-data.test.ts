import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import CURRENT from '../domain/shared/admin-units/current.json' with { type: 'json' };
import { PROVINCES } from '../domain/shared/units.ts';

const MAPS = join(import.meta.dirname, '..', 'maps');
interface MapFile {
  source: string;
  type: 'Topology';
  transform: { scale: [number, number]; translate: [number, number] };
  objects: { areas: { type: 'GeometryCollection'; geometries: { id: string; properties: { name: string } }[] } };
}
const read = (file: string): MapFile => JSON.parse(readFileSync(join(MAPS, file), 'utf8')) as MapFile;
const ids = (m: MapFile): string[] => m.objects.areas.geometries.map((g) => g.id).sort();
const current = [...PROVINCES.values()].filter((p) => p.map === 'current');

describe('the maps (npm run data:boundaries)', () => {
  it('draws the 34 provinces of today, each named, in one small file', () => {
    const m = read('provinces.json');
    expect(m.type).toBe('Topology');
    expect(m.transform.scale).toHaveLength(2);
    expect(ids(m)).toEqual(current.map((p) => p.code).sort());
    expect(m.source).toMatch(/vietnamese-provinces-database .* at [0-9a-f]{40}/);
    const bytes = statSync(join(MAPS, 'provinces.json')).size;
    expect(bytes).toBeLessThan(100_000);
    expect(gzipSync(readFileSync(join(MAPS, 'provinces.json'))).length).toBeLessThan(30_000);
  });

  it('draws every one of the 3,321 communes of today in its province’s file, and nothing else', () => {
    const communes = CURRENT.communes as [string, string, string][];
    expect(communes).toHaveLength(3321);
    expect(readdirSync(join(MAPS, 'communes')).sort()).toEqual(current.map((p) => `${p.code}.json`).sort());
    for (const p of current) {
      const m = read(join('communes', `${p.code}.json`));
      const own = communes.filter(([, , province]) => province === p.code);
      expect(ids(m), p.name).toEqual(own.map(([code]) => code).sort());
      const names = new Map(m.objects.areas.geometries.map((g) => [g.id, g.properties.name]));
      for (const [code, name] of own) expect(names.get(code)).toBe(name);
      expect(statSync(join(MAPS, 'communes', `${p.code}.json`)).size, p.name).toBeLessThan(150_000);
    }
  });
});
