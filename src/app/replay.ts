import { shellCatalog } from './catalog-storage.ts';
import { upcast } from '../../domain/upcasting.ts';
import { type AnyDomainEvent, type Catalog } from '../../projections/catalog.ts';
import { applyToCatalog } from '../../projections/fold.ts';
import { logPages } from '../eventstore/pages.ts';
import type { EventStore, ReplayedEvent } from '../eventstore/types.ts';

/**
 * Replay: stored events as the domain knows them. Every reader of the log that folds events (the
 * projector, time travel, the stream cache of the command path) lifts them here, and nowhere else,
 * to the current schema version (domain/upcasting.ts).
 */

/** A stored event as the domain knows it: its data lifted to the current schema version. */
export function domainEvent(e: ReplayedEvent): AnyDomainEvent {
  return { type: e.type, data: upcast(e.type, e.schemaVersion, e.data) } as AnyDomainEvent;
}

/** The read models as they were at `toPosition`, folded from the (filtered) log. */
export async function catalogAt(
  store: EventStore,
  toPosition: number,
  streamPrefixes?: readonly string[],
): Promise<Catalog> {
  const c = shellCatalog({ track: false });
  const filter = { toPosition, ...(streamPrefixes ? { streamPrefixes } : {}) };
  for await (const page of logPages((o) => store.readReplay(o), { pageSize: 10_000, filter })) {
    for (const e of page) applyToCatalog(c, domainEvent(e), e);
  }
  c.position = toPosition;
  return c;
}
