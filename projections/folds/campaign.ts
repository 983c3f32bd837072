import { z } from 'zod';
import { LaunchCampaign, campaignStream, type CampaignEvent } from '../../domain/campaign/campaign.ts';
import { CAMPAIGN_RULES } from '../../domain/campaign/rules.ts';
import {
  campaignKey,
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  type Kept,
  keptDocuments,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** A campaign as served and kept: its plan as amended, its province as recorded, open or closed. */
export const CampaignView = LaunchCampaign.omit({ peak: true })
  .extend({
    provinceId: z.string().nullable(),
    provinceName: z.string().nullable().describe("the province's name as recorded (schema v2; lifted for v1 events)"),
    peak: z.object({ from: z.string(), to: z.string() }),
    status: z.enum(['open', 'closed']),
    amendments: z.array(z.object({ number: z.string(), date: z.string(), reason: z.string() })),
    closedOn: z.string().optional(),
    ...Versioned,
  })
  .meta({ id: 'Campaign' });
export type CampaignView = z.infer<typeof CampaignView> & Kept;

const slices = { campaigns: keptDocuments<CampaignView>()(1) };

/** The campaign: its plan, amendments and closing. */
export function foldCampaign(c: FoldTarget<typeof slices>, e: CampaignEvent, _at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'CampaignLaunched': {
      const d = e.data;
      c.campaigns.set(campaignKey(d.organiser, d.year), { ...d, ...v, status: 'open', amendments: [] });
      return;
    }
    case 'CampaignPlanAmended': {
      const k = campaignKey(e.data.organiser, e.data.year);
      const cur = c.campaigns.get(k);
      if (!cur) return;
      const { organiser: _o, year: _y, amendment, reason, ...changes } = e.data;
      c.campaigns.set(k, { ...cur, ...changes, ...v, amendments: [...cur.amendments, { ...amendment, reason }] });
      return;
    }
    case 'CampaignClosed': {
      const k = campaignKey(e.data.organiser, e.data.year);
      const cur = c.campaigns.get(k);
      if (cur) c.campaigns.set(k, { ...cur, ...v, status: 'closed', closedOn: e.data.closedOn });
      return;
    }
  }
}

export const campaignProjection = capabilityProjection<CampaignEvent>()({
  name: 'campaign',
  slices,
  rules: CAMPAIGN_RULES,
  events: ['CampaignLaunched', 'CampaignPlanAmended', 'CampaignClosed'],
  fold: foldCampaign,
  ledgerStreams: (code, year) => [campaignStream(code, year)],
});
