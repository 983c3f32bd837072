import type { components } from '../../openapi/schema.ts';
import { getJson } from './api.ts';
import { h, type Child } from './dom.ts';
import { fmt, label, vnDate } from './format.ts';

/**
 * The communes of one of today's provinces (`#/xa/68?from=2024&to=2026`): meetings and attendees
 * by today's commune across campaign years — an old commune's meetings counted under the commune
 * it became, an old commune split between several kept apart, free text that names no commune
 * apart — and one commune's drill-down (`#/xa/68/24781`): by year, the old communes that formed
 * it, its meetings as recorded.
 */

type Table = components['schemas']['CommuneTable'];
type Detail = components['schemas']['CommuneDetail'];
type Row = Table['today'][number];

/** What the view draws with: the page's own `show` and problem line. */
export interface Screen {
  show(...nodes: Child[]): void;
  problem(e: unknown): HTMLElement;
}

export interface Years {
  from: number | null;
  to: number | null;
}

const FIRST_YEAR = 2020;
const yearsQuery = (y: Years): string => {
  const q = new URLSearchParams({
    ...(y.from !== null ? { from: String(y.from) } : {}),
    ...(y.to !== null ? { to: String(y.to) } : {}),
  }).toString();
  return q === '' ? '' : `?${q}`;
};
const communeLink = (code: string, commune: string, years: Years): string =>
  `#/xa/${code}/${commune}${yearsQuery(years)}`;

/** The year range picker: from and to, the list and its drill-downs read over these campaign years. */
function yearRange(years: Years, shown: { from: number; to: number }, go: (y: Years) => void): HTMLElement {
  const last = new Date().getFullYear() + 1;
  const options = (): HTMLOptionElement[] =>
    Array.from({ length: last - FIRST_YEAR + 1 }, (_, i) => last - i).map((y) =>
      h('option', { value: String(y) }, String(y)),
    );
  const from = h('select', { id: 'communes-from' }, ...options());
  const to = h('select', { id: 'communes-to' }, ...options());
  from.value = String(years.from ?? shown.from);
  to.value = String(years.to ?? shown.to);
  const change = (moved: 'from' | 'to') => (): void => {
    // A range the wrong way round is put right, keeping the year just chosen.
    if (Number(from.value) > Number(to.value))
      (moved === 'from' ? to : from).value = moved === 'from' ? from.value : to.value;
    go({ from: Number(from.value), to: Number(to.value) });
  };
  from.addEventListener('change', change('from'));
  to.addEventListener('change', change('to'));
  return h(
    'div',
    { class: 'controls' },
    h('label', {}, 'Từ năm ', from),
    h('label', {}, 'Đến năm ', to),
    h('span', { class: 'hint' }, 'Các năm của kế hoạch được tính'),
  );
}

type SortKey = 'name' | 'meetings' | 'attendees';
const SORTS: Record<SortKey, (a: Row, b: Row) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, 'vi'),
  meetings: (a, b) => b.meetings - a.meetings || a.name.localeCompare(b.name, 'vi'),
  attendees: (a, b) => b.attendees - a.attendees || a.name.localeCompare(b.name, 'vi'),
};

/** One row of today's communes: a commune (linked to its drill-down), an old commune split, or text naming none. */
function rowOf(r: Row, code: string, years: Years): HTMLTableRowElement {
  const links = (xs: { code: string; name: string }[]): Child[] =>
    xs.flatMap((x, i) => [i > 0 ? ', ' : null, h('a', { href: communeLink(code, x.code, years) }, x.name)]);
  const name =
    r.kind === 'commune' && r.code !== null
      ? h('th', { scope: 'row' }, h('a', { href: communeLink(code, r.code, years) }, r.name))
      : r.kind === 'split'
        ? h(
            'th',
            { scope: 'row' },
            r.name,
            ' ',
            h('span', { class: 'tag' }, 'xã cũ đã chia'),
            h('div', { class: 'hint' }, 'chia vào: ', ...links(r.splitInto ?? [])),
          )
        : h('th', { scope: 'row' }, r.name, ' ', h('span', { class: 'tag' }, 'chưa xác định xã'));
  return h(
    'tr',
    { 'data-kind': r.kind, ...(r.code !== null ? { 'data-code': r.code } : {}) },
    name,
    h('td', { class: 'num' }, fmt(r.meetings)),
    h('td', { class: 'num' }, fmt(r.attendees)),
    h('td', {}, r.recordedAs.join('; ') || '—'),
  );
}

/** Today's communes of the province with their meetings, sortable by name, meetings or attendees; a total row. */
function communeTable(t: Table, code: string, years: Years): HTMLElement {
  let sort: SortKey = 'meetings';
  const body = h('tbody');
  const heads: Record<SortKey, HTMLTableCellElement> = {
    name: h('th', { scope: 'col' }),
    meetings: h('th', { scope: 'col', class: 'num' }),
    attendees: h('th', { scope: 'col', class: 'num' }),
  };
  const titles: Record<SortKey, string> = {
    name: 'Xã, phường (nay)',
    meetings: 'Hội nghị',
    attendees: 'Người tham dự',
  };
  const draw = (): void => {
    body.replaceChildren(...[...t.today].sort(SORTS[sort]).map((r) => rowOf(r, code, years)));
    for (const [k, th] of Object.entries(heads) as [SortKey, HTMLTableCellElement][]) {
      if (k === sort) th.setAttribute('aria-sort', k === 'name' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  };
  for (const [k, th] of Object.entries(heads) as [SortKey, HTMLTableCellElement][])
    th.append(
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          'data-sort': k,
          onclick: () => {
            sort = k;
            draw();
          },
        },
        titles[k],
      ),
    );
  draw();
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'ranking', id: 'communes' },
      h(
        'caption',
        {},
        `Hội nghị theo xã, phường hiện nay — ${t.province.name}, ${t.from === t.to ? t.from : `${t.from}–${t.to}`}`,
      ),
      h(
        'thead',
        {},
        h('tr', {}, heads.name, heads.meetings, heads.attendees, h('th', { scope: 'col' }, 'Ghi nhận là')),
      ),
      body,
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `Tổng cộng (${fmt(t.today.length)} dòng)`),
          h('td', { class: 'num' }, fmt(t.total.meetings)),
          h('td', { class: 'num' }, fmt(t.total.attendees)),
          h('td', {}, ''),
        ),
      ),
    ),
  );
}

/** `#/xa/<code>`: the province's communes of today, or with `commune`, one commune's drill-down. */
export async function communesView(screen: Screen, code: string, commune: string | null, years: Years): Promise<void> {
  const go = (y: Years): void => {
    location.hash = commune === null ? `#/xa/${code}${yearsQuery(y)}` : communeLink(code, commune, y);
  };
  const loading = h('p', { class: 'loading' }, 'Đang tải…');
  screen.show(h('h1', {}, commune === null ? `Xã, phường — tỉnh ${code}` : 'Xã, phường'), loading);
  try {
    if (commune === null) {
      const t = await getJson<Table>(`/provinces/${code}/communes${yearsQuery(years)}`);
      return screen.show(...provinceCommunes(t, code, years, go));
    }
    const d = await getJson<Detail>(`/provinces/${code}/communes/${commune}${yearsQuery(years)}`);
    return screen.show(...communeDetail(d, code, years, go));
  } catch (e) {
    screen.show(
      h('h1', {}, 'Xã, phường'),
      h('p', {}, h('a', { href: `#/xa/${code}` }, 'Về danh sách xã, phường')),
      screen.problem(e),
    );
  }
}

function provinceCommunes(t: Table, code: string, years: Years, go: (y: Years) => void): Child[] {
  const split = t.today.filter((r) => r.kind === 'split').length;
  const unmapped = t.today.filter((r) => r.kind === 'unmapped').length;
  const campaigns = t.campaigns.map((c) => `${c.province} ${c.year}`).join(', ');
  return [
    h('h1', {}, `Xã, phường — ${t.province.name}`),
    yearRange(years, t, go),
    h(
      'p',
      { class: 'meta' },
      campaigns === ''
        ? `Chưa có kế hoạch nào trong các năm ${t.from}–${t.to}.`
        : `Tính hội nghị của các kế hoạch: ${campaigns}. Hội nghị ở xã cũ được tính vào xã, phường hiện nay.`,
    ),
    h(
      'div',
      { class: 'figures' },
      h(
        'div',
        { class: 'figure', 'data-figure': 'meetings' },
        h('div', { class: 'figure-label' }, label('meetings')),
        h('div', { class: 'figure-value' }, fmt(t.total.meetings)),
      ),
      h(
        'div',
        { class: 'figure', 'data-figure': 'attendees' },
        h('div', { class: 'figure-label' }, label('attendees')),
        h('div', { class: 'figure-value' }, fmt(t.total.attendees)),
      ),
    ),
    split + unmapped > 0
      ? h(
          'p',
          { class: 'hint' },
          [
            split ? `${split} xã cũ đã chia cho nhiều xã, phường mới: tính riêng, không đoán` : '',
            unmapped ? `${unmapped} địa điểm ghi nhận chưa xác định được xã` : '',
          ]
            .filter(Boolean)
            .join('; '),
        )
      : null,
    t.today.length ? communeTable(t, code, years) : h('p', {}, 'Chưa có hội nghị nào được ghi nhận.'),
  ];
}

const place = (m: { commune: string; district: string | null }): string =>
  m.district ? `${m.commune} (${m.district})` : m.commune;

/** A plain table: a caption, column heads (numbers right-aligned), rows. */
function table(id: string, caption: string, heads: string[], numeric: number[], rows: string[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'ranking stack', id },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...heads.map((c, i) => h('th', { scope: 'col', ...(numeric.includes(i) ? { class: 'num' } : {}) }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            {},
            // Each cell names its column: on a narrow screen the rows stand as cards.
            ...r.map((c, i) =>
              h('td', { 'data-label': heads[i] ?? '', ...(numeric.includes(i) ? { class: 'num' } : {}) }, c),
            ),
          ),
        ),
      ),
    ),
  );
}

function communeDetail(d: Detail, code: string, years: Years, go: (y: Years) => void): Child[] {
  const from = d.byYear[0]?.year ?? years.from ?? new Date().getFullYear();
  const to = d.byYear[d.byYear.length - 1]?.year ?? years.to ?? from;
  return [
    h('h1', {}, `${d.commune.name} — ${d.province.name}`),
    h('p', {}, h('a', { href: `#/xa/${code}${yearsQuery(years)}`, id: 'to-communes' }, 'Về danh sách xã, phường')),
    yearRange(years, { from: Math.min(from, 2024), to: Math.max(to, new Date().getFullYear()) }, go),
    h(
      'div',
      { class: 'figures' },
      h(
        'div',
        { class: 'figure', 'data-figure': 'meetings' },
        h('div', { class: 'figure-label' }, label('meetings')),
        h('div', { class: 'figure-value' }, fmt(d.total.meetings)),
      ),
      h(
        'div',
        { class: 'figure', 'data-figure': 'attendees' },
        h('div', { class: 'figure-label' }, label('attendees')),
        h('div', { class: 'figure-value' }, fmt(d.total.attendees)),
      ),
    ),
    h(
      'section',
      { class: 'card', id: 'formed-from' },
      h('h2', {}, 'Hình thành từ các xã, phường trước 1/7/2025'),
      d.formedFrom.length
        ? h('ul', {}, ...d.formedFrom.map((x) => h('li', {}, x.district ? `${x.name} (${x.district})` : x.name)))
        : h('p', {}, 'Không có (xã, phường không thay đổi hoặc chưa có dữ liệu).'),
    ),
    table(
      'commune-years',
      'Theo năm',
      ['Năm', 'Hội nghị', 'Người tham dự'],
      [1, 2],
      d.byYear.map((y) => [String(y.year), fmt(y.meetings), fmt(y.attendees)]),
    ),
    table(
      'commune-recorded',
      'Như ghi nhận',
      ['Năm', 'Ghi nhận là', 'Hội nghị', 'Người tham dự'],
      [2, 3],
      d.asRecorded.map((r) => [String(r.year), place(r), fmt(r.meetings), fmt(r.attendees)]),
    ),
    d.split.length
      ? h(
          'p',
          { class: 'hint', id: 'commune-split' },
          `Xã cũ đã chia, một phần nay thuộc ${d.commune.name} (hội nghị không tính ở trên): `,
          d.split.map((s) => `${s.name} (${fmt(s.meetings)} hội nghị)`).join('; '),
        )
      : null,
    d.meetings.length
      ? table(
          'commune-meetings',
          `Các hội nghị (${fmt(d.meetings.length)}, mới nhất trước)`,
          ['Ngày', 'Tiêu đề', 'Hình thức', 'Địa điểm như ghi nhận', 'Người tham dự'],
          [4],
          d.meetings.map((m) => [vnDate(m.date), m.title ?? '—', label(m.format), place(m), fmt(m.attendees)]),
        )
      : h('p', {}, 'Chưa có hội nghị nào được ghi nhận ở xã, phường này.'),
  ];
}
