import { campaignDecider, campaignStream, type CampaignState } from '../../../domain/campaign/campaign.ts';
import {
  cooperativeDecider,
  cooperativeStream,
  type CooperativeState,
} from '../../../domain/cooperative/cooperative.ts';
import type { StreamCache } from '../../app/streams.ts';

/** The campaign a record belongs to, from its stream (not the read model): decisions use fresh state. */
export async function loadCampaign(streams: StreamCache, code: string, year: number): Promise<CampaignState> {
  return (await streams.load(campaignStream(code, year), campaignDecider)).state;
}

export async function loadCooperative(
  streams: StreamCache,
  cooperativeId: string,
): Promise<CooperativeState | undefined> {
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

/**
 * The plan of a command on one of a campaign's streams whose decider needs the campaign: the
 * campaign is loaded fresh from its stream when the command is decided.
 */
export function campaignPlan<D>(streams: StreamCache, p: { code: string; year: number }, stream: string, decider: D) {
  return { stream, decider, context: async () => ({ campaign: await loadCampaign(streams, p.code, p.year) }) };
}

/** The document when it belongs to the campaign in the path (organiser and year); else undefined, a 404. */
export function ofCampaign<T extends { organiser: string; year: number }>(
  doc: T | undefined,
  p: { code: string; year: number },
): T | undefined {
  return doc !== undefined && doc.organiser === p.code && doc.year === p.year ? doc : undefined;
}
