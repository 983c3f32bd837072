import type { SteeringEvent } from '../../domain/steering/steering.ts';
import { type Catalog, type Envelope, type Stamp } from '../catalog.ts';

/** The steering committee and its compositions. */
export function foldSteering(c: Catalog, e: SteeringEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'SteeringCommitteeConstituted':
    case 'SteeringCommitteeRevised': {
      const { organiser, ...composition } = e.data;
      const before = c.steering.get(organiser);
      c.steering.set(organiser, { organiser, ...composition, ...v, history: [...(before?.history ?? []), { ...composition, recordedAt: at.recordedAt }], position: at.position });
      return;
    }
  }
}
