import { z } from 'zod';
import { TRAINING_RULES } from '../../domain/training/rules.ts';
import { TrainingFields, trainingStream, type TrainingEvent } from '../../domain/training/training.ts';
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
import { bump, creditKey } from '../series.ts';

/** A training course as kept and served. */
export const TrainingView = TrainingFields.extend({
  ...InCampaign,
  status: z.enum(['recorded', 'retracted']),
  ...Versioned,
  ...Positioned,
}).meta({ id: 'Training' });
export type TrainingView = z.infer<typeof TrainingView> & Kept;

const slices = {
  trainings: campaignRecords<TrainingView>()(14, 'trainingId', {
    stream: (t) => trainingStream(t.organiser, t.year, t.trainingId),
  }),
};

/** Per day of a course's first day: courses held and people trained, also per plan activity. */
function trainingSeries(c: FoldTarget<typeof slices>, t: TrainingView, sign: 1 | -1): void {
  const { series } = recordsOf(c, t.organiser, t.year);
  bump(series, 'trainings', t.from, sign);
  bump(series, 'peopleTrained', t.from, sign * t.participants);
  bump(series, creditKey(t.activityId, 'trainings'), t.from, sign);
  bump(series, creditKey(t.activityId, 'people-trained'), t.from, sign * t.participants);
}

/** Training courses and their retractions. */
export function foldTraining(c: FoldTarget<typeof slices>, e: TrainingEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'TrainingRecorded': {
      const t: TrainingView = { ...e.data, ...v, status: 'recorded', position: at.position };
      c.trainings.set(t.trainingId, t);
      trainingSeries(c, t, 1);
      return;
    }
    case 'TrainingRetracted': {
      const t = c.trainings.get(e.data.trainingId);
      if (t === undefined || t.status !== 'recorded') return;
      c.trainings.set(t.trainingId, { ...t, ...v, status: 'retracted' });
      trainingSeries(c, t, -1);
      return;
    }
  }
}

export const trainingProjection = capabilityProjection<TrainingEvent>()({
  name: 'training',
  slices,
  rules: TRAINING_RULES,
  events: ['TrainingRecorded', 'TrainingRetracted'],
  fold: foldTraining,
  campaignStreams: (code, year) => [`training-${code}-${year}-`],
});
