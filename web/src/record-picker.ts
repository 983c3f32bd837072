/**
 * Records picked by what officials know them by, never by id: a cooperative by its name and
 * registration number, a plan activity by its title, an approval by its decision number, a meeting by
 * its date and place, a nomination by its cooperative, a task by its number and title, a petition by
 * its subject. A form's field or path parameter named after such a record (`cooperativeId`,
 * `cooperativeIds`, `activityId`, `approvalId`, `meetingId`, …) becomes a list of the campaign's
 * records, loaded from the service's own list routes; the id is what the form sends.
 */
import { getJson } from './api.ts';
import { h } from './dom.ts';
import { fmt, label, vnDate } from './format.ts';

export interface Choice {
  id: string;
  text: string;
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** At most this many records in one list: a province keeps hundreds of cooperatives, not tens of thousands. */
const MOST = 2000;

/** Every page of a list route, up to MOST records. */
async function all<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Page<T> = await getJson<Page<T>>(
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && out.length < MOST);
  return out;
}

interface Cooperative {
  cooperativeId: string;
  name: string;
  registrationNumber?: string;
  status?: string;
}
interface Activity {
  id: string;
  title: string;
}
interface Approval {
  approvalId: string;
  decision: { number: string; date: string };
  cooperativeId: string;
  amount: number;
}
interface Meeting {
  meetingId: string;
  date: string;
  title?: string;
  place: { commune?: string; venue?: string };
  format: string;
  attendees: number;
}
interface Nomination {
  nominationId: string;
  cooperativeId: string;
  category: string;
  status: string;
}
interface Task {
  taskId: string;
  ordinal?: number | string;
  title: string;
  status: string;
}
interface Petition {
  petitionId: string;
  subject: string;
  submittedOn: string;
  status: string;
}

/** What each kind of record is listed from, and how a person reads one. */
type Loader = (code: string, year: number) => Promise<Choice[]>;

/** The province's cooperatives, read once per form: the pickers of cooperatives, approvals, nominations and disbursements share them. */
const registry = new Map<string, Promise<Map<string, Cooperative>>>();
const cooperatives = (code: string): Promise<Map<string, Cooperative>> => {
  let p = registry.get(code);
  if (p === undefined) {
    p = all<Cooperative>(`/provinces/${code}/cooperatives?include=predecessors`).then(
      (list) => new Map(list.map((c) => [c.cooperativeId, c])),
    );
    p.catch(() => registry.delete(code));
    registry.set(code, p);
  }
  return p;
};
const coopName = (m: Map<string, Cooperative>, id: string): string =>
  m.get(id)?.name ?? 'HTX không còn trong danh sách';

const LOADERS: Record<string, Loader> = {
  cooperative: async (code) =>
    [...(await cooperatives(code)).values()]
      .map((c) => ({
        id: c.cooperativeId,
        text: c.registrationNumber ? `${c.name} (${c.registrationNumber})` : c.name,
      }))
      .sort((a, b) => a.text.localeCompare(b.text, 'vi')),
  activity: async (code, year) =>
    (await getJson<{ activities: Activity[] }>(`/provinces/${code}/campaigns/${year}`)).activities.map((a) => ({
      id: a.id,
      text: a.title,
    })),
  approval: async (code, year) => {
    const [approvals, coops] = await Promise.all([
      all<Approval>(`/provinces/${code}/campaigns/${year}/support-approvals`),
      cooperatives(code),
    ]);
    return approvals.map((a) => ({
      id: a.approvalId,
      text: `QĐ ${a.decision.number} ngày ${vnDate(a.decision.date)} — ${coopName(coops, a.cooperativeId)} — ${fmt(a.amount)} đ`,
    }));
  },
  meeting: async (code, year) =>
    (await all<Meeting>(`/provinces/${code}/campaigns/${year}/outreach-meetings`)).map((m) => ({
      id: m.meetingId,
      text: `${vnDate(m.date)} — ${label(m.format)}${m.title ? ` “${m.title}”` : ''} tại ${
        m.place.venue ?? m.place.commune ?? '—'
      } (${fmt(m.attendees)} người)`,
    })),
  nomination: async (code, year) => {
    const [nominations, coops] = await Promise.all([
      all<Nomination>(`/provinces/${code}/campaigns/${year}/nominations`),
      cooperatives(code),
    ]);
    return nominations.map((n) => ({
      id: n.nominationId,
      text: `${coopName(coops, n.cooperativeId)} — ${n.category} (${label(n.status)})`,
    }));
  },
  task: async (code) =>
    (await all<Task>(`/provinces/${code}/tasks`)).map((t) => ({
      id: t.taskId,
      text: `${t.ordinal !== undefined ? `${String(t.ordinal)}. ` : ''}${t.title}`,
    })),
  petition: async (code, year) =>
    (await all<Petition>(`/provinces/${code}/campaigns/${year}/petitions`)).map((p) => ({
      id: p.petitionId,
      text: `${vnDate(p.submittedOn)} — ${p.subject}`,
    })),
};

interface Dated {
  date: string;
}
const byDate = <T extends Dated>(xs: T[]): T[] => [...xs].sort((a, b) => b.date.localeCompare(a.date));

Object.assign(LOADERS, {
  dialogue: async (code: string, year: number) =>
    byDate(
      await all<Dated & { dialogueId: string; place: string; chairedBy: string }>(
        `/provinces/${code}/campaigns/${year}/dialogues`,
      ),
    ).map((d) => ({ id: d.dialogueId, text: `${vnDate(d.date)} — ${d.place} (chủ trì: ${d.chairedBy})` })),
  publication: async (code: string, year: number) =>
    byDate(
      await all<Dated & { publicationId: string; title: string; outlet: string }>(
        `/provinces/${code}/campaigns/${year}/publications`,
      ),
    ).map((x) => ({ id: x.publicationId, text: `${vnDate(x.date)} — ${x.title} (${x.outlet})` })),
  training: async (code: string, year: number) =>
    (
      await all<{ trainingId: string; from: string; title: string }>(`/provinces/${code}/campaigns/${year}/trainings`)
    ).map((x) => ({ id: x.trainingId, text: `${vnDate(x.from)} — ${x.title}` })),
  disbursement: async (code: string, year: number) => {
    const [xs, coops] = await Promise.all([
      all<Dated & { disbursementId: string; amount: number; reference: string; cooperativeId: string }>(
        `/provinces/${code}/campaigns/${year}/disbursements`,
      ),
      cooperatives(code),
    ]);
    return byDate(xs).map((x) => ({
      id: x.disbursementId,
      text: `${vnDate(x.date)} — ${fmt(x.amount)} đ — ${coopName(coops, x.cooperativeId)} (chứng từ ${x.reference})`,
    }));
  },
  honour: async (code: string, year: number) =>
    (
      await all<{ honourId: string; decision: { number?: string; date: string }; recipients: unknown[] }>(
        `/provinces/${code}/campaigns/${year}/honours`,
      )
    ).map((x) => ({
      id: x.honourId,
      text: `QĐ ${x.decision.number ?? '(chưa số)'} ngày ${vnDate(x.decision.date)} — ${x.recipients.length} tập thể, cá nhân`,
    })),
  consultation: async (code: string) =>
    (
      await all<{ consultationId: string; draft: { title?: string } | string; openedOn: string }>(
        `/provinces/${code}/consultations`,
      )
    ).map((x) => ({
      id: x.consultationId,
      text: `${vnDate(x.openedOn)} — ${typeof x.draft === 'string' ? x.draft : (x.draft.title ?? 'Dự thảo')}`,
    })),
  // The national alliance's events of the year, which a province's delegation attends.
  event: async (_code: string, year: number) =>
    byDate(
      (
        await all<Dated & { eventId: string; name: string; place: string; role: string }>(
          `/provinces/VN/campaigns/${year}/national-events`,
        )
      ).filter((e) => e.role === 'held'),
    ).map((e) => ({ id: e.eventId, text: `${vnDate(e.date)} — ${e.name} (${e.place})` })),
} satisfies Record<string, Loader>);

/** The kind of record a field names (`cooperativeIds` → cooperative), if the page can list it. */
export function pickedKind(name: string): string | undefined {
  const m = /^(\w+?)Ids?$/.exec(name);
  return m !== null && m[1] !== undefined && m[1] in LOADERS ? m[1] : undefined;
}

/** Lists are loaded once per form and kind. */
const cache = new Map<string, Promise<Choice[]>>();
export function choices(kind: string, code: string, year: number): Promise<Choice[]> {
  const key = `${kind}|${code}|${year}`;
  let p = cache.get(key);
  if (p === undefined) {
    p = (LOADERS[kind] as Loader)(code, year);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** Forgets the lists, after a save: the next form lists the record just made. */
export function forgetChoices(): void {
  cache.clear();
  registry.clear();
}

const EMPTY: Record<string, string> = {
  cooperative: 'Chưa có HTX nào trong danh sách của tỉnh',
  activity: 'Kế hoạch chưa có hoạt động nào',
  approval: 'Chưa có quyết định hỗ trợ nào',
  meeting: 'Chưa có hội nghị nào',
  nomination: 'Chưa có đề cử nào',
  task: 'Chưa có nhiệm vụ nào',
  petition: 'Chưa có kiến nghị nào',
  dialogue: 'Chưa có hội nghị đối thoại nào',
  publication: 'Chưa có tin, bài nào',
  training: 'Chưa có lớp tập huấn nào',
  disbursement: 'Chưa có lần giải ngân nào',
  honour: 'Chưa có quyết định khen thưởng nào',
  consultation: 'Chưa có đợt lấy ý kiến nào',
  event: 'Liên minh HTX Việt Nam chưa ghi sự kiện nào của năm',
};

/**
 * One record picked from a list (a select), or several (checkboxes under a filter box, for
 * `cooperativeIds`). The control is filled when its list arrives; until then it says it is loading.
 */
export function recordPicker(
  kind: string,
  many: boolean,
  id: string,
  path: string,
  required: boolean,
  code: string,
  year: number,
): HTMLElement {
  if (!many) {
    const select = h(
      'select',
      { id, name: path, 'data-kind': 'record', 'aria-describedby': `${id}-error`, disabled: '' },
      h('option', { value: '' }, 'Đang tải danh sách…'),
    );
    void choices(kind, code, year).then(
      (list) => {
        select.replaceChildren(
          h('option', { value: '' }, list.length === 0 ? (EMPTY[kind] ?? '—') : required ? '— chọn —' : '(không)'),
          ...list.map((c) => h('option', { value: c.id }, c.text)),
        );
        select.removeAttribute('disabled');
      },
      () => select.replaceChildren(h('option', { value: '' }, 'Không tải được danh sách; tải lại trang')),
    );
    return select;
  }
  const filter = h('input', {
    id,
    type: 'search',
    placeholder: 'Tìm theo tên hoặc số đăng ký',
    'aria-describedby': `${id}-error`,
    autocomplete: 'off',
  });
  const box = h('div', { class: 'picks', 'data-kind': 'records', 'data-name': path }, 'Đang tải danh sách…');
  void choices(kind, code, year).then(
    (list) => {
      box.replaceChildren(
        ...(list.length === 0
          ? [EMPTY[kind] ?? '—']
          : list.map((c) =>
              h(
                'label',
                { class: 'choice', 'data-text': c.text.toLocaleLowerCase('vi') },
                h('input', { type: 'checkbox', name: path, value: c.id }),
                ` ${c.text}`,
              ),
            )),
      );
    },
    () => box.replaceChildren('Không tải được danh sách; tải lại trang'),
  );
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLocaleLowerCase('vi');
    for (const l of box.querySelectorAll<HTMLElement>('label.choice'))
      l.hidden = q !== '' && !(l.dataset.text ?? '').includes(q);
  });
  return h('div', { class: 'record-picks' }, filter, box);
}
