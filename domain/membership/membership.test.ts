import { describe, expect, it } from 'vitest';
import { closedCampaign, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { RecordMemberAdmissionRound, admittedTotal, membershipDecider, type MembershipEvent } from './membership.ts';

const membership = spec(membershipDecider);
const ctx = { campaign: openCampaign };
const round = {
  roundId: id(1),
  round: 1,
  date: '2024-04-08',
  admitted: {
    cooperatives: 5,
    cooperativeUnions: 0,
    cooperativeGroups: 2,
    associatesContributing: 3,
    associatesNonContributing: 1,
  },
  cooperativeIds: [],
};
const recorded: MembershipEvent = {
  type: 'MemberAdmissionRoundRecorded',
  data: { organiser: '67', year: 2024, ...round },
};

describe('RecordMemberAdmissionRound', () => {
  it('given an open campaign, when round 1 admits members before 10/4, then the counts by type are recorded', () => {
    membership
      .given([], ctx)
      .when({ type: 'RecordMemberAdmissionRound', ...round })
      .then([recorded]);
  });
  it('refuses a round that admits nobody, naming the rule', () => {
    const parsed = RecordMemberAdmissionRound.safeParse({ ...round, admitted: {} });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('a round admits at least one member');
    expect(admittedTotal(round.admitted)).toBe(11);
  });
  it('refuses the same round twice, a date outside the year, a closed campaign', () => {
    membership
      .given([recorded], ctx)
      .when({ type: 'RecordMemberAdmissionRound', ...round, roundId: id(2) })
      .thenFails('round-already-recorded', { round: 1 });
    membership
      .given([], ctx)
      .when({ type: 'RecordMemberAdmissionRound', ...round, date: '2025-01-01' })
      .thenFails('date-outside-campaign-year');
    membership
      .given([], { campaign: closedCampaign })
      .when({ type: 'RecordMemberAdmissionRound', ...round })
      .thenFails('campaign-closed');
  });
});

describe('RecordFoundingAdvice', () => {
  const advice = {
    adviceId: id(5),
    date: '2024-04-20',
    communeCode: '24622',
    founders: 7,
    outcome: 'advised' as const,
  };
  const recorded = {
    organiser: '67',
    year: 2024,
    ...advice,
    commune: 'Xã Đắk Ha',
    district: 'Huyện Đăk Glong',
  };
  it('given an open campaign, when founders are advised, then the advice is recorded with its commune’s names', () => {
    membership
      .given([], ctx)
      .when({ type: 'RecordFoundingAdvice', ...advice })
      .then([{ type: 'FoundingAdviceRecorded', data: recorded }]);
  });
  it('refuses advice recorded twice and a commune code of before the reform after it', () => {
    membership
      .given([{ type: 'FoundingAdviceRecorded', data: recorded }], ctx)
      .when({ type: 'RecordFoundingAdvice', ...advice })
      .thenFails('advice-already-recorded');
    membership
      .given([], { campaign: { ...openCampaign, organiser: '68', provinceId: 'current:68', year: 2026 } })
      .when({ type: 'RecordFoundingAdvice', ...advice, date: '2026-04-20' })
      .thenFails('commune-not-on-date');
  });
});
