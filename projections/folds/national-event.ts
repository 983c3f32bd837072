import { z } from 'zod';
import {
  AttendNationalEvent,
  HoldNationalEvent,
  nationalEventStream,
  type NationalEventEvent,
} from '../../domain/national-event/national-event.ts';
import { NATIONAL_EVENT_RULES } from '../../domain/national-event/rules.ts';
import {
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  keptDocuments,
  Positioned,
  recordsOf,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** A national event the national alliance held, as kept. */
export const NationalEventView = HoldNationalEvent.extend({ ...InCampaign, ...Versioned, ...Positioned });
export type NationalEventView = z.infer<typeof NationalEventView> & Kept;
/** One line of an organiser's national events as served: one it held, or its delegation at one. */
export const NationalEventItem = z
  .discriminatedUnion('role', [
    HoldNationalEvent.extend({ role: z.literal('held'), ...InCampaign }),
    AttendNationalEvent.extend({ role: z.literal('attended'), ...InCampaign }),
  ])
  .meta({ id: 'NationalEventItem' });
import { bump, creditKey } from '../series.ts';

/** The national events the campaign's organiser (VN) held, and its delegations, are in its snapshots. */
const slices = {
  nationalEvents: keptDocuments<NationalEventView>()(5, {
    snapshot: { of: (x, organiser, year) => x.organiser === organiser && x.year === year, key: (x) => x.eventId },
  }),
};

/** National events held by the national alliance and attended by provinces. */
export function foldNationalEvent(c: FoldTarget<typeof slices>, e: NationalEventEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'NationalEventHeld':
      c.nationalEvents.set(e.data.eventId, { ...e.data, ...v, position: at.position });
      recordsOf(c, e.data.organiser, e.data.year).nationalEventsRevision = at.revision;
      return;
    case 'NationalEventAttended': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      r.nationalEventsRevision = at.revision;
      (r.attendances ??= []).push(d);
      bump(r.series, 'eventsAttended', d.date, 1);
      bump(r.series, 'delegates', d.date, d.delegates);
      bump(r.series, creditKey(d.activityId, 'events-attended'), d.date, 1);
      return;
    }
  }
}

export const nationalEventProjection = capabilityProjection<NationalEventEvent>()({
  name: 'national-event',
  slices,
  rules: NATIONAL_EVENT_RULES,
  events: ['NationalEventHeld', 'NationalEventAttended'],
  fold: foldNationalEvent,
  ledgerStreams: (code, year) => [nationalEventStream(code, year)],
});
