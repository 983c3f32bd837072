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
import {
  CommandHeaders,
  CommandResultSchema,
  PageQuery,
  ReadQuery,
  pageSchema,
  commandProblems,
  readProblems,
} from '../schemas.ts';
import { pageByCount } from '../paging.ts';
import type { Kit } from '../kit.ts';
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

  app.post(
    '/provinces/:code/campaigns',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'launchCampaign',
        summary: 'Launch a campaign (LaunchCampaign)',
        params: OrganiserParams,
        headers: CommandHeaders,
        body: LaunchCampaign.omit({ organiser: true }),
        response: { 201: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) => {
      const { code } = req.params;
      const body = { ...req.body, organiser: code };
      return kit.command(req, reply, cmd(code, body.year, { type: 'LaunchCampaign', ...body }), {
        status: 201,
        location: `/provinces/${code}/campaigns/${body.year}`,
        province: code,
      });
    },
  );

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

  app.post(
    '/provinces/:code/campaigns/:year/amendments',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'amendCampaignPlan',
        summary: 'Amend the plan (AmendCampaignPlan)',
        params: CampaignParams,
        headers: CommandHeaders,
        body: AmendCampaignPlan,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) => {
      const { code, year } = req.params;
      return kit.command(req, reply, cmd(code, year, { type: 'AmendCampaignPlan', ...req.body }), { province: code });
    },
  );

  app.post(
    '/provinces/:code/campaigns/:year/close',
    {
      config: { access: 'write' },
      schema: {
        tags,
        operationId: 'closeCampaign',
        summary: 'Close the campaign (CloseCampaign)',
        params: CampaignParams,
        headers: CommandHeaders,
        body: CloseCampaign,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) => {
      const { code, year } = req.params;
      return kit.command(req, reply, cmd(code, year, { type: 'CloseCampaign', ...req.body }), { province: code });
    },
  );
};
