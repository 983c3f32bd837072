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
  communeCode: '24611',
  chairedBy: 'Chủ tịch UBND tỉnh',
  attendees: 150,
  cooperativesRepresented: 60,
};
const held: DialogueEvent = {
  type: 'DialogueConferenceHeld',
  data: { ...scope, ...conf, commune: 'Phường Nghĩa Đức', district: 'Thành phố Gia Nghĩa' },
};
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
  it('given the 2024 campaign of Đắk Nông, when a conference names a commune of Lâm Đồng, then it is refused', () => {
    dialogue
      .given([], ctx)
      .when({ type: 'HoldDialogueConference', ...conf, communeCode: '24781' })
      .thenFails('commune-other-province', { field: 'communeCode' });
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

describe('a petition of a merged province taken over by its successor', () => {
  const takeover = {
    to: '68',
    takenOverOn: '2025-08-01',
    takenOverBy: 'Liên minh HTX tỉnh Lâm Đồng',
    decision: { number: '12/QĐ-LMHTX', date: '2025-07-30' },
  };
  it('given an open Đắk Nông (67) petition, when Lâm Đồng (68) takes it over on 1/8/2025, then the takeover is recorded and the petition is still answered', () => {
    const takenOver: DialogueEvent = {
      type: 'PetitionTakenOver',
      data: { ...scope, from: '67', petitionId: id(2), ...takeover },
    };
    dialogue
      .given([held, recorded], ctx)
      .when({ type: 'TakeOverPetition', petitionId: id(2), ...takeover })
      .then([takenOver]);
    dialogue
      .given([held, recorded, takenOver], ctx)
      .when({ type: 'RespondToPetition', petitionId: id(2), ...answer, respondedOn: '2025-09-10' })
      .then([
        { type: 'PetitionAnswered', data: { ...scope, petitionId: id(2), ...answer, respondedOn: '2025-09-10' } },
      ]);
    dialogue
      .given([held, recorded, takenOver], ctx)
      .when({ type: 'TakeOverPetition', petitionId: id(2), ...takeover })
      .thenFails('already-taken-over', { to: '68' });
  });
  it('refuses to take over a resolved or unknown petition, by another province than the successor, or before 1/7/2025', () => {
    const resolved: DialogueEvent = { type: 'PetitionAnswered', data: { ...scope, petitionId: id(2), ...answer } };
    dialogue
      .given([held, recorded, resolved], ctx)
      .when({ type: 'TakeOverPetition', petitionId: id(2), ...takeover })
      .thenFails('petition-already-resolved');
    dialogue
      .given([held], ctx)
      .when({ type: 'TakeOverPetition', petitionId: id(2), ...takeover })
      .thenFails('petition-not-found');
    dialogue
      .given([held, recorded], ctx)
      .when({ type: 'TakeOverPetition', petitionId: id(2), ...takeover, to: '80' })
      .thenFails('takeover-not-successor', { successor: { code: '68', name: 'Lâm Đồng' } });
    dialogue
      .given([held, recorded], ctx)
      .when({ type: 'TakeOverPetition', petitionId: id(2), ...takeover, takenOverOn: '2025-06-30' })
      .thenFails('takeover-before-reform');
  });
});
