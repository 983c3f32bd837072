import type { CampaignEvent } from '../../domain/campaign/campaign.ts';
import { campaignKey, type Catalog, type Envelope, type Stamp } from '../catalog.ts';

/** The campaign: its plan, amendments and closing. */
export function foldCampaign(c: Catalog, e: CampaignEvent, _at: Envelope, v: Stamp): void {
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
