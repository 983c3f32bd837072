import { admittedTotal, membershipStream, type MembershipEvent } from '../../domain/membership/membership.ts';
import { MEMBERSHIP_RULES } from '../../domain/membership/rules.ts';
import { capabilityProjection, type Envelope, type FoldTarget, recordsOf, type Stamp } from '../capability.ts';
import { bump, creditKey, statusKey } from '../series.ts';

const slices = {};

/** Member admission rounds (by kind) and advice on founding cooperatives. */
export function foldMembership(c: FoldTarget<typeof slices>, e: MembershipEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'MemberAdmissionRoundRecorded': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.membershipRevision = at.revision;
      r.rounds.push(e.data);
      const a = e.data.admitted;
      const n = admittedTotal(a);
      bump(r.series, 'membersAdmitted', e.data.date, n);
      bump(r.series, creditKey(e.data.activityId, 'members-admitted'), e.data.date, n);
      for (const [type, count] of Object.entries(a) as [string, number][])
        bump(r.series, statusKey('admitted', type), e.data.date, count);
      return;
    }
    case 'FoundingAdviceRecorded': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.membershipRevision = at.revision;
      r.advice.push(e.data);
      if (e.data.outcome === 'founded') {
        bump(r.series, 'cooperativesFounded', e.data.date, 1);
        bump(r.series, creditKey(e.data.activityId, 'cooperatives-founded'), e.data.date, 1);
      }
      return;
    }
  }
}

export const membershipProjection = capabilityProjection<MembershipEvent>()({
  name: 'membership',
  slices,
  rules: MEMBERSHIP_RULES,
  events: ['MemberAdmissionRoundRecorded', 'FoundingAdviceRecorded'],
  fold: foldMembership,
  ledgerStreams: (code, year) => [membershipStream(code, year)],
});
