import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AmendCampaignPlan,
  CloseCampaign,
  LaunchCampaign,
  campaignDecider,
  campaignStream,
  type CampaignCommand,
} from '../../../domain/campaign/campaign.ts';
import { OrganiserCode } from '../../../domain/shared/units.ts';
import { supportDecider, supportStream } from '../../../domain/support/support.ts';
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignView } from '../../../projections/folds/campaign.ts';

export const OrganiserParams = z.object({
  code: OrganiserCode.describe('province code, or VN for the national alliance'),
});
export const CampaignParams = OrganiserParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });

export const campaignRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const tags = ['campaigns'];
  const cmd = (code: string, year: number, command: CampaignCommand) => ({
    stream: campaignStream(code, year),
    decider: campaignDecider,
    command,
    context: async () => {
      const { state } = await kit.streams.load(supportStream(code, year), supportDecider);
      return { approvedByFund: state.approvedByFund };
    },
  });

  commandRoute(app, kit, {
    path: '/provinces/:code/campaigns',
    tags,
    operationId: 'launchCampaign',
    form: { title: 'Phát động kế hoạch Tháng hành động của năm' },
    summary: 'Launch a campaign (LaunchCampaign)',
    params: OrganiserParams,
    body: LaunchCampaign.omit({ organiser: true }),
    location: (p, b) => `/provinces/${p.code}/campaigns/${b.year}`,
    plan: (p, b) => cmd(p.code, b.year, { type: 'LaunchCampaign' as const, ...b, organiser: p.code }),
  });

  readRoute(app, kit, {
    path: '/provinces/:code/campaigns',
    tags,
    operationId: 'listCampaigns',
    summary: 'Campaigns of an organiser, newest year first',
    params: OrganiserParams,
    querystring: PageQuery,
    page: pageSchema(CampaignView, 'CampaignPage'),
    paging: 'by-count',
    items: (c, p) => [...c.campaigns.values()].filter((x) => x.organiser === p.code).sort((a, b) => b.year - a.year),
  });

  readRoute(app, kit, {
    path: '/provinces/:code/campaigns/:year',
    tags,
    operationId: 'getCampaign',
    summary: 'A campaign: plan, peak window, activities, budgets, status',
    params: CampaignParams,
    querystring: ReadQuery,
    resource: CampaignView,
    answer: (c, p) => c.campaigns.get(`${p.code}-${p.year}`),
    what: (p) => `the ${p.year} campaign of ${p.code}`,
  });

  commandRoute(app, kit, {
    path: '/provinces/:code/campaigns/:year/amendments',
    tags,
    operationId: 'amendCampaignPlan',
    form: { title: 'Điều chỉnh kế hoạch' },
    summary: 'Amend the plan (AmendCampaignPlan)',
    params: CampaignParams,
    body: AmendCampaignPlan,
    plan: (p, b) => cmd(p.code, p.year, { type: 'AmendCampaignPlan' as const, ...b }),
  });

  commandRoute(app, kit, {
    path: '/provinces/:code/campaigns/:year/close',
    tags,
    operationId: 'closeCampaign',
    form: { title: 'Kết thúc kế hoạch của năm' },
    summary: 'Close the campaign (CloseCampaign)',
    params: CampaignParams,
    body: CloseCampaign,
    plan: (p, b) => cmd(p.code, p.year, { type: 'CloseCampaign' as const, ...b }),
  });
};
