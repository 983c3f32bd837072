import { z } from 'zod';
import { MeetingFields, type OutreachEvent } from '../../domain/outreach/outreach.ts';
import { OUTREACH_RULES } from '../../domain/outreach/rules.ts';
import {
  campaignRecords,
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  Positioned,
  recordsOf,
  type Stamp,
  Versioned,
} from '../capability.ts';
import { meetingSeries } from '../series.ts';

// Meetings are not in snapshots: time travel takes an unchanged one as it is, or folds it from its own stream.
const slices = { meetings: campaignRecords<MeetingView>()(3, 'meetingId', { snapshot: false }) };

/** Outreach meetings and their per-day figures (a meeting of a publication format counts as a publication). */
export function foldOutreach(c: FoldTarget<typeof slices>, e: OutreachEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'OutreachMeetingRecorded': {
      // Hot path: object literals, not spreads (spreading parsed JSON is several times slower).
      const d = e.data;
      c.meetings.set(d.meetingId, {
        organiser: d.organiser,
        year: d.year,
        meetingId: d.meetingId,
        date: d.date,
        place: d.place,
        format: d.format,
        topics: d.topics,
        attendees: d.attendees,
        cooperativesRepresented: d.cooperativesRepresented,
        cooperativeIds: d.cooperativeIds,
        organisedBy: d.organisedBy,
        activityId: d.activityId,
        title: d.title,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        status: 'recorded',
        corrections: 0,
        position: at.position,
      });
      meetingSeries(recordsOf(c, d.organiser, d.year).series, d, 1);
      return;
    }
    case 'OutreachMeetingCorrected': {
      const m = c.meetings.get(e.data.meetingId);
      if (!m) return;
      const corrected = { ...m, ...e.data.changes, ...v, corrections: m.corrections + 1 };
      c.meetings.set(m.meetingId, corrected);
      if (m.status === 'recorded') {
        const series = recordsOf(c, m.organiser, m.year).series;
        meetingSeries(series, m, -1);
        meetingSeries(series, corrected, 1);
      }
      return;
    }
    case 'OutreachMeetingRetracted': {
      const m = c.meetings.get(e.data.meetingId);
      if (!m) return;
      c.meetings.set(m.meetingId, { ...m, ...v, status: 'retracted' });
      if (m.status === 'recorded') meetingSeries(recordsOf(c, m.organiser, m.year).series, m, -1);
      return;
    }
  }
}

/** A meeting with its current (corrected) fields. */
export const MeetingView = MeetingFields.extend({
  meetingId: z.uuid(),
  ...InCampaign,
  status: z.enum(['recorded', 'retracted']),
  corrections: z.number().int(),
  ...Versioned,
  ...Positioned,
}).meta({ id: 'OutreachMeeting' });
export type MeetingView = z.infer<typeof MeetingView> & Kept;

export const outreachProjection = capabilityProjection<OutreachEvent>()({
  name: 'outreach',
  slices,
  rules: OUTREACH_RULES,
  events: ['OutreachMeetingRecorded', 'OutreachMeetingCorrected', 'OutreachMeetingRetracted'],
  fold: foldOutreach,
  campaignStreams: (code, year) => [`outreach-${code}-${year}-`],
});
