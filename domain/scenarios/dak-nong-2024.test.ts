import { describe, expect, it } from 'vitest';
import { campaignDecider, type CampaignCommand, type CampaignEvent } from '../campaign/campaign.ts';
import { cooperativeDecider, type CooperativeEvent } from '../cooperative/cooperative.ts';
import { membershipDecider, type MembershipEvent } from '../membership/membership.ts';
import { publicationDecider, type PublicationEvent } from '../publication/publication.ts';
import { fold } from '../shared/decider.ts';
import { id } from '../../test/support/decider-fixtures.ts';
import { inWindow } from '../shared/time.ts';
import { supportDecider, type SupportEvent } from '../support/support.ts';
import { DAK_NONG_2024 } from './dak-nong-2024.ts';

describe('the Đắk Nông 2024 campaign replayed through the deciders', () => {
  it('launches the plan, records bulletin 44, admission round 1, the 195,000,000 VND disbursement and three loan appraisals', () => {
    // Launch with the ten focus activities (bulletins 44 and 45 are two lines of activity 3).
    let campaignEvents: CampaignEvent[] = campaignDecider.decide(
      { type: 'LaunchCampaign', ...DAK_NONG_2024 } as CampaignCommand,
      campaignDecider.initialState(),
      {},
    );
    const campaign = () => fold(campaignDecider, campaignEvents);
    expect(campaign().activities).toHaveLength(11);
    expect(campaign().peak).toEqual({ from: '2024-03-29', to: '2024-04-29' });

    // Four cooperatives of Đắk Nông, registered before the 2025 reform.
    const coops = [1, 2, 3, 4].map((n) => {
      const e = cooperativeDecider.decide(
        {
          type: 'RegisterCooperative',
          cooperativeId: id(n),
          kind: 'cooperative',
          name: `HTX Đắk Nông ${n}`,
          registrationNumber: `67000${n}`,
          registeredOn: '2020-01-15',
          province: '67',
          communeCode: '24611',
          members: { official: 10 + n, associate: 0 },
        },
        cooperativeDecider.initialState(),
        undefined,
      ) as CooperativeEvent[];
      return fold(cooperativeDecider, e);
    });

    // Bulletin 44, published within 01/3–10/4.
    const bulletin = publicationDecider.decide(
      {
        type: 'RecordPublication',
        publicationId: id(44),
        kind: 'bulletin',
        outlet: 'Bản tin Kinh tế hợp tác',
        issueNumber: '44',
        date: '2024-04-05',
        title: 'Bản tin Kinh tế hợp tác số 44',
        topics: ['cooperative-day', 'member-development'],
        activityId: 'bulletin-44',
      },
      publicationDecider.initialState(),
      { campaign: campaign() },
    ) as PublicationEvent[];
    const b44 = campaign().activities.find((a) => a.id === 'bulletin-44');
    expect(inWindow((bulletin[0]?.data as { date: string }).date, b44!.window)).toBe(true);

    // Admission round 1, before 10/4.
    const round = membershipDecider.decide(
      {
        type: 'RecordMemberAdmissionRound',
        roundId: id(60),
        round: 1,
        date: '2024-04-09',
        admitted: {
          cooperatives: 4,
          cooperativeUnions: 0,
          cooperativeGroups: 1,
          associatesContributing: 2,
          associatesNonContributing: 3,
        },
        cooperativeIds: [],
        activityId: 'market-and-members',
      },
      membershipDecider.initialState(),
      { campaign: campaign() },
    ) as MembershipEvent[];
    expect(round[0]?.type).toBe('MemberAdmissionRoundRecorded');

    // Support: approve and disburse 195,000,000 VND to one cooperative in March–April.
    let support: SupportEvent[] = [];
    const run = (cmd: Parameters<typeof supportDecider.decide>[0], coopIndex?: number) => {
      support = [
        ...support,
        ...supportDecider.decide(cmd, fold(supportDecider, support), {
          campaign: campaign(),
          cooperative: coopIndex === undefined ? undefined : coops[coopIndex],
        }),
      ];
    };
    run(
      {
        type: 'ApproveSupport',
        approvalId: id(70),
        decision: { number: '12/QĐ-LMHTX', date: '2024-03-12' },
        cooperativeId: id(1),
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 195_000_000,
        activityId: 'support',
      },
      0,
    );
    run({
      type: 'DisburseSupport',
      disbursementId: id(71),
      approvalId: id(70),
      amount: 195_000_000,
      date: '2024-04-16',
      reference: 'UNC 16/4/2024',
    });
    // Loan appraisals for three cooperatives from the Cooperative Development Support Fund.
    for (const n of [1, 2, 3]) {
      run(
        {
          type: 'RecordLoanAppraisal',
          appraisalId: id(80 + n),
          cooperativeId: id(n + 1),
          fund: 'vca-support-fund',
          requestedAmount: 1_500_000_000,
          date: '2024-04-20',
          outcome: 'recommended',
        },
        n,
      );
    }
    const ledger = fold(supportDecider, support);
    expect(ledger.approvals[id(70)]).toMatchObject({ amount: 195_000_000, disbursed: 195_000_000 });
    expect(Object.keys(ledger.appraisals)).toHaveLength(3);

    // Year end: close the campaign.
    campaignEvents = [
      ...campaignEvents,
      ...campaignDecider.decide({ type: 'CloseCampaign', closedOn: '2024-12-19' }, campaign(), {}),
    ];
    expect(campaign().status).toBe('closed');
  });
});
