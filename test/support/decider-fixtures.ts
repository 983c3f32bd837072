// Decider states and ids shared by the capability specs: the Đắk Nông 2024 plan launched, open or closed.
import { campaignDecider, type CampaignEvent, type CampaignState } from '../../domain/campaign/campaign.ts';
import {
  cooperativeDecider,
  type CooperativeEvent,
  type CooperativeState,
} from '../../domain/cooperative/cooperative.ts';
import { DAK_NONG_2024 } from '../../domain/scenarios/dak-nong-2024.ts';
import { fold } from '../../domain/shared/decider.ts';

export const COOP_A = '0191d6a0-0000-7000-8000-00000000000a';
export const COOP_B = '0191d6a0-0000-7000-8000-00000000000b';
export const COOP_ELSEWHERE = '0191d6a0-0000-7000-8000-0000000000ee';
export const id = (n: number): string => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

export function campaignOf(events: CampaignEvent[]): CampaignState {
  return fold(campaignDecider, events);
}

export const launchedDakNong: CampaignEvent[] = campaignDecider.decide(
  { type: 'LaunchCampaign', ...DAK_NONG_2024 },
  campaignDecider.initialState(),
  {},
);
export const openCampaign: CampaignState = campaignOf(launchedDakNong);
export const closedCampaign: CampaignState = campaignOf([
  ...launchedDakNong,
  { type: 'CampaignClosed', data: { organiser: '67', year: 2024, closedOn: '2024-12-20' } },
]);
export const noCampaign: CampaignState = campaignDecider.initialState();

export function coop(
  cooperativeId: string,
  province: string,
  registeredOn = '2019-05-10',
  extra: CooperativeEvent[] = [],
): CooperativeState {
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
