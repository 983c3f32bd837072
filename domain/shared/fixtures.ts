// Test fixtures shared by the capability specs (imported by tests only).
import { campaignDecider, type CampaignEvent, type CampaignState, type LaunchCampaign } from '../campaign/campaign.ts';
import { cooperativeDecider, type CooperativeEvent, type CooperativeState } from '../cooperative/cooperative.ts';
import { fold } from './decider.ts';

export const COOP_A = '0191d6a0-0000-7000-8000-00000000000a';
export const COOP_B = '0191d6a0-0000-7000-8000-00000000000b';
export const COOP_ELSEWHERE = '0191d6a0-0000-7000-8000-0000000000ee';
export const id = (n: number): string => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

export const dakNongLaunch: LaunchCampaign = {
  organiser: '67',
  year: 2024,
  plan: { number: '123/KH-LMHTX', date: '2024-02-27' },
  theme: 'Vì sự phát triển bền vững của Hợp tác xã',
  activities: [
    { id: 'outreach', kind: 'outreach-conference', title: 'Hội nghị tuyên truyền trực tiếp', window: { from: '2024-03-01', to: '2024-05-31' }, targets: [{ metric: 'meetings', value: 10 }] },
    { id: 'support', kind: 'support-disbursement', title: 'Giải ngân hỗ trợ', window: { from: '2024-03-01', to: '2024-04-30' }, targets: [{ metric: 'disbursed-vnd', value: 195_000_000 }] },
  ],
  budgets: [
    { fund: 'provincial-support-fund', amount: 500_000_000 },
    { fund: 'vca-support-fund', amount: 3_000_000_000 },
  ],
};

export function campaignOf(events: CampaignEvent[]): CampaignState {
  return fold(campaignDecider, events);
}

export const launchedDakNong: CampaignEvent[] = campaignDecider.decide({ type: 'LaunchCampaign', ...dakNongLaunch }, campaignDecider.initialState(), {});
export const openCampaign: CampaignState = campaignOf(launchedDakNong);
export const closedCampaign: CampaignState = campaignOf([
  ...launchedDakNong,
  { type: 'CampaignClosed', data: { organiser: '67', year: 2024, closedOn: '2024-12-20' } },
]);
export const noCampaign: CampaignState = campaignDecider.initialState();

export function coop(cooperativeId: string, province: string, registeredOn = '2019-05-10', extra: CooperativeEvent[] = []): CooperativeState {
  return fold(cooperativeDecider, [
    {
      type: 'CooperativeRegistered',
      data: {
        cooperativeId,
        kind: 'cooperative',
        name: `HTX ${cooperativeId.slice(-2)}`,
        registrationNumber: `REG-${cooperativeId.slice(-4)}`,
        registeredOn,
        provinceId: `${registeredOn < '2025-07-01' ? 'pre2025' : 'current'}:${province}`,
        provinceCode: province,
        commune: 'Quảng Khê',
        members: { official: 12, associate: 0 },
      },
    },
    ...extra,
  ]);
}
