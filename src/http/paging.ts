/**
 * One paging style for every list: `{ items, nextCursor }`, `cursor` and `limit` in the query. The
 * cursor is opaque to clients: a position (or a count, for short lists without positions).
 */
import { HttpProblem } from './problems.ts';

/** The position a page cursor stands for: items after it come next (0 without a cursor). */
export function cursorPosition(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isInteger(n) || n < 0)
    throw new HttpProblem('validation', 'cursor is not one this service gave', {
      errors: [{ in: 'querystring', field: 'cursor', rule: 'cursor', message: 'is not a cursor this service gave' }],
    });
  return n;
}
export const cursorOf = (position: number): string => Buffer.from(String(position)).toString('base64url');

export function paginate<T extends { position: number }>(
  items: Iterable<T>,
  limit: number,
  cursor: string | undefined,
): { items: T[]; nextCursor: string | null } {
  const after = cursorPosition(cursor);
  const sorted = [...items].filter((x) => x.position > after).sort((a, b) => a.position - b.position);
  const page = sorted.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: sorted.length > limit && last ? cursorOf(last.position) : null };
}

/**
 * A page of items that come in the order recorded (ascending position), read only as far as the
 * page needs: a campaign's documents kept on disk are not all read for one page.
 */
export function pageInOrder<T extends { position: number }>(
  items: Iterable<T>,
  limit: number,
  cursor: string | undefined,
): { items: T[]; nextCursor: string | null } {
  const after = cursorPosition(cursor);
  const page: T[] = [];
  for (const x of items) {
    if (x.position <= after) continue;
    if (page.length === limit) return { items: page, nextCursor: cursorOf((page[limit - 1] as T).position) };
    page.push(x);
  }
  return { items: page, nextCursor: null };
}

/**
 * A page of a short list that has no log positions (a campaign's dialogue conferences, its loan
 * appraisals, an organiser's campaigns), in the list's order: the cursor is the count already
 * given, in the same opaque form as the others.
 */
export function pageByCount<T>(
  items: readonly T[],
  limit: number,
  cursor: string | undefined,
): { items: T[]; nextCursor: string | null } {
  const from = cursorPosition(cursor);
  const page = items.slice(from, from + limit);
  return { items: page, nextCursor: from + limit < items.length ? cursorOf(from + limit) : null };
}

/** Keeps the items that pass, lazily. */
export function* keep<T>(items: Iterable<T>, test: (x: T) => boolean): Generator<T> {
  for (const x of items) if (test(x)) yield x;
}

/** Lists each in the order recorded (by position), merged into one in that order; read lazily. */
export function* mergeInOrder<T extends { position: number }>(lists: Iterable<T>[]): Generator<T> {
  const heads = lists.map((l) => {
    const it = l[Symbol.iterator]();
    return { it, next: it.next() };
  });
  for (;;) {
    let best: (typeof heads)[number] | undefined;
    for (const h of heads)
      if (!h.next.done && (best === undefined || h.next.value.position < (best.next.value as T).position)) best = h;
    if (best === undefined) return;
    yield best.next.value as T;
    best.next = best.it.next();
  }
}

/** Each item as `f` gives it; read lazily. */
export function* mapped<T, U>(items: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of items) yield f(x);
}
