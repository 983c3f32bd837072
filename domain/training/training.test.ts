import { describe, expect, it } from 'vitest';
import { closedCampaign, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { RecordTraining, trainingDecider, type TrainingEvent } from './training.ts';

const training = spec(trainingDecider);
const ctx = { campaign: openCampaign };
const course: RecordTraining = {
  trainingId: id(70),
  title: 'Tập huấn Luật Hợp tác xã năm 2023 cho Giám đốc, Kế toán HTX',
  from: '2024-04-09',
  to: '2024-04-10',
  place: { communeCode: '24611' },
  audiences: ['director', 'accountant'],
  topics: ['cooperative-law-2023'],
  participants: 62,
  cooperativesRepresented: 30,
  organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
};
const { trainingId: _t, ...fields } = course;
const recorded: TrainingEvent = {
  type: 'TrainingRecorded',
  data: {
    organiser: '67',
    year: 2024,
    trainingId: id(70),
    ...fields,
    place: { commune: 'Phường Nghĩa Đức', district: 'Thành phố Gia Nghĩa', communeCode: '24611' },
  },
};

describe('RecordTraining', () => {
  it('given an open campaign, when a two-day course for directors and accountants is recorded, then it is kept with its audience and participants', () => {
    training
      .given([], ctx)
      .when({ type: 'RecordTraining', ...course })
      .then([recorded]);
  });

  it('refuses a course recorded twice, ending outside the campaign year, naming an unknown activity, or in a closed campaign', () => {
    training
      .given([recorded], ctx)
      .when({ type: 'RecordTraining', ...course })
      .thenFails('training-already-recorded');
    training
      .given([], ctx)
      .when({ type: 'RecordTraining', ...course, from: '2024-12-30', to: '2025-01-02' })
      .thenFails('date-outside-campaign-year');
    training
      .given([], ctx)
      .when({ type: 'RecordTraining', ...course, activityId: 'no-such-activity' })
      .thenFails('unknown-activity');
    training
      .given([], { campaign: closedCampaign })
      .when({ type: 'RecordTraining', ...course })
      .thenFails('campaign-closed');
  });

  it('takes a course whose last day comes before its first for a mistake', () => {
    const parsed = RecordTraining.safeParse({ ...course, from: '2024-04-10', to: '2024-04-09' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['to'], message: 'must end on or after the day it starts' });
  });
});

describe('RetractTraining', () => {
  it('given a recorded course, when it is retracted twice, then the second is refused; an unknown course cannot be retracted', () => {
    const retracted: TrainingEvent = {
      type: 'TrainingRetracted',
      data: { organiser: '67', year: 2024, trainingId: id(70), reason: 'Ghi nhầm' },
    };
    training
      .given([recorded], ctx)
      .when({ type: 'RetractTraining', trainingId: id(70), reason: 'Ghi nhầm' })
      .then([retracted]);
    training
      .given([recorded, retracted], ctx)
      .when({ type: 'RetractTraining', trainingId: id(70), reason: 'x' })
      .thenFails('training-retracted');
    training
      .given([], ctx)
      .when({ type: 'RetractTraining', trainingId: id(70), reason: 'x' })
      .thenFails('training-not-found');
  });
});
