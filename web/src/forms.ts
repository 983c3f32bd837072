import type ajv2020 from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { pageFormsDocument, sendCommand, type Problem } from './api.ts';
import { communeField, communeProblem, wireCommunePickers } from './commune-picker.ts';
import { forgetChoices, pickedKind, recordPicker } from './record-picker.ts';
import { enqueue, unreachable } from './outbox.ts';
import { h } from './dom.ts';
import { fmt, fromVnDate, label, vnDate } from './format.ts';

/**
 * Data entry in the page: one form per daily record, built from the request schema of its command
 * in the service's OpenAPI document (its page-form part, built with the page) and checked by that
 * schema in the browser (ajv, fetched with the first form) before it is sent. Dates are typed
 * dd/mm/yyyy and money as 1.000.000 ₫; the record's own id is made here; each submission carries
 * one Idempotency-Key, kept for its retries, so a double click records once. The service's problem
 * is shown next to the field it names, in Vietnamese.
 */

/** A record officials enter from the page: the command, its title, and the id the page makes for it. */
export interface FormSpec {
  operationId: string;
  title: string;
  ownId?: string;
  /** Who may send it (the route's access): the page offers a form only to those who may. */
  access?: string;
}

/**
 * The records officials enter from the page, in the document's order: every command whose route
 * declares a page form (`x-page-form` in the OpenAPI document, from its capability's route file).
 */
export async function pageForms(): Promise<FormSpec[]> {
  doc ??= (await pageFormsDocument()) as Doc;
  return Object.values(doc.paths).flatMap((ops) =>
    Object.values(ops).flatMap((o) =>
      o.operationId !== undefined && o['x-page-form'] !== undefined
        ? [{ operationId: o.operationId, ...o['x-page-form'] }]
        : [],
    ),
  );
}

/** Field names as officials say them; anything else shows its name. */
const FIELDS: Record<string, string> = {
  date: 'Ngày',
  place: 'Địa điểm',
  commune: 'Xã, phường',
  district: 'Huyện (trước 1/7/2025)',
  communeCode: 'Xã, phường',
  venue: 'Nơi tổ chức',
  format: 'Hình thức',
  topics: 'Chủ đề',
  attendees: 'Số người tham dự',
  cooperativesRepresented: 'Số HTX, THT tham dự',
  cooperativeIds: 'Các HTX (tìm theo tên, số đăng ký)',
  organisedBy: 'Đơn vị tổ chức',
  activityId: 'Hoạt động của kế hoạch',
  title: 'Tiêu đề',
  changes: 'Nội dung đính chính',
  reason: 'Lý do',
  kind: 'Loại',
  outlet: 'Cơ quan báo chí, kênh',
  issueNumber: 'Số phát hành',
  copies: 'Số bản',
  url: 'Đường dẫn',
  round: 'Đợt số',
  admitted: 'Số được kết nạp',
  cooperatives: 'Hợp tác xã',
  cooperativeUnions: 'Liên hiệp HTX',
  cooperativeGroups: 'Tổ hợp tác',
  associates: 'Thành viên liên kết',
  note: 'Ghi chú',
  decision: 'Quyết định',
  number: 'Số',
  cooperativeId: 'Hợp tác xã',
  fund: 'Nguồn kinh phí',
  form: 'Hình thức hỗ trợ',
  amount: 'Số tiền',
  purpose: 'Mục đích',
  approvalId: 'Quyết định phê duyệt hỗ trợ',
  reference: 'Số chứng từ',
  nominatedBy: 'Đơn vị đề cử',
  nominatedOn: 'Ngày đề cử',
  category: 'Hạng mục',
  achievements: 'Thành tích (mỗi dòng một ý)',
  shortlistedOn: 'Ngày chọn',
  forwardedOn: 'Ngày gửi',
  award: 'Hình thức khen thưởng',
  awardedBy: 'Cấp khen thưởng',
  awardedOn: 'Ngày khen thưởng',
  decisionNumber: 'Số quyết định',
  declinedOn: 'Ngày quyết định',
  reportedOn: 'Ngày báo cáo',
  percent: 'Tiến độ (%)',
  'admitted.associatesContributing': 'Thành viên liên kết có góp vốn',
  'admitted.associatesNonContributing': 'Thành viên liên kết không góp vốn',
  'nominatedBy.level': 'Cấp đề cử',
  'reporter.level': 'Cấp báo cáo',
  takenOverOn: 'Ngày tiếp nhận',
  takenOverBy: 'Người tiếp nhận',
  letter: 'Số công văn gửi',
  narrative: 'Nội dung báo cáo',
  period: 'Kỳ báo cáo',
  unit: 'Đơn vị báo cáo',
  returnedOn: 'Ngày trả lại',
  returnedBy: 'Người trả lại',
  approvedOn: 'Ngày duyệt',
  approvedBy: 'Người duyệt',
  unlockedOn: 'Ngày mở khóa',
  unlockedBy: 'Người mở khóa',
  plan: 'Kế hoạch (số, ngày)',
  theme: 'Chủ đề',
  peak: 'Đợt cao điểm (mặc định 29/3–29/4)',
  activities: 'Các hoạt động trọng tâm',
  'activities.id': 'Mã ngắn của hoạt động (chữ thường, không dấu, ví dụ: hoi-nghi)',
  'activities.window': 'Thời gian thực hiện',
  'activities.targets': 'Chỉ tiêu',
  budgets: 'Kinh phí theo nguồn',
  amendment: 'Văn bản điều chỉnh (số, ngày)',
  closedOn: 'Ngày kết thúc',
  summary: 'Tóm tắt kết quả',
  registrationNumber: 'Số đăng ký',
  registeredOn: 'Ngày đăng ký',
  sector: 'Lĩnh vực',
  members: 'Thành viên',
  'members.official': 'Thành viên chính thức',
  'members.associate': 'Thành viên liên kết',
  status: 'Tình trạng',
  effectiveOn: 'Có hiệu lực từ ngày',
  asOf: 'Tính đến ngày',
  prospectiveName: 'Tên HTX dự kiến',
  founders: 'Số sáng lập viên',
  outcome: 'Kết quả',
  chairedBy: 'Chủ trì',
  submittedBy: 'Người, đơn vị kiến nghị',
  topic: 'Lĩnh vực kiến nghị',
  subject: 'Trích yếu',
  content: 'Nội dung',
  addressedTo: 'Gửi tới',
  respondedBy: 'Cơ quan trả lời',
  respondedOn: 'Ngày trả lời',
  response: 'Nội dung trả lời',
  resolved: 'Đã giải quyết xong',
  requestedAmount: 'Số tiền đề nghị vay',
  recommendedAmount: 'Số tiền đề nghị cho vay',
  notes: 'Ghi chú',
  withdrawnOn: 'Ngày rút',
  section: 'Mục',
  ordinal: 'Số thứ tự',
  leadAgencies: 'Cơ quan chủ trì (mỗi dòng một cơ quan)',
  coordinatingAgencies: 'Cơ quan phối hợp (mỗi dòng một cơ quan)',
  due: 'Thời hạn',
  doneOn: 'Ngày hoàn thành',
  cancelledOn: 'Ngày hủy',
  draft: 'Dự thảo',
  openedOn: 'Ngày gửi lấy ý kiến',
  dueOn: 'Hạn góp ý',
  parties: 'Các cơ quan, đơn vị được lấy ý kiến',
  'parties.group': 'Nhóm',
  repliedOn: 'Ngày góp ý',
  position: 'Chức vụ',
  'consultation.position': 'Ý kiến',
  comments: 'Nội dung góp ý',
  'members.person': 'Họ và tên',
  'members.position': 'Chức vụ',
  'members.agency': 'Cơ quan',
  'members.role': 'Vai trò trong Ban',
  'members.duties': 'Nhiệm vụ',
  'members.oversees': 'Phụ trách',
  'oversees.agencies': 'Các cơ quan phụ trách',
  'oversees.localities': 'Các địa phương phụ trách',
  'from.level': 'Cấp báo cáo',
  dueBy: 'Hạn gửi',
  window: 'Thời gian',
  requestedBy: 'Người yêu cầu',
  ledBy: 'Trưởng đoàn',
  findings: 'Kết quả nắm tình hình',
  proposals: 'Kiến nghị của HTX',
  cooperativesTakingPart: 'Số HTX, THT tham gia',
  products: 'Sản phẩm giới thiệu',
  contractsSigned: 'Số hợp đồng, biên bản ghi nhớ ký kết',
  salesVnd: 'Doanh thu bán hàng',
  description: 'Nội dung hỗ trợ',
  providedBy: 'Đơn vị hỗ trợ',
  estimatedValueVnd: 'Giá trị ước tính',
  'targets.metric': 'Chỉ tiêu',
  'targets.value': 'Số cần đạt (tối thiểu)',
  'targets.upTo': 'Đến (tối đa, nếu là khoảng)',
  'targets.percent': 'Hoặc tỷ lệ (%)',
  'targets.base': 'của cơ số',
  'targets.baseLabel': 'Cơ số là (ví dụ: HTX đang hoạt động)',
  'targets.label': 'Ghi chú',
  'recipients.kind': 'Tập thể hay cá nhân',
  'recipients.name': 'Tên tập thể, hoặc họ và tên',
  'recipients.position': 'Chức vụ',
  'recipients.workplace': 'Nơi công tác',
  'decision.number': 'Số quyết định',
  'decision.date': 'Ngày quyết định',
  recipients: 'Tập thể, cá nhân được khen thưởng',
  occasion: 'Dịp khen thưởng',
  reportedBy: 'Người báo cáo',
  completedOn: 'Ngày hoàn thành',
  reporter: 'Đơn vị báo cáo',
  submittedOn: 'Ngày nộp',
  documentNumber: 'Số văn bản',
  name: 'Tên',
  meetingId: 'Hội nghị (ngày, nơi tổ chức)',
  nominationId: 'Đề cử (HTX)',
  taskId: 'Nhiệm vụ',
  petitionId: 'Kiến nghị',
  from: 'Từ ngày',
  to: 'Đến ngày',
  audiences: 'Đối tượng',
  participants: 'Số người tham gia',
};
/**
 * A field's label: by its parent and its name where one name means different things ("targets.value",
 * "recipients.name"), else by its name. `path` is the dotted path problems name (array indices left out).
 */
const fieldName = (name: string, path?: string): string => {
  const parts = (path ?? name).split('.').filter((p) => !/^\d+$/.test(p));
  const last = parts.at(-1) ?? name;
  return FIELDS[parts.slice(-2).join('.')] ?? FIELDS[last] ?? label(last);
};

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  anyOf?: Schema[];
  default?: unknown;
  description?: string;
};
type Operation = {
  operationId?: string;
  'x-page-form'?: { title: string; ownId?: string; access?: string };
  parameters?: (Schema & { name?: string; in?: string; schema?: Schema; $ref?: string })[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const isMoney = (name: string): boolean => /^(amount|budget)$|Vnd$/.test(name);

let doc: Doc | null = null;
type AjvClass = typeof ajv2020.default;
let ajv: Promise<InstanceType<AjvClass>> | undefined;
/** The validator, fetched with the first form (a chunk of its own: the sign-in and dashboards do without it). */
const validator = (): Promise<InstanceType<AjvClass>> =>
  (ajv ??= import('ajv/dist/2020.js')
    .then((m) => {
      // ajv is CommonJS: its class is the module's default export, or the module itself once bundled.
      const Ajv2020 = (m.default as unknown as { default?: AjvClass }).default ?? (m.default as unknown as AjvClass);
      return new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    })
    .catch((e: unknown) => {
      // Offline, say: the next form asks again.
      ajv = undefined;
      throw e;
    }));

/** A form of the page: its element, and what it sends. */
export interface EntryForm {
  el: HTMLFormElement;
}

/** The schema with every component it refers to written in place, for the browser's validator. */
function inline(s: unknown, depth = 0): unknown {
  if (depth > 20 || typeof s !== 'object' || s === null) return s;
  if (Array.isArray(s)) return s.map((x) => inline(x, depth + 1));
  const ref = (s as Schema).$ref;
  if (ref !== undefined && doc !== null)
    return inline(doc.components.schemas[ref.split('/').pop() as string] ?? {}, depth + 1);
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, inline(v, depth + 1)]));
}

function resolve(s: Schema | undefined): Schema {
  let x = s ?? {};
  while (x.$ref !== undefined && doc !== null) x = doc.components.schemas[x.$ref.split('/').pop() as string] ?? {};
  if (x.anyOf !== undefined) x = resolve(x.anyOf.find((a) => a.type !== 'null') ?? {});
  return x;
}

/** The campaign a form records for: what its record pickers list. */
interface Campaign {
  code: string;
  year: number;
}

/** One input (or group) for a property; `path` is its dotted name, as problems name fields. */
function field(path: string, name: string, s0: Schema, required: boolean, at: Campaign): HTMLElement {
  const s = resolve(s0);
  const id = `f-${path.replace(/\./g, '-')}`;
  // "to" is a day in a window, or where a nomination is sent (a text).
  const caption = `${name === 'to' && s.pattern !== DATE ? 'Gửi đến' : fieldName(name, path)}${required ? ' *' : ''}`;
  const wrap = (control: HTMLElement, hint?: string): HTMLElement =>
    h(
      'div',
      { class: 'field', 'data-field': path },
      h('label', { for: id }, caption),
      control,
      ...(hint ? [h('span', { class: 'hint' }, hint)] : []),
      h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' }),
    );
  // A commune is picked by its name from the province's list: no form asks for a code.
  if (name === 'communeCode') return communeField(path, id, caption);
  // A record is picked by its name, number or date from the campaign's list: no form asks for an id.
  const picked = pickedKind(name);
  if (picked !== undefined && (s.type === 'string' || (s.type === 'array' && resolve(s.items).type === 'string')))
    return wrap(recordPicker(picked, s.type === 'array', id, path, required, at.code, at.year));
  if (s.type === 'object' && s.properties !== undefined) {
    const set = h('fieldset', { 'data-field': path, 'data-kind': 'object' }, h('legend', {}, caption));
    for (const [k, v] of Object.entries(s.properties))
      set.append(field(`${path}.${k}`, k, v, (s.required ?? []).includes(k), at));
    return set;
  }
  if (s.type === 'array' && resolve(s.items).type === 'object') return rowsField(path, caption, resolve(s.items), at);
  if (s.type === 'array' && resolve(s.items).enum !== undefined) {
    const set = h('fieldset', { 'data-field': path, 'data-kind': 'choices', id }, h('legend', {}, caption));
    for (const v of resolve(s.items).enum as string[])
      set.append(
        h('label', { class: 'choice' }, h('input', { type: 'checkbox', name: path, value: v }), ` ${label(v)}`),
      );
    set.append(h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' }));
    return set;
  }
  if (s.type === 'array')
    return wrap(
      h('textarea', { id, name: path, 'data-kind': 'lines', rows: '2', 'aria-describedby': `${id}-error` }),
      'mỗi dòng một mục',
    );
  if (s.enum !== undefined) {
    const select = h(
      'select',
      { id, name: path, 'aria-describedby': `${id}-error` },
      h('option', { value: '' }, required ? '— chọn —' : '(không)'),
      ...(s.enum as string[]).map((v) => h('option', { value: v }, label(v))),
    );
    return wrap(select);
  }
  if (s.type === 'boolean') return wrap(h('input', { id, name: path, type: 'checkbox', 'data-kind': 'boolean' }));
  if (s.type === 'integer' || s.type === 'number') {
    if (isMoney(name)) {
      const input = h('input', {
        id,
        name: path,
        inputmode: 'numeric',
        'data-kind': 'money',
        placeholder: '1.000.000',
        'aria-describedby': `${id}-error`,
      });
      input.addEventListener('blur', () => {
        const n = parseMoney(input.value);
        if (n !== null) input.value = fmt(n);
      });
      return wrap(input, 'đồng');
    }
    return wrap(
      h('input', { id, name: path, inputmode: 'numeric', 'data-kind': 'integer', 'aria-describedby': `${id}-error` }),
    );
  }
  if (s.pattern === DATE)
    return wrap(
      h('input', { id, name: path, 'data-kind': 'date', placeholder: 'dd/mm/yyyy', 'aria-describedby': `${id}-error` }),
      'ngày/tháng/năm',
    );
  return wrap(
    h('input', {
      id,
      name: path,
      'data-kind': 'text',
      'aria-describedby': `${id}-error`,
      ...(s.maxLength !== undefined ? { maxlength: String(s.maxLength) } : {}),
    }),
  );
}

/**
 * A list of records of one shape (the people a decision honours, a plan's targets): one group of
 * fields a row, numbered as problems number them (recipients.0.name), and a button for one more.
 */
function rowsField(path: string, caption: string, item: Schema, at: Campaign): HTMLElement {
  const rows = h('div', { class: 'rows' });
  const add = (): void => {
    const i = rows.children.length;
    const row = h(
      'fieldset',
      { class: 'row', 'data-row-of': path, 'data-field': `${path}.${i}` },
      h('legend', {}, `${i + 1}.`),
    );
    for (const [k, v] of Object.entries(item.properties ?? {}))
      row.append(field(`${path}.${i}.${k}`, k, v, (item.required ?? []).includes(k), at));
    rows.append(row);
  };
  add();
  return h(
    'fieldset',
    { 'data-field': path, 'data-kind': 'rows' },
    h('legend', {}, caption),
    rows,
    h('button', { type: 'button', class: 'link add-row', onclick: add }, '+ Thêm dòng'),
    h('span', { class: 'field-error', role: 'alert' }),
  );
}

/** What tells one waiting record from another in the queue: its day and its name or title, as typed. */
function summaryOf(body: Record<string, unknown>): string {
  const day = [body.date, body.from, (body.decision as { date?: unknown } | undefined)?.date].find(
    (x): x is string => typeof x === 'string',
  );
  const name = [body.title, body.name, body.subject, body.organisedBy].find((x): x is string => typeof x === 'string');
  return [day === undefined ? '' : vnDate(day), name ?? ''].filter((x) => x !== '').join(' · ') || 'bản ghi';
}

/** 1.000.000 (₫), 1000000 or 1 000 000 → 1000000; null when it is not a whole amount. */
export function parseMoney(text: string): number | null {
  const digits = text.replace(/[.\s₫đ]/gi, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/**
 * The body the form holds: empty optional fields left out, dates and money converted. What cannot
 * be converted (31/02/2026, "nhiều") is kept as typed, so that the schema names the field.
 */
function bodyOf(form: HTMLFormElement, s0: Schema, prefix: string): Record<string, unknown> {
  const s = resolve(s0);
  const out: Record<string, unknown> = {};
  for (const [k, v0] of Object.entries(s.properties ?? {})) {
    const path = prefix === '' ? k : `${prefix}.${k}`;
    const v = resolve(v0);
    if (v.type === 'object' && v.properties !== undefined) {
      const inner = bodyOf(form, v, path);
      if (Object.keys(inner).length > 0) out[k] = inner;
      continue;
    }
    if (v.type === 'array' && resolve(v.items).type === 'object') {
      // Rows left empty at the end are not sent; one left empty between two is, so problems keep its number.
      const rows = [...form.querySelectorAll(`[data-row-of="${path}"]`)].map((_, i) =>
        bodyOf(form, resolve(v.items), `${path}.${i}`),
      );
      while (rows.length > 0 && Object.keys(rows.at(-1) ?? {}).length === 0) rows.pop();
      if (rows.length > 0) out[k] = rows;
      continue;
    }
    if (v.type === 'array' && (resolve(v.items).enum !== undefined || pickedKind(k) !== undefined)) {
      const chosen = [...form.querySelectorAll<HTMLInputElement>(`input[type=checkbox][name="${path}"]:checked`)].map(
        (c) => c.value,
      );
      if (chosen.length > 0) out[k] = chosen;
      continue;
    }
    const el = form.elements.namedItem(path) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
    if (el === null) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (el.checked) out[k] = true;
      continue;
    }
    const text = el.value.trim();
    if (text === '') continue;
    const kind = el.dataset.kind;
    if (kind === 'lines')
      out[k] = text
        .split('\n')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    else if (kind === 'date') out[k] = fromVnDate(text) ?? text;
    else if (kind === 'money') out[k] = parseMoney(text) ?? text;
    else if (kind === 'integer') out[k] = /^-?\d+$/.test(text) ? Number(text) : text;
    else out[k] = text;
  }
  return out;
}

/** A schema error in Vietnamese, for the field it belongs to. */
function messageOf(e: ErrorObject): { field: string; message: string } {
  const base = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        field: base === '' ? String(p.missingProperty) : `${base}.${String(p.missingProperty)}`,
        message: 'bắt buộc phải nhập',
      };
    case 'minLength':
      return { field: base, message: p.limit === 1 ? 'không được để trống' : `ít nhất ${String(p.limit)} ký tự` };
    case 'maxLength':
      return { field: base, message: `tối đa ${String(p.limit)} ký tự` };
    case 'minimum':
      return { field: base, message: `không nhỏ hơn ${fmt(Number(p.limit))}` };
    case 'maximum':
      return { field: base, message: `không lớn hơn ${fmt(Number(p.limit))}` };
    case 'minItems':
      return { field: base, message: `chọn hoặc nhập ít nhất ${String(p.limit)}` };
    case 'enum':
      return { field: base, message: 'chọn một giá trị trong danh sách' };
    case 'type':
      return {
        field: base,
        message: p.type === 'integer' || p.type === 'number' ? 'phải là một số' : 'kiểu dữ liệu không đúng',
      };
    case 'pattern':
      return {
        field: base,
        message: /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(String(p.pattern))
          ? 'ngày phải có thật, dạng dd/mm/yyyy'
          : 'không đúng định dạng',
      };
    default:
      return { field: base, message: 'giá trị không hợp lệ' };
  }
}

function clearErrors(form: HTMLFormElement): void {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-problem');
  if (summary !== null) summary.textContent = '';
}

/** Puts a message next to its field (or the nearest group that has it); false when no field matches. */
function showAt(form: HTMLFormElement, path: string, message: string): boolean {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const box = form.querySelector<HTMLElement>(`[data-field="${p}"]`);
    if (box === null) continue;
    const slot = box.querySelector('.field-error');
    if (slot !== null) slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
    box.querySelector('input, select, textarea')?.setAttribute('aria-invalid', 'true');
    return slot !== null;
  }
  return false;
}

/**
 * The form for one record, posting to the campaign of `code` and `year`. `done` hears the
 * position written (the dashboard reads at least up to it).
 */
export async function entryForm(
  operationId: string,
  code: string,
  year: number,
  done: (position: number) => void,
): Promise<HTMLFormElement> {
  doc ??= (await pageFormsDocument()) as Doc;
  const spec = (await pageForms()).find((f) => f.operationId === operationId);
  const found = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.values(ops)
      .filter((o) => o.operationId === operationId)
      .map((o) => ({ path, o })),
  )[0];
  if (spec === undefined || found === undefined) throw new Error(`no form for ${operationId}`);
  const schema = resolve(found.o.requestBody?.content?.['application/json']?.schema);
  const { ownId } = spec;
  // The year a campaign is launched for is the year the page is on: not asked again.
  const fixed: Record<string, unknown> =
    !found.path.includes('{year}') && schema.properties?.year !== undefined ? { year } : {};
  const asked = (k: string) => k !== ownId && !(k in fixed);
  const bodySchema: Schema = {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => asked(k))),
    required: (schema.required ?? []).filter(asked),
  };
  const check: ValidateFunction = (await validator()).compile(inline(schema) as object);
  const pathParams = (found.o.parameters ?? []).filter(
    (p) => p.in === 'path' && p.name !== 'code' && p.name !== 'year',
  );

  const form = h('form', { class: 'entry', novalidate: '', 'data-operation': operationId, 'aria-label': spec.title });
  form.append(h('h2', {}, spec.title));
  const at = { code, year };
  for (const p of pathParams)
    form.append(field(`path.${p.name as string}`, p.name as string, p.schema ?? {}, true, at));
  for (const [k, v] of Object.entries(bodySchema.properties ?? {}))
    form.append(field(k, k, v, (bodySchema.required ?? []).includes(k), at));
  const problem = h('p', { class: 'form-problem error', role: 'alert' });
  const saved = h('p', { class: 'form-saved', role: 'status' });
  const submit = h('button', { type: 'submit' }, 'Ghi');
  form.append(problem, h('div', { class: 'form-actions' }, submit), saved);
  wireCommunePickers(form, code, year);

  // One key per submission: a retry after an error or a double click sends the same one.
  let key = crypto.randomUUID();
  let id = crypto.randomUUID();
  let busy = false;
  form.addEventListener('input', () => {
    saved.textContent = '';
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (busy) return;
    clearErrors(form);
    const body: Record<string, unknown> = {
      ...fixed,
      ...bodyOf(form, bodySchema, ''),
      ...(ownId ? { [ownId]: id } : {}),
    };
    const params: Record<string, string> = {};
    for (const p of pathParams)
      params[p.name as string] = (
        form.elements.namedItem(`path.${p.name as string}`) as HTMLInputElement | HTMLSelectElement
      ).value.trim();
    const missing = pathParams.filter((p) => params[p.name as string] === '');
    for (const p of missing) showAt(form, `path.${p.name as string}`, 'bắt buộc phải nhập');
    if (!check(body) || missing.length > 0) {
      for (const e of check.errors ?? []) {
        const m = messageOf(e);
        if (!showAt(form, m.field, m.message)) {
          const earlier = problem.textContent ? `${problem.textContent}; ` : '';
          problem.textContent = `${earlier}${fieldName(m.field, m.field)}: ${m.message}`;
        }
      }
      problem.textContent ||= 'Vui lòng sửa các ô được đánh dấu.';
      return;
    }
    const url = found.path
      .replace('{code}', encodeURIComponent(code))
      .replace('{year}', String(year))
      .replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n] ?? ''));
    busy = true;
    submit.disabled = true;
    const next = (): void => {
      form.reset();
      forgetChoices();
      key = crypto.randomUUID();
      id = crypto.randomUUID();
    };
    // No connection: the record waits in this browser's queue with its key, and is sent when the
    // connection returns (outbox.ts); nothing typed is lost on a reload or a closed tab.
    const wait = async (): Promise<void> => {
      await enqueue({
        key,
        url,
        body,
        title: spec.title,
        summary: summaryOf(body),
        madeAt: new Date().toISOString(),
      });
      saved.textContent = 'Chưa có mạng: bản ghi đã được lưu trên máy này và sẽ tự gửi khi có mạng.';
      next();
    };
    void (navigator.onLine ? sendCommand(url, body, key) : Promise.reject(new TypeError('offline')))
      .then((r) => {
        if (r.ok) {
          saved.textContent = `Đã ghi lúc ${new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' })}.`;
          next();
          done(r.position);
          return;
        }
        showProblem(form, r.problem, problem);
      })
      .catch(async (e: unknown) => {
        if (unreachable(e)) return wait();
        problem.textContent = 'Không kết nối được tới máy chủ; bấm Ghi để gửi lại (không bị ghi hai lần).';
      })
      .catch(() => {
        problem.textContent = 'Không lưu được bản ghi trên máy này; bấm Ghi để gửi lại khi có mạng.';
      })
      .finally(() => {
        busy = false;
        submit.disabled = false;
      });
  });
  return form;
}

/** The service's problem: each named field next to its input, the rest above the button. */
function showProblem(form: HTMLFormElement, p: Problem, slot: HTMLElement): void {
  const unplaced: string[] = [];
  for (const e of p.errors ?? [])
    if (!showAt(form, e.field, e.message)) unplaced.push(`${fieldName(e.field, e.field)}: ${e.message}`);
  // A broken rule names its field (`field`: place.communeCode), or has it among its details (date,
  // activityId, fund, …), when it has one.
  // A commune is told by its name, never by its code.
  const detail = communeProblem(p) ?? p.detail ?? p.title;
  const named = typeof p.field === 'string' && showAt(form, p.field, detail);
  if (p.errors === undefined && !named)
    for (const k of Object.keys(p))
      if (
        !['type', 'title', 'status', 'detail', 'instance', 'rule'].includes(k) &&
        form.querySelector(`[data-field="${k}"]`) !== null
      )
        showAt(form, k, detail);
  slot.textContent = [p.errors === undefined ? detail : p.title, ...unplaced].join(' — ');
}
