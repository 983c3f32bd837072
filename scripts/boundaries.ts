/**
 * Regenerates the maps the page draws (maps/*.json): the 34 provinces, and each province's
 * communes keyed by the statistics office's five-digit code, from public boundary data:
 *
 * - github.com/thanglequoc/vietnamese-provinces-database (MIT licence; the boundaries themselves
 *   were fetched by that project from the merger map of sapnhap.bando.com.vn), folder
 *   `dataset-generation-scripts/resources/gis/`:
 *   - `sapnhapbando_geojson/ti<N>.geojson` (a province: `a02_tinh`) and `xa<N>.geojson` (a commune:
 *     `a02_xa`), in degrees (WGS 84);
 *   - `sapnhapbando_geo_objects.sql`: each object's statistics-office code (`ma`), its province
 *     (`magoc`) and the map object it is drawn by (`malk`, the `a02_tinh`/`a02_xa` above);
 *   - `geojson_11Mar2026/<province>/wards/<n>_<name>_<kind>.geojson`: the same communes fetched
 *     again in March 2026, named by file only — used for a commune whose `xa<N>` file is absent
 *     from the copy read, found by its province's and its own name.
 *
 * Each map is projected (longitude scaled by the cosine of the map's middle latitude, north up),
 * its shared borders found once (TopoJSON), simplified so that what is thinner than about half a
 * pixel at 800 pixels across goes, and quantized to a 4,000-step grid: a province's communes
 * still meet without gaps, and the files stay small. The script refuses to write unless every
 * current province and commune (domain/shared/admin-units/current.json) has a shape.
 *
 *   npm run data:boundaries -- --source <vietnamese-provinces-database checkout or git dir>
 *
 * (it reads the files at the source's HEAD through git; --commit picks another commit).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { Topology } from 'topojson-specification';
import CURRENT from '../domain/shared/admin-units/current.json' with { type: 'json' };
import { PROVINCES } from '../domain/shared/units.ts';

const { values } = parseArgs({
  options: { source: { type: 'string' }, commit: { type: 'string' }, out: { type: 'string' } },
});
if (values.source === undefined) {
  console.error('usage: npm run data:boundaries -- --source <vietnamese-provinces-database checkout> [--out <dir>]');
  process.exit(2);
}
const source = values.source;
const out = values.out ?? join(import.meta.dirname, '../maps');
const GIS = 'dataset-generation-scripts/resources/gis';

const git = (args: string[]): string =>
  execFileSync('git', ['-C', source, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
const commit = values.commit ?? git(['rev-parse', 'HEAD']).trim();

/** The files under a folder at the commit: path → blob. */
function tree(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const line of git(['ls-tree', '-r', '-z', commit, folder]).split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
    if (m) files.set(m[2] as string, m[1] as string);
  }
  return files;
}
/** The blobs the copy holds (a partial copy may lack some large ones). */
function present(blobs: string[]): Set<string> {
  const answer = execFileSync('git', ['-C', source, 'cat-file', '--batch-check'], {
    input: blobs.join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return new Set(
    answer
      .split('\n')
      .filter((l) => / blob \d+$/.test(l))
      .map((l) => l.split(' ')[0] as string),
  );
}
const readJson = (blob: string): unknown => JSON.parse(git(['cat-file', 'blob', blob]));
/** Many blobs at once (one git process per hundred files rather than per file). */
function* readJsons(blobs: string[]): Generator<[string, unknown]> {
  for (let i = 0; i < blobs.length; i += 100) {
    const batch = blobs.slice(i, i + 100);
    const bytes = execFileSync('git', ['-C', source, 'cat-file', '--batch'], {
      input: batch.join('\n') + '\n',
      maxBuffer: 1 << 30,
    });
    let at = 0;
    for (const blob of batch) {
      const eol = bytes.indexOf(10, at);
      const size = Number(bytes.toString('latin1', at, eol).split(' ')[2]);
      yield [blob, JSON.parse(bytes.toString('utf8', eol + 1, eol + 1 + size))];
      at = eol + 1 + size + 1;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Codes: the SQL rows (ma, ten, magoc, malk, …)

interface SqlRow {
  code: string;
  name: string;
  province: string | null;
  object: string;
}
const sql = git(['show', `${commit}:${GIS}/sapnhapbando_geo_objects.sql`]);
const rows: SqlRow[] = [];
for (const m of sql.matchAll(/^\s*\('(\d+)', '((?:[^']|'')*)', (?:NULL|'(\d+)'), '([^']+)'/gm))
  rows.push({
    code: m[1] as string,
    name: (m[2] as string).replace(/''/g, "'"),
    province: m[3] ?? null,
    object: m[4] as string,
  });
const byObject = new Map(rows.map((r) => [r.object, r]));

const currentProvinces = [...PROVINCES.values()].filter((p) => p.map === 'current');
const communes = CURRENT.communes as [string, string, string][];
const communeName = new Map(communes.map(([code, name]) => [code, name]));
const provinceOf = new Map(communes.map(([code, , province]) => [code, province]));

// ---------------------------------------------------------------------------------------------
// Shapes

type Shape = Polygon | MultiPolygon;
const provinceShapes = new Map<string, Shape>();
const communeShapes = new Map<string, Shape>();
const problems: string[] = [];

const files = tree(`${GIS}/sapnhapbando_geojson`);
const have = present([...files.values()]);
const FeatureFile = (blob: string): Feature<Shape, Record<string, unknown>>[] =>
  (readJson(blob) as FeatureCollection<Shape, Record<string, unknown>>).features;

const absent: string[] = [];
const pathOf = new Map([...files].map(([path, blob]) => [blob, path]));
for (const [path, blob] of files) if (!have.has(blob)) absent.push(path);
let read = 0;
for (const [blob, json] of readJsons([...files.values()].filter((b) => have.has(b)))) {
  const path = pathOf.get(blob) as string;
  const kind = /\/(ti|xa)\d+\.geojson$/.exec(path)?.[1];
  if (kind === undefined) continue;
  for (const f of (json as FeatureCollection<Shape, Record<string, unknown>>).features) {
    const object = String(f.properties[kind === 'ti' ? 'a02_tinh' : 'a02_xa']);
    const row = byObject.get(object);
    if (row === undefined) {
      problems.push(`${path}: ${object} is not in the SQL`);
      continue;
    }
    const shapes = kind === 'ti' ? provinceShapes : communeShapes;
    if (shapes.has(row.code)) problems.push(`${path}: ${row.code} drawn twice`);
    shapes.set(row.code, f.geometry);
  }
  if (++read % 500 === 0) console.error(`read ${read} of ${files.size} files`);
}

// A few rows of the SQL give a commune another code than the statistics office's letter: the
// commune of that name in that province, when there is exactly one and it has no shape yet.
const recoded: string[] = [];
for (const [code, shape] of [...communeShapes]) {
  if (provinceOf.has(code)) continue;
  const row = rows.find((r) => r.code === code && r.province !== null);
  const same = communes.filter(([c, name, p]) => name === row?.name && p === row.province && !communeShapes.has(c));
  if (row === undefined || same.length !== 1) continue;
  const [office] = same[0] as [string, string, string];
  communeShapes.delete(code);
  communeShapes.set(office, shape);
  recoded.push(`${row.name} (${row.province}): ${code} in the SQL, ${office} in the statistics office's letter`);
}
if (recoded.length > 0) console.error(`recoded by name:\n  ${recoded.join('\n  ')}`);

/** Folds a name as the March 2026 files are named: no tone marks (đ kept), lower case, underscores. */
const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_');

// The communes still without a shape: the March 2026 copy, by province folder and commune name.
const missing = communes.filter(([code]) => !communeShapes.has(code));
if (missing.length > 0) {
  const later = tree(`${GIS}/geojson_11Mar2026`);
  const folders = new Map<string, string>();
  for (const path of later.keys()) {
    const folder = /geojson_11Mar2026\/(\d+_[^/]+)\/province\.geojson$/.exec(path)?.[1];
    if (folder) folders.set(folder.replace(/^\d+_/, ''), folder);
  }
  for (const [code, name, province] of missing) {
    const provinceName = fold(PROVINCES.get(`current:${province}`)?.name ?? '?');
    const folder = [...folders].find(([n]) => n === provinceName || n.endsWith(`_${provinceName}`))?.[1];
    const kind = /^(Xã|Phường|Đặc khu)\s+(.+)$/u.exec(name);
    const file = kind ? `${fold(kind[2] as string)}_${fold(kind[1] as string)}.geojson` : undefined;
    const path = [...later.keys()].find(
      (p) => folder && file && p.includes(`/${folder}/wards/`) && p.endsWith(`_${file}`),
    );
    const features = path ? FeatureFile(later.get(path) as string) : [];
    if (features.length === 1) {
      communeShapes.set(code, (features[0] as Feature<Shape>).geometry);
      console.error(`${code} ${name}: from ${path}`);
    }
  }
}

for (const p of currentProvinces)
  if (!provinceShapes.has(p.code)) problems.push(`province ${p.code} ${p.name}: no shape`);
for (const [code, name] of communes) if (!communeShapes.has(code)) problems.push(`commune ${code} ${name}: no shape`);
for (const code of communeShapes.keys())
  if (!provinceOf.has(code)) problems.push(`${code}: drawn but not a current commune`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`absent from the copy: ${absent.join(', ') || 'none'}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Projection, topology, simplification

/** Longitude scaled by the cosine of the middle latitude, latitude up: a plain, faithful enough map of a province. */
function project(shapes: Map<string, Shape>): Map<string, Shape> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of shapes.values())
    for (const ring of s.type === 'Polygon' ? s.coordinates : s.coordinates.flat())
      for (const [, lat] of ring) {
        lo = Math.min(lo, lat as number);
        hi = Math.max(hi, lat as number);
      }
  const k = Math.cos((((lo + hi) / 2) * Math.PI) / 180);
  const point = ([lon, lat]: Position): Position => [(lon as number) * k, -(lat as number)];
  const rings = (p: Position[][]) => p.map((r) => r.map(point));
  return new Map(
    [...shapes].map(([code, s]) => [
      code,
      s.type === 'Polygon'
        ? { type: 'Polygon', coordinates: rings(s.coordinates) }
        : { type: 'MultiPolygon', coordinates: s.coordinates.map(rings) },
    ]),
  );
}

/** The extent of a map's shapes (projected units). */
function extent(shapes: Map<string, Shape>): number {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const s of shapes.values())
    for (const ring of s.type === 'Polygon' ? s.coordinates : s.coordinates.flat())
      for (const [x = 0, y = 0] of ring) {
        box[0] = Math.min(box[0] as number, x);
        box[1] = Math.min(box[1] as number, y);
        box[2] = Math.max(box[2] as number, x);
        box[3] = Math.max(box[3] as number, y);
      }
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = box;
  return Math.max(x1 - x0, y1 - y0);
}

const PIXELS = 800;
const GRID = 4000;
/** What is drawn: triangles of at least this many square pixels at 800 pixels across. */
const AREA = 0.5;

function mapOf(shapes: Map<string, Shape>, names: Map<string, string>): Topology {
  const projected = project(shapes);
  const px = extent(projected) / PIXELS;
  const collection: FeatureCollection<Shape> = {
    type: 'FeatureCollection',
    features: [...projected].map(([code, geometry]) => ({
      type: 'Feature',
      id: code,
      properties: { name: names.get(code) ?? code },
      geometry,
    })),
  };
  // Shared borders are found on a fine grid first (sources drawn from one survey meet exactly).
  const t = presimplify(topology({ areas: collection }, 1e6) as Parameters<typeof presimplify>[0]);
  // Weights are areas on that grid: a square pixel at 800 pixels across is (px / sx) × (px / sy).
  const [sx = 1, sy = 1] = t.transform?.scale ?? [];
  const weight = (AREA * px * px) / (sx * sy);
  return quantize(simplify(t, weight), GRID);
}

// ---------------------------------------------------------------------------------------------
// Writing

// The province files draw the mainland and near islands; the offshore special zones (Hoàng Sa of
// Đà Nẵng, Trường Sa of Khánh Hòa) are drawn by their communes only: added to their province.
function box(s: Shape): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of s.type === 'Polygon' ? s.coordinates : s.coordinates.flat())
    for (const [x = 0, y = 0] of ring) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}
const polygons = (s: Shape): Position[][][] => (s.type === 'Polygon' ? [s.coordinates] : s.coordinates);
for (const [code, shape] of communeShapes) {
  const p = provinceOf.get(code) as string;
  const whole = provinceShapes.get(p) as Shape;
  const [x0, y0, x1, y1] = box(whole);
  const [a0, b0, a1, b1] = box(shape);
  if (a0 <= x1 && a1 >= x0 && b0 <= y1 && b1 >= y0) continue; // overlaps the province's box: drawn
  provinceShapes.set(p, { type: 'MultiPolygon', coordinates: [...polygons(whole), ...polygons(shape)] });
  console.error(`${communeName.get(code)} added to the province ${p}'s shape`);
}

const provinceNames = new Map(currentProvinces.map((p) => [p.code, p.name]));
const about = {
  source: `github.com/thanglequoc/vietnamese-provinces-database ${GIS} at ${commit} (MIT; boundaries from sapnhap.bando.com.vn)`,
  generatedBy: 'npm run data:boundaries (scripts/boundaries.ts)',
};
const write = (file: string, t: Topology): number => {
  const text = JSON.stringify({ ...about, ...t });
  writeFileSync(file, text + '\n');
  return Buffer.byteLength(text);
};

mkdirSync(join(out, 'communes'), { recursive: true });
for (const f of readdirSync(join(out, 'communes'))) rmSync(join(out, 'communes', f));
const sizes: string[] = [`provinces.json ${write(join(out, 'provinces.json'), mapOf(provinceShapes, provinceNames))}`];
for (const p of currentProvinces) {
  const own = new Map([...communeShapes].filter(([code]) => provinceOf.get(code) === p.code));
  sizes.push(`communes/${p.code}.json ${write(join(out, 'communes', `${p.code}.json`), mapOf(own, communeName))}`);
}
console.error(sizes.join('\n'));
console.error(
  `${provinceShapes.size} provinces, ${communeShapes.size} communes; absent from the copy and found elsewhere: ${absent.join(', ') || 'none'}`,
);
