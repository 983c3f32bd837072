import { describe, it } from 'vitest';
import { spec } from '../../test/support/decider-spec.ts';
import { steeringDecider, type SteeringEvent } from './steering.ts';
import { TAY_NINH_STEERING_2023 } from './tay-ninh-2653-2023-appendix-ii.ts';

const steering = spec(steeringDecider);
const constituted: SteeringEvent = {
  type: 'SteeringCommitteeConstituted',
  data: { organiser: '72', ...TAY_NINH_STEERING_2023 },
};
const head = TAY_NINH_STEERING_2023.members[0]!;

describe('the steering committee', () => {
  it('given none, when appendix II of plan 2653 sets its 18 members, then the committee is constituted', () => {
    steering
      .given([])
      .when({ type: 'SetSteeringCommittee', organiser: '72', ...TAY_NINH_STEERING_2023 })
      .then([constituted]);
  });
  it('given a committee, when a later decision sets it again, then it is revised', () => {
    const later = {
      ...TAY_NINH_STEERING_2023,
      decision: { number: '118/QĐ-UBND', date: '2024-01-15' },
      members: [head],
    };
    steering
      .given([constituted])
      .when({ type: 'SetSteeringCommittee', organiser: '72', ...later })
      .then([{ type: 'SteeringCommitteeRevised', data: { organiser: '72', ...later } }]);
    steering
      .given([constituted])
      .when({ type: 'SetSteeringCommittee', organiser: '72', ...later, decision: { number: '1', date: '2023-01-01' } })
      .thenFails('steering-decision-older');
  });
  it('refuses a committee without exactly one head, or with a member listed twice', () => {
    steering
      .given([])
      .when({
        type: 'SetSteeringCommittee',
        organiser: '72',
        ...TAY_NINH_STEERING_2023,
        members: [head, { ...head, memberId: 'b' }],
      })
      .thenFails('steering-head-count', { heads: 2 });
    steering
      .given([])
      .when({
        type: 'SetSteeringCommittee',
        organiser: '72',
        ...TAY_NINH_STEERING_2023,
        members: [head, { ...head, role: 'member' }],
      })
      .thenFails('steering-member-listed-twice');
  });
  it('given the old Tây Ninh (72), when a committee is set by a decision after 30/6/2025, then the successor (80) is named', () => {
    steering
      .given([])
      .when({
        type: 'SetSteeringCommittee',
        organiser: '72',
        ...TAY_NINH_STEERING_2023,
        decision: { number: '9', date: '2025-08-01' },
      })
      .thenFails('province-merged', { successor: { code: '80' } });
  });
});
