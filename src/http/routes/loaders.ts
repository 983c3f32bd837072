import { campaignDecider, campaignStream, type CampaignState } from '../../../domain/campaign/campaign.ts';
import { cooperativeDecider, cooperativeStream, type CooperativeState } from '../../../domain/cooperative/cooperative.ts';
import { loadState } from '../../app/commands.ts';
import type { EventStore } from '../../eventstore/types.ts';

/** The campaign a record belongs to, read from its stream (not the read model): decisions use fresh state. */
export async function loadCampaign(store: EventStore, code: string, year: number): Promise<CampaignState> {
  return (await loadState(store, campaignStream(code, year), campaignDecider)).state;
}

export async function loadCooperative(store: EventStore, cooperativeId: string): Promise<CooperativeState | undefined> {
  const { state, revision } = await loadState(store, cooperativeStream(cooperativeId), cooperativeDecider);
  return revision < 0 ? undefined : state;
}

/** What support and nomination decisions need: the campaign, and the cooperative the command names. */
export async function loadCampaignAndCooperative(
  store: EventStore,
  code: string,
  year: number,
  cooperativeId: string | undefined,
): Promise<{ campaign: CampaignState; cooperative?: CooperativeState }> {
  const campaign = await loadCampaign(store, code, year);
  const cooperative = cooperativeId === undefined ? undefined : await loadCooperative(store, cooperativeId);
  return cooperative === undefined ? { campaign } : { campaign, cooperative };
}
