import { campaignDecider, campaignStream, type CampaignState } from '../../../domain/campaign/campaign.ts';
import { cooperativeDecider, cooperativeStream, type CooperativeState } from '../../../domain/cooperative/cooperative.ts';
import type { StreamCache } from '../../app/streams.ts';

/** The campaign a record belongs to, from its stream (not the read model): decisions use fresh state. */
export async function loadCampaign(streams: StreamCache, code: string, year: number): Promise<CampaignState> {
  return (await streams.load(campaignStream(code, year), campaignDecider)).state;
}

export async function loadCooperative(streams: StreamCache, cooperativeId: string): Promise<CooperativeState | undefined> {
  const { state, revision } = await streams.load(cooperativeStream(cooperativeId), cooperativeDecider);
  return revision < 0 ? undefined : state;
}

/** What support and nomination decisions need: the campaign, and the cooperative the command names. */
export async function loadCampaignAndCooperative(
  streams: StreamCache,
  code: string,
  year: number,
  cooperativeId: string | undefined,
): Promise<{ campaign: CampaignState; cooperative?: CooperativeState }> {
  const campaign = await loadCampaign(streams, code, year);
  const cooperative = cooperativeId === undefined ? undefined : await loadCooperative(streams, cooperativeId);
  return cooperative === undefined ? { campaign } : { campaign, cooperative };
}
