import { describe, it } from 'vitest';
import { closedCampaign, COOP_A, id, noCampaign, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { dialogueDecider, type DialogueEvent } from './dialogue.ts';

const dialogue = spec(dialogueDecider);
const ctx = { campaign: openCampaign };
const scope = { organiser: '67', year: 2024 };
const conf = {
  dialogueId: id(1),
  date: '2024-04-11',
  place: 'Hội trường UBND tỉnh',
  chairedBy: 'Chủ tịch UBND tỉnh',
  attendees: 150,
  cooperativesRepresented: 60,
};
const held: DialogueEvent = { type: 'DialogueConferenceHeld', data: { ...scope, ...conf } };
const petition = {
  petitionId: id(2),
  dialogueId: id(1),
  cooperativeId: COOP_A,
  submittedBy: 'HTX Quảng Khê',
  submittedOn: '2024-04-11',
  topic: 'land' as const,
  subject: 'Thuê đất làm kho',
  content: 'Đề nghị hỗ trợ thủ tục thuê đất',
  addressedTo: 'Sở Tài nguyên và Môi trường',
};
const recorded: DialogueEvent = { type: 'PetitionRecorded', data: { ...scope, ...petition } };
const answer = {
  respondedBy: 'Sở Tài nguyên và Môi trường',
  respondedOn: '2024-05-20',
  response: 'Đã hướng dẫn',
  resolved: true,
};

describe('dialogue conferences and petitions', () => {
  it('records a conference, a petition raised at it, and the answer that resolves it', () => {
    dialogue
      .given([], ctx)
      .when({ type: 'HoldDialogueConference', ...conf })
      .then([held]);
    dialogue
      .given([held], ctx)
      .when({ type: 'RecordPetition', ...petition })
      .then([recorded]);
    dialogue
      .given([held, recorded], { campaign: closedCampaign })
      .when({ type: 'RespondToPetition', petitionId: id(2), ...answer })
      .then([{ type: 'PetitionAnswered', data: { ...scope, petitionId: id(2), ...answer } }]);
  });
  it('keeps a petition open after a partial answer and closes it on resolution', () => {
    const partial = { ...answer, resolved: false, response: 'Đang xem xét' };
    const answered: DialogueEvent = { type: 'PetitionAnswered', data: { ...scope, petitionId: id(2), ...partial } };
    dialogue
      .given([held, recorded, answered], ctx)
      .when({ type: 'RespondToPetition', petitionId: id(2), ...answer })
      .then([{ type: 'PetitionAnswered', data: { ...scope, petitionId: id(2), ...answer } }]);
    dialogue
      .given([held, recorded, { type: 'PetitionAnswered', data: { ...scope, petitionId: id(2), ...answer } }], ctx)
      .when({ type: 'RespondToPetition', petitionId: id(2), ...answer })
      .thenFails('petition-already-resolved');
  });
  it('refuses duplicates, unknown conferences and petitions, and a campaign not launched', () => {
    dialogue
      .given([held], ctx)
      .when({ type: 'HoldDialogueConference', ...conf })
      .thenFails('dialogue-already-held');
    dialogue
      .given([], ctx)
      .when({ type: 'RecordPetition', ...petition })
      .thenFails('dialogue-not-found');
    dialogue
      .given([held, recorded], ctx)
      .when({ type: 'RecordPetition', ...petition })
      .thenFails('petition-already-recorded');
    dialogue
      .given([held], ctx)
      .when({ type: 'RespondToPetition', petitionId: id(2), ...answer })
      .thenFails('petition-not-found');
    dialogue
      .given([], { campaign: noCampaign })
      .when({ type: 'RespondToPetition', petitionId: id(2), ...answer })
      .thenFails('campaign-not-launched');
  });
});
