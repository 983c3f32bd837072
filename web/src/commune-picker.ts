import type { components } from '../../openapi/schema.ts';
import { getJson, type Problem } from './api.ts';
import { h } from './dom.ts';
import { fromVnDate, vnDate } from './format.ts';

/**
 * The commune picker of the forms: a combobox (the ARIA 1.2 pattern, with a listbox) where the
 * official types part of a commune's name, with or without accents ("quang khe", "Quảng Khê"),
 * and picks it. The form holds the commune's five-digit code; the official sees its name (and,
 * before 1 July 2025, its district). The list is the campaign province's communes on the map of
 * the form's date: loaded once per map and province (the browser keeps it, revalidated by ETag)
 * and filtered here. A commune picked that is not on the map of a new date is cleared, saying so.
 */

type Commune = components['schemas']['Commune'];
type Province = components['schemas']['Province'];
type UnitMap = Commune['map'];

/** 1 July 2025: the communes before the reform up to the day before, today's from that day. */
const REFORM = '2025-07-01';
const mapOn = (iso: string): UnitMap => (iso < REFORM ? 'pre2025' : 'current');

/** "Xã Quảng Khê" → "xa quang khe": accents, case and spacing aside. */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
const KIND = /^(xa|phuong|thi tran|dac khu) /;

/** How the official sees a commune: its name, and its district before 1 July 2025. */
export const communeLabel = (c: Pick<Commune, 'name' | 'district'>): string =>
  c.district ? `${c.name} (${c.district.name})` : c.name;

interface Entry {
  c: Commune;
  label: string;
  /** Name and district, folded. */
  text: string;
  /** The name without its kind, folded: "quang khe". */
  bare: string;
}

const lists = new Map<string, Promise<Entry[]>>();
/** A province's communes on one map, loaded once in this tab (and kept a day by the browser). */
function listOf(map: UnitMap, province: string): Promise<Entry[]> {
  const key = `${map}:${province}`;
  let list = lists.get(key);
  if (list === undefined) {
    list = getJson<{ items: Commune[] }>(`/reference/communes?province=${province}&map=${map}`).then((r) =>
      r.items.map((c) => {
        const label = communeLabel(c);
        return { c, label, text: fold(label), bare: fold(c.name).replace(KIND, '') };
      }),
    );
    // A failed load is tried again next time.
    list.catch(() => lists.delete(key));
    lists.set(key, list);
  }
  return list;
}

let provinces: Promise<Province[]> | undefined;
/** The province whose communes a record of `year` names on `map`: after 1 July 2025, a 2025 campaign's province became part of one of today's. */
async function provinceOn(map: UnitMap, code: string, year: number): Promise<{ code: string; name: string }> {
  provinces ??= getJson<{ items: Province[] }>('/reference/provinces').then((r) => r.items);
  provinces.catch(() => (provinces = undefined));
  const all = await provinces;
  const own = all.find((p) => p.map === (year <= 2025 ? 'pre2025' : 'current') && p.code === code);
  if (map === 'current' && own?.map === 'pre2025' && own.successor) return own.successor;
  return { code, name: own?.name ?? code };
}

/** The communes whose name (or district) holds every word typed, those whose name starts with it first. */
export function matching<T extends Entry>(entries: T[], typed: string): T[] {
  const q = fold(typed);
  if (q === '') return entries;
  const words = q.split(' ');
  const rank = (e: T): number => (e.bare.startsWith(q) || e.text.startsWith(q) ? 0 : e.bare.includes(q) ? 1 : 2);
  return entries
    .filter((e) => words.every((w) => e.text.includes(w)) || e.c.code.startsWith(q))
    .map((e) => ({ e, r: rank(e) }))
    .sort((a, b) => a.r - b.r || a.e.label.localeCompare(b.e.label, 'vi'))
    .map((x) => x.e);
}

/**
 * The service's problem with a commune picked, told by the communes' names (the service's own
 * detail quotes codes): null when it is not about a commune.
 */
export function communeProblem(p: Problem): string | null {
  const rule = typeof p.type === 'string' ? p.type.split('/').pop() : undefined;
  const name = typeof p.name === 'string' ? p.name : 'Xã, phường đã chọn';
  const on = typeof p.date === 'string' ? ` ngày ${vnDate(p.date)}` : '';
  const today = Array.isArray(p.today) ? (p.today as { name: string }[]).map((t) => t.name).join(', ') : '';
  const province = (p.province as { name?: string } | undefined)?.name;
  switch (rule) {
    case 'commune-not-on-date':
      return today !== ''
        ? `${name} không còn từ ngày 01/07/2025 (nay thuộc ${today}): chọn lại xã, phường trong danh sách.`
        : `${name} chỉ có từ ngày 01/07/2025: với${on} hãy chọn xã, phường trước sắp xếp.`;
    case 'commune-unknown':
      return `Xã, phường đã chọn không có trên bản đồ hành chính${on}: chọn lại trong danh sách.`;
    case 'commune-other-province':
      return `${name} thuộc ${province ?? 'tỉnh khác'}, không thuộc tỉnh của kế hoạch: chọn lại trong danh sách.`;
    default:
      return null;
  }
}

const SHOWN = 60;

/**
 * The field for a commune code at `path`: the combobox the official types in, a hidden input
 * (named `path`) with the code the form sends, the listbox, and a line saying what the list is.
 * `wireCommunePickers` brings it to life once the form knows its campaign.
 */
export function communeField(path: string, id: string, caption: string): HTMLElement {
  const listId = `${id}-list`;
  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'aria-describedby': `${id}-status ${id}-error`,
    placeholder: 'Gõ tên xã, phường',
  });
  return h(
    'div',
    { class: 'field', 'data-field': path, 'data-kind': 'commune' },
    h('label', { for: id }, caption),
    h(
      'div',
      { class: 'combo' },
      input,
      h('input', { type: 'hidden', name: path, 'data-kind': 'commune-code' }),
      h('ul', { id: listId, role: 'listbox', 'aria-label': caption.replace(/ \*$/, ''), hidden: '' }),
    ),
    h('span', { class: 'hint picker-status', id: `${id}-status`, 'aria-live': 'polite' }),
    h('span', { class: 'field-error', id: `${id}-error`, role: 'alert' }),
  );
}

/** The date field a commune at `path` is read on: `date` or `from` beside it or above it. */
function dateFieldOf(form: HTMLFormElement, path: string): HTMLInputElement | null {
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--)
    for (const name of ['date', 'from']) {
      const candidate = [...parts.slice(0, i), name].join('.');
      const el = form.elements.namedItem(candidate);
      if (el instanceof HTMLInputElement && el.dataset.kind === 'date') return el;
    }
  return null;
}

/** Brings every commune field of `form` to life for the campaign of province `code` and `year`. */
export function wireCommunePickers(form: HTMLFormElement, code: string, year: number): void {
  for (const box of form.querySelectorAll<HTMLElement>('[data-kind="commune"]')) wire(form, box, code, year);
}

function wire(form: HTMLFormElement, box: HTMLElement, code: string, year: number): void {
  const input = box.querySelector('input[role="combobox"]') as HTMLInputElement;
  const hidden = box.querySelector('input[type="hidden"]') as HTMLInputElement;
  const listbox = box.querySelector('[role="listbox"]') as HTMLUListElement;
  const status = box.querySelector('.picker-status') as HTMLElement;
  const dateInput = dateFieldOf(form, box.dataset.field ?? '');

  let entries: Entry[] | null = null;
  let shown: Entry[] = [];
  let active = -1;
  let picked: Entry | null = null;
  let loaded = '';
  let about = '';

  const say = (text: string, problem = false): void => {
    status.textContent = text;
    status.classList.toggle('error', problem);
  };
  /** The form's date if it is a real date of the campaign's year, else the year's first day. */
  const dateNow = (): string => {
    const typed = dateInput === null ? null : fromVnDate(dateInput.value);
    return typed !== null && typed.startsWith(`${year}-`) ? typed : `${year}-01-01`;
  };

  const close = (): void => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const setActive = (i: number): void => {
    const items = listbox.querySelectorAll<HTMLElement>('[role="option"]');
    items.forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    active = i;
    const li = items[i];
    if (li === undefined) return input.removeAttribute('aria-activedescendant');
    input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  };
  const pick = (e: Entry): void => {
    picked = e;
    hidden.value = e.c.code;
    input.value = e.label;
    close();
    say(about);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const open = (): void => {
    if (entries === null) return;
    const found = matching(entries, input.value === picked?.label ? '' : input.value);
    shown = found.slice(0, SHOWN);
    listbox.replaceChildren(
      ...shown.map((e, i) =>
        h(
          'li',
          {
            id: `${input.id}-opt-${i}`,
            role: 'option',
            'aria-selected': 'false',
            'data-code': e.c.code,
            // Keeps the focus in the input: the click picks.
            onmousedown: (ev) => ev.preventDefault(),
            onclick: () => pick(e),
          },
          e.label,
        ),
      ),
    );
    active = -1;
    input.removeAttribute('aria-activedescendant');
    listbox.hidden = shown.length === 0;
    input.setAttribute('aria-expanded', String(shown.length > 0));
    say(
      found.length === 0
        ? 'Không có xã, phường nào khớp: thử gõ ít chữ hơn'
        : found.length > SHOWN
          ? `${found.length} xã, phường khớp; hiện ${SHOWN} đầu tiên — gõ thêm để thu hẹp`
          : `${found.length} xã, phường khớp`,
    );
  };

  /** Loads the list of the map of the form's date; a commune picked that is not on it is cleared. */
  const load = async (): Promise<void> => {
    const date = dateNow();
    const map = mapOn(date);
    const key = `${map}:${code}`;
    // Loaded, or being loaded: once.
    if (key === loaded) return;
    loaded = key;
    entries = null;
    close();
    input.setAttribute('aria-busy', 'true');
    say('Đang tải danh sách xã, phường…');
    try {
      const province = await provinceOn(map, code, year);
      const list = await listOf(map, province.code);
      if (loaded !== key) return;
      entries = list;
      about = `${list.length} xã, phường của ${province.name} ${map === 'pre2025' ? 'trước' : 'từ'} ngày 01/07/2025`;
      say(about);
      // What was typed while the list was loading is looked up now.
      if (picked === null && input.value.trim() !== '' && document.activeElement === input) open();
      if (picked !== null) {
        const was = picked;
        const same = list.find((e) => e.c.code === was.c.code && e.c.name === was.c.name);
        if (same !== undefined) {
          picked = same;
          input.value = same.label;
        } else {
          picked = null;
          hidden.value = '';
          input.value = '';
          const now = was.c.today.map((t) => t.name).join(', ');
          say(
            `${was.label} không có trên bản đồ hành chính ngày ${vnDate(date)}` +
              `${map === 'current' && now ? ` (nay thuộc ${now})` : ''}: vui lòng chọn lại.`,
            true,
          );
        }
      }
    } catch {
      if (loaded !== key) return;
      loaded = '';
      say('Không tải được danh sách xã, phường (kiểm tra kết nối mạng). Bấm vào ô để thử lại.', true);
    } finally {
      input.removeAttribute('aria-busy');
    }
  };

  input.addEventListener('input', (ev) => {
    if (!ev.isTrusted && picked !== null && input.value === picked.label) return;
    if (picked !== null && input.value !== picked.label) {
      picked = null;
      hidden.value = '';
    }
    if (entries === null) void load();
    else open();
  });
  input.addEventListener('focus', () => {
    if (entries === null && loaded === '') void load();
  });
  input.addEventListener('keydown', (ev) => {
    const isOpen = !listbox.hidden;
    switch (ev.key) {
      case 'ArrowDown':
        ev.preventDefault();
        if (!isOpen) open();
        if (!ev.altKey && shown.length > 0) setActive(Math.min(active + 1, shown.length - 1));
        break;
      case 'ArrowUp':
        ev.preventDefault();
        if (!isOpen) open();
        if (shown.length > 0) setActive(active <= 0 ? shown.length - 1 : active - 1);
        break;
      case 'Enter': {
        if (!isOpen) break;
        const e = shown[active] ?? (shown.length === 1 ? shown[0] : undefined);
        ev.preventDefault();
        if (e !== undefined) pick(e);
        break;
      }
      case 'Escape':
        if (isOpen) {
          ev.preventDefault();
          close();
        } else if (input.value !== '') {
          ev.preventDefault();
          input.value = '';
          picked = null;
          hidden.value = '';
          say(about);
        }
        break;
      case 'Tab': {
        const e = shown[active];
        if (isOpen && e !== undefined) pick(e);
        break;
      }
    }
  });
  input.addEventListener('blur', () => {
    close();
    if (picked !== null || input.value.trim() === '' || entries === null) return;
    const found = matching(entries, input.value);
    if (found.length === 1 && found[0] !== undefined) pick(found[0]);
    else say('Chưa chọn xã, phường: gõ tên rồi chọn một dòng trong danh sách.', true);
  });
  const dateChanged = (): void => {
    void load();
  };
  dateInput?.addEventListener('change', dateChanged);
  dateInput?.addEventListener('input', () => {
    if (dateInput.value.length >= 8 && fromVnDate(dateInput.value) !== null) dateChanged();
  });
  form.addEventListener('reset', () => {
    // A hidden input keeps its value through a reset: cleared here, after the form's own reset.
    setTimeout(() => {
      picked = null;
      hidden.value = '';
      input.value = '';
      close();
      void load().then(() => say(about));
    });
  });
  void load();
}
