import type { components } from '../../openapi/schema.ts';
import './style.css';
import {
  ApiError,
  currentClaims,
  lastReadWasKept,
  mayEnter,
  devSignIn,
  download,
  getJson,
  isReporter,
  REPORTER_ROLES,
  signOut,
  useToken,
  type Claims,
} from './api.ts';
import { resumeSignIn, signInConfig, signInWithProvider, signOutEverywhere } from './sign-in.ts';
import { outboxView, startOutbox } from './outbox.ts';
import { COLORS, chart, clearCharts, warmCharts } from './charts.ts';
import { h, type Child } from './dom.ts';
import { communesView } from './communes.ts';
import { webhooksView } from './webhooks.ts';
import { documentsLink, documentsView } from './documents.ts';
import { entryForm, pageForms, type FormSpec } from './forms.ts';
import { importPanel } from './imports.ts';
import { attachmentsPanel } from './attachments.ts';
import { devReporterPicker, reportingLink, reporterView, reviewView } from './reporting.ts';
import { mapCard } from './maps.ts';
import { clip, fmt, fromVnDate, label, roleName, shortVnd, vnDate, vnInstant, vnd, weekLabel } from './format.ts';

// ---------------------------------------------------------------------------------------------
// What the API answers: the types generated from the OpenAPI document (npm run openapi)

type Schemas = components['schemas'];
type Split = Schemas['Split'];
type Province = Schemas['Province'];
type Dashboard = Schemas['CampaignDashboard'];
type National = Schemas['NationalDashboard'];

const app = document.getElementById('app') as HTMLElement;
const nav = document.getElementById('nav') as HTMLElement;

function show(...nodes: Child[]): void {
  clearCharts();
  app.replaceChildren(...nodes.filter((n): n is Node | string => n !== null && n !== undefined && n !== false));
}
function problem(e: unknown): HTMLElement {
  const text =
    e instanceof ApiError
      ? e.status === 404
        ? `Không tìm thấy: ${e.message}`
        : e.status === 401
          ? 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.'
          : e.message
      : 'Không kết nối được tới máy chủ.';
  return h('p', { class: 'error', role: 'alert' }, text);
}
/** A canvas in a titled card; the chart is drawn once the card is in the page. */
function card(title: string, className = ''): { el: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas');
  return {
    el: h('section', { class: `card ${className}` }, h('h3', {}, title), h('div', { class: 'chart' }, canvas)),
    canvas,
  };
}

// ---------------------------------------------------------------------------------------------
// Routing: #/tinh/67/2024?asOf=2024-04-30, #/toan-quoc/2024, #/dang-nhap

let provinces: Province[] = [];

/** Why the person was signed out, shown once on the sign-in view that follows. */
let signedOutNote: string | undefined;

async function route(message?: string): Promise<void> {
  const claims = currentClaims();
  if (claims === null) {
    signOut();
    renderNav(null);
    const why = message ?? signedOutNote;
    signedOutNote = undefined;
    return signInView(why);
  }
  renderNav(claims);
  if (!isReporter(claims) && claims.role !== 'admin') warmCharts();
  // Without the list (offline, never kept), names fall back to codes and the page still works.
  if (provinces.length === 0)
    provinces = await getJson<{ items: Province[] }>('/reference/provinces')
      .then((r) => r.items)
      .catch(() => []);
  const [path = '', query = ''] = location.hash.slice(1).split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  const year = new Date().getFullYear();
  // Reports: #/bao-cao/68 (the inbox, who is late), #/bao-cao/68/don-vi (a unit's own reports).
  if (parts[0] === 'bao-cao' && parts[1] && (parts[2] === 'don-vi' || !isReporter(claims))) {
    clearCharts();
    const y = Number(params.get('nam') ?? year);
    return parts[2] === 'don-vi' ? reporterView(app, parts[1], y) : reviewView(app, parts[1], y);
  }
  // Report documents: #/van-ban/68/2026?loai=year-end (a reporter: its own unit's).
  if (parts[0] === 'van-ban' && parts[1]) {
    clearCharts();
    return documentsView(app, claims, parts[1], Number(parts[2] ?? year), params);
  }
  // A reporter reads nothing but its own unit's reports.
  if (isReporter(claims)) {
    location.hash = `#/bao-cao/${claims.province ?? ''}/don-vi?nam=${year}`;
    return;
  }
  if (parts[0] === 'quan-tri' && claims.role === 'admin') {
    clearCharts();
    return webhooksView(app, provinces);
  }
  if (claims.role === 'admin') {
    location.hash = '#/quan-tri/webhook';
    return;
  }
  if (parts[0] === 'toan-quoc') return nationalView(Number(parts[1] ?? year), params.get('asOf'));
  if (parts[0] === 'tinh' && parts[1]) return campaignView(parts[1], Number(parts[2] ?? year), params.get('asOf'));
  if (parts[0] === 'xa' && parts[1])
    return communesView({ show, problem }, parts[1], parts[2] ?? null, {
      from: params.has('from') ? Number(params.get('from')) : null,
      to: params.has('to') ? Number(params.get('to')) : null,
    });
  if (parts[0] === 'nhap-lieu' && parts[1])
    return entryView(
      parts[1],
      Number(parts[2] ?? year),
      params.get('loai') ?? (await enterable(parts[1])).find((f) => !PLAN_FORMS.has(f.operationId))?.operationId ?? '',
    );
  location.hash = claims.province ? `#/tinh/${claims.province}/${year}` : `#/toan-quoc/${year}`;
}

function renderNav(claims: Claims | null): void {
  if (claims === null) return nav.replaceChildren();
  const year = new Date().getFullYear();
  nav.replaceChildren(
    ...[
      claims.province && !isReporter(claims) ? h('a', { href: `#/tinh/${claims.province}/${year}` }, 'Tỉnh') : null,
      claims.province && !isReporter(claims)
        ? h('a', { href: `#/xa/${claims.province}`, id: 'nav-communes' }, 'Xã, phường')
        : null,
      reportingLink(claims),
      documentsLink(claims),
      claims.role === 'national_officer' || claims.role === 'auditor'
        ? h('a', { href: `#/toan-quoc/${year}` }, 'Toàn quốc')
        : null,
      claims.role === 'admin' ? h('a', { href: '#/quan-tri/webhook', id: 'nav-webhooks' }, 'Webhook') : null,
      h(
        'span',
        { class: 'who', title: claims.role },
        `${claims.name ?? claims.sub} · ${roleName(claims.role)}${claims.province ? ` · ${provinceName(claims.province, new Date().getFullYear())}` : ''}`,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          id: 'sign-out',
          onclick: async () => {
            // What this browser kept of the person's reads for offline use is forgotten.
            navigator.serviceWorker?.controller?.postMessage({ type: 'signed-out' });
            if ((await signOutEverywhere()) === 'navigating') return;
            if (!navigator.onLine)
              signedOutNote = 'Đã đăng xuất trên máy này. Đang mất mạng nên hệ thống đăng nhập của tỉnh chưa được báo.';
            // The change of address draws the sign-in view; at that address already, draw it here.
            if (location.hash === '#/dang-nhap') void route();
            else location.hash = '#/dang-nhap';
          },
        },
        'Đăng xuất',
      ),
    ].filter((x): x is HTMLElement => x !== null),
  );
}

// ---------------------------------------------------------------------------------------------
// Sign-in

/** Why the last session ended, shown on the sign-in view. */
const ended = (why: string): void => {
  renderNav(null);
  signInView(why);
};

/**
 * Signing in: through the organisation's identity provider (one button; the provider asks for the
 * name and password), and on development machines the development sign-in. Nobody types a token.
 */
function signInView(message?: string): void {
  const note = h('p', { class: 'error', role: 'alert' }, message ?? '');
  const go = async (t: string) => {
    note.textContent = '';
    try {
      await useToken(t, 'development');
      location.hash = '';
      await route();
    } catch (e) {
      note.replaceChildren(problem(e));
    }
  };
  const form = h('form', { class: 'signin', onsubmit: (e) => e.preventDefault() }, h('h1', {}, 'Đăng nhập'), note);
  show(form);
  void signInConfig().then((cfg) => {
    if (cfg.provider) {
      const button = (id: string, text: string, another: boolean) =>
        h(
          'button',
          {
            type: 'button',
            id,
            ...(another ? { class: 'link' } : {}),
            onclick: () => {
              void signInWithProvider(ended, another).catch(() => {
                note.textContent = navigator.onLine
                  ? 'Không kết nối được tới hệ thống đăng nhập; vui lòng thử lại sau.'
                  : 'Đang mất mạng: hãy đăng nhập khi có mạng trở lại.';
              });
            },
          },
          text,
        );
      form.append(
        h('p', {}, 'Đăng nhập bằng tài khoản do đơn vị cấp (hệ thống đăng nhập một lần của tỉnh).'),
        button('sign-in', 'Đăng nhập', false),
      );
      // After a refusal the provider still remembers the account: offer to give another one.
      if (message !== undefined) form.append(button('sign-in-another', 'Đăng nhập bằng tài khoản khác', true));
    }
    if (!cfg.provider && !cfg.development)
      form.append(
        h('p', {}, 'Dịch vụ chưa được cấu hình hệ thống đăng nhập cho trang này. Vui lòng liên hệ đơn vị quản trị.'),
      );
    if (!cfg.development) return;
    const role = h(
      'select',
      { id: 'dev-role', 'aria-label': 'Vai trò' },
      ...[
        'provincial_officer',
        'provincial_viewer',
        'national_officer',
        'auditor',
        'department_officer',
        'commune_officer',
        'steering_member',
        'admin',
      ].map((r) => h('option', { value: r }, roleName(r))),
    );
    const province = h('select', { id: 'dev-province', 'aria-label': 'Tỉnh' }, ...provinceOptions('current'));
    province.value = '68';
    const reporter = devReporterPicker(role, province);
    const dev = h(
      'fieldset',
      { class: 'dev' },
      h('legend', {}, 'Đăng nhập thử (chỉ trên máy phát triển)'),
      role,
      province,
      reporter.el,
      h(
        'button',
        {
          type: 'button',
          id: 'dev-sign-in',
          onclick: async () => {
            try {
              const local = role.value.startsWith('provincial') || REPORTER_ROLES.includes(role.value);
              await go(await devSignIn(role.value, local ? province.value : undefined, reporter.claims()));
            } catch (e) {
              note.replaceChildren(problem(e));
            }
          },
        },
        'Đăng nhập thử',
      ),
    );
    form.append(dev);
  });
  if (provinces.length === 0)
    void getJson<{ items: Province[] }>('/reference/provinces').then((r) => (provinces = r.items));
}

/** A province's name on the map of a year (the pre-2025 unit for years up to 2025), else its code. */
function provinceName(code: string, year: number): string {
  const map = year <= 2025 ? 'pre2025' : 'current';
  const p = provinces.find((x) => x.code === code && x.map === map) ?? provinces.find((x) => x.code === code);
  return p?.name ?? `tỉnh ${code}`;
}

/**
 * The provinces a person may open: every one for the national alliance and auditors; for a provincial
 * officer their own province, and for years up to 2025 the pre-reform units it took over, their own first.
 */
function visibleProvinces(map: 'current' | 'pre2025'): Province[] {
  const claims = currentClaims();
  const own = claims?.province;
  const all = provinces.filter((p) => p.map === map);
  if (own === undefined || own === null || claims?.role === 'national_officer' || claims?.role === 'auditor')
    return all.sort((a, b) => a.code.localeCompare(b.code));
  const mine = map === 'current' ? all.filter((p) => p.code === own) : all.filter((p) => p.successor?.code === own);
  return mine.sort((a, b) => (a.code === own ? -1 : b.code === own ? 1 : a.code.localeCompare(b.code)));
}

function provinceOptions(map: 'current' | 'pre2025' | 'both'): HTMLOptionElement[] {
  const known = provinces.length
    ? map === 'both'
      ? provinces.slice().sort((a, b) => a.code.localeCompare(b.code))
      : visibleProvinces(map)
    : [{ id: 'current:68', map: 'current', code: '68', name: 'Lâm Đồng' } as Province];
  const list = known;
  return list.map((p) =>
    h(
      'option',
      { value: p.code },
      `${p.code} · ${p.name}${p.map === 'pre2025' && p.successor ? ` (nay thuộc ${p.successor.name})` : ''}`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Campaign dashboard of one province and year

function controls(kind: 'tinh' | 'toan-quoc', code: string | null, year: number, asOf: string | null): HTMLElement {
  const go = (c: string | null, y: number, a: string | null) => {
    location.hash = `#/${kind}${c ? `/${c}` : ''}/${y}${a ? `?asOf=${a}` : ''}`;
  };
  const yearSel = h(
    'select',
    {
      id: 'year',
      'aria-label': 'Năm',
      onchange: () =>
        go(code && provinceSel ? provinceSel.value : code, Number(yearSel.value), asOfInput.value || null),
    },
    ...Array.from({ length: 8 }, (_, i) => new Date().getFullYear() + 1 - i).map((y) =>
      h('option', { value: String(y) }, `Năm ${y}`),
    ),
  );
  yearSel.value = String(year);
  const provinceSel =
    code === null
      ? null
      : h(
          'select',
          {
            id: 'province',
            'aria-label': 'Tỉnh',
            onchange: () => go(provinceSel?.value ?? code, Number(yearSel.value), asOfInput.value || null),
          },
          ...provinceOptions(year <= 2025 ? 'pre2025' : 'current'),
        );
  if (provinceSel && code) provinceSel.value = code;
  // dd/mm/yyyy typed as officials write dates (a native date picker shows the browser's own order).
  const asOfInput = h('input', {
    id: 'as-of',
    type: 'text',
    inputmode: 'numeric',
    placeholder: 'dd/mm/yyyy',
    pattern: '\\d{1,2}/\\d{1,2}/\\d{4}',
    'aria-label': 'Số liệu đến ngày (dd/mm/yyyy)',
    value: asOf ? vnDate(asOf) : '',
    onchange: () => {
      const iso = fromVnDate(asOfInput.value);
      asOfInput.setCustomValidity(asOfInput.value === '' || iso !== null ? '' : 'Nhập ngày theo dạng dd/mm/yyyy');
      if (asOfInput.value === '' || iso !== null) go(provinceSel?.value ?? code, year, iso);
      else asOfInput.reportValidity();
    },
  });
  return h(
    'div',
    { class: 'controls' },
    provinceSel ? h('label', {}, 'Tỉnh ', provinceSel) : null,
    h('label', {}, 'Năm ', yearSel),
    h('label', {}, 'Số liệu đến ngày ', asOfInput),
    asOf
      ? h(
          'button',
          { type: 'button', class: 'link', onclick: () => go(provinceSel?.value ?? code, year, null) },
          'Xem toàn bộ',
        )
      : null,
    h('span', { class: 'hint' }, 'Chỉ tính các hoạt động có ngày đến hết ngày này; để trống: toàn bộ'),
  );
}

/** A headline figure: sums of money short (4,34 tỷ ₫), the exact amount on hover and for screen readers. */
function figure(key: string, s: Split | undefined, money = false): HTMLElement {
  const f = money ? shortVnd : fmt;
  const total = s?.total ?? 0;
  return h(
    'div',
    { class: 'figure', 'data-figure': key },
    h('div', { class: 'figure-label' }, label(key)),
    h('div', { class: 'figure-value', ...(money ? { title: vnd(total), 'aria-label': vnd(total) } : {}) }, f(total)),
    h('div', { class: 'figure-split' }, `Cao điểm ${f(s?.peak ?? 0)} · còn lại ${f(s?.rest ?? 0)}`),
  );
}

/** The position of this tab's last write: dashboards read at least up to it (read-your-writes). */
let written = 0;

/** The plan's own forms: launched from the first step of an empty year, not the records entered day to day. */
const PLAN_FORMS = new Set(['launchCampaign', 'amendCampaignPlan', 'closeCampaign']);

/** Sent from the review screen (#/bao-cao), where the submission is read before it is returned or approved. */
const ON_REVIEW_SCREEN = new Set(['returnReport', 'approveReport']);

/** The forms the person signed in may send for this province (a national honour is the national alliance's). */
async function enterable(code: string): Promise<FormSpec[]> {
  const claims = currentClaims();
  return (await pageForms()).filter(
    (f) => claims !== null && mayEnter(f.access, claims, code) && !ON_REVIEW_SCREEN.has(f.operationId),
  );
}

/** Data entry for a campaign: the record kinds in a list, the chosen one's form under it. */
async function entryView(code: string, year: number, operationId: string): Promise<void> {
  const kinds = h(
    'select',
    {
      id: 'entry-kind',
      'aria-label': 'Loại bản ghi',
      onchange: () => (location.hash = `#/nhap-lieu/${code}/${year}?loai=${kinds.value}`),
    },
    ...(await enterable(code)).map((f) => h('option', { value: f.operationId }, f.title)),
  );
  kinds.value = operationId;
  const back = h('a', { href: `#/tinh/${code}/${year}`, id: 'to-dashboard' }, 'Xem bảng điều khiển');
  show(
    h('h1', {}, `Nhập liệu — ${provinceName(code, year)}, năm ${year}`),
    h('div', { class: 'controls' }, h('label', {}, 'Loại bản ghi ', kinds), back),
    h('p', { class: 'loading' }, 'Đang tải…'),
  );
  try {
    const wrote = (position: number): void => {
      written = Math.max(written, position);
    };
    const form = await entryForm(operationId, code, year, wrote);
    show(
      h('h1', {}, `Nhập liệu — ${provinceName(code, year)}, năm ${year}`),
      h('div', { class: 'controls' }, h('label', {}, 'Loại bản ghi ', kinds), back),
      outboxView(),
      form,
      importPanel(code, year, wrote),
      attachmentsPanel(code, year, wrote),
    );
  } catch (e) {
    show(h('h1', {}, `Nhập liệu — ${provinceName(code, year)}, năm ${year}`), problem(e));
  }
}

/** A button that downloads a book the API makes (XLSX or CSV); a failure is told in an alert. */
function downloadButton(id: string, path: string, text: string): HTMLElement {
  return h(
    'button',
    {
      type: 'button',
      id,
      onclick: () => void download(path).catch((e) => alert(e instanceof Error ? e.message : String(e))),
    },
    text,
  );
}

async function campaignView(code: string, year: number, asOf: string | null): Promise<void> {
  const query = new URLSearchParams({
    ...(asOf ? { asOf } : {}),
    ...(written > 0 ? { minPosition: String(written) } : {}),
  });
  show(controls('tinh', code, year, asOf), h('p', { class: 'loading' }, 'Đang tải…'));
  let d: Dashboard;
  try {
    d = await getJson<Dashboard>(`/provinces/${code}/campaigns/${year}/dashboard?${query.toString()}`);
  } catch (e) {
    return show(controls('tinh', code, year, asOf), ...notLaunched(e, code, year), takenOver(code, year));
  }
  const cards = campaignCards();
  show(
    controls('tinh', code, year, asOf),
    offlineNote(d.knownAt),
    ...campaignHeading(d, code, year),
    campaignDownloads(code, year, asOf),
    campaignFigures(d.totals),
    h('div', { class: 'grid' }, ...Object.values(cards).map((c) => c.el), communesMap(d, year)),
  );
  peakChart(cards.split.canvas, d.totals);
  weeksChart(cards.weeks.canvas, d.timeline);
  targetsChart(cards.targets.canvas, d.targets);
  communesChart(cards.communes.canvas, d.byCommune);
  // Today's communes of the province, across the years: linked from the card of this year's.
  const today = d.province.current?.id.split(':')[1];
  if (today !== undefined)
    cards.communes.el
      .querySelector('h3')
      ?.after(
        h(
          'p',
          {},
          h('a', { href: `#/xa/${today}?from=${year}&to=${year}`, id: 'to-communes' }, 'Xem theo xã, phường hiện nay'),
        ),
      );
  supportChart(cards.support.canvas, d.support);
  nominationsChart(cards.nominations.canvas, d.nominationsByStatus);
  tasksChart(cards.tasks.canvas, d.tasksByAgency);
}

/** Without a connection, the figures shown are the ones this browser kept: said, with their time. */
function offlineNote(knownAt: string): HTMLElement | null {
  if (navigator.onLine && !lastReadWasKept()) return null;
  return h(
    'p',
    { class: 'offline', id: 'offline', role: 'status' },
    `Đang mất mạng: đây là số liệu đã lưu trên máy này, ghi nhận đến ${vnInstant(knownAt)}.`,
  );
}

/**
 * A year with no campaign yet: for the officer who may launch it, the first step, not an error —
 * the plan's form, then every record of the campaign.
 */
function notLaunched(e: unknown, code: string, year: number): HTMLElement[] {
  const claims = currentClaims();
  if (!(e instanceof ApiError) || e.status !== 404 || claims === null || !mayEnter('write', claims, code))
    return [problem(e)];
  return [
    h('h1', {}, `${provinceName(code, year)} — năm ${year}`),
    h(
      'div',
      { class: 'first-step', id: 'first-step' },
      h('p', {}, `Chưa có kế hoạch Tháng hành động vì Hợp tác xã năm ${year} của ${provinceName(code, year)}.`),
      h(
        'a',
        { class: 'button', id: 'launch', href: `#/nhap-lieu/${code}/${year}?loai=launchCampaign` },
        'Phát động kế hoạch năm ' + String(year),
      ),
      h(
        'p',
        { class: 'hint' },
        'Nhập số, ngày của kế hoạch, chủ đề, các hoạt động trọng tâm và chỉ tiêu như kế hoạch ghi.',
      ),
    ),
  ];
}

/**
 * For a year before the reform, the other units merged into the same province: a Lâm Đồng officer
 * looking at 2024 finds Đắk Nông's and Bình Thuận's records one click away.
 */
function takenOver(code: string, year: number): HTMLElement | null {
  if (year > 2025) return null;
  const unit = provinces.find((p) => p.map === 'pre2025' && p.code === code);
  const into = unit?.successor;
  if (into === undefined) return null;
  const others = provinces.filter((p) => p.map === 'pre2025' && p.successor?.code === into.code && p.code !== code);
  if (others.length === 0) return null;
  return h(
    'p',
    { id: 'taken-over' },
    `Các đơn vị trước 1/7/2025 nay cùng thuộc ${into.name}: `,
    ...others.flatMap((p, i) => [
      i > 0 ? ', ' : '',
      h('a', { href: `#/tinh/${p.code}/${year}` }, `${p.name} (${p.code})`),
    ]),
  );
}

/**
 * Today's communes of the province coloured by meetings or attendees, from the rows rolled up to
 * today's communes: for campaigns on today's map, or earlier ones whose rows reach today's codes.
 */
function communesMap(d: Dashboard, year: number): HTMLElement | null {
  const today = d.province.current?.id.split(':')[1];
  if (today === undefined || (year < 2026 && !d.byCommuneToday.some((r) => r.code !== null))) return null;
  const notes = { split: 'đã chia cho nhiều xã, không tô', unmapped: 'không rõ xã, không tô' } as const;
  return mapCard({
    id: 'commune-map',
    title: 'Bản đồ xã, phường',
    url: `/reference/maps/communes/${today}`,
    figures: [
      { key: 'meetings', label: 'Hội nghị' },
      { key: 'attendees', label: 'Người tham dự' },
    ],
    rows: d.byCommuneToday.map((r) => ({
      code: r.kind === 'commune' ? r.code : null,
      name: r.name,
      values: { meetings: r.meetings, attendees: r.attendees },
      ...(r.kind === 'commune' ? {} : { note: notes[r.kind] }),
    })),
    area: { one: 'Xã, phường', many: 'xã, phường' },
  });
}

/** The cards of a campaign's charts, in the order they are laid out. */
function campaignCards() {
  return {
    split: card('Cao điểm 29/3–29/4 và các tháng còn lại', 'wide'),
    weeks: card('Theo tuần', 'wide'),
    targets: card('Tiến độ so với chỉ tiêu kế hoạch (%)'),
    communes: card('Hội nghị theo xã, phường'),
    support: card('Hỗ trợ theo nguồn so với dự toán (đồng)'),
    nominations: card('Đề cử HTX tiêu biểu'),
    tasks: card('Nhiệm vụ theo cơ quan chủ trì'),
  };
}

/** The province (and the one it is part of now), the plan, and the date the figures run to. */
function campaignHeading(d: Dashboard, code: string, year: number): HTMLElement[] {
  const name = d.province.asRecorded?.name ?? code;
  const now =
    d.province.current && d.province.current.id !== d.province.asRecorded?.id
      ? ` (nay thuộc ${d.province.current.name})`
      : '';
  const status = d.status === 'open' ? 'đang triển khai' : 'đã kết thúc';
  const daysLeft = d.peak.inPeakNow ? `, còn ${d.peak.daysLeft} ngày` : '';
  return [
    h('h1', {}, `${name}${now} — năm ${year}`),
    h('p', { class: 'meta' }, `Kế hoạch số ${d.plan.number} ngày ${vnDate(d.plan.date)} · ${d.theme} · ${status}`),
    h(
      'p',
      { class: 'meta', id: 'clock' },
      d.asOf
        ? `Số liệu đến ngày ${vnDate(d.asOf)} (theo ngày của hoạt động)`
        : `Số liệu ghi nhận đến ${vnInstant(d.knownAt)}`,
      ` · Cao điểm ${vnDate(d.peak.from)}–${vnDate(d.peak.to)}${daysLeft}`,
    ),
  ];
}

/** Data entry (for a provincial officer) and the campaign's books, at the business date shown. */
function campaignDownloads(code: string, year: number, asOf: string | null): HTMLElement {
  const at = asOf ? `&asOf=${asOf}` : '';
  const dashboard = `/provinces/${code}/campaigns/${year}/dashboard`;
  const reports = `/provinces/${code}/reports/${year}`;
  return h(
    'div',
    { class: 'downloads' },
    currentClaims()?.role === 'provincial_officer'
      ? h('a', { class: 'button', id: 'to-entry', href: `#/nhap-lieu/${code}/${year}` }, 'Nhập liệu')
      : null,
    downloadButton('dl-dashboard-xlsx', `${dashboard}?format=xlsx${at}`, 'Tải bảng điều khiển (XLSX)'),
    downloadButton('dl-dashboard-csv', `${dashboard}?format=csv${at}`, 'Tải CSV'),
    downloadButton('dl-half-year', `${reports}/half-year?format=xlsx${at}`, 'Báo cáo 6 tháng (XLSX)'),
    downloadButton('dl-year-end', `${reports}/year-end?format=xlsx${at}`, 'Báo cáo năm (XLSX)'),
  );
}

function campaignFigures(t: Dashboard['totals']): HTMLElement {
  return h(
    'div',
    { class: 'figures' },
    figure('meetings', t.meetings),
    figure('attendees', t.attendees),
    figure('publications', t.publications),
    figure('disbursedVnd', t.disbursedVnd, true),
    figure('membersAdmitted', t.membersAdmitted),
    figure('petitionsResolved', t.petitionsResolved),
    figure('nominations', t.nominations),
    figure('eventsAttended', t.eventsAttended),
    figure('peopleTrained', t.peopleTrained),
  );
}

/** The counted figures, each in the peak and in the rest of the year. */
function peakChart(canvas: HTMLCanvasElement, t: Dashboard['totals']): void {
  const counts = [
    'meetings',
    'publications',
    'membersAdmitted',
    'dialogues',
    'petitions',
    'nominations',
    'loansAppraised',
    'eventsAttended',
    'trainings',
  ];
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: counts.map(label),
        datasets: [
          { label: 'Cao điểm', data: counts.map((k) => t[k]?.peak ?? 0), backgroundColor: COLORS.peak },
          { label: 'Các tháng còn lại', data: counts.map((k) => t[k]?.rest ?? 0), backgroundColor: COLORS.rest },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    },
    { counts: ['y'] },
  );
}

/** Meetings, publications and attendees week by week; attendees on an axis of their own. */
function weeksChart(canvas: HTMLCanvasElement, timeline: Dashboard['timeline']): void {
  chart(
    canvas,
    {
      type: 'line',
      data: {
        labels: timeline.map((w) => weekLabel(w.week, w.from)),
        datasets: [
          {
            label: 'Hội nghị',
            data: timeline.map((w) => w.meetings),
            borderColor: COLORS.rest,
            backgroundColor: COLORS.rest,
            yAxisID: 'y',
          },
          {
            label: 'Tin, bài',
            data: timeline.map((w) => w.publications),
            borderColor: COLORS.third,
            backgroundColor: COLORS.third,
            yAxisID: 'y',
          },
          {
            label: 'Người tham dự',
            data: timeline.map((w) => w.attendees),
            borderColor: COLORS.peak,
            backgroundColor: COLORS.peak,
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, position: 'left' },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
        },
      },
    },
    { counts: ['y', 'y1'] },
  );
}

/** Progress on the plan's measurable targets, in percent. */
function targetsChart(canvas: HTMLCanvasElement, targets: Dashboard['targets']): void {
  const measured = targets.filter((x) => x.progressPercent !== null);
  // Two targets of one activity are told apart by their measure: the activity on one line, the measure under it.
  const measure = (x: (typeof measured)[number]) =>
    `${label(x.metric)} (${fmt(x.actual)} trên chỉ tiêu ${x.asWritten})`;
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: measured.map((x) => [clip(x.activityTitle, 30), measure(x)]),
        datasets: [
          {
            label: 'Đạt (%)',
            data: measured.map((x) => x.progressPercent ?? 0),
            backgroundColor: measured.map((x) => ((x.progressPercent ?? 0) >= 100 ? COLORS.fourth : COLORS.rest)),
          },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, suggestedMax: 100 } } },
    },
    { fullLabels: measured.map((x) => `${x.activityTitle} — ${measure(x)}`) },
  );
}

/** The 15 communes with the most meetings. */
function communesChart(canvas: HTMLCanvasElement, byCommune: Dashboard['byCommune']): void {
  const communes = byCommune.slice(0, 15);
  const communeName = (c: (typeof communes)[number]) => (c.district ? `${c.commune} (${c.district})` : c.commune);
  // As recorded; the table says what a renamed, merged or split commune is today.
  const now = (c: (typeof communes)[number]) =>
    c.today.length === 0 || (c.today.length === 1 && c.today[0]?.name === c.commune)
      ? ''
      : ` → nay: ${c.today.map((t) => t.name).join(', ')}`;
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: communes.map((c) => clip(communeName(c), 30)),
        datasets: [{ label: 'Hội nghị', data: communes.map((c) => c.meetings), backgroundColor: COLORS.rest }],
      },
      options: { indexAxis: 'y' },
    },
    { counts: ['x'], fullLabels: communes.map((c) => `${communeName(c)}${now(c)}`) },
  );
}

/** Each fund's budget, approved and disbursed support. */
function supportChart(canvas: HTMLCanvasElement, support: Dashboard['support']): void {
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: support.map((s) => label(s.fund)),
        datasets: [
          { label: 'Dự toán', data: support.map((s) => s.budget), backgroundColor: COLORS.grey },
          { label: 'Đã phê duyệt', data: support.map((s) => s.approved), backgroundColor: COLORS.rest },
          { label: 'Đã giải ngân', data: support.map((s) => s.disbursed), backgroundColor: COLORS.peak },
        ],
      },
      options: { scales: { y: { ticks: { callback: (v) => shortVnd(Number(v)) } } } },
    },
    { money: true },
  );
}

/** Nominations as a funnel: the cooperatives that reached each step or a later one. */
function nominationsChart(canvas: HTMLCanvasElement, byStatus: Dashboard['nominationsByStatus']): void {
  const funnel = ['nominated', 'shortlisted', 'forwarded', 'honoured'];
  const reached = (i: number) => funnel.slice(i).reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: funnel.map(label),
        datasets: [
          {
            label: 'Số HTX',
            data: funnel.map((_, i) => reached(i)),
            backgroundColor: [COLORS.grey, COLORS.rest, COLORS.third, COLORS.fourth],
          },
        ],
      },
      options: { plugins: { legend: { display: false } } },
    },
    { counts: ['y'] },
  );
}

/** Each lead agency's tasks: overdue, under way, done. */
function tasksChart(canvas: HTMLCanvasElement, byAgency: Dashboard['tasksByAgency']): void {
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: byAgency.map((a) => a.agency),
        datasets: [
          { label: 'Quá hạn', data: byAgency.map((a) => a.overdue), backgroundColor: COLORS.peak },
          { label: 'Đang làm', data: byAgency.map((a) => a.open - a.overdue), backgroundColor: COLORS.third },
          { label: 'Hoàn thành', data: byAgency.map((a) => a.done), backgroundColor: COLORS.fourth },
        ],
      },
      options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true }, y: { stacked: true } } },
    },
    { counts: ['x'], fullLabels: byAgency.map((a) => a.agency) },
  );
}

// ---------------------------------------------------------------------------------------------
// National view: the 34 provinces, pre-2025 units rolled up

async function nationalView(year: number, asOf: string | null): Promise<void> {
  const q = asOf ? `?asOf=${asOf}` : '';
  show(controls('toan-quoc', null, year, asOf), h('p', { class: 'loading' }, 'Đang tải…'));
  let n: National;
  try {
    n = await getJson<National>(`/national/dashboards/${year}${q}`);
  } catch (e) {
    return show(controls('toan-quoc', null, year, asOf), problem(e));
  }
  const { rows, empty } = rankedProvinces(n);
  const rank = card('Hội nghị tuyên truyền theo tỉnh (đơn vị trước 2025 cộng vào tỉnh hiện nay)', 'wide tall');
  const table = rankingTable(n, year, rows);
  const at = asOf ? `&asOf=${asOf}` : '';
  show(
    controls('toan-quoc', null, year, asOf),
    h('h1', {}, `Toàn quốc — năm ${year}`),
    h(
      'p',
      { class: 'meta', id: 'clock' },
      n.asOf ? `Số liệu đến ngày ${vnDate(n.asOf)}` : `Số liệu ghi nhận đến ${vnInstant(n.knownAt)}`,
    ),
    h(
      'div',
      { class: 'downloads' },
      downloadButton('dl-national-xlsx', `/national/reports/${year}?format=xlsx${at}`, 'Tải tổng hợp (XLSX)'),
      downloadButton('dl-national-csv', `/national/reports/${year}?format=csv${at}`, 'Tải CSV'),
    ),
    h(
      'div',
      { class: 'figures' },
      figure('meetings', n.totals.meetings),
      figure('publications', n.totals.publications),
      figure('disbursedVnd', n.totals.disbursedVnd, true),
      figure('membersAdmitted', n.totals.membersAdmitted),
    ),
    h('div', { class: 'grid' }, rank.el, provincesMap(rows)),
    table,
    empty.length
      ? h(
          'details',
          { class: 'empty-provinces', id: 'no-records' },
          h('summary', {}, `${empty.length} tỉnh, thành phố chưa có số liệu năm ${year}`),
          h('p', {}, empty.map(({ p }) => `${p.name} (${p.code})`).join(', ')),
        )
      : null,
    nationalEvents(n),
  );
  rankChart(rank.canvas, rows);
}

/** The 34 provinces coloured by a figure of the ranking (pre-2025 units rolled up). */
function provincesMap(rows: RankedProvince[]): HTMLElement {
  return mapCard({
    id: 'province-map',
    title: 'Bản đồ các tỉnh, thành phố',
    url: '/reference/maps/provinces',
    figures: [
      { key: 'meetings', label: 'Hội nghị' },
      { key: 'peak', label: 'Hội nghị trong cao điểm' },
      { key: 'publications', label: 'Tin, bài' },
      { key: 'disbursedVnd', label: 'Đã giải ngân', format: shortVnd },
      { key: 'membersAdmitted', label: 'Thành viên kết nạp' },
    ],
    rows: rows.map(({ p, r }) => ({
      code: p.code,
      name: p.name,
      values: {
        meetings: r?.totals.meetings?.total ?? 0,
        peak: r?.totals.meetings?.peak ?? 0,
        publications: r?.totals.publications?.total ?? 0,
        disbursedVnd: r?.totals.disbursedVnd?.total ?? 0,
        membersAdmitted: r?.totals.membersAdmitted?.total ?? 0,
      },
    })),
    area: { one: 'Tỉnh, thành phố', many: 'tỉnh, thành phố' },
  });
}

/** A current province and its figures with the pre-2025 units rolled into it, if any were recorded. */
type RankedProvince = { p: Province; r: National['rolledUp'][number] | undefined };

/**
 * The current provinces by meetings, most first: those with records, and those with nothing recorded yet
 * (folded into one line, not drawn as empty bars).
 */
function rankedProvinces(n: National): { rows: RankedProvince[]; empty: RankedProvince[] } {
  const rolled = new Map(n.rolledUp.map((r) => [r.current.id, r]));
  const all: RankedProvince[] = provinces
    .filter((p) => p.map === 'current')
    .map((p) => ({ p, r: rolled.get(p.id) }))
    .sort(
      (a, b) =>
        (b.r?.totals.meetings?.total ?? 0) - (a.r?.totals.meetings?.total ?? 0) || a.p.code.localeCompare(b.p.code),
    );
  const hasRecords = (r: RankedProvince['r']) =>
    r !== undefined && Object.values(r.totals).some((s) => (s?.total ?? 0) > 0);
  return { rows: all.filter(({ r }) => hasRecords(r)), empty: all.filter(({ r }) => !hasRecords(r)) };
}

/** Whether the province's own report reached the national alliance: each unit rolled into it, when and how late. */
function reportCell(n: National, id: string, kind: 'halfYear' | 'yearEnd'): string {
  const units = n.provinces.filter((x) => x.current?.id === id);
  if (units.length === 0) return '—';
  return units
    .map((u) => {
      const r = u.reported[kind];
      const who = units.length > 1 ? `${u.asRecorded?.name ?? u.organiser}: ` : '';
      if (r === null) return `${who}chưa gửi`;
      const late = r.daysLate > 0 ? ` (trễ ${r.daysLate} ngày)` : '';
      return `${who}đã gửi ${vnDate(r.submittedOn)}${late}`;
    })
    .join('; ');
}

/** The code a province's dashboard has for the year: itself from 2026, else its first unit as recorded. */
function asRecordedCode(r: RankedProvince['r'], code: string, year: number): string {
  if (year > 2025) return code;
  return r?.asRecorded.find((x) => x !== null)?.id.split(':')[1] ?? code;
}

/** The units as recorded, each a link to its own dashboard. */
function asRecordedLinks(r: RankedProvince['r'], year: number): (HTMLElement | string)[] {
  const units = (r?.asRecorded ?? []).filter((x) => x !== null);
  if (units.length === 0) return ['—'];
  return units.flatMap((x, i) => [i > 0 ? ', ' : '', h('a', { href: `#/tinh/${x.id.split(':')[1]}/${year}` }, x.name)]);
}

/** The provinces with records, ranked: their figures and their reports to the national alliance. */
function rankingTable(n: National, year: number, rows: RankedProvince[]): HTMLElement {
  return h(
    'table',
    { class: 'ranking', id: 'ranking' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...[
          'Hạng',
          'Tỉnh, thành phố',
          'Đơn vị như ghi nhận',
          'Hội nghị',
          'Trong cao điểm',
          'Tin, bài',
          'Đã giải ngân',
          'Thành viên kết nạp',
          'Báo cáo 6 tháng',
          'Báo cáo năm',
        ].map((c) => h('th', {}, c)),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map(({ p, r }, i) =>
        h(
          'tr',
          { 'data-province': p.code },
          h('td', {}, String(i + 1)),
          h('td', {}, h('a', { href: `#/tinh/${asRecordedCode(r, p.code, year)}/${year}` }, `${p.name} (${p.code})`)),
          h('td', {}, ...asRecordedLinks(r, year)),
          h('td', { class: 'num' }, fmt(r?.totals.meetings?.total ?? 0)),
          h('td', { class: 'num' }, fmt(r?.totals.meetings?.peak ?? 0)),
          h('td', { class: 'num' }, fmt(r?.totals.publications?.total ?? 0)),
          h('td', { class: 'num' }, vnd(r?.totals.disbursedVnd?.total ?? 0)),
          h('td', { class: 'num' }, fmt(r?.totals.membersAdmitted?.total ?? 0)),
          h('td', {}, reportCell(n, p.id, 'halfYear')),
          h('td', {}, reportCell(n, p.id, 'yearEnd')),
        ),
      ),
    ),
  );
}

/** The national alliance's events of the year and how many provinces attended each, if there were any. */
function nationalEvents(n: National): HTMLElement | null {
  if (!n.nationalEvents.length) return null;
  return h(
    'section',
    { class: 'card wide' },
    h('h3', {}, 'Sự kiện của Liên minh HTX Việt Nam'),
    h(
      'ul',
      {},
      ...n.nationalEvents.map((e) =>
        h('li', {}, `${vnDate(e.date)} · ${e.name} (${e.place}) — ${e.provincesAttending.length} tỉnh tham dự`),
      ),
    ),
  );
}

/** Meetings of each province with records, in the peak and in the rest of the year. */
function rankChart(canvas: HTMLCanvasElement, rows: RankedProvince[]): void {
  chart(
    canvas,
    {
      type: 'bar',
      data: {
        labels: rows.map(({ p }) => p.name),
        datasets: [
          { label: 'Cao điểm', data: rows.map(({ r }) => r?.totals.meetings?.peak ?? 0), backgroundColor: COLORS.peak },
          {
            label: 'Các tháng còn lại',
            data: rows.map(({ r }) => r?.totals.meetings?.rest ?? 0),
            backgroundColor: COLORS.rest,
          },
        ],
      },
      options: {
        scales: {
          x: { stacked: true, ticks: { autoSkip: false, maxRotation: 70, minRotation: 50 } },
          y: { stacked: true, beginAtZero: true },
        },
      },
    },
    { counts: ['y'] },
  );
}

// The page opens again without a connection once it has been opened (web/public/sw.js).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);

void resumeSignIn(ended)
  .then((r) => {
    if (r.state === 'navigating') return;
    window.addEventListener('hashchange', () => void route());
    // Records made offline are sent when the connection returns, or now.
    startOutbox((position) => {
      written = Math.max(written, position);
    });
    return route(r.message);
  })
  .catch((e) => show(problem(e)));
