import { z } from 'zod';
import { DocumentRef } from '../campaign/campaign.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { Text } from '../shared/text.ts';
import { requireUnitOpenOn } from '../shared/units.ts';

/**
 * The provincial steering committee for collective economy and cooperatives (Ban Chỉ đạo đổi
 * mới, phát triển kinh tế tập thể, hợp tác xã): its members, their roles, and the agencies and
 * localities each oversees (appendix II of Tây Ninh plan 2653/KH-BCĐ, 2023). Set by a decision
 * and set again, in full, by each later one; history keeps every composition.
 */
export const SteeringRole = z.enum([
  'head', // Trưởng ban
  'standing-deputy', // Phó Trưởng ban thường trực
  'deputy', // Phó Trưởng ban
  'member', // Ủy viên
]);

export const SteeringMember = z.object({
  memberId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a slug: lower-case letters, digits and "-"'),
  person: Text(200).optional().describe('name of the official, when known'),
  position: Text(300).describe('"Phó Chủ tịch UBND tỉnh", "Phó Giám đốc Sở Kế hoạch và Đầu tư"'),
  agency: Text(300).describe('the agency the member comes from'),
  role: SteeringRole,
  duties: Text(3000).optional(),
  oversees: z
    .object({ agencies: z.array(Text(300)).max(50).default([]), localities: z.array(Text(200)).max(100).default([]) })
    .default({ agencies: [], localities: [] })
    .describe('agencies and localities whose tasks the member checks and urges on'),
});
export type SteeringMember = z.infer<typeof SteeringMember>;

export const SetSteeringCommittee = z.object({
  decision: DocumentRef.describe('the decision or plan that sets the composition'),
  name: Text(300).default('Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể, hợp tác xã'),
  members: z.array(SteeringMember).min(1, 'name at least one member').max(100),
  reason: Text(2000).optional(),
});
export type SetSteeringCommittee = z.infer<typeof SetSteeringCommittee>;

export type SteeringCommand = { type: 'SetSteeringCommittee'; organiser: string } & SetSteeringCommittee;
type Composition = { organiser: string } & SetSteeringCommittee;
export type SteeringCommitteeConstituted = DomainEvent<'SteeringCommitteeConstituted', Composition>;
export type SteeringCommitteeRevised = DomainEvent<'SteeringCommitteeRevised', Composition>;
export type SteeringEvent = SteeringCommitteeConstituted | SteeringCommitteeRevised;

export interface SteeringState {
  decisionDate: string | null;
}

export function steeringStream(organiser: string): string {
  return `steering-${organiser}`;
}

export const steeringDecider: Decider<SteeringCommand, SteeringEvent, SteeringState, undefined> = {
  initialState: () => ({ decisionDate: null }),

  evolve(_state, event) {
    return { decisionDate: event.data.decision.date };
  },

  decide(command, state) {
    const heads = command.members.filter((m) => m.role === 'head').length;
    if (heads !== 1)
      fail('steering-head-count', `a steering committee has one head; this composition names ${heads}`, { heads });
    const ids = new Set<string>();
    for (const m of command.members) {
      if (ids.has(m.memberId))
        fail('steering-member-listed-twice', `member "${m.memberId}" is listed twice`, { memberId: m.memberId });
      ids.add(m.memberId);
    }
    if (state.decisionDate !== null && command.decision.date < state.decisionDate) {
      fail(
        'steering-decision-older',
        `decision ${command.decision.number} of ${command.decision.date} ` +
          `is older than the composition in force (${state.decisionDate})`,
        { inForceSince: state.decisionDate },
      );
    }
    requireUnitOpenOn(command.organiser, command.decision.date);
    const { type: _t, ...data } = command;
    return [{ type: state.decisionDate === null ? 'SteeringCommitteeConstituted' : 'SteeringCommitteeRevised', data }];
  },
};
