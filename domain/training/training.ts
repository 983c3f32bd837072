import { z } from 'zod';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import { Topic } from '../outreach/outreach.ts';
import { Place, PlaceInput, placeOn, provinceById } from '../shared/place.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { Count, Text } from '../shared/text.ts';
import { LocalDate, REFORM_DATE } from '../shared/time.ts';
import { fail } from './rules.ts';

/**
 * Training courses (lớp tập huấn, đào tạo, bồi dưỡng): the Cooperative Law for directors,
 * accountants and supervisors of cooperatives (seed 002; tasks 7, 15 and 19 of seed 001), and
 * courses for members and for the officials who manage the sector. A course has a place, days,
 * the people it trains and how many took part; it counts apart from outreach meetings.
 */
export const TrainingAudience = z.enum([
  'director', // Giám đốc HTX
  'accountant', // Kế toán HTX
  'supervisor', // Kiểm soát viên HTX
  'member', // thành viên HTX
  'official', // cán bộ quản lý nhà nước về kinh tế tập thể
  'other',
]);
export type TrainingAudience = z.infer<typeof TrainingAudience>;

/** A course's fields as recorded. */
export const TrainingFields = z.object({
  trainingId: z.uuid(),
  title: Text(500).describe('"Tập huấn Luật Hợp tác xã năm 2023 cho Giám đốc, Kế toán HTX"'),
  from: LocalDate.describe('first day of the course'),
  to: LocalDate.optional().describe('last day, for a course of several days'),
  place: Place,
  audiences: z.array(TrainingAudience).min(1, 'name at least one audience').max(6),
  topics: z.array(Topic).min(1, 'name at least one topic').max(20),
  participants: Count.describe('people trained'),
  cooperativesRepresented: Count.default(0),
  organisedBy: Text(300).describe('"Liên minh HTX tỉnh", "Sở Nông nghiệp và Môi trường"'),
  activityId: z.string().optional(),
});
/** What a form sends: the place picked by its commune code. */
export const RecordTraining = TrainingFields.extend({ place: PlaceInput }).refine(
  (t) => t.to === undefined || t.to >= t.from,
  {
    message: 'must end on or after the day it starts',
    path: ['to'],
  },
);
export type RecordTraining = z.infer<typeof RecordTraining>;

export const RetractTraining = z.object({ reason: Text(2000) });

export type TrainingCommand =
  | ({ type: 'RecordTraining' } & RecordTraining)
  | ({ type: 'RetractTraining'; trainingId: string } & z.infer<typeof RetractTraining>);

interface Scope {
  organiser: string;
  year: number;
  trainingId: string;
}
export type TrainingRecorded = DomainEvent<
  'TrainingRecorded',
  Scope & Omit<z.infer<typeof TrainingFields>, 'trainingId'>
>;
export type TrainingRetracted = DomainEvent<'TrainingRetracted', Scope & { reason: string }>;
export type TrainingEvent = TrainingRecorded | TrainingRetracted;

export interface TrainingState {
  status: 'none' | 'recorded' | 'retracted';
}

export function trainingStream(organiser: string, year: number, trainingId: string): string {
  return `training-${organiser}-${year}-${trainingId}`;
}

export const trainingDecider: Decider<TrainingCommand, TrainingEvent, TrainingState, { campaign: CampaignState }> = {
  initialState: () => ({ status: 'none' }),

  evolve(_state, event) {
    return { status: event.type === 'TrainingRecorded' ? 'recorded' : 'retracted' };
  },

  decide(command, state, { campaign }) {
    requireOpenCampaign(campaign);
    const scope = { organiser: campaign.organiser as string, year: campaign.year, trainingId: command.trainingId };
    switch (command.type) {
      case 'RecordTraining': {
        if (state.status !== 'none')
          fail('training-already-recorded', `training ${command.trainingId} is already recorded`);
        const { type: _t, trainingId: _i, place, ...rest } = command;
        requireDateInCampaignYear(campaign, rest.from);
        if (rest.to !== undefined) requireDateInCampaignYear(campaign, rest.to);
        requireKnownActivity(campaign, rest.activityId);
        const fields = { ...rest, place: placeOn(place, rest.from, provinceById(campaign.provinceId), 'place') };
        return [{ type: 'TrainingRecorded', data: { ...scope, ...fields } }];
      }
      case 'RetractTraining': {
        if (state.status === 'none') fail('training-not-found', `no training ${command.trainingId} in this campaign`);
        if (state.status === 'retracted')
          fail('training-retracted', `training ${command.trainingId} was already retracted`);
        return [{ type: 'TrainingRetracted', data: { ...scope, reason: command.reason } }];
      }
    }
  },
};
