import type { components } from '../../openapi/schema.ts';
import { download, getJson, isReporter, reportingUnitOf, sendCommand, token, type Claims } from './api.ts';
import { h } from './dom.ts';
import './documents.css';
import { vnInstant } from './format.ts';

type Narrative = components['schemas']['ReportNarrative'];
type Status = components['schemas']['ReportingStatus'];
type Kind = 'campaign-result' | 'half-year' | 'year-end' | 'national-summary';

const KINDS: Record<Kind, string> = {
  'campaign-result': 'Báo cáo kết quả Tháng hành động (cao điểm và cả năm)',
  'half-year': 'Báo cáo 6 tháng đầu năm',
  'year-end': 'Báo cáo năm',
  'national-summary': 'Báo cáo tổng hợp toàn quốc',
};
/** The sections an official writes, as the document numbers them. */
const SECTIONS: [keyof Narrative['versions'][number]['sections'], string][] = [
  ['results', 'Đánh giá chung kết quả'],
  ['shortcomings', 'Tồn tại, hạn chế và nguyên nhân'],
  ['nextTasks', 'Nhiệm vụ, giải pháp thời gian tới'],
  ['proposals', 'Đề xuất, kiến nghị'],
];

/** Today in Vietnam, yyyy-MM-dd. */
const todayVn = (): string => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/** What the screen shows: the document picked, by its place in the page's address. */
interface Pick {
  code: string;
  year: number;
  kind: Kind;
  unit: string | null;
  date: string;
  asOf: string | null;
}

const hashOf = (p: Pick): string => {
  const q = new URLSearchParams({ loai: p.kind, ngay: p.date });
  if (p.unit !== null) q.set('don-vi', p.unit);
  if (p.asOf !== null) q.set('asOf', p.asOf);
  return `#/van-ban/${p.code}/${p.year}?${q.toString()}`;
};

/** Where the document and its narrative are read and written. */
function paths(p: Pick): { document: string; narrative: string } {
  if (p.kind === 'national-summary')
    return {
      document: `/national/documents/${p.year}/summary`,
      narrative: `/provinces/VN/documents/${p.year}/national-summary/narrative`,
    };
  const base = `/provinces/${p.code}/documents/${p.year}/${p.kind}${p.unit === null ? '' : `/units/${p.unit}`}`;
  return { document: base, narrative: `${base}/narrative` };
}

/** The link in the navigation: a province's officers and viewers, the national alliance, a unit's reporter. */
export function documentsLink(claims: Claims): HTMLElement | null {
  const year = new Date().getFullYear();
  if (claims.role === 'national_officer' || claims.role === 'auditor')
    return h('a', { href: `#/van-ban/VN/${year}`, id: 'nav-documents' }, 'Văn bản');
  if (!claims.province || claims.role === 'admin' || claims.role === 'monitoring') return null;
  return h('a', { href: `#/van-ban/${claims.province}/${year}`, id: 'nav-documents' }, 'Văn bản');
}

/**
 * `#/van-ban/68/2026?loai=year-end&don-vi=so-tai-chinh&ngay=2026-12-20`: pick a document (its kind,
 * year, and for the 6-month and year-end reports a reporting unit by name), write or change its
 * narrative (kept as a new version each time it is saved), see it as it will be printed, and
 * download it as Word or PDF. A unit's reporter sees its own unit's reports only.
 */
export async function documentsView(
  app: HTMLElement,
  claims: Claims,
  code: string,
  year: number,
  params: URLSearchParams,
): Promise<void> {
  const reporter = isReporter(claims);
  const national = code === 'VN';
  const kinds: Kind[] = national
    ? ['national-summary']
    : reporter
      ? ['half-year', 'year-end']
      : ['campaign-result', 'half-year', 'year-end'];
  const asked = params.get('loai') as Kind | null;
  const kind: Kind = asked !== null && kinds.includes(asked) ? asked : (kinds[kinds.length - 1] as Kind);
  const own = reporter ? (reportingUnitOf(claims) ?? null) : null;
  const pick: Pick = {
    code,
    year,
    kind,
    unit: own ?? (kind === 'half-year' || kind === 'year-end' ? params.get('don-vi') : null),
    date: params.get('ngay') ?? todayVn(),
    asOf: params.get('asOf'),
  };
  const go = (p: Partial<Pick>) => (location.hash = hashOf({ ...pick, ...p }));

  // The reporting units asked for this report, by name (the province's officers pick one).
  let units: { unit: string; name: string }[] = [];
  if (!reporter && !national && (kind === 'half-year' || kind === 'year-end')) {
    try {
      const s = await getJson<Status>(`/provinces/${code}/reporting/${year}/status`);
      const seen = new Set<string>();
      for (const r of s.rows)
        if (r.period === kind && r.unit !== 'alliance' && !seen.has(r.unit)) {
          seen.add(r.unit);
          units.push({ unit: r.unit, name: r.name ?? r.unit });
        }
      units = units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    } catch {
      units = [];
    }
  }

  const kindSelect = h(
    'select',
    {
      id: 'doc-kind',
      'aria-label': 'Loại văn bản',
      onchange: (e) => go({ kind: (e.target as HTMLSelectElement).value as Kind, unit: own }),
    },
    ...kinds.map((k) => h('option', k === kind ? { value: k, selected: '' } : { value: k }, KINDS[k])),
  );
  const yearInput = h('input', {
    id: 'doc-year',
    type: 'number',
    min: '2000',
    max: '2100',
    value: String(year),
    'aria-label': 'Năm',
    onchange: (e) => go({ year: Number((e.target as HTMLInputElement).value) }),
  });
  const dateInput = h('input', {
    id: 'doc-date',
    type: 'date',
    value: pick.date,
    'aria-label': 'Ngày văn bản',
    onchange: (e) => go({ date: (e.target as HTMLInputElement).value || todayVn() }),
  });
  const asOfInput = h('input', {
    id: 'doc-asof',
    type: 'date',
    value: pick.asOf ?? '',
    'aria-label': 'Số liệu tính đến ngày',
    onchange: (e) => go({ asOf: (e.target as HTMLInputElement).value || null }),
  });
  const unitSelect =
    units.length > 0
      ? h(
          'select',
          {
            id: 'doc-unit',
            'aria-label': 'Đơn vị báo cáo',
            onchange: (e) => go({ unit: (e.target as HTMLSelectElement).value || null }),
          },
          h(
            'option',
            pick.unit === null ? { value: '', selected: '' } : { value: '' },
            'Liên minh HTX tỉnh (toàn tỉnh)',
          ),
          ...units.map((u) =>
            h('option', u.unit === pick.unit ? { value: u.unit, selected: '' } : { value: u.unit }, u.name),
          ),
        )
      : null;
  const field = (label: string, control: HTMLElement) =>
    h('label', { class: 'doc-field' }, h('span', {}, label), control);

  // The narrative: its last version, in the form.
  const where = paths(pick);
  let current: Narrative | null = null;
  try {
    current = await getJson<Narrative>(where.narrative);
  } catch {
    // None written yet (404), or not to be read: the form starts empty.
    current = null;
  }
  const last = current?.versions[current.versions.length - 1];
  const areas = SECTIONS.map(([key, label]) => {
    const area = h('textarea', { id: `doc-${key}`, name: key, rows: '5' });
    area.value = last?.sections[key] ?? '';
    return { key, el: field(label, area), area };
  });
  const text = (id: string, label: string, value: string | undefined, placeholder: string) => {
    const input = h('input', { id, type: 'text', placeholder });
    input.value = value ?? '';
    return { input, el: field(label, input) };
  };
  const number = text('doc-number', 'Số, ký hiệu', last?.number, '45/BC-LMHTX');
  const on = text('doc-signer-on', 'Thẩm quyền ký', last?.signer?.on, 'TM. BAN THƯỜNG VỤ');
  const title = text('doc-signer-title', 'Chức vụ người ký', last?.signer?.title, 'CHỦ TỊCH');
  const name = text('doc-signer-name', 'Họ tên người ký', last?.signer?.name, 'Nguyễn Văn A');
  const status = h('div', { id: 'doc-status', role: 'status' });
  const saved =
    last === undefined
      ? 'Chưa có nội dung.'
      : `Phiên bản ${last.version}, ghi lúc ${vnInstant(last.writtenAt)}${current && current.versions.length > 1 ? ` (${current.versions.length} phiên bản)` : ''}.`;
  status.textContent = saved;
  let key = crypto.randomUUID();
  const save = h('button', { type: 'submit', id: 'doc-save' }, 'Lưu nội dung');
  const form = h(
    'form',
    {
      class: 'doc-narrative',
      onsubmit: (e) => {
        e.preventDefault();
        void (async () => {
          const sections = Object.fromEntries(
            areas.map((a) => [a.key, a.area.value.trim()]).filter(([, v]) => v !== ''),
          );
          const signer =
            title.input.value.trim() !== '' || name.input.value.trim() !== ''
              ? {
                  ...(on.input.value.trim() !== '' ? { on: on.input.value.trim() } : {}),
                  title: title.input.value.trim(),
                  name: name.input.value.trim(),
                }
              : undefined;
          const body = {
            sections,
            ...(number.input.value.trim() !== '' ? { number: number.input.value.trim() } : {}),
            ...(signer !== undefined ? { signer } : {}),
          };
          save.setAttribute('disabled', '');
          const r = await sendCommand(where.narrative, body, key);
          save.removeAttribute('disabled');
          if (!r.ok) {
            status.className = 'error';
            status.textContent =
              r.problem.errors?.map((x) => `${x.field}: ${x.message}`).join('; ') ??
              r.problem.detail ??
              r.problem.title;
            return;
          }
          key = crypto.randomUUID();
          status.className = '';
          status.textContent = 'Đã lưu phiên bản mới.';
          await preview(r.position);
        })();
      },
    },
    h('h3', {}, 'Nội dung báo cáo'),
    ...areas.map((a) => a.el),
    number.el,
    h('div', { class: 'doc-signer' }, on.el, title.el, name.el),
    save,
    status,
  );

  // The preview: the HTML rendering, in a shadow root with its own style.
  const frame = h('div', { id: 'doc-preview', class: 'doc-preview' });
  const shadow = frame.attachShadow({ mode: 'open' });
  const query = (format: string, minPosition?: number) => {
    const q = new URLSearchParams({ format, date: pick.date });
    if (pick.asOf !== null) q.set('asOf', pick.asOf);
    if (minPosition !== undefined) q.set('minPosition', String(minPosition));
    return `${where.document}?${q.toString()}`;
  };
  const hashLine = h('p', { id: 'doc-hash', class: 'muted' });
  async function preview(minPosition?: number): Promise<void> {
    const t = token();
    const res = await fetch(query('html', minPosition), {
      headers: { 'accept-language': 'vi', ...(t ? { authorization: `Bearer ${t}` } : {}) },
    });
    if (!res.ok) {
      const p = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
      shadow.replaceChildren(h('p', { role: 'alert' }, p.detail ?? p.title ?? res.statusText));
      return;
    }
    const html = new DOMParser().parseFromString(await res.text(), 'text/html');
    const style = h('style');
    style.textContent = html.querySelector('style')?.textContent ?? '';
    const article = html.querySelector('article');
    shadow.replaceChildren(style, ...(article !== null ? [document.importNode(article, true)] : []));
    hashLine.textContent = `Vị trí nhật ký ${res.headers.get('x-as-of-position') ?? '?'} · SHA-256 (HTML) ${res.headers.get('x-document-sha256')?.slice(0, 16) ?? ''}…`;
  }
  const downloads = h(
    'div',
    { class: 'doc-downloads' },
    h(
      'button',
      { type: 'button', id: 'doc-docx', onclick: () => void download(query('docx')).catch(() => undefined) },
      'Tải Word (.docx)',
    ),
    h(
      'button',
      { type: 'button', id: 'doc-pdf', onclick: () => void download(query('pdf')).catch(() => undefined) },
      'Tải PDF',
    ),
  );

  app.replaceChildren(
    h(
      'section',
      { class: 'documents' },
      h('h2', {}, 'Văn bản báo cáo'),
      h(
        'div',
        { class: 'doc-pick' },
        field('Loại văn bản', kindSelect),
        field('Năm', yearInput),
        unitSelect !== null ? field('Đơn vị', unitSelect) : null,
        field('Ngày văn bản', dateInput),
        field('Số liệu tính đến ngày', asOfInput),
      ),
      form,
      h('h3', {}, 'Xem trước'),
      downloads,
      hashLine,
      frame,
    ),
  );
  await preview();
}
