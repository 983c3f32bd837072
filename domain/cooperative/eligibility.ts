import type { CampaignState } from '../campaign/campaign.ts';
import { fail } from './rules.ts';
import { PROVINCES, sameProvince } from '../shared/units.ts';
import type { CooperativeState } from './cooperative.ts';

/**
 * Support and nominations go to registered, active cooperatives of the campaign's province.
 * A cooperative registered under a pre-2025 province belongs to a current campaign's province
 * when it rolled up into it; the national campaign takes cooperatives of every province.
 */
export function requireEligibleCooperative(
  campaign: CampaignState,
  coop: CooperativeState | undefined,
  cooperativeId: string,
): CooperativeState {
  if (coop === undefined || !coop.registered) {
    fail('cooperative-not-registered', `cooperative ${cooperativeId} is not registered`, { cooperativeId });
  }
  if (coop.status !== 'active') {
    fail('cooperative-not-active', `cooperative ${cooperativeId} is ${coop.status}`, {
      cooperativeId,
      cooperativeStatus: coop.status,
    });
  }
  if (campaign.provinceId !== null) {
    const a = PROVINCES.get(campaign.provinceId);
    const b = coop.provinceId === null ? undefined : PROVINCES.get(coop.provinceId);
    if (a === undefined || b === undefined || !sameProvince(a, b)) {
      fail(
        'cooperative-other-province',
        `cooperative ${cooperativeId} is registered in ${b?.name ?? 'another province'}, not ${a?.name}`,
        {
          cooperativeId,
          cooperativeProvince: coop.provinceId,
          campaignProvince: campaign.provinceId,
        },
      );
    }
  }
  return coop;
}
