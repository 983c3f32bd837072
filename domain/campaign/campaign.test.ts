import { expect } from 'vitest';
import { describe, it } from 'vitest';
import { launchedDakNong } from '../../test/support/decider-fixtures.ts';
import { DAK_NONG_2024 } from '../scenarios/dak-nong-2024.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { Target, campaignDecider, targetAsWritten, targetGoal, type CampaignEvent } from './campaign.ts';

const campaign = spec(campaignDecider);
const closed: CampaignEvent = { type: 'CampaignClosed', data: { organiser: '67', year: 2024, closedOn: '2024-12-20' } };

describe('LaunchCampaign', () => {
  it('given no campaign, when a province launches its plan, then the campaign is launched with the default peak 29/3–29/4', () => {
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024 })
      .then([
        {
          type: 'CampaignLaunched',
          data: {
            organiser: '67',
            provinceId: 'pre2025:67',
            provinceName: 'Đắk Nông',
            year: 2024,
            plan: DAK_NONG_2024.plan,
            theme: DAK_NONG_2024.theme,
            peak: { from: '2024-03-29', to: '2024-04-29' },
            activities: DAK_NONG_2024.activities,
            budgets: DAK_NONG_2024.budgets,
          },
        },
      ]);
  });

  it('given no campaign, when the national alliance launches plan 70/KH-BTVLMHTXVN, then it has no province', () => {
    const [e] = campaign
      .given([])
      .when({
        type: 'LaunchCampaign',
        organiser: 'VN',
        year: 2024,
        plan: { number: '70/KH-BTVLMHTXVN', date: '2024-02-20' },
        theme: 'Tháng hành động vì HTX 2024',
        activities: [],
        budgets: [],
      })
      .then([expect.objectContaining({ type: 'CampaignLaunched' }) as CampaignEvent]);
    expect(e?.data).toMatchObject({ organiser: 'VN', provinceId: null });
  });

  it('uses the 34-province map from 2026: code 80 is Tây Ninh', () => {
    const [e] = campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, organiser: '80', year: 2026, activities: [] })
      .then([expect.objectContaining({ type: 'CampaignLaunched' }) as CampaignEvent]);
    expect(e?.data).toMatchObject({ provinceId: 'current:80' });
  });

  it('given a launched campaign, when it is launched again, then one campaign per organiser per year', () => {
    campaign
      .given(launchedDakNong)
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024 })
      .thenFails('campaign-already-launched');
  });

  it('refuses a province code not on the map of that year', () => {
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, organiser: '67', year: 2026 })
      .thenFails('unknown-province');
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, organiser: '99' })
      .thenFails('unknown-province');
  });

  it('given no campaign, when a province merged on 1/7/2025 launches a plan dated after its last day, then it is refused naming the successor', () => {
    const plan = { number: '12/KH-LMHTX', date: '2025-07-10' };
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, organiser: '60', year: 2025, plan, activities: [] })
      .thenFails('province-merged', { code: '60', lastDay: '2025-06-30', successor: { code: '68', name: 'Lâm Đồng' } });
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, organiser: '67', year: 2025, plan, activities: [] })
      .thenFails('province-merged', { code: '67', successor: { code: '68', name: 'Lâm Đồng' } });
    campaign
      .given([])
      .when({
        type: 'LaunchCampaign',
        ...DAK_NONG_2024,
        organiser: '67',
        year: 2026,
        plan: { number: '3/KH', date: '2026-01-15' },
        activities: [],
      })
      .thenFails('province-merged', { successor: { code: '68', name: 'Lâm Đồng' } });
    // On its last day it still could; a code that carries on (68) goes on.
    campaign
      .given([])
      .when({
        type: 'LaunchCampaign',
        ...DAK_NONG_2024,
        organiser: '60',
        year: 2025,
        plan: { ...plan, date: '2025-06-30' },
        activities: [],
      })
      .then([expect.objectContaining({ type: 'CampaignLaunched' }) as CampaignEvent]);
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, organiser: '68', year: 2025, plan, activities: [] })
      .then([expect.objectContaining({ type: 'CampaignLaunched' }) as CampaignEvent]);
  });

  it('refuses a peak or an activity window outside the campaign year', () => {
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, peak: { from: '2023-12-29', to: '2024-01-29' } })
      .thenFails('window-outside-year');
    const activities = [{ ...DAK_NONG_2024.activities[0]!, window: { from: '2024-12-01', to: '2025-01-31' } }];
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, activities })
      .thenFails('window-outside-year', { year: 2024 });
  });

  it('refuses two activities with one id and two budget lines for one fund', () => {
    const a = DAK_NONG_2024.activities[0]!;
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, activities: [a, a] })
      .thenFails('duplicate-activity');
    const b = DAK_NONG_2024.budgets[0]!;
    campaign
      .given([])
      .when({ type: 'LaunchCampaign', ...DAK_NONG_2024, budgets: [b, b] })
      .thenFails('duplicate-fund');
  });
});

describe('a target as the plan writes it', () => {
  const parse = (t: object) => Target.safeParse({ metric: 'cooperatives-supported', ...t });
  const problems = (t: object) => {
    const r = parse(t);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes a number, a range "từ 02 đến 03 HTX" met at its minimum, and a percentage of a named base rounded up', () => {
    expect(targetGoal(Target.parse({ metric: 'meetings', value: 12 }))).toBe(12);
    const range = Target.parse({ metric: 'loans-appraised', value: 2, upTo: 3 });
    expect([targetGoal(range), targetAsWritten(range)]).toEqual([2, 'từ 2 đến 3']);
    const share = Target.parse({ metric: 'cooperatives-supported', percent: 35, base: 97, baseLabel: 'HTX' });
    // 35% of 97 is 33.95: the target is met at 34 cooperatives.
    expect([targetGoal(share), targetAsWritten(share)]).toEqual([34, '35% của 97 HTX']);
  });

  it('refuses a target with no number and no percentage, both, a range that ends below its minimum, and a percentage without its base', () => {
    expect(problems({})).toEqual(['value: give the number to reach, or a percentage of a base']);
    expect(problems({ value: 3, percent: 50, base: 10 })).toEqual([
      'percent: give either a number to reach or a percentage, not both',
    ]);
    expect(problems({ value: 3, upTo: 2 })).toEqual(['upTo: a range ends at or above its minimum (value)']);
    expect(problems({ percent: 80 })).toEqual(['base: a percentage needs the base it is taken of']);
    expect(problems({ value: 5, base: 10 })).toEqual(['base: a base goes with a percentage']);
  });
});

describe('AmendCampaignPlan', () => {
  const amendment = { number: '150/KH-LMHTX', date: '2024-03-15' };

  it('given a launched campaign, when the plan is amended, then only the changed parts are recorded', () => {
    campaign
      .given(launchedDakNong)
      .when({
        type: 'AmendCampaignPlan',
        amendment,
        reason: 'Bổ sung ngân sách tỉnh',
        budgets: [{ fund: 'provincial-budget', amount: 100_000_000 }],
      })
      .then([
        {
          type: 'CampaignPlanAmended',
          data: {
            organiser: '67',
            year: 2024,
            amendment,
            reason: 'Bổ sung ngân sách tỉnh',
            budgets: [{ fund: 'provincial-budget', amount: 100_000_000 }],
          },
        },
      ]);
  });

  it('refuses to cut a fund budget below what is already approved from it', () => {
    campaign
      .given(launchedDakNong, { approvedByFund: { 'provincial-support-fund': 195_000_000 } })
      .when({
        type: 'AmendCampaignPlan',
        amendment,
        reason: 'Giảm',
        budgets: [{ fund: 'provincial-support-fund', amount: 100_000_000 }],
      })
      .thenFails('budget-below-approved', {
        fund: 'provincial-support-fund',
        approved: 195_000_000,
        budget: 100_000_000,
      });
  });

  it('refuses an amendment before launch or after close', () => {
    campaign
      .given([])
      .when({ type: 'AmendCampaignPlan', amendment, reason: 'x', theme: 'y' })
      .thenFails('campaign-not-launched');
    campaign
      .given([...launchedDakNong, closed])
      .when({ type: 'AmendCampaignPlan', amendment, reason: 'x', theme: 'y' })
      .thenFails('campaign-closed');
  });

  it('checks amended windows like launched ones', () => {
    campaign
      .given(launchedDakNong)
      .when({ type: 'AmendCampaignPlan', amendment, reason: 'x', peak: { from: '2024-04-29', to: '2025-01-02' } })
      .thenFails('window-outside-year');
  });
});

describe('CloseCampaign', () => {
  it('given an open campaign, when it is closed, then it is closed', () => {
    campaign.given(launchedDakNong).when({ type: 'CloseCampaign', closedOn: '2024-12-20' }).then([closed]);
  });
  it('given the 2025 campaign of a province merged on 1/7/2025, when it is amended or closed after its last day, then it is refused naming the successor', () => {
    const launched2025 = campaignDecider.decide(
      {
        type: 'LaunchCampaign',
        ...DAK_NONG_2024,
        year: 2025,
        plan: { number: '5/KH', date: '2025-02-10' },
        activities: [],
      },
      campaignDecider.initialState(),
      {},
    );
    campaign
      .given(launched2025)
      .when({ type: 'CloseCampaign', closedOn: '2025-07-01' })
      .thenFails('province-merged', { successor: { code: '68', name: 'Lâm Đồng' } });
    campaign
      .given(launched2025)
      .when({ type: 'AmendCampaignPlan', amendment: { number: '9/KH', date: '2025-08-01' }, reason: 'x' })
      .thenFails('province-merged');
    campaign
      .given(launched2025)
      .when({ type: 'CloseCampaign', closedOn: '2025-06-30' })
      .then([expect.objectContaining({ type: 'CampaignClosed' }) as CampaignEvent]);
  });
  it('refuses to close twice or before launch', () => {
    campaign
      .given([...launchedDakNong, closed])
      .when({ type: 'CloseCampaign', closedOn: '2024-12-21' })
      .thenFails('campaign-closed');
    campaign.given([]).when({ type: 'CloseCampaign', closedOn: '2024-12-21' }).thenFails('campaign-not-launched');
  });
});
