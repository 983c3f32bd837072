import type { components } from '../../openapi/schema.ts';
import { ApiError, getJson, sendCommand } from './api.ts';
import { h } from './dom.ts';
import { vnInstant } from './format.ts';

type Webhook = components['schemas']['Webhook'];
type Province = components['schemas']['Province'];

/** The kinds of record a subscription may follow, by the names their streams start with. */
const KINDS: [string, string][] = [
  ['campaign', 'Kế hoạch, chiến dịch'],
  ['outreach', 'Hội nghị tuyên truyền'],
  ['publication', 'Tin, bài'],
  ['training', 'Lớp tập huấn'],
  ['cooperative', 'Hợp tác xã'],
  ['membership', 'Kết nạp thành viên'],
  ['dialogue', 'Đối thoại, kiến nghị'],
  ['support', 'Hỗ trợ, giải ngân'],
  ['nominations', 'Đề cử, khen thưởng'],
  ['task', 'Nhiệm vụ'],
  ['steering', 'Ban chỉ đạo'],
  ['consultation', 'Lấy ý kiến'],
  ['national-events', 'Sự kiện toàn quốc'],
  ['reports', 'Báo cáo'],
];

const STATE: Record<Webhook['state'], string> = { active: 'Đang gửi', paused: 'Tạm dừng', removed: 'Đã xoá' };
const PAUSED_BECAUSE: Record<string, string> = {
  admin: 'do quản trị viên',
  failures: 'do gửi lỗi nhiều lần liên tiếp',
  gone: 'do nơi nhận báo đã ngừng (410)',
};

/**
 * `#/quan-tri/webhook` (administrators): the webhook subscriptions with how far behind each is,
 * its failures and last error; pause, resume and remove; register a new one, picking the province
 * and the kinds of record from lists, its signing secret shown once.
 */
export async function webhooksView(app: HTMLElement, provinces: Province[], notice?: HTMLElement): Promise<void> {
  let list: Webhook[];
  try {
    list = (await getJson<{ items: Webhook[] }>('/admin/webhooks')).items;
  } catch (e) {
    app.replaceChildren(h('p', { class: 'error', role: 'alert' }, e instanceof ApiError ? e.message : String(e)));
    return;
  }
  const again = (n?: HTMLElement) => void webhooksView(app, provinces, n);
  const act = async (w: Webhook, action: 'pause' | 'resume' | 'remove') => {
    const r = await sendCommand(`/admin/webhooks/${w.id}/${action}`, {}, crypto.randomUUID());
    again(r.ok ? undefined : h('p', { class: 'error', role: 'alert' }, r.problem.detail ?? r.problem.title));
  };
  const rows = list.map((w) =>
    h(
      'tr',
      { 'data-webhook': w.id },
      h(
        'td',
        {},
        h('div', { class: 'url' }, w.url),
        w.description ? h('div', { class: 'muted' }, w.description) : null,
      ),
      h('td', {}, filtersText(w, provinces)),
      h(
        'td',
        {},
        STATE[w.state],
        w.state === 'paused' && w.pausedBecause ? h('div', { class: 'muted' }, PAUSED_BECAUSE[w.pausedBecause]) : null,
      ),
      h('td', { class: 'num', 'data-lag': String(w.lag) }, w.lag === 0 ? 'Kịp thời' : `chậm ${w.lag} sự kiện`),
      h(
        'td',
        {},
        w.lastError === null
          ? 'Không có'
          : w.attempts > 0
            ? h(
                'div',
                { class: 'error' },
                `${vnInstant(w.lastError.at)}: ${errorText(w.lastError.message)}`,
                h('div', {}, `${w.attempts} lần lỗi liên tiếp`),
              )
            : h(
                'div',
                { class: 'muted' },
                `Đã gửi lại được. Lỗi trước đó (${vnInstant(w.lastError.at)}): ${errorText(w.lastError.message)}`,
              ),
      ),
      h('td', {}, w.lastDeliveredAt ? vnInstant(w.lastDeliveredAt) : 'Chưa gửi'),
      h(
        'td',
        {},
        w.state === 'active'
          ? h('button', { type: 'button', class: 'link', onclick: () => void act(w, 'pause') }, 'Tạm dừng')
          : h('button', { type: 'button', class: 'link', onclick: () => void act(w, 'resume') }, 'Tiếp tục'),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: () => {
              if (confirm(`Xoá đăng ký gửi tới ${w.url}?`)) void act(w, 'remove');
            },
          },
          'Xoá',
        ),
      ),
    ),
  );
  app.replaceChildren(
    h('h1', {}, 'Gửi sự kiện cho ứng dụng khác (webhook)'),
    notice ?? '',
    h(
      'section',
      { class: 'card' },
      list.length === 0
        ? h('p', {}, 'Chưa có đăng ký nào.')
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { id: 'webhooks', class: 'data' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['Địa chỉ nhận', 'Lọc', 'Trạng thái', 'Độ trễ', 'Lỗi gần nhất', 'Gửi được lần cuối', ''].map((t) =>
                    h('th', {}, t),
                  ),
                ),
              ),
              h('tbody', {}, ...rows),
            ),
          ),
    ),
    registerForm(provinces, again),
  );
}

/** The service's words for a failed delivery, as an official would read them. */
function errorText(message: string): string {
  const status = /^the receiver answered (\d{3})$/.exec(message)?.[1];
  if (status !== undefined) return `nơi nhận trả lời mã lỗi ${status}`;
  if (/timed? ?out/i.test(message)) return 'nơi nhận không trả lời kịp';
  if (/ECONNREFUSED/.test(message)) return 'không kết nối được tới nơi nhận';
  if (message.startsWith('the URL is refused')) return `địa chỉ bị từ chối (${message.slice(20)})`;
  return message;
}

function filtersText(w: Webhook, provinces: Province[]): string {
  const parts: string[] = [];
  const p = w.filters.province;
  if (p) parts.push(provinces.find((x) => x.map === 'current' && x.code === p)?.name ?? `tỉnh ${p}`);
  if (w.filters.kinds) parts.push(w.filters.kinds.map((k) => KINDS.find(([v]) => v === k)?.[1] ?? k).join(', '));
  if (w.filters.types) parts.push(w.filters.types.join(', '));
  return parts.length === 0 ? 'Mọi sự kiện' : parts.join(' · ');
}

/** Registering a subscription: the address, a province and kinds picked from lists; the secret shown once. */
function registerForm(provinces: Province[], again: (n?: HTMLElement) => void): HTMLElement {
  const url = h('input', { id: 'webhook-url', type: 'url', required: 'required', placeholder: 'https://…' });
  const description = h('input', { id: 'webhook-description', type: 'text', maxlength: '200' });
  const province = h(
    'select',
    { id: 'webhook-province' },
    h('option', { value: '' }, 'Mọi tỉnh'),
    ...provinces
      .filter((p) => p.map === 'current')
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((p) => h('option', { value: p.code }, `${p.code} · ${p.name}`)),
  );
  const kinds = KINDS.map(([value, label]) => {
    const box = h('input', { type: 'checkbox', value, name: 'kind' });
    return { box, el: h('label', { class: 'check' }, box, ` ${label}`) };
  });
  const message = h('div', { role: 'status' });
  const key = crypto.randomUUID();
  const form = h(
    'form',
    {
      class: 'card',
      id: 'webhook-form',
      onsubmit: async (e) => {
        e.preventDefault();
        const picked = kinds.filter((k) => k.box.checked).map((k) => k.box.value);
        const r = await sendCommand(
          '/admin/webhooks',
          {
            url: url.value.trim(),
            filters: {
              ...(province.value ? { province: province.value } : {}),
              ...(picked.length > 0 ? { kinds: picked } : {}),
            },
            ...(description.value.trim() ? { description: description.value.trim() } : {}),
          },
          key,
        );
        if (!r.ok) {
          message.replaceChildren(h('p', { class: 'error', role: 'alert' }, r.problem.detail ?? r.problem.title));
          return;
        }
        const secret = typeof r.body.secret === 'string' ? r.body.secret : undefined;
        again(
          h(
            'div',
            { class: 'card notice', id: 'webhook-secret' },
            h(
              'p',
              {},
              'Đã đăng ký. Khoá ký dưới đây chỉ hiện một lần: gửi cho đơn vị quản lý ứng dụng nhận để kiểm tra chữ ký.',
            ),
            h('code', {}, secret ?? '(xem câu trả lời của API)'),
          ),
        );
      },
    },
    h('h2', {}, 'Đăng ký mới'),
    h('label', {}, 'Địa chỉ nhận (URL)', url),
    h('label', {}, 'Mô tả', description),
    h('label', {}, 'Tỉnh', province),
    h('fieldset', {}, h('legend', {}, 'Loại hồ sơ (để trống: mọi loại)'), ...kinds.map((k) => k.el)),
    h('button', { type: 'submit' }, 'Đăng ký'),
    message,
  );
  return form;
}
