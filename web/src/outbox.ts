/**
 * Records made without a connection wait here, in IndexedDB, with the Idempotency-Key they were
 * first sent with: a reload or a closed tab loses none. When the connection returns they are sent
 * in the order they were made, each with its own key, so a record the service already took (the
 * answer was lost on the way back) is not recorded twice. A record the service refuses stays, with
 * the service's reason, until the officer removes it.
 */
import { sendCommand, token, type Problem } from './api.ts';
import { h } from './dom.ts';

export interface Waiting {
  /** The Idempotency-Key: the record's one identity, in the queue and at the service. */
  key: string;
  url: string;
  body: Record<string, unknown>;
  /** The form's title, and what the officer typed that tells records apart (a date, a name). */
  title: string;
  summary: string;
  madeAt: string;
  refused?: { title: string; detail?: string };
}

const DB = 'cam-outbox';
const STORE = 'waiting';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB'));
  });
}

async function tx<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const t = db.transaction(STORE, mode);
      const req = work(t.objectStore(STORE));
      t.oncomplete = () => resolve(req.result);
      t.onerror = () => reject(t.error ?? new Error('IndexedDB'));
    });
  } finally {
    db.close();
  }
}

/** Everything waiting, oldest first. */
export async function waiting(): Promise<Waiting[]> {
  const all = await tx('readonly', (s) => s.getAll() as IDBRequest<Waiting[]>);
  return all.sort((a, b) => a.madeAt.localeCompare(b.madeAt));
}

export async function enqueue(w: Waiting): Promise<void> {
  await tx('readwrite', (s) => s.put(w));
  changed();
}

async function remove(key: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(key));
  changed();
}

/** Whether a failed send means "no connection" (try again later) rather than an answer. */
export const unreachable = (e: unknown): boolean => e instanceof TypeError || !navigator.onLine;

const listeners = new Set<() => void>();
function changed(): void {
  for (const l of listeners) l();
}

let flushing: Promise<number> | null = null;
/**
 * Sends what waits, in order; stops at the first record that cannot reach the service (it waits for
 * the next try). Resolves with how many were recorded. Needs someone signed in.
 */
export function flush(onRecorded?: (position: number) => void): Promise<number> {
  flushing ??= (async () => {
    let sent = 0;
    try {
      if (token() === null) return 0;
      for (const w of await waiting()) {
        if (w.refused !== undefined) continue;
        let r: Awaited<ReturnType<typeof sendCommand>>;
        try {
          r = await sendCommand(w.url, w.body, w.key);
        } catch {
          break;
        }
        if (r.ok) {
          await remove(w.key);
          onRecorded?.(r.position);
          sent++;
        } else if (r.problem.status >= 500 || r.problem.status === 401 || r.problem.status === 429) {
          // Not a refusal of the record: the service is busy, or the person must sign in again.
          break;
        } else {
          await tx('readwrite', (s) => s.put({ ...w, refused: refusal(r.problem) }));
          changed();
        }
      }
    } finally {
      flushing = null;
    }
    return sent;
  })();
  return flushing;
}

const refusal = (p: Problem): { title: string; detail?: string } => ({
  title: p.title,
  ...(p.detail !== undefined ? { detail: p.detail } : {}),
});

/** The queue as the officer sees it: what waits, what was refused and why; redrawn when it changes. */
export function outboxView(): HTMLElement {
  const box = h('section', { class: 'outbox', id: 'outbox', 'aria-live': 'polite', hidden: '' });
  const draw = async (): Promise<void> => {
    const all = await waiting().catch(() => []);
    box.hidden = all.length === 0;
    const pending = all.filter((w) => w.refused === undefined).length;
    box.replaceChildren(
      h(
        'h2',
        {},
        pending > 0
          ? `Đang chờ gửi: ${pending} bản ghi${navigator.onLine ? '' : ' (chưa có mạng)'}`
          : 'Bản ghi không được nhận',
      ),
      h(
        'ul',
        {},
        ...all.map((w) =>
          h(
            'li',
            { 'data-key': w.key, class: w.refused ? 'refused' : 'pending' },
            h('strong', {}, w.title),
            ` — ${w.summary} `,
            h('span', { class: 'hint' }, `(lập lúc ${new Date(w.madeAt).toLocaleString('vi-VN')})`),
            ...(w.refused
              ? [
                  h('p', { class: 'error' }, `Không được nhận: ${w.refused.detail ?? w.refused.title}`),
                  h('button', { type: 'button', class: 'link', onclick: () => void remove(w.key) }, 'Bỏ bản ghi này'),
                ]
              : []),
          ),
        ),
      ),
    );
  };
  listeners.add(() => void draw());
  void draw();
  return box;
}

/**
 * Sends what waits whenever the connection comes back, once now, on every move in the page and every
 * half minute (a browser does not always tell when the connection returns).
 */
export function startOutbox(onRecorded: (position: number) => void): void {
  const send = (): void => void flush(onRecorded).then(changed);
  window.addEventListener('online', send);
  window.addEventListener('offline', changed);
  window.addEventListener('hashchange', send);
  setInterval(send, 30_000);
  send();
}
