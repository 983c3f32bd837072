import { download, token, type Problem } from './api.ts';
import { h } from './dom.ts';
import { fmt } from './format.ts';

/**
 * Importing the spreadsheets provinces keep: download the template of a kind, fill it in Excel,
 * upload it to be checked (nothing written) and then recorded, all or nothing or row by row.
 * Progress streams from the service (NDJSON); the problems are listed a row at a time, every
 * column's problem of the row together, named by the column's heading in the file.
 */
const KINDS: { kind: string; title: string }[] = [
  { kind: 'meetings', title: 'Hội nghị, tọa đàm tuyên truyền' },
  { kind: 'approvals', title: 'Quyết định phê duyệt hỗ trợ' },
  { kind: 'disbursements', title: 'Giải ngân hỗ trợ' },
  { kind: 'admission-rounds', title: 'Đợt kết nạp thành viên' },
];

interface Report {
  rows: number;
  /** The template's example rows, skipped. */
  examples: number;
  /** Rows that passed the check and were not recorded before. */
  toApply: number;
  applied: number;
  alreadyApplied: number;
  position: number;
  problems: { row: number; column: string | null; message: string }[];
}

/** The import panel of a campaign; `done` hears the position written. */
export function importPanel(code: string, year: number, done: (position: number) => void): HTMLElement {
  const kind = h(
    'select',
    { id: 'import-kind', 'aria-label': 'Loại bản ghi nhập từ Excel' },
    ...KINDS.map((k) => h('option', { value: k.kind }, k.title)),
  );
  const template = h('button', { type: 'button', id: 'import-template' }, 'Tải tệp mẫu (XLSX)');
  template.addEventListener(
    'click',
    () =>
      void download(`/provinces/${code}/campaigns/${year}/imports/${kind.value}/template`).catch((e) =>
        alert(e instanceof Error ? e.message : String(e)),
      ),
  );
  const file = h('input', {
    type: 'file',
    id: 'import-file',
    accept: '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'aria-label': 'Tệp Excel đã điền',
  });
  const atomic = h('input', { type: 'radio', name: 'import-mode', id: 'import-atomic', value: 'true', checked: '' });
  const rowByRow = h('input', { type: 'radio', name: 'import-mode', id: 'import-rows', value: 'false' });
  const check = h('button', { type: 'button', id: 'import-check' }, 'Kiểm tra');
  const apply = h('button', { type: 'button', id: 'import-apply' }, 'Ghi vào hệ thống');
  const progress = h('progress', { id: 'import-progress', max: '1', value: '0', 'aria-label': 'Tiến độ' });
  const status = h('p', { id: 'import-status', role: 'status' });
  const problems = h('div', { id: 'import-problems' });

  const run = async (mode: 'check' | 'apply'): Promise<void> => {
    const f = file.files?.[0];
    if (f === undefined) {
      status.textContent = 'Chọn tệp Excel đã điền trước.';
      return;
    }
    check.disabled = apply.disabled = true;
    problems.replaceChildren();
    status.textContent = mode === 'check' ? 'Đang kiểm tra…' : 'Đang ghi…';
    progress.removeAttribute('value');
    const form = new FormData();
    form.append('file', f, f.name);
    const t = token();
    try {
      const query = `mode=${mode}&atomic=${atomic.checked ? 'true' : 'false'}`;
      const res = await fetch(`/provinces/${code}/campaigns/${year}/imports/${kind.value}?${query}`, {
        method: 'POST',
        body: form,
        headers: {
          accept: 'application/x-ndjson',
          'accept-language': 'vi',
          ...(t ? { authorization: `Bearer ${t}` } : {}),
        },
      });
      if (!res.ok || res.body === null) {
        const p = (await res.json().catch(() => ({ title: res.statusText }))) as Problem & { report?: Report };
        status.textContent = `${p.title}${p.detail ? ` — ${p.detail}` : ''}`;
        if (p.report !== undefined) show(p.report, 'apply', atomic.checked);
        return;
      }
      // Progress lines as they come, then the report.
      let checked = 0;
      await eachLine(res.body, (msg) => {
        if (msg.phase === 'check') {
          checked = msg.done ?? 0;
          status.textContent = `Đã kiểm tra ${fmt(checked)} dòng…`;
        } else if (msg.phase === 'apply') {
          progress.max = Math.max(1, checked);
          progress.value = msg.done ?? 0;
          status.textContent = `Đã ghi ${fmt(msg.done ?? 0)}/${fmt(checked)} dòng…`;
        } else if (msg.report !== undefined) {
          show(msg.report, mode, atomic.checked);
        } else if (msg.problem !== undefined) {
          status.textContent = `${msg.problem.title}: ${msg.problem.detail ?? ''}`;
        }
      });
    } catch {
      status.textContent = 'Không kết nối được tới máy chủ; gửi lại tệp sẽ không ghi trùng.';
    } finally {
      check.disabled = apply.disabled = false;
      progress.max = 1;
      progress.value = 1;
    }
  };

  const show = (r: Report, mode: 'check' | 'apply', allOrNothing: boolean): void => {
    status.textContent = reportText(r, mode, allOrNothing);
    if (r.position > 0) done(r.position);
    if (r.problems.length === 0) return;
    problems.replaceChildren(problemTable(r.problems));
  };
  check.addEventListener('click', () => void run('check'));
  apply.addEventListener('click', () => void run('apply'));

  return h(
    'section',
    { class: 'entry import', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, 'Nhập từ Excel'),
    h('div', { class: 'import-row' }, h('label', { for: 'import-kind' }, 'Loại bản ghi '), kind, template),
    h('div', { class: 'import-row' }, h('label', { for: 'import-file' }, 'Tệp đã điền '), file),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Cách ghi'),
      h('label', { class: 'choice' }, atomic, ' Tất cả hoặc không (chỉ ghi khi mọi dòng đều đúng)'),
      h('label', { class: 'choice' }, rowByRow, ' Từng dòng (ghi các dòng đúng, báo các dòng sai)'),
    ),
    h('div', { class: 'form-actions' }, check, apply, progress),
    status,
    problems,
  );
}

/** What the service streams while it imports: progress of a phase, the report, or a problem. */
interface ImportMessage {
  phase?: 'check' | 'apply';
  done?: number;
  report?: Report;
  problem?: Problem;
}

/** Hands over each line of an NDJSON answer, parsed, as it arrives. */
async function eachLine(body: NonNullable<Response['body']>, onMessage: (msg: ImportMessage) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) onMessage(JSON.parse(line) as ImportMessage);
  }
}

/** The report in a sentence: after a check, what was found and what a write would record (nothing written yet); after a write, what was written. */
function reportText(r: Report, mode: 'check' | 'apply', allOrNothing: boolean): string {
  const wrong = new Set(r.problems.map((p) => p.row)).size;
  const errors = r.problems.length === 0 ? '' : `${fmt(r.problems.length)} lỗi ở ${fmt(wrong)} dòng`;
  const example = (r.examples ?? 0) > 0 ? ` (bỏ qua dòng mẫu)` : '';
  const earlier = r.alreadyApplied > 0 ? `; ${fmt(r.alreadyApplied)} dòng đã ghi từ trước` : '';
  const notAgain = earlier && `${earlier} (không ghi lại)`;
  if (mode === 'apply')
    return `Đã ghi ${fmt(r.applied)}/${fmt(r.rows)} dòng${example}${notAgain}${errors && `; ${errors}`}.`;
  const toApply = r.toApply ?? 0;
  const will =
    toApply === 0
      ? 'không có dòng nào để ghi'
      : errors === ''
        ? `sẽ ghi ${fmt(toApply)} dòng`
        : allOrNothing
          ? `${fmt(toApply)} dòng đúng chỉ được ghi khi đã sửa hết lỗi (tất cả hoặc không)`
          : `sẽ ghi ${fmt(toApply)} dòng đúng, các dòng có lỗi không được ghi`;
  return `Kiểm tra ${fmt(r.rows)} dòng${example}: ${errors || 'không có lỗi'}${earlier}; ${will}. Chưa ghi gì.`;
}

/** The report's problems a row at a time: the row, then each column's problem of it ("column: problem"). */
function problemTable(list: Report['problems']): HTMLElement {
  const byRow = new Map<number, Report['problems']>();
  for (const p of list) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  return h(
    'table',
    { class: 'data', id: 'import-problem-table' },
    h('caption', {}, 'Các lỗi theo dòng, mỗi cột một lỗi'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Dòng'), h('th', { scope: 'col' }, 'Lỗi'))),
    h(
      'tbody',
      {},
      ...[...byRow].map(([row, problems]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', class: 'num' }, String(row)),
          h(
            'td',
            {},
            h(
              'ul',
              { class: 'import-problems' },
              ...problems.map((p) => h('li', {}, h('strong', {}, p.column ?? 'Cả dòng'), `: ${p.message}`)),
            ),
          ),
        ),
      ),
    ),
  );
}
