import { z } from 'zod';
import { SetSteeringCommittee, type SteeringEvent } from '../../domain/steering/steering.ts';
import { STEERING_RULES } from '../../domain/steering/rules.ts';
import {
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  type Kept,
  keptDocuments,
  Positioned,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** An organiser's steering committee as set by its latest decision, with the earlier compositions. */
export const SteeringView = SetSteeringCommittee.extend({
  organiser: z.string(),
  history: z.array(SetSteeringCommittee.extend({ recordedAt: z.string() })),
  ...Versioned,
  ...Positioned,
});
export type SteeringView = z.infer<typeof SteeringView> & Kept;

const slices = { steering: keptDocuments<SteeringView>()(6) };

/** The steering committee and its compositions. */
export function foldSteering(c: FoldTarget<typeof slices>, e: SteeringEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'SteeringCommitteeConstituted':
    case 'SteeringCommitteeRevised': {
      const { organiser, ...composition } = e.data;
      const before = c.steering.get(organiser);
      c.steering.set(organiser, {
        organiser,
        ...composition,
        ...v,
        history: [...(before?.history ?? []), { ...composition, recordedAt: at.recordedAt }],
        position: at.position,
      });
      return;
    }
  }
}

export const steeringProjection = capabilityProjection<SteeringEvent>()({
  name: 'steering',
  slices,
  rules: STEERING_RULES,
  events: ['SteeringCommitteeConstituted', 'SteeringCommitteeRevised'],
  fold: foldSteering,
});
