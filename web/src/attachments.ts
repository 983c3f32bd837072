import { token, type Problem } from './api.ts';
import { h } from './dom.ts';
import { fmt, vnDate } from './format.ts';
import './attachments.css';

/**
 * Files kept with records (plans, decisions, minutes, photos): pick a record of the campaign, see
 * its files (name, size, type, a thumbnail for photos, a download), attach one. The service reads
 * the file's type from its bytes and keeps it once by its SHA-256 (docs/api.md, "Attached files").
 */
interface Kind {
  kind: string;
  title: string;
  /** Where the campaign's records of this kind are listed, and how one is named in the list. */
  list: (code: string, year: number) => string;
  id: string;
  label: (r: Record<string, unknown>) => string;
}
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const KINDS: Kind[] = [
  {
    kind: 'outreach-meetings',
    title: 'Hội nghị, tọa đàm',
    list: (c, y) => `/provinces/${c}/campaigns/${y}/outreach-meetings?limit=200`,
    id: 'meetingId',
    label: (r) =>
      `${vnDate(text(r.date))} — ${text(r.title) || text((r.place as { commune?: string } | undefined)?.commune)}`,
  },
  {
    kind: 'publications',
    title: 'Tin, bài, ấn phẩm',
    list: (c, y) => `/provinces/${c}/campaigns/${y}/publications?limit=200`,
    id: 'publicationId',
    label: (r) => `${vnDate(text(r.date))} — ${text(r.title)}`,
  },
  {
    kind: 'support-approvals',
    title: 'Quyết định phê duyệt hỗ trợ',
    list: (c, y) => `/provinces/${c}/campaigns/${y}/support-approvals?limit=200`,
    id: 'approvalId',
    label: (r) => {
      const d = r.decision as { number?: string; date?: string } | undefined;
      return `QĐ ${d?.number ?? ''} ngày ${vnDate(d?.date ?? '')}`;
    },
  },
  {
    kind: 'disbursements',
    title: 'Giải ngân hỗ trợ',
    list: (c, y) => `/provinces/${c}/campaigns/${y}/disbursements?limit=200`,
    id: 'disbursementId',
    label: (r) => `${vnDate(text(r.date))} — ${fmt(r.amount as number)} đ (${text(r.reference)})`,
  },
  {
    kind: 'nominations',
    title: 'Đề nghị khen thưởng',
    list: (c, y) => `/provinces/${c}/campaigns/${y}/nominations?limit=200`,
    id: 'nominationId',
    label: (r) => `${vnDate(text(r.nominatedOn))} — ${text(r.category)}`,
  },
  {
    kind: 'tasks',
    title: 'Nhiệm vụ',
    list: (c) => `/provinces/${c}/tasks?limit=200`,
    id: 'taskId',
    label: (r) => text(r.title),
  },
];

/** What the service lists of a record's file. */
interface AttachedFile {
  attachmentId: string;
  name: string;
  mediaType: string;
  extension: string;
  size: number;
  caption?: string;
  attachedAt: string;
  status: 'attached' | 'removed';
}

/** The types the service takes, for the file picker (the service checks the bytes). */
const ACCEPT =
  '.pdf,.jpg,.jpeg,.png,.webp,.gif,.heic,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,application/pdf,image/*';

/** A size as people read it: 182 KB, 4,2 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** The kind of file, as officials say it. */
function typeLabel(f: AttachedFile): string {
  if (f.mediaType.startsWith('image/')) return `Ảnh ${f.extension.toUpperCase()}`;
  if (f.extension === 'pdf') return 'PDF';
  if (['doc', 'docx', 'odt'].includes(f.extension)) return `Văn bản ${f.extension.toUpperCase()}`;
  if (['xls', 'xlsx', 'ods'].includes(f.extension)) return `Bảng tính ${f.extension.toUpperCase()}`;
  return `Trình chiếu ${f.extension.toUpperCase()}`;
}

const auth = (): Record<string, string> => {
  const t = token();
  return { 'accept-language': 'vi', ...(t ? { authorization: `Bearer ${t}` } : {}) };
};

/** A file of the API with the bearer token, as a blob URL (thumbnails, downloads). */
async function blobUrl(path: string): Promise<{ url: string; name: string }> {
  const res = await fetch(path, { headers: auth() });
  if (!res.ok) throw new Error(`${res.status}`);
  const cd = res.headers.get('content-disposition') ?? '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
  const name = utf8 !== undefined ? decodeURIComponent(utf8) : (/filename="([^"]+)"/.exec(cd)?.[1] ?? 'tep');
  return { url: URL.createObjectURL(await res.blob()), name };
}

/**
 * One record's files and the means to attach one: the list (name, caption, kind, size, day; a
 * thumbnail of photos; a download) and a caption, a file and **Đính kèm**. With `ids`, its
 * controls carry the ids the entry view's panel is known by (one such block a page).
 */
export function recordFiles(
  code: string,
  kind: string,
  recordId: string,
  options: { ids?: boolean; done?: (position: number) => void } = {},
): HTMLElement {
  const id = (name: string): Record<string, string> => (options.ids === true ? { id: `attach-${name}` } : {});
  const list = h('ul', { ...id('list'), class: 'attach-list', 'aria-label': 'Các tệp đính kèm' });
  const caption = h('input', {
    type: 'text',
    ...id('caption'),
    maxlength: '500',
    placeholder: 'Ví dụ: Biên bản hội nghị',
    'aria-label': 'Mô tả tệp',
  });
  const file = h('input', { type: 'file', ...id('file'), accept: ACCEPT, 'aria-label': 'Tệp đính kèm' });
  const send = h('button', { type: 'button', ...id('send') }, 'Đính kèm');
  const status = h('p', { ...id('status'), role: 'status' });
  let written = 0;
  // One key per chosen file: a retry after a lost answer or a double click attaches it once.
  let key = crypto.randomUUID();
  file.addEventListener('change', () => {
    key = crypto.randomUUID();
    status.textContent = '';
  });
  const base = `/provinces/${code}/records/${kind}/${encodeURIComponent(recordId)}/attachments`;

  const showFiles = async (): Promise<void> => {
    const res = await fetch(`${base}${written > 0 ? `?minPosition=${written}` : ''}`, { headers: auth() });
    list.replaceChildren();
    if (!res.ok) {
      list.append(h('li', {}, 'Không tải được danh sách tệp.'));
      return;
    }
    const { files } = (await res.json()) as { files: AttachedFile[] };
    if (files.length === 0) list.append(h('li', { class: 'empty' }, 'Chưa có tệp đính kèm.'));
    for (const f of files) {
      const url = `${base}/${f.attachmentId}`;
      const thumb = h('span', { class: 'thumb', 'aria-hidden': 'true' }, f.extension.toUpperCase());
      if (f.mediaType.startsWith('image/'))
        void blobUrl(`${url}/preview`).then(
          ({ url: src }) => thumb.replaceWith(h('img', { class: 'thumb', src, alt: `Ảnh thu nhỏ: ${f.name}` })),
          () => undefined,
        );
      const download = h('button', { type: 'button', class: 'attach-download' }, 'Tải về');
      download.addEventListener('click', () => {
        void blobUrl(url).then(
          ({ url: href, name }) => {
            const a = h('a', { href, download: name });
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(href), 10_000);
          },
          () => (status.textContent = `Không tải được tệp ${f.name}.`),
        );
      });
      list.append(
        h(
          'li',
          { class: f.status, 'data-attachment': f.attachmentId },
          thumb,
          h(
            'div',
            {},
            h('div', { class: 'name' }, f.name),
            h(
              'div',
              { class: 'meta' },
              [typeLabel(f), fileSize(f.size), vnDate(f.attachedAt.slice(0, 10)), f.status === 'removed' ? 'đã gỡ' : '']
                .filter((x) => x !== '')
                .join(' · '),
            ),
            f.caption ? h('div', { class: 'meta' }, f.caption) : null,
          ),
          download,
        ),
      );
    }
  };

  let busy = false;
  send.addEventListener('click', () => {
    const f = file.files?.[0];
    if (f === undefined) {
      status.textContent = 'Chọn tệp cần đính kèm.';
      return;
    }
    if (busy) return;
    busy = true;
    send.disabled = true;
    status.textContent = `Đang tải lên ${f.name}…`;
    const form = new FormData();
    if (caption.value.trim() !== '') form.append('caption', caption.value.trim());
    form.append('file', f, f.name);
    void fetch(base, { method: 'POST', body: form, headers: { ...auth(), 'idempotency-key': key } })
      .then(async (res) => {
        const answer = (await res.json().catch(() => ({}))) as Partial<Problem> & { position?: number };
        if (!res.ok) {
          status.textContent = `${answer.title ?? res.statusText}${answer.detail ? ` — ${answer.detail}` : ''}`;
          return;
        }
        written = Math.max(written, answer.position ?? 0);
        options.done?.(written);
        status.textContent = `Đã đính kèm ${f.name}.`;
        file.value = '';
        caption.value = '';
        key = crypto.randomUUID();
        await showFiles();
      })
      .catch(() => {
        status.textContent = 'Không kết nối được tới máy chủ; bấm Đính kèm để gửi lại (không bị ghi hai lần).';
      })
      .finally(() => {
        busy = false;
        send.disabled = false;
      });
  });
  void showFiles();
  return h(
    'div',
    { class: 'record-files', 'data-record': recordId },
    list,
    h('div', { class: 'attach-row' }, h('label', {}, 'Mô tả ', caption), file),
    h('div', { class: 'form-actions' }, send),
    status,
  );
}

/** The panel of a campaign's attachments: pick a record, list its files, attach one. `done` hears the position written. */
export function attachmentsPanel(code: string, year: number, done: (position: number) => void): HTMLElement {
  const kind = h(
    'select',
    { id: 'attach-kind', 'aria-label': 'Loại hồ sơ' },
    ...KINDS.map((k) => h('option', { value: k.kind }, k.title)),
  );
  const record = h('select', { id: 'attach-record', 'aria-label': 'Hồ sơ' });
  const slot = h('div', { class: 'attach-slot' });

  const loadRecords = async (): Promise<void> => {
    const k = KINDS.find((x) => x.kind === kind.value) as Kind;
    record.replaceChildren(h('option', { value: '' }, 'Đang tải…'));
    slot.replaceChildren();
    const res = await fetch(k.list(code, year), { headers: auth() });
    const items = res.ok ? ((await res.json()) as { items: Record<string, unknown>[] }).items : [];
    record.replaceChildren(
      h('option', { value: '' }, items.length === 0 ? 'Chưa có hồ sơ loại này' : '— Chọn hồ sơ —'),
      ...items.map((r) => h('option', { value: text(r[k.id]) }, k.label(r))),
    );
  };
  kind.addEventListener('change', () => void loadRecords());
  record.addEventListener('change', () =>
    slot.replaceChildren(record.value === '' ? '' : recordFiles(code, kind.value, record.value, { ids: true, done })),
  );
  void loadRecords();

  return h(
    'section',
    { class: 'attachments', id: 'attachments', 'aria-labelledby': 'attachments-title' },
    h('h2', { id: 'attachments-title' }, 'Tệp đính kèm hồ sơ'),
    h(
      'p',
      { class: 'hint' },
      'Kế hoạch, quyết định, biên bản, ảnh: PDF, ảnh (JPEG, PNG, WebP, GIF, HEIC), Word, Excel, PowerPoint; tối đa 25 MB.',
    ),
    h('div', { class: 'attach-row' }, h('label', {}, 'Loại hồ sơ ', kind), h('label', {}, 'Hồ sơ ', record)),
    slot,
  );
}
