import { z } from 'zod';
import {
  AttendNationalEvent,
  HoldNationalEvent,
  nationalEventStream,
  type NationalEventEvent,
} from '../../domain/national-event/national-event.ts';
import { InCampaign, Positioned, Versioned, type CapabilityProjection, type Kept } from '../capability.ts';

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
import { recordsOf, type Catalog, type Envelope, type Stamp } from '../catalog.ts';
import { bump, creditKey } from '../series.ts';

/** National events held by the national alliance and attended by provinces. */
export function foldNationalEvent(c: Catalog, e: NationalEventEvent, at: Envelope, v: Stamp): void {
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

export const nationalEventProjection: CapabilityProjection<NationalEventEvent> = {
  events: ['NationalEventHeld', 'NationalEventAttended'],
  fold: foldNationalEvent,
  campaignStreams: (code, year) => [nationalEventStream(code, year)],
};
