import type { components } from '../../openapi/schema.ts';
import {
  ApiError,
  currentClaims,
  download,
  getJson,
  isReporter,
  reportingUnitOf,
  sendCommand,
  type Claims,
  type Problem,
} from './api.ts';
import { h, type Child } from './dom.ts';
import { fmt, fromVnDate, vnDate } from './format.ts';
import { recordFiles } from './attachments.ts';
import './reporting.css';

/**
 * The reporting chain on the page: the provincial officers' inbox of reports awaiting review
 * (approve, return with a reason) and who is late; a reporter's own unit's reports, sent and sent
 * again after a return. Units are named, never shown or asked for by code.
 */

type Schemas = components['schemas'];
type Inbox = Schemas['ReviewInbox'];
type InboxItem = Inbox['items'][number];
type Status = Schemas['ReportingStatus'];
type StatusRow = Status['rows'][number];
type UnitReport = Schemas['UnitReport'];
type Figures = InboxItem['figures'];

// ---------------------------------------------------------------------------------------------
// Names

/** The provincial departments since the 2025 reorganisation, as officials write them. */
export const DEPARTMENTS: readonly string[] = [
  'Sở Tài chính',
  'Sở Nông nghiệp và Môi trường',
  'Sở Công Thương',
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Sở Xây dựng',
  'Sở Khoa học và Công nghệ',
  'Sở Văn hóa, Thể thao và Du lịch',
  'Sở Giáo dục và Đào tạo',
  'Sở Y tế',
  'Sở Dân tộc và Tôn giáo',
  'Sở Ngoại vụ',
  'Thanh tra tỉnh',
  'Văn phòng UBND tỉnh',
];

/** A department's code from its name, as report paths and tokens write it: "Sở Tài chính" → "so-tai-chinh". */
export function departmentCode(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Names of units by code: the departments above, what the reports were asked of, the province's communes. */
const names = new Map<string, string>([
  ['alliance', 'Liên minh HTX tỉnh'],
  ['standing-agency', 'Cơ quan thường trực Ban Chỉ đạo'],
  ...DEPARTMENTS.map((d): [string, string] => [departmentCode(d), d]),
]);
/** Each province's communes of today, once loaded. */
const communesOf = new Map<string, { code: string; name: string }[]>();

/** Loads the names of a province's communes (public reference data), once. */
async function loadCommuneNames(province: string): Promise<void> {
  if (communesOf.has(province)) return;
  try {
    const r = await getJson<{ items: { code: string; name: string }[] }>(
      `/reference/communes?province=${encodeURIComponent(province)}&map=current`,
    );
    for (const c of r.items) names.set(c.code, c.name);
    communesOf.set(province, r.items);
  } catch {
    // names fall back to what the reports say
  }
}
const unitName = (unit: string): string => names.get(unit) ?? unit;

/** A current province's name (public reference data), or its code. */
const provinceNames = new Map<string, string>();
async function provinceName(code: string): Promise<string> {
  if (provinceNames.size === 0)
    try {
      const r = await getJson<{ items: { code: string; name: string }[] }>('/reference/provinces?map=current');
      for (const p of r.items) provinceNames.set(p.code, p.name);
    } catch {
      // the code will do
    }
  return provinceNames.get(code) ?? `tỉnh ${code}`;
}

/** The kind of report: half-year, year-end, or ad hoc. */
export const periodName = (period: string): string =>
  period === 'half-year' ? '6 tháng' : period === 'year-end' ? 'Cả năm' : 'Đột xuất';
/** A report's title, also before it was requested (the service then names it by its period). */
const titleOf = (period: string, title: string, year: number): string =>
  title !== period ? title : period === 'half-year' ? `Báo cáo 6 tháng đầu năm ${year}` : `Báo cáo năm ${year}`;

export const STATUS_VI: Record<string, string> = {
  none: 'Chưa gửi',
  'awaiting-review': 'Chờ duyệt',
  returned: 'Bị trả lại',
  approved: 'Đã duyệt',
  unlocked: 'Đã mở khóa, cần gửi lại',
};
const statusBadge = (status: string | null): HTMLElement =>
  h('span', { class: `badge status-${status ?? 'none'}` }, STATUS_VI[status ?? 'none'] ?? String(status));

/** Today in Vietnam, yyyy-mm-dd. */
export function vnToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}
const late = (days: number): string => (days > 0 ? `trễ ${fmt(days)} ngày` : 'đúng hạn');

function problemText(e: unknown): string {
  if (e instanceof ApiError)
    return e.status === 401
      ? 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.'
      : e.status === 403
        ? 'Tài khoản này không được xem nội dung này.'
        : e.message;
  return 'Không kết nối được tới máy chủ.';
}
const alertBox = (text: string): HTMLElement => h('p', { class: 'error', role: 'alert' }, text);
/** A problem from the service, in Vietnamese, with its status. */
function problemOf(p: Problem): string {
  const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  const what = p.status === 409 ? 'Không thực hiện được' : p.status === 422 ? 'Dữ liệu chưa hợp lệ' : 'Có lỗi';
  return `${what}: ${[p.detail ?? p.title, ...fields].join(' — ')}`;
}

/** Puts nodes in place of what an element holds, leaving out the absent ones. */
function put(el: HTMLElement, ...nodes: Child[]): void {
  el.replaceChildren(...nodes.filter((n): n is Node | string => n !== null && n !== undefined && n !== false));
}

/** A wide table in a region that scrolls sideways on a narrow screen (the page itself does not). */
function scroller(label: string, table: HTMLElement): HTMLElement {
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

/** A report's figures as a table: indicator, value, unit. */
function figuresTable(f: Figures, caption: string): HTMLElement {
  if (f.lines.length === 0) return h('p', { class: 'meta' }, 'Không có số liệu.');
  return scroller(
    caption,
    h(
      'table',
      { class: 'data figures-table' },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Nhóm'),
          h('th', { scope: 'col' }, 'Chỉ tiêu'),
          h('th', { scope: 'col' }, 'Số liệu'),
          h('th', { scope: 'col' }, 'Đơn vị tính'),
        ),
      ),
      h(
        'tbody',
        {},
        ...f.lines.map((l) =>
          h(
            'tr',
            {},
            h('td', {}, l.section),
            h('th', { scope: 'row' }, l.indicator),
            h('td', { class: 'num' }, fmt(l.value)),
            h('td', {}, l.unit),
          ),
        ),
      ),
    ),
  );
}

/** A dd/mm/yyyy date field, today by default; answers the ISO date or null when it is not a real day. */
function dateField(
  id: string,
  text: string,
  initial: string | null = vnToday(),
): { el: HTMLElement; value: () => string | null; input: HTMLInputElement } {
  const input = h('input', {
    id,
    type: 'text',
    inputmode: 'numeric',
    placeholder: 'dd/mm/yyyy',
    value: initial === null ? '' : vnDate(initial),
    class: 'date',
  });
  return {
    el: h('label', { class: 'field', for: id }, h('span', {}, text), input),
    value: () => fromVnDate(input.value),
    input,
  };
}

/** The year picker of the reporting views. */
function yearPicker(year: number, go: (y: number) => void): HTMLElement {
  const sel = h(
    'select',
    { id: 'report-year', onchange: () => go(Number(sel.value)) },
    ...Array.from({ length: 4 }, (_, i) => new Date().getFullYear() + 1 - i).map((y) =>
      h('option', { value: String(y) }, `Năm ${y}`),
    ),
  );
  sel.value = String(year);
  return h('label', {}, 'Năm ', sel);
}

/** Sends a command once per press: the key is kept for a retry after a lost answer, a new one after an answer. */
function oneShot(): { send: (path: string, body: unknown) => ReturnType<typeof sendCommand> } {
  let key = crypto.randomUUID();
  return {
    send: async (path, body) => {
      const r = await sendCommand(path, body, key);
      key = crypto.randomUUID();
      return r;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The reviewer's view: the inbox, and who is late

/**
 * `#/bao-cao/<code>?nam=<year>`: for a provincial officer, the submissions awaiting review, each
 * approved or returned in place; for whoever reads the province, who is late with the year's reports.
 */
export async function reviewView(app: HTMLElement, code: string, year: number, minPosition = 0): Promise<void> {
  const claims = currentClaims();
  const reviews = claims?.role === 'provincial_officer';
  const at = minPosition > 0 ? `?minPosition=${minPosition}` : '';
  const go = (y: number) => (location.hash = `#/bao-cao/${code}?nam=${y}`);
  const head = [
    h('h1', {}, `Báo cáo của các đơn vị — ${await provinceName(code)}`),
    h(
      'div',
      { class: 'controls' },
      yearPicker(year, go),
      reviews
        ? h(
            'a',
            { href: `#/bao-cao/${code}/don-vi?nam=${year}`, id: 'to-own-reports' },
            'Báo cáo của Liên minh HTX tỉnh',
          )
        : null,
    ),
  ];
  app.replaceChildren(...head, h('p', { class: 'loading' }, 'Đang tải…'));
  await loadCommuneNames(code);
  const [inbox, status] = await Promise.allSettled([
    reviews ? getJson<Inbox>(`/provinces/${code}/reporting/inbox${at}`) : Promise.resolve(null),
    getJson<Status>(`/provinces/${code}/reporting/${year}/status${at}`),
  ]);
  if (status.status === 'fulfilled') for (const r of status.value.rows) if (r.name !== null) names.set(r.unit, r.name);
  const reload = (position: number) => void reviewView(app, code, year, Math.max(minPosition, position));
  put(
    app,
    ...head,
    reviews
      ? inbox.status === 'fulfilled' && inbox.value !== null
        ? inboxSection(code, inbox.value, reload)
        : alertBox(problemText(inbox.status === 'rejected' ? inbox.reason : null))
      : null,
    status.status === 'fulfilled' ? lateSection(code, year, status.value) : alertBox(problemText(status.reason)),
    reviews ? requestForm(code, year, reload) : null,
  );
}

function inboxSection(code: string, inbox: Inbox, reload: (position: number) => void): HTMLElement {
  return h(
    'section',
    { class: 'inbox', id: 'inbox', 'aria-labelledby': 'inbox-title' },
    h('h2', { id: 'inbox-title' }, `Báo cáo chờ duyệt (${inbox.items.length})`),
    inbox.items.length === 0 ? h('p', { class: 'meta', id: 'inbox-empty' }, 'Không có báo cáo nào chờ duyệt.') : null,
    ...inbox.items.map((item) => inboxItem(code, item, reload)),
  );
}

/** One submission awaiting review: what it says, and the reviewer's decision. */
function inboxItem(code: string, item: InboxItem, reload: (position: number) => void): HTMLElement {
  const id = item.submissionId.slice(0, 8);
  const heading = `${unitName(item.unit)} — ${titleOf(item.period, item.title, item.year)}`;
  const base = `/provinces/${code}/reporting/${item.year}/${item.period}/units/${encodeURIComponent(item.unit)}/submissions/${item.submissionId}`;
  const who = h('input', {
    id: `by-${id}`,
    type: 'text',
    autocomplete: 'name',
    value: sessionStorage.getItem('cam.reviewer') ?? '',
  });
  const on = dateField(`on-${id}`, 'Ngày');
  const remark = h('textarea', { id: `remark-${id}`, rows: '3', 'aria-describedby': `msg-${id}` });
  const message = h('p', { class: 'action-problem error', role: 'alert', id: `msg-${id}` });
  const busy = (b: boolean) => {
    approve.disabled = b;
    back.disabled = b;
  };
  const approveKey = oneShot();
  const returnKey = oneShot();
  const act = async (kind: 'approve' | 'return'): Promise<void> => {
    message.textContent = '';
    const date = on.value();
    const by = who.value.trim();
    const text = remark.value.trim();
    if (by === '') message.textContent = 'Nhập họ tên người duyệt hoặc trả lại báo cáo.';
    else if (date === null) message.textContent = 'Nhập ngày theo dạng dd/mm/yyyy.';
    else if (kind === 'return' && text === '') message.textContent = 'Nhập lý do trả lại báo cáo.';
    if (message.textContent !== '' || date === null) {
      (by === '' ? who : date === null ? on.input : remark).focus();
      return;
    }
    sessionStorage.setItem('cam.reviewer', by);
    busy(true);
    try {
      const r =
        kind === 'approve'
          ? await approveKey.send(`${base}/approve`, {
              approvedOn: date,
              approvedBy: by,
              ...(text ? { note: text } : {}),
            })
          : await returnKey.send(`${base}/return`, { returnedOn: date, returnedBy: by, reason: text });
      if (r.ok) return reload(r.position);
      message.textContent = problemOf(r.problem);
    } catch {
      message.textContent = 'Không kết nối được tới máy chủ; bấm lại để gửi lại (không bị ghi hai lần).';
    } finally {
      busy(false);
    }
  };
  const approve = h('button', { type: 'button', class: 'approve', onclick: () => void act('approve') }, 'Duyệt');
  const back = h('button', { type: 'button', class: 'return', onclick: () => void act('return') }, 'Trả lại');
  return h(
    'article',
    { class: 'card inbox-item', 'data-unit': item.unit, 'data-period': item.period, 'aria-label': heading },
    h('h3', {}, heading),
    h(
      'p',
      { class: 'meta' },
      `Kỳ: ${periodName(item.period)} · Gửi ngày ${vnDate(item.submittedOn)} · `,
      h('span', { class: item.daysLate > 0 ? 'late' : 'on-time' }, late(item.daysLate)),
      item.resubmission ? ' · Gửi lại sau khi bị trả lại' : '',
      item.documentNumber ? ` · Số văn bản ${item.documentNumber}` : '',
    ),
    figuresTable(item.figures, 'Số liệu do hệ thống tổng hợp'),
    h('h4', {}, 'Nội dung báo cáo'),
    h('p', { class: 'narrative' }, item.narrative),
    h('h4', {}, 'Tệp đính kèm'),
    recordFiles(code, 'report-submissions', item.submissionId),
    h(
      'fieldset',
      { class: 'review' },
      h('legend', {}, 'Ý kiến của người duyệt'),
      h('label', { class: 'field', for: `by-${id}` }, h('span', {}, 'Người duyệt'), who),
      on.el,
      h(
        'label',
        { class: 'field', for: `remark-${id}` },
        h('span', {}, 'Ghi chú; lý do trả lại (bắt buộc khi trả lại)'),
        remark,
      ),
      message,
      h('div', { class: 'form-actions' }, approve, back),
    ),
  );
}

type SortKey = 'late' | 'unit' | 'period';

/** Who is late: one row per unit and report, the latest first by default. */
function lateSection(code: string, year: number, s: Status): HTMLElement {
  const body = h('tbody', {});
  let sort: SortKey = 'late';
  const order: Record<SortKey, (a: StatusRow, b: StatusRow) => number> = {
    late: (a, b) => Number(b.missing) - Number(a.missing) || b.daysLate - a.daysLate || a.unit.localeCompare(b.unit),
    unit: (a, b) => unitName(a.unit).localeCompare(unitName(b.unit), 'vi') || a.period.localeCompare(b.period),
    period: (a, b) => a.period.localeCompare(b.period) || b.daysLate - a.daysLate,
  };
  const yes = (b: boolean) => (b ? 'Có' : 'Không');
  const fill = () =>
    body.replaceChildren(
      ...[...s.rows]
        .sort(order[sort])
        .map((r) =>
          h(
            'tr',
            { 'data-unit': r.unit, 'data-period': r.period, class: r.missing ? 'missing' : '' },
            h('th', { scope: 'row' }, r.name ?? unitName(r.unit)),
            h('td', {}, `${periodName(r.period)}: ${titleOf(r.period, r.title, year)}`),
            h('td', {}, vnDate(r.dueBy)),
            h('td', {}, yes(r.expected)),
            h('td', {}, yes(r.received)),
            h('td', { class: 'num' }, fmt(r.returned)),
            h('td', {}, yes(r.approved)),
            h('td', {}, statusBadge(r.status)),
            h('td', { class: 'num' }, fmt(r.daysLate)),
            h('td', {}, r.missing ? 'Chưa gửi, quá hạn' : '—'),
            h('td', { class: 'num' }, r.overdueTasks === null ? '—' : fmt(r.overdueTasks)),
          ),
        ),
    );
  fill();
  const sortSel = h(
    'select',
    {
      id: 'late-sort',
      onchange: () => {
        sort = sortSel.value as SortKey;
        fill();
      },
    },
    h('option', { value: 'late' }, 'Trễ nhiều nhất trước'),
    h('option', { value: 'unit' }, 'Theo tên đơn vị'),
    h('option', { value: 'period' }, 'Theo kỳ báo cáo'),
  );
  const c = s.counts;
  const reports = `/provinces/${code}/reports/${year}`;
  const dl = (id: string, kind: string, text: string) =>
    h(
      'button',
      {
        type: 'button',
        id,
        onclick: () => void download(`${reports}/${kind}?format=xlsx`).catch((e) => alert(problemText(e))),
      },
      text,
    );
  return h(
    'section',
    { class: 'late-units', id: 'late', 'aria-labelledby': 'late-title' },
    h('h2', { id: 'late-title' }, `Tình hình gửi báo cáo năm ${year}`),
    h(
      'p',
      { class: 'meta', id: 'late-counts' },
      `Đến ngày ${vnDate(s.asOf)}: ${fmt(c.expected)} được yêu cầu · ${fmt(c.received)} đã nhận · ` +
        `${fmt(c.approved)} đã duyệt · ${fmt(c.late)} trễ hạn · ${fmt(c.missing)} chưa gửi (quá hạn)`,
    ),
    h(
      'div',
      { class: 'downloads' },
      h('label', {}, 'Sắp xếp ', sortSel),
      dl('dl-status-half-year', 'half-year', 'Tải báo cáo 6 tháng (XLSX, có trang Tình hình báo cáo)'),
      dl('dl-status-year-end', 'year-end', 'Tải báo cáo năm (XLSX)'),
    ),
    s.rows.length === 0
      ? h('p', { class: 'meta', id: 'late-empty' }, `Chưa có đơn vị nào được yêu cầu hoặc gửi báo cáo năm ${year}.`)
      : scroller(
          'Bảng tình hình gửi báo cáo',
          h(
            'table',
            { class: 'data late-table', id: 'late-table' },
            h('caption', {}, 'Mỗi dòng một đơn vị và một kỳ báo cáo'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  'Đơn vị',
                  'Kỳ báo cáo',
                  'Hạn gửi',
                  'Được yêu cầu',
                  'Đã nhận',
                  'Số lần trả lại',
                  'Đã duyệt',
                  'Trạng thái',
                  'Số ngày trễ',
                  'Chưa gửi',
                  'Nhiệm vụ quá hạn',
                ].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            body,
          ),
        ),
  );
}

/**
 * Asking the units the reporting chain names for the 6-month or year-end report: the alliance,
 * the standing agency, departments and the province's communes, each picked by name.
 */
function requestForm(code: string, year: number, reload: (position: number) => void): HTMLElement {
  const period = h(
    'select',
    { id: 'request-period' },
    h('option', { value: 'half-year' }, `Báo cáo 6 tháng đầu năm ${year}`),
    h('option', { value: 'year-end' }, `Báo cáo năm ${year}`),
  );
  const due = dateField('request-due', 'Hạn gửi (để trống: 15/07 với báo cáo 6 tháng, 19/12 với báo cáo năm)', null);
  const by = h('input', { id: 'request-by', type: 'text', autocomplete: 'name' });
  const box = (unit: string, name: string) =>
    h(
      'label',
      { class: 'choice' },
      h('input', { type: 'checkbox', name: 'request-unit', value: unit, 'data-name': name }),
      ` ${name}`,
    );
  const communes = communesOf.get(code) ?? [];
  const allCommunes = h('input', { type: 'checkbox', id: 'request-communes' });
  const message = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, 'Gửi yêu cầu');
  const send = oneShot();
  const form = h(
    'form',
    {
      class: 'send-report request-reports',
      id: 'request-reports',
      onsubmit: (e) => {
        e.preventDefault();
        message.textContent = '';
        const from = [...form.querySelectorAll<HTMLInputElement>('input[name="request-unit"]:checked')].map((i) => ({
          unit: i.value,
          name: i.dataset.name ?? i.value,
        }));
        if (allCommunes.checked) from.push(...communes.map((c) => ({ unit: c.code, name: c.name })));
        const dueBy = due.input.value.trim() === '' ? undefined : due.value();
        if (from.length === 0) message.textContent = 'Chọn ít nhất một đơn vị.';
        else if (dueBy === null) message.textContent = 'Nhập hạn gửi theo dạng dd/mm/yyyy, hoặc để trống.';
        if (message.textContent !== '') return;
        submit.disabled = true;
        void send
          .send(`/provinces/${code}/reporting/${year}/${period.value}/requests`, {
            from,
            ...(dueBy ? { dueBy } : {}),
            ...(by.value.trim() ? { requestedBy: by.value.trim() } : {}),
          })
          .then((r) => {
            if (r.ok) return reload(r.position);
            message.textContent = problemOf(r.problem);
          })
          .catch(() => {
            message.textContent = 'Không kết nối được tới máy chủ; bấm lại để gửi lại (không bị ghi hai lần).';
          })
          .finally(() => {
            submit.disabled = false;
          });
      },
    },
    h('h3', {}, 'Yêu cầu các đơn vị gửi báo cáo'),
    h('label', { class: 'field', for: 'request-period' }, h('span', {}, 'Báo cáo'), period),
    due.el,
    h(
      'fieldset',
      { class: 'units' },
      h('legend', {}, 'Đơn vị được yêu cầu'),
      box('alliance', 'Liên minh HTX tỉnh'),
      box('standing-agency', 'Cơ quan thường trực Ban Chỉ đạo'),
      ...DEPARTMENTS.map((d) => box(departmentCode(d), d)),
      communes.length
        ? h('label', { class: 'choice' }, allCommunes, ` Tất cả ${fmt(communes.length)} xã, phường, đặc khu của tỉnh`)
        : null,
    ),
    h('label', { class: 'field', for: 'request-by' }, h('span', {}, 'Người yêu cầu (nếu cần ghi)'), by),
    message,
    h('div', { class: 'form-actions' }, submit),
  );
  return h(
    'details',
    { class: 'card request', id: 'request' },
    h('summary', {}, 'Yêu cầu các đơn vị gửi báo cáo 6 tháng, cả năm'),
    form,
  );
}

// ---------------------------------------------------------------------------------------------
// A reporter's view: its unit's reports, sent and sent again

/** The periods a unit is asked for: every unit the 6-month and year-end reports. */
const PERIODS = ['half-year', 'year-end'] as const;

/** `#/bao-cao/<code>/don-vi?nam=<year>`: the signed-in reporter's own unit. */
export async function reporterView(app: HTMLElement, code: string, year: number, minPosition = 0): Promise<void> {
  const claims = currentClaims();
  const unit = claims ? reportingUnitOf(claims) : undefined;
  if (claims === null || unit === undefined) {
    app.replaceChildren(alertBox('Tài khoản này không gửi báo cáo cho đơn vị nào.'));
    return;
  }
  await loadCommuneNames(code);
  const go = (y: number) => (location.hash = `#/bao-cao/${code}/don-vi?nam=${y}`);
  const head = [
    h('h1', {}, `Báo cáo của ${unitName(unit)}`),
    h(
      'div',
      { class: 'controls' },
      yearPicker(year, go),
      claims.role === 'provincial_officer'
        ? h('a', { href: `#/bao-cao/${code}?nam=${year}` }, 'Báo cáo chờ duyệt')
        : null,
    ),
  ];
  app.replaceChildren(...head, h('p', { class: 'loading' }, 'Đang tải…'));
  const at = minPosition > 0 ? `?minPosition=${minPosition}` : '';
  const reports = await Promise.allSettled(
    PERIODS.map((p) =>
      getJson<UnitReport>(`/provinces/${code}/reporting/${year}/${p}/units/${encodeURIComponent(unit)}${at}`),
    ),
  );
  const reload = (position: number) => void reporterView(app, code, year, Math.max(minPosition, position));
  app.replaceChildren(
    ...head,
    ...reports.map((r, i) =>
      r.status === 'fulfilled'
        ? periodCard(code, year, unit, r.value, reload)
        : h('section', { class: 'card' }, h('h2', {}, periodName(PERIODS[i] ?? '')), alertBox(problemText(r.reason))),
    ),
  );
}

/** One period of the unit: where its report stands, the latest submission, and the form to send it. */
function periodCard(
  code: string,
  year: number,
  unit: string,
  r: UnitReport,
  reload: (position: number) => void,
): HTMLElement {
  const last = r.submissions[r.submissions.length - 1];
  const title = titleOf(r.period, r.title, year);
  const canSend = r.status === null || r.status === 'returned' || r.status === 'unlocked';
  const known = r.title !== r.period;
  return h(
    'section',
    { class: 'card unit-report', 'data-period': r.period, 'aria-labelledby': `title-${r.period}` },
    h('h2', { id: `title-${r.period}` }, title, ' ', statusBadge(r.status)),
    h(
      'p',
      { class: 'meta' },
      known
        ? `Kỳ ${vnDate(r.window.from)}–${vnDate(r.window.to)} · Hạn gửi ${vnDate(r.dueBy)}`
        : 'Chưa có yêu cầu báo cáo kỳ này',
      r.to.length ? ` · Gửi tới: ${r.to.join('; ')}` : '',
    ),
    r.status === 'returned' && last?.returned
      ? h(
          'div',
          { class: 'returned-reason', role: 'note' },
          h('strong', {}, `Bị trả lại ngày ${vnDate(last.returned.returnedOn)} (${last.returned.returnedBy}): `),
          h('span', { class: 'reason' }, last.returned.reason),
        )
      : null,
    r.status === 'approved' && last?.approved
      ? h(
          'p',
          { class: 'approved-by' },
          `Đã duyệt ngày ${vnDate(last.approved.approvedOn)} (${last.approved.approvedBy})`,
          last.approved.note ? `: ${last.approved.note}` : '',
        )
      : null,
    last
      ? h(
          'div',
          { class: 'last-submission' },
          h('h3', {}, `Lần gửi ${r.submissions.length} — ngày ${vnDate(last.submittedOn)} (${late(last.daysLate)})`),
          figuresTable(last.figures, 'Số liệu do hệ thống tổng hợp khi gửi'),
          h('p', { class: 'narrative' }, last.narrative),
          h('h4', {}, 'Tệp đính kèm'),
          recordFiles(code, 'report-submissions', last.submissionId),
        )
      : null,
    r.submissions.length > 1
      ? h(
          'details',
          { class: 'history' },
          h('summary', {}, 'Các lần gửi trước'),
          h(
            'ul',
            {},
            ...r.submissions
              .slice(0, -1)
              .map((s, i) =>
                h(
                  'li',
                  {},
                  `Lần ${i + 1}: gửi ${vnDate(s.submittedOn)}`,
                  s.returned ? `, trả lại ${vnDate(s.returned.returnedOn)}: ${s.returned.reason}` : '',
                ),
              ),
          ),
        )
      : null,
    canSend ? sendForm(code, year, unit, r, reload) : null,
  );
}

/** The form a unit sends its report with: the narrative, the date; the figures are the service's. */
function sendForm(
  code: string,
  year: number,
  unit: string,
  r: UnitReport,
  reload: (position: number) => void,
): HTMLElement {
  const p = r.period;
  const narrative = h('textarea', { id: `narrative-${p}`, rows: '8', 'aria-required': 'true' });
  const on = dateField(`submitted-${p}`, 'Ngày gửi');
  const doc = h('input', { id: `document-${p}`, type: 'text' });
  const message = h('p', { class: 'error', role: 'alert' });
  const again = r.submissions.length > 0;
  const submit = h('button', { type: 'submit' }, again ? 'Gửi lại báo cáo' : 'Gửi báo cáo');
  // One submission id and key per report sent: a double click or a retry records it once.
  let submissionId = crypto.randomUUID();
  let key = crypto.randomUUID();
  let busy = false;
  const form = h(
    'form',
    {
      class: 'send-report',
      'data-period': p,
      onsubmit: (e) => {
        e.preventDefault();
        if (busy) return;
        message.textContent = '';
        const date = on.value();
        const text = narrative.value.trim();
        if (text === '') {
          message.textContent = 'Nhập nội dung báo cáo.';
          narrative.focus();
          return;
        }
        if (date === null) {
          message.textContent = 'Nhập ngày theo dạng dd/mm/yyyy.';
          on.input.focus();
          return;
        }
        busy = true;
        submit.disabled = true;
        const body = {
          submissionId,
          submittedOn: date,
          narrative: text,
          ...(doc.value.trim() ? { documentNumber: doc.value.trim() } : {}),
        };
        void sendCommand(
          `/provinces/${code}/reporting/${year}/${p}/units/${encodeURIComponent(unit)}/submissions`,
          body,
          key,
        )
          .then((res) => {
            submissionId = crypto.randomUUID();
            key = crypto.randomUUID();
            if (res.ok) return reload(res.position);
            message.textContent = problemOf(res.problem);
          })
          .catch(() => {
            message.textContent = 'Không kết nối được tới máy chủ; bấm Gửi để gửi lại (không bị ghi hai lần).';
          })
          .finally(() => {
            busy = false;
            submit.disabled = false;
          });
      },
    },
    h('h3', {}, again ? 'Gửi lại báo cáo' : 'Gửi báo cáo'),
    h('p', { class: 'hint' }, 'Số liệu do hệ thống tự tổng hợp từ các hoạt động của đơn vị khi gửi.'),
    h(
      'label',
      { class: 'field', for: `narrative-${p}` },
      h('span', {}, 'Nội dung: kết quả, khó khăn, kiến nghị'),
      narrative,
    ),
    on.el,
    h('label', { class: 'field', for: `document-${p}` }, h('span', {}, 'Số văn bản (nếu có)'), doc),
    message,
    h('div', { class: 'form-actions' }, submit),
  );
  return form;
}

// ---------------------------------------------------------------------------------------------
// Navigation and the development sign-in

/** The nav's "Báo cáo" link: reviewers and readers of the province to the inbox, reporters to their unit. */
export function reportingLink(claims: Claims): HTMLElement | null {
  if (!claims.province) return null;
  const year = new Date().getFullYear();
  if (isReporter(claims)) return h('a', { href: `#/bao-cao/${claims.province}/don-vi?nam=${year}` }, 'Báo cáo');
  if (claims.role === 'provincial_officer' || claims.role === 'provincial_viewer')
    return h('a', { href: `#/bao-cao/${claims.province}?nam=${year}` }, 'Báo cáo');
  return null;
}

/**
 * The reporter's unit on the development sign-in: a department picked by name, a commune from
 * the province's list; nothing for the other roles.
 */
export function devReporterPicker(
  role: HTMLSelectElement,
  province: HTMLSelectElement,
): { el: HTMLElement; claims: () => { unit?: string; commune?: string } } {
  const department = h(
    'select',
    { id: 'dev-unit', 'aria-label': 'Sở, ngành' },
    ...DEPARTMENTS.map((d) => h('option', { value: departmentCode(d) }, d)),
  );
  const commune = h('select', { id: 'dev-commune', 'aria-label': 'Xã, phường' });
  const loadCommunes = async () => {
    const p = province.value;
    await loadCommuneNames(p);
    const r = await getJson<{ items: { code: string; name: string }[] }>(
      `/reference/communes?province=${encodeURIComponent(p)}&map=current`,
    ).catch(() => ({ items: [] }));
    commune.replaceChildren(...r.items.map((c) => h('option', { value: c.code }, c.name)));
  };
  const el = h('span', { class: 'dev-unit' });
  const update = () => {
    const pick: Child[] =
      role.value === 'department_officer' ? [department] : role.value === 'commune_officer' ? [commune] : [];
    el.replaceChildren(...pick.filter((x): x is HTMLElement => x instanceof HTMLElement));
    if (role.value === 'commune_officer') void loadCommunes();
  };
  role.addEventListener('change', update);
  province.addEventListener('change', () => role.value === 'commune_officer' && void loadCommunes());
  update();
  return {
    el,
    claims: () =>
      role.value === 'department_officer'
        ? { unit: department.value }
        : role.value === 'commune_officer'
          ? { commune: commune.value }
          : {},
  };
}
