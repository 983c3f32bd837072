import { z } from 'zod';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { Count, Text } from '../shared/text.ts';
import { LocalDate } from '../shared/time.ts';

/**
 * National events of the Vietnam Cooperative Alliance (plan 70/KH-BTVLMHTXVN and the like): the
 * national honouring conference for exemplary cooperatives (Hội nghị tôn vinh HTX tiêu biểu, first
 * held 2024 in Hà Nội), forums, fairs and trainings. The national alliance records the events it
 * holds in its own campaign (organiser VN); a province records each one its delegation attended,
 * which its "events attended" target counts.
 */
export const NationalEventKind = z.enum(['honouring-conference', 'forum', 'fair', 'training', 'other']);

export const HoldNationalEvent = z.object({
  eventId: z.uuid(),
  kind: NationalEventKind,
  name: Text(500),
  date: LocalDate,
  place: Text(300),
});
export type HoldNationalEvent = z.infer<typeof HoldNationalEvent>;

export const AttendNationalEvent = z.object({
  attendanceId: z.uuid(),
  eventId: z.uuid().optional().describe('the event as the national alliance recorded it, when it did'),
  kind: NationalEventKind,
  name: Text(500),
  date: LocalDate,
  place: Text(300).optional(),
  delegates: Count.describe('people in the delegation'),
  cooperativeIds: z.array(z.uuid()).max(500).default([]).describe('cooperatives of the province that took part'),
  activityId: z.string().optional(),
});
export type AttendNationalEvent = z.infer<typeof AttendNationalEvent>;

export type NationalEventCommand =
  ({ type: 'HoldNationalEvent' } & HoldNationalEvent) | ({ type: 'AttendNationalEvent' } & AttendNationalEvent);

interface Scope {
  organiser: string;
  year: number;
}
export type NationalEventHeld = DomainEvent<'NationalEventHeld', Scope & HoldNationalEvent>;
export type NationalEventAttended = DomainEvent<'NationalEventAttended', Scope & AttendNationalEvent>;
export type NationalEventEvent = NationalEventHeld | NationalEventAttended;

export interface NationalEventState {
  held: Record<string, true>;
  attended: Record<string, true>;
  /** Events attended, by the national alliance's event id: attended once each. */
  attendedEvents: Record<string, true>;
}

export function nationalEventStream(organiser: string, year: number): string {
  return `national-events-${organiser}-${year}`;
}

export const nationalEventDecider: Decider<
  NationalEventCommand,
  NationalEventEvent,
  NationalEventState,
  { campaign: CampaignState }
> = {
  initialState: () => ({ held: {}, attended: {}, attendedEvents: {} }),

  evolve(state, event) {
    if (event.type === 'NationalEventHeld') return { ...state, held: { ...state.held, [event.data.eventId]: true } };
    const id = event.data.eventId;
    return {
      ...state,
      attended: { ...state.attended, [event.data.attendanceId]: true },
      attendedEvents: id === undefined ? state.attendedEvents : { ...state.attendedEvents, [id]: true },
    };
  },

  decide(command, state, { campaign }) {
    requireOpenCampaign(campaign);
    const scope = { organiser: campaign.organiser as string, year: campaign.year };
    requireDateInCampaignYear(campaign, command.date);
    switch (command.type) {
      case 'HoldNationalEvent': {
        if (campaign.organiser !== 'VN')
          fail(
            'national-event-not-national',
            'only the national alliance (VN) holds national events; a province records its attendance',
          );
        if (state.held[command.eventId])
          fail('national-event-already-recorded', `event ${command.eventId} is already recorded`);
        const { type: _t, ...c } = command;
        return [{ type: 'NationalEventHeld', data: { ...scope, ...c } }];
      }
      case 'AttendNationalEvent': {
        if (campaign.organiser === 'VN')
          fail(
            'national-event-not-national',
            'the national alliance records the events it holds; provinces record attendance',
          );
        if (state.attended[command.attendanceId])
          fail('national-event-already-recorded', `attendance ${command.attendanceId} is already recorded`);
        if (command.eventId !== undefined && state.attendedEvents[command.eventId]) {
          fail(
            'national-event-already-recorded',
            `the province's attendance at event ${command.eventId} is already recorded`,
            { eventId: command.eventId },
          );
        }
        requireKnownActivity(campaign, command.activityId);
        const { type: _t, ...c } = command;
        return [{ type: 'NationalEventAttended', data: { ...scope, ...c } }];
      }
    }
  },
};
