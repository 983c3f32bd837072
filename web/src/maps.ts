/**
 * Maps: areas (the provinces of today, or one province's communes) coloured by a chosen figure,
 * drawn as SVG from the service's map files (GET /reference/maps/…: TopoJSON already projected,
 * so drawing is joining its points). The map file is fetched only once the card comes into view,
 * so a dashboard's first paint does not wait for it; the figures are in a table under the map.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { getJson } from './api.ts';
import { h } from './dom.ts';
import { fmt } from './format.ts';

/** A figure the map can be coloured by. */
export interface MapFigure {
  key: string;
  label: string;
  /** How a value is written (default: a count). */
  format?: (n: number) => string;
}

/** One row of figures: an area of the map (by its code), or something the map cannot draw (no code). */
export interface MapRow {
  code: string | null;
  name: string;
  values: Record<string, number>;
  /** Why a row without a code is not on the map. */
  note?: string;
}

export interface MapCardOptions {
  /** Unique in the page: ids of the card's controls derive from it. */
  id: string;
  title: string;
  /** The map file: /reference/maps/provinces or /reference/maps/communes/<province>. */
  url: string;
  figures: MapFigure[];
  rows: MapRow[];
  /** What an area is called in the table's head and in the count of areas without records. */
  area: { one: string; many: string };
}

type AreaProps = { name: string };
type AreaMap = Topology<{ areas: GeometryCollection<AreaProps> }>;

/** Map files once per page load (the browser revalidates them by ETag across loads). */
const files = new Map<string, Promise<AreaMap>>();
const mapFile = (url: string): Promise<AreaMap> => {
  let file = files.get(url);
  if (file === undefined) {
    file = getJson<AreaMap>(url);
    file.catch(() => files.delete(url));
    files.set(url, file);
  }
  return file;
};

/** Five shades of the page's blue, lightest first; areas without records are grey. */
const SHADES = ['#d2deed', '#a5bddb', '#7a9cc9', '#4c7bb7', '#1f5aa6'];
const NONE = '#eceff2';

/**
 * Class limits: up to five steps of a "nice" size (1, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ), the last one
 * reaching the largest value; counts up to 5 get a class each.
 */
export function classLimits(max: number): number[] {
  if (max <= 0) return [];
  if (max <= 5) return Array.from({ length: Math.ceil(max) }, (_, i) => i + 1);
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const limits: number[] = [];
  for (let i = 1; limits.length === 0 || (limits.at(-1) as number) < max; i++) limits.push(Math.round(step * i));
  return limits;
}

/** The shade of a value: its class among the limits (the top class takes the darkest shade). */
function shade(value: number, limits: number[]): string {
  if (value <= 0 || limits.length === 0) return NONE;
  const i = limits.findIndex((l) => value <= l);
  const cls = i === -1 ? limits.length - 1 : i;
  return SHADES[Math.min(Math.max(SHADES.length - limits.length, 0) + cls, SHADES.length - 1)] as string;
}

/**
 * A card with a map of areas coloured by the chosen figure, its legend, a line telling the area
 * under the pointer or focus, and the figures in a table (Bảng số liệu).
 */
export function mapCard(o: MapCardOptions): HTMLElement {
  const select = h(
    'select',
    { id: `${o.id}-figure`, 'aria-label': `${o.title}: tô màu theo` },
    ...o.figures.map((f) => h('option', { value: f.key }, f.label)),
  );
  const drawing = h('div', { class: 'map-drawing' }, h('p', { class: 'loading' }, 'Đang tải bản đồ…'));
  const legend = h('div', { class: 'map-legend', id: `${o.id}-legend` });
  const info = h('p', { class: 'map-info hint', id: `${o.id}-info` }, 'Di chuột hoặc dùng phím Tab để xem số liệu.');
  const details = h('details', { class: 'data' }, h('summary', {}, 'Bảng số liệu'));
  const card = h(
    'section',
    { class: 'card wide map-card', id: o.id },
    h('h3', {}, o.title),
    h('label', { class: 'map-figure' }, 'Tô màu theo ', select),
    drawing,
    legend,
    info,
    details,
  );
  const byCode = new Map(o.rows.filter((r) => r.code !== null).map((r) => [r.code as string, r]));
  const figure = (): MapFigure => o.figures.find((f) => f.key === select.value) ?? (o.figures[0] as MapFigure);
  let map: AreaMap | undefined;

  const render = (): void => {
    const f = figure();
    details.replaceChildren(h('summary', {}, 'Bảng số liệu'), table(o, f, map));
    if (map === undefined) return;
    const write = f.format ?? fmt;
    const value = (code: string) => byCode.get(code)?.values[f.key] ?? 0;
    const limits = classLimits(Math.max(0, ...o.rows.map((r) => r.values[f.key] ?? 0)));
    const drawn = svg(o, map, f, limits, value, write, info);
    const inset = drawn.dataset.inset;
    drawing.replaceChildren(
      drawn,
      inset ? h('p', { class: 'hint' }, `Khung nét đứt: ${inset}, vẽ thu nhỏ, không đúng vị trí trên bản đồ.`) : '',
    );
    legend.replaceChildren(legendOf(f, limits, write));
  };
  select.addEventListener('change', render);
  render();

  const load = (): void => {
    mapFile(o.url).then(
      (m) => {
        map = m;
        render();
      },
      () => drawing.replaceChildren(h('p', { class: 'error' }, 'Không tải được bản đồ; số liệu vẫn có trong bảng.')),
    );
  };
  // Fetched when the card is about to come into view (at once where the browser cannot tell).
  if (typeof IntersectionObserver === 'undefined') load();
  else {
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen.disconnect();
        load();
      },
      { rootMargin: '200px' },
    );
    seen.observe(card);
  }
  return card;
}

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 800;

type Box = [number, number, number, number];
const union = (boxes: Box[]): Box =>
  boxes.reduce<Box>(
    (u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );

/**
 * Areas far out at sea (Đặc khu Trường Sa of Khánh Hòa, Hoàng Sa of Đà Nẵng): those apart from the
 * others' box by more than half its size. Drawn in place they would shrink the rest to a corner:
 * they go in a framed box of their own.
 */
function offshore(boxes: Box[]): Set<number> {
  const far = new Set<number>();
  if (boxes.length < 3) return far;
  boxes.forEach((b, i) => {
    const o = union(boxes.filter((_, j) => j !== i));
    const gap = Math.max(o[0] - b[2], b[0] - o[2], o[1] - b[3], b[1] - o[3]);
    if (gap > 0.5 * Math.max(o[2] - o[0], o[3] - o[1])) far.add(i);
  });
  return far.size < boxes.length / 2 ? far : new Set();
}

/** The map: one path per area, its name and figure in its title, focusable where it has records. */
function svg(
  o: MapCardOptions,
  map: AreaMap,
  f: MapFigure,
  limits: number[],
  value: (code: string) => number,
  write: (n: number) => string,
  info: HTMLElement,
): SVGSVGElement {
  const areas = feature(map, map.objects.areas).features;
  const rings = (g: (typeof areas)[number]['geometry']): number[][][] =>
    g === null ? [] : g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  const boxes = areas.map((a) =>
    union(rings(a.geometry).flatMap((ring) => ring.map(([x = 0, y = 0]): Box => [x, y, x, y]))),
  );
  const far = offshore(boxes);
  const [x0, y0, x1, y1] = union(boxes.filter((_, i) => !far.has(i)));
  const k = WIDTH / Math.max(x1 - x0, 1e-9);
  const height = Math.ceil((y1 - y0) * k);
  // The box of the areas at sea: a quarter of the width, in the lower right corner.
  const [fx0, fy0, fx1, fy1] = union(boxes.filter((_, i) => far.has(i)));
  const fk = Math.min((WIDTH * 0.25) / Math.max(fx1 - fx0, 1e-9), (height * 0.3) / Math.max(fy1 - fy0, 1e-9));
  const inset = { x: WIDTH - (fx1 - fx0) * fk - 8, y: height - (fy1 - fy0) * fk - 8 };
  const s = document.createElementNS(SVG, 'svg');
  s.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  s.setAttribute('role', 'group');
  s.setAttribute('aria-label', `${o.title}, tô màu theo ${f.label.toLowerCase()}; số liệu trong bảng ngay dưới`);
  s.classList.add('map');
  if (far.size > 0) {
    s.dataset.inset = [...far].map((i) => areas[i]?.properties.name).join(', ');
    const frame = document.createElementNS(SVG, 'rect');
    frame.setAttribute('x', String(Math.round(inset.x - 6)));
    frame.setAttribute('y', String(Math.round(inset.y - 6)));
    frame.setAttribute('width', String(Math.round((fx1 - fx0) * fk + 12)));
    frame.setAttribute('height', String(Math.round((fy1 - fy0) * fk + 12)));
    frame.setAttribute('class', 'map-inset');
    s.append(frame);
  }
  const tell = (text: string) => (info.textContent = text);
  areas.forEach((a, i) => {
    const code = String(a.id);
    const v = value(code);
    const at = far.has(i)
      ? ([x, y]: number[]) =>
          `${(inset.x + ((x ?? 0) - fx0) * fk).toFixed(1)},${(inset.y + ((y ?? 0) - fy0) * fk).toFixed(1)}`
      : ([x, y]: number[]) => `${(((x ?? 0) - x0) * k).toFixed(1)},${(((y ?? 0) - y0) * k).toFixed(1)}`;
    const d = rings(a.geometry)
      .map((ring) => `M${ring.map(at).join('L')}Z`)
      .join('');
    const p = document.createElementNS(SVG, 'path');
    const where = far.has(i) ? ' — vẽ trong khung riêng, thu nhỏ' : '';
    const text = `${a.properties.name}: ${v > 0 ? write(v) : 'chưa có số liệu'} (${f.label.toLowerCase()})${where}`;
    p.setAttribute('d', d);
    p.setAttribute('fill', shade(v, limits));
    p.setAttribute('fill-rule', 'evenodd');
    p.dataset.code = code;
    if (far.has(i)) p.setAttribute('class', 'offshore');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = text;
    p.append(title);
    if (v > 0) {
      p.setAttribute('tabindex', '0');
      p.setAttribute('role', 'img');
      p.setAttribute('aria-label', text);
    }
    p.addEventListener('pointerenter', () => tell(text));
    p.addEventListener('focus', () => tell(text));
    s.append(p);
  });
  return s;
}

/** The legend: a swatch per class with its range, and the grey of areas without records. */
function legendOf(f: MapFigure, limits: number[], write: (n: number) => string): HTMLElement {
  const item = (color: string, text: string) =>
    h('li', {}, h('span', { class: 'swatch', style: `background:${color}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { 'aria-label': `Chú giải: ${f.label.toLowerCase()}` },
    item(NONE, 'Chưa có số liệu'),
    ...limits.map((l, i) => {
      const from = i === 0 ? 1 : (limits[i - 1] ?? 0) + 1;
      return item(shade(l, limits), from >= l ? write(l) : `${write(from)}–${write(l)}`);
    }),
  );
}

/** The figures: the rows with records, most first by the chosen figure, and how many areas have none. */
function table(o: MapCardOptions, f: MapFigure, map: AreaMap | undefined): HTMLElement {
  const rows = o.rows
    .filter((r) => o.figures.some((x) => (r.values[x.key] ?? 0) > 0))
    .sort((a, b) => (b.values[f.key] ?? 0) - (a.values[f.key] ?? 0) || a.name.localeCompare(b.name, 'vi'));
  const drawn = map?.objects.areas.geometries.length;
  const withRecords = new Set(rows.map((r) => r.code).filter((c) => c !== null));
  const t = h(
    'table',
    { class: 'data' },
    h('caption', {}, o.title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, o.area.one),
        h('th', { scope: 'col' }, 'Mã'),
        ...o.figures.map((x) => h('th', { scope: 'col' }, x.label)),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { 'data-code': r.code ?? '' },
          h('th', { scope: 'row' }, r.note ? `${r.name} (${r.note})` : r.name),
          h('td', {}, r.code ?? '—'),
          ...o.figures.map((x) => h('td', { class: 'num' }, (x.format ?? fmt)(r.values[x.key] ?? 0))),
        ),
      ),
    ),
  );
  const rest = drawn === undefined ? null : drawn - withRecords.size;
  return h(
    'div',
    {},
    t,
    rows.length === 0 ? h('p', {}, 'Chưa có số liệu.') : null,
    rest ? h('p', { class: 'hint' }, `${fmt(rest)} ${o.area.many} chưa có số liệu.`) : null,
  );
}
