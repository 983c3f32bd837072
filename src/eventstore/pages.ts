import type { EventFilter, EventStore, ReadAllOptions, StoredEvent } from './types.ts';

/**
 * The log read forwards page by page, one store read a page, from `fromPosition` (1 by default)
 * until a short page: every loop over the log goes through here. `read` is the store's readAll or
 * readReplay.
 */
export async function* logPages<E extends { position: number }>(
  read: (options: ReadAllOptions) => Promise<E[]>,
  options: { fromPosition?: number; pageSize: number; filter?: EventFilter },
): AsyncGenerator<E[]> {
  for (let from = options.fromPosition ?? 1; ;) {
    const page = await read({
      fromPosition: from,
      maxCount: options.pageSize,
      ...(options.filter !== undefined ? { filter: options.filter } : {}),
    });
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < options.pageSize) return;
    from = last.position + 1;
  }
}

/** One stream read page by page from `fromRevision` (0 by default) until a short page. */
export async function* streamPages(
  store: Pick<EventStore, 'readStream'>,
  stream: string,
  options: { fromRevision?: number; pageSize: number },
): AsyncGenerator<StoredEvent[]> {
  for (let from = options.fromRevision ?? 0; ;) {
    const page = await store.readStream(stream, { fromRevision: from, maxCount: options.pageSize });
    if (page.length > 0) yield page;
    if (page.length < options.pageSize) return;
    from += page.length;
  }
}
