import { z } from 'zod';
import { Count, Text } from '../shared/text.ts';
import {
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { LocalDate } from '../shared/time.ts';
import { requireTakeover } from '../shared/units.ts';
import { TakeOver, type TakenOver } from '../shared/takeover.ts';
import { requireCommune } from '../shared/communes.ts';
import { PlaceInput, provinceById } from '../shared/place.ts';

/** A dialogue conference between provincial leaders and cooperatives (hội nghị đối thoại). */
export const HoldDialogueConference = z.object({
  dialogueId: z.uuid(),
  date: LocalDate,
  place: Text(300),
  chairedBy: Text(300),
  attendees: Count,
  cooperativesRepresented: Count.default(0),
  activityId: z.string().optional(),
});
export type HoldDialogueConference = z.infer<typeof HoldDialogueConference>;

/**
 * A dialogue conference as recorded: since commune codes, the commune it was held in, by code
 * (checked on the map of its date in the province) with the map's names; `place` is the venue.
 * Conferences recorded before have `place` only.
 */
export const DialogueFields = HoldDialogueConference.extend({
  communeCode: z.string().optional(),
  commune: Text(200).optional().describe('the commune’s name as recorded'),
  district: Text(200).optional().describe('before 1 July 2025: its district'),
});

export const HoldDialogueConferenceInput = HoldDialogueConference.extend({
  place: Text(300).describe('the venue: "Hội trường UBND tỉnh"'),
  communeCode: PlaceInput.shape.communeCode,
});

export const PetitionTopic = z.enum([
  'land',
  'credit',
  'tax',
  'market',
  'procedure',
  'infrastructure',
  'training',
  'other',
]);

/** A proposal to remove a difficulty (kiến nghị tháo gỡ khó khăn). */
export const RecordPetition = z.object({
  petitionId: z.uuid(),
  dialogueId: z.uuid().optional(),
  cooperativeId: z.uuid().optional(),
  submittedBy: Text(300),
  submittedOn: LocalDate,
  topic: PetitionTopic,
  subject: Text(500),
  content: Text(5000),
  addressedTo: Text(300),
});
export type RecordPetition = z.infer<typeof RecordPetition>;

export const RespondToPetition = z.object({
  respondedBy: Text(300),
  respondedOn: LocalDate,
  response: Text(5000),
  resolved: z.boolean(),
});
export type RespondToPetition = z.infer<typeof RespondToPetition>;

/** The successor of a merged province takes over one of its open petitions (see TakeOver). */
export const TakeOverPetition = TakeOver;

export type DialogueCommand =
  | ({ type: 'HoldDialogueConference' } & z.infer<typeof HoldDialogueConferenceInput>)
  | ({ type: 'RecordPetition' } & RecordPetition)
  | ({ type: 'RespondToPetition'; petitionId: string } & RespondToPetition)
  | ({ type: 'TakeOverPetition'; petitionId: string } & TakeOver);

interface Scope {
  organiser: string;
  year: number;
}
export type DialogueConferenceHeld = DomainEvent<'DialogueConferenceHeld', Scope & z.infer<typeof DialogueFields>>;
export type PetitionRecorded = DomainEvent<'PetitionRecorded', Scope & RecordPetition>;
export type PetitionAnswered = DomainEvent<'PetitionAnswered', Scope & RespondToPetition & { petitionId: string }>;
/** An open petition of a merged province (67) handed to its successor (68); `organiser` stays the code recorded. */
export type PetitionTakenOver = DomainEvent<'PetitionTakenOver', Scope & TakenOver & { petitionId: string }>;
export type DialogueEvent = DialogueConferenceHeld | PetitionRecorded | PetitionAnswered | PetitionTakenOver;

export interface DialogueState {
  dialogues: Record<string, true>;
  petitions: Record<string, { resolved: boolean; responses: number; takenOverBy?: string }>;
}

export function dialogueStream(organiser: string, year: number): string {
  return `dialogue-${organiser}-${year}`;
}

export const dialogueDecider: Decider<DialogueCommand, DialogueEvent, DialogueState, { campaign: CampaignState }> = {
  initialState: () => ({ dialogues: {}, petitions: {} }),

  evolve(state, event) {
    switch (event.type) {
      case 'DialogueConferenceHeld':
        return { ...state, dialogues: { ...state.dialogues, [event.data.dialogueId]: true } };
      case 'PetitionRecorded':
        return {
          ...state,
          petitions: { ...state.petitions, [event.data.petitionId]: { resolved: false, responses: 0 } },
        };
      case 'PetitionAnswered': {
        const p = state.petitions[event.data.petitionId] ?? { resolved: false, responses: 0 };
        return {
          ...state,
          petitions: {
            ...state.petitions,
            [event.data.petitionId]: { ...p, resolved: event.data.resolved, responses: p.responses + 1 },
          },
        };
      }
      case 'PetitionTakenOver': {
        const p = state.petitions[event.data.petitionId];
        if (p === undefined) return state;
        return {
          ...state,
          petitions: { ...state.petitions, [event.data.petitionId]: { ...p, takenOverBy: event.data.to } },
        };
      }
    }
  },

  decide(command, state, { campaign }) {
    const scope = { organiser: campaign.organiser as string, year: campaign.year };
    switch (command.type) {
      case 'HoldDialogueConference': {
        requireOpenCampaign(campaign);
        const { type: _t, ...c } = command;
        if (state.dialogues[c.dialogueId])
          fail('dialogue-already-held', `dialogue ${c.dialogueId} is already recorded`);
        requireDateInCampaignYear(campaign, c.date);
        requireKnownActivity(campaign, c.activityId);
        const where = requireCommune('communeCode', c.communeCode, c.date, provinceById(campaign.provinceId));
        return [
          {
            type: 'DialogueConferenceHeld',
            data: {
              ...scope,
              ...c,
              communeCode: where.code,
              commune: where.name,
              ...(where.district ? { district: where.district.name } : {}),
            },
          },
        ];
      }
      case 'RecordPetition': {
        requireOpenCampaign(campaign);
        const { type: _t, ...c } = command;
        if (state.petitions[c.petitionId])
          fail('petition-already-recorded', `petition ${c.petitionId} is already recorded`);
        if (c.dialogueId !== undefined && !state.dialogues[c.dialogueId]) {
          fail('dialogue-not-found', `no dialogue conference ${c.dialogueId} in this campaign`);
        }
        requireDateInCampaignYear(campaign, c.submittedOn);
        return [{ type: 'PetitionRecorded', data: { ...scope, ...c } }];
      }
      case 'RespondToPetition': {
        // Answers may come after the campaign closed: agencies reply when they can.
        if (campaign.status === 'none') fail('campaign-not-launched', 'the campaign has not been launched');
        const { type: _t, ...c } = command;
        const p = state.petitions[c.petitionId];
        if (p === undefined) fail('petition-not-found', `no petition ${c.petitionId} in this campaign`);
        if (p.resolved) fail('petition-already-resolved', `petition ${c.petitionId} is already resolved`);
        return [{ type: 'PetitionAnswered', data: { ...scope, ...c } }];
      }
      case 'TakeOverPetition': {
        if (campaign.status === 'none') fail('campaign-not-launched', 'the campaign has not been launched');
        const { type: _t, ...c } = command;
        const p = state.petitions[c.petitionId];
        if (p === undefined) fail('petition-not-found', `no petition ${c.petitionId} in this campaign`);
        if (p.resolved) fail('petition-already-resolved', `petition ${c.petitionId} is already resolved`);
        if (p.takenOverBy !== undefined) {
          fail('already-taken-over', `petition ${c.petitionId} was taken over by ${p.takenOverBy}`, {
            to: p.takenOverBy,
          });
        }
        requireTakeover(scope.organiser, c.to, c.takenOverOn);
        return [{ type: 'PetitionTakenOver', data: { ...scope, from: scope.organiser, ...c } }];
      }
    }
  },
};
