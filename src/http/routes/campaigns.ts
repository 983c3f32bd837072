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
import { PageQuery, ReadQuery, pageSchema, readProblems } from '../schemas.ts';
import { pageByCount } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
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
    summary: 'Launch a campaign (LaunchCampaign)',
    params: OrganiserParams,
    body: LaunchCampaign.omit({ organiser: true }),
    location: (p, b) => `/provinces/${p.code}/campaigns/${b.year}`,
    plan: (p, b) => cmd(p.code, b.year, { type: 'LaunchCampaign' as const, ...b, organiser: p.code }),
  });

  app.get(
    '/provinces/:code/campaigns',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'listCampaigns',
        summary: 'Campaigns of an organiser, newest year first',
        params: OrganiserParams,
        querystring: PageQuery,
        response: { 200: pageSchema(CampaignView, 'CampaignPage'), ...readProblems },
      },
    },
    async (req) => {
      const c = await kit.catalog(req.query.minPosition);
      const items = [...c.campaigns.values()]
        .filter((x) => x.organiser === req.params.code)
        .sort((a, b) => b.year - a.year);
      return pageByCount(items, req.query.limit, req.query.cursor);
    },
  );

  app.get(
    '/provinces/:code/campaigns/:year',
    {
      config: { access: 'read' },
      schema: {
        tags,
        operationId: 'getCampaign',
        summary: 'A campaign: plan, peak window, activities, budgets, status',
        params: CampaignParams,
        querystring: ReadQuery,
        response: { 200: CampaignView, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      return kit.resource(
        req,
        reply,
        c.campaigns.get(`${req.params.code}-${req.params.year}`),
        `the ${req.params.year} campaign of ${req.params.code}`,
      );
    },
  );

  commandRoute(app, kit, {
    path: '/provinces/:code/campaigns/:year/amendments',
    tags,
    operationId: 'amendCampaignPlan',
    summary: 'Amend the plan (AmendCampaignPlan)',
    params: CampaignParams,
    body: AmendCampaignPlan,
    plan: (p, b) => cmd(p.code, p.year, { type: 'AmendCampaignPlan' as const, ...b }),
  });

  commandRoute(app, kit, {
    path: '/provinces/:code/campaigns/:year/close',
    tags,
    operationId: 'closeCampaign',
    summary: 'Close the campaign (CloseCampaign)',
    params: CampaignParams,
    body: CloseCampaign,
    plan: (p, b) => cmd(p.code, p.year, { type: 'CloseCampaign' as const, ...b }),
  });
};
