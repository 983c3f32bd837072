import { shellCatalog } from './catalog-storage.ts';
import { outreachStream } from '../../domain/outreach/outreach.ts';
import { campaignDocuments, campaignKey, loadDocument, recordsOf, type Catalog } from '../../projections/catalog.ts';
import type { MeetingView } from '../../projections/folds/outreach.ts';
import { applyToCatalog, campaignStreams, countRecorded, ledgerStreams } from '../../projections/fold.ts';
import { OWN_STREAMS, catalogFromSnapshot, type CampaignSnapshot } from '../../projections/snapshot.ts';
import { addMeetings } from '../../projections/series.ts';
import type { EventStore, ReplayedEvent } from '../eventstore/types.ts';
import type { Projector } from './projector.ts';
import { catalogAt, domainEvent } from './replay.ts';
import { logPages, streamPages } from '../eventstore/pages.ts';

/**
 * One campaign's read models as they were at `position`, from a snapshot taken at or before it:
 * the campaign's events after the snapshot are folded on top. A meeting recorded before the
 * snapshot and changed after it is first brought to its state at the snapshot from its own
 * stream. Costs the events since the snapshot, however long the campaign.
 */
export async function campaignCatalogFromSnapshot(
  store: EventStore,
  snapshot: CampaignSnapshot,
  position: number,
): Promise<Catalog> {
  if (snapshot.position > position) throw new RangeError(`snapshot at ${snapshot.position} is past ${position}`);
  const { organiser, year } = snapshot;
  const c = catalogFromSnapshot(snapshot);
  const meetings = `outreach-${organiser}-${year}-`;
  const streamPrefixes = campaignStreams(organiser, year);
  const pages = logPages((o) => store.readReplay(o), {
    fromPosition: snapshot.position + 1,
    pageSize: 10_000,
    filter: { toPosition: position, streamPrefixes },
  });
  for await (const page of pages) {
    for (const e of page) {
      const event = domainEvent(e);
      if (e.revision > 0 && e.stream.startsWith(meetings)) {
        const meetingId = (event.data as { meetingId?: unknown }).meetingId;
        if (typeof meetingId === 'string' && !c.meetings.has(meetingId)) {
          // Recorded before the snapshot: its state then, from the events before this one.
          const before = shellCatalog({ track: false });
          for (const x of await store.readStream(e.stream, { fromRevision: 0, maxCount: e.revision }))
            applyToCatalog(before, domainEvent(x), x);
          const m = before.meetings.get(meetingId);
          if (m !== undefined) loadDocument(c, 'meetings', meetingId, m);
        }
      }
      applyToCatalog(c, event, e);
    }
  }
  c.position = position;
  return c;
}

async function streamUpTo(store: EventStore, stream: string, position: number): Promise<ReplayedEvent[]> {
  const out: ReplayedEvent[] = [];
  for await (const page of streamPages(store, stream, { pageSize: 10_000 }))
    for (const e of page) if (e.position <= position) out.push(e);
  return out;
}

/**
 * One campaign's read models as they were at `position`, without replaying the whole campaign:
 * the campaign's ledger streams (plan, support, nominations, membership, dialogue) are folded up
 * to the position; a meeting or task that has not changed since is taken from the live read
 * models as it is; any other is folded from its own (short) stream. The result equals folding
 * every event up to the position (tested), at a fraction of the cost. `live` must have reached
 * `position`.
 */
export async function campaignCatalogAsOf(
  store: EventStore,
  live: Catalog,
  organiser: string,
  year: number,
  position: number,
): Promise<Catalog> {
  const c = shellCatalog({ track: false });
  type Step = { position: number; event: ReplayedEvent } | { position: number; meeting: MeetingView };
  const steps: Step[] = [];
  /** Meetings taken as they are, in the order they were recorded (the index keeps that order). */
  const kept: Step[] = [];
  const add = (events: ReplayedEvent[]) => {
    for (const event of events) steps.push({ position: event.position, event });
  };
  for (const stream of ledgerStreams(organiser, year)) add(await streamUpTo(store, stream, position));
  for (const m of campaignDocuments(live, organiser, year, 'meetings')) {
    const id = m.meetingId;
    if (m.position > position) continue;
    // Unchanged since the one event that recorded it, before the position: take it as it is.
    if (m.corrections === 0 && m.status === 'recorded' && (m.lastPosition ?? Number.POSITIVE_INFINITY) <= position)
      kept.push({ position: m.position, meeting: m });
    else add(await streamUpTo(store, outreachStream(organiser, year, id), position));
  }
  // Every other document kept in a stream of its own (publications, trainings, the organiser's tasks).
  for (const k of OWN_STREAMS)
    for (const d of k.of(live, organiser, year) as Iterable<{ position: number }>)
      if (d.position <= position) add(await streamUpTo(store, k.stream(d), position));
  // In log order, so that each event meets the state (the peak window, say) it met then: the few
  // replayed events are sorted and merged with the kept meetings, already in order.
  steps.sort((a, b) => a.position - b.position);
  if (!kept.every((k, i) => i === 0 || (kept[i - 1] as Step).position < k.position))
    kept.sort((a, b) => a.position - b.position);
  const merged: Step[] = [];
  for (let i = 0, j = 0; i < steps.length || j < kept.length;) {
    const a = steps[i];
    const b = kept[j];
    if (b === undefined || (a !== undefined && a.position < b.position)) {
      merged.push(a as Step);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }
  for (let i = 0; i < merged.length;) {
    const step = merged[i] as Step;
    if ('event' in step) {
      applyToCatalog(c, domainEvent(step.event), step.event);
      i++;
      continue;
    }
    // A run of kept meetings, counted as recorded when they last changed, and added in one go.
    const run: MeetingView[] = [];
    for (; i < merged.length; i++) {
      const k = merged[i] as Step;
      if ('event' in k) break;
      loadDocument(c, 'meetings', k.meeting.meetingId, k.meeting);
      run.push(k.meeting);
      countRecorded(c, organiser, year, k.meeting.updatedAt);
    }
    // Their per-day figures, added in groups.
    addMeetings(recordsOf(c, organiser, year).series, run);
  }
  c.position = position;
  return c;
}

/**
 * One campaign's read models at `position`, the quickest way there is: from its nearest snapshot;
 * without one, from its ledgers and the live read models when they have reached the position;
 * otherwise by folding its streams up to it.
 */
export async function campaignAt(
  store: EventStore,
  projector: Pick<Projector, 'catalog' | 'snapshotAt'>,
  organiser: string,
  year: number,
  position: number,
): Promise<Catalog> {
  const snapshot = projector.snapshotAt(organiser, year, position);
  if (snapshot !== undefined) return campaignCatalogFromSnapshot(store, snapshot, position);
  if (projector.catalog.position >= position)
    return campaignCatalogAsOf(store, projector.catalog, organiser, year, position);
  return catalogAt(store, position, campaignStreams(organiser, year));
}

/**
 * Every campaign of a year at `position`, each rebuilt the quickest way (see campaignAt) and put
 * together: the plans, ledgers and tasks that national dashboards and reports read. A campaign
 * launched after the position is left out. Folds the whole log up to the position when the live
 * read models have not reached it (they list the year's campaigns).
 */
export async function yearCatalogAt(
  store: EventStore,
  projector: Pick<Projector, 'catalog' | 'snapshotAt'>,
  year: number,
  position: number,
): Promise<Catalog> {
  const live = projector.catalog;
  if (live.position < position) return catalogAt(store, position);
  const c = shellCatalog({ track: false });
  for (const { organiser } of [...live.campaigns.values()].filter((x) => x.year === year)) {
    const key = campaignKey(organiser, year);
    const one = await campaignAt(store, projector, organiser, year, position);
    const campaign = one.campaigns.get(key);
    if (campaign === undefined) continue;
    loadDocument(c, 'campaigns', key, campaign);
    const records = one.records.get(key);
    if (records !== undefined) loadDocument(c, 'records', key, records);
    for (const t of one.tasks.values()) if (!c.tasks.has(t.taskId)) loadDocument(c, 'tasks', t.taskId, t);
    for (const x of one.nationalEvents.values()) loadDocument(c, 'nationalEvents', x.eventId, x);
  }
  c.position = position;
  return c;
}
