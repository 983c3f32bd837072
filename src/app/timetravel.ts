import { campaignStream } from '../../domain/campaign/campaign.ts';
import { dialogueStream } from '../../domain/dialogue/dialogue.ts';
import { membershipStream } from '../../domain/membership/membership.ts';
import { nominationsStream } from '../../domain/nomination/nomination.ts';
import { outreachStream } from '../../domain/outreach/outreach.ts';
import { supportStream } from '../../domain/support/support.ts';
import { taskStream } from '../../domain/task/task.ts';
import { applyToCatalog, campaignIds, campaignKey, emptyCatalog, loadDocument, recordsOf, type Catalog, type MeetingView } from '../../projections/catalog.ts';
import { defaultPeakWindow, inWindow, vnDateOf } from '../../domain/shared/time.ts';
import { addMeetings } from '../../projections/series.ts';
import type { EventStore, ReplayedEvent } from '../eventstore/types.ts';
import { domainEvent } from './projector.ts';

async function streamUpTo(store: EventStore, stream: string, position: number): Promise<ReplayedEvent[]> {
  const out: ReplayedEvent[] = [];
  for (let from = 0; ; ) {
    const page = await store.readStream(stream, { fromRevision: from, maxCount: 10_000 });
    for (const e of page) if (e.position <= position) out.push(e);
    if (page.length < 10_000) return out;
    from += page.length;
  }
}

/**
 * One campaign's read models as they were at `position`, without replaying the whole campaign:
 * the campaign's ledger streams (plan, support, nominations, membership, dialogue) are folded up
 * to the position; a meeting or task that has not changed since is taken from the live read
 * models as it is; any other is folded from its own (short) stream. The result equals folding
 * every event up to the position (tested), at a fraction of the cost. `live` must have reached
 * `position`.
 */
export async function campaignCatalogAsOf(store: EventStore, live: Catalog, organiser: string, year: number, position: number): Promise<Catalog> {
  const c = emptyCatalog({ track: false });
  type Step = { position: number; event: ReplayedEvent } | { position: number; meeting: MeetingView };
  const steps: Step[] = [];
  /** Meetings taken as they are, in the order they were recorded (the index keeps that order). */
  const kept: Step[] = [];
  const add = (events: ReplayedEvent[]) => {
    for (const event of events) steps.push({ position: event.position, event });
  };
  for (const f of [campaignStream, supportStream, nominationsStream, membershipStream, dialogueStream]) add(await streamUpTo(store, f(organiser, year), position));
  for (const id of campaignIds(live, organiser, year, 'meetings')) {
    const m = live.meetings.get(id);
    if (m === undefined || m.position > position) continue;
    // Unchanged since the one event that recorded it, before the position: take it as it is.
    if (m.corrections === 0 && m.status === 'recorded' && (m.lastPosition ?? Number.POSITIVE_INFINITY) <= position) kept.push({ position: m.position, meeting: m });
    else add(await streamUpTo(store, outreachStream(organiser, year, id), position));
  }
  for (const t of live.tasks.values()) {
    if (t.organiser === organiser && t.position <= position) add(await streamUpTo(store, taskStream(organiser, t.taskId), position));
  }
  // In log order, so that each event meets the state (the peak window, say) it met then: the few
  // replayed events are sorted and merged with the kept meetings, already in order.
  steps.sort((a, b) => a.position - b.position);
  if (!kept.every((k, i) => i === 0 || (kept[i - 1] as Step).position < k.position)) kept.sort((a, b) => a.position - b.position);
  const merged: Step[] = [];
  for (let i = 0, j = 0; i < steps.length || j < kept.length; ) {
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
  for (let i = 0; i < merged.length; ) {
    const step = merged[i] as Step;
    if ('event' in step) {
      applyToCatalog(c, domainEvent(step.event), step.event);
      i++;
      continue;
    }
    // A run of kept meetings: nothing between them changes the peak window, so count in one go.
    const records = recordsOf(c, organiser, year);
    const peak = c.campaigns.get(campaignKey(organiser, year))?.peak ?? defaultPeakWindow(year);
    const run: MeetingView[] = [];
    for (; i < merged.length; i++) {
      const k = merged[i] as Step;
      if ('event' in k) break;
      loadDocument(c, 'meetings', k.meeting.meetingId, k.meeting);
      run.push(k.meeting);
      if (inWindow(vnDateOf(k.meeting.updatedAt), peak)) records.recordedInPeak += 1;
      else records.recordedOutsidePeak += 1;
      records.version += 1;
    }
    // Their per-day figures, added in groups.
    addMeetings(records.series, run);
  }
  c.position = position;
  return c;
}
