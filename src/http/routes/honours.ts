import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AwardHonour,
  RecipientKind,
  RetractHonour,
  honourDecider,
  honourStream,
} from '../../../domain/honour/honour.ts';
import { campaignDocuments } from '../../../projections/catalog.ts';
import { HonourView } from '../../../projections/folds/honour.ts';
import { commandRoute } from '../command-route.ts';
import type { Kit } from '../kit.ts';
import { keep } from '../paging.ts';
import { readRoute } from '../read-route.ts';
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';

/**
 * Honours by the organiser's own decision (khen thưởng): a provincial alliance's under its province's
 * code, the national alliance's under VN; collectives and individuals alike.
 */
export const honourRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year/honours';
  const HonourParams = CampaignParams.extend({ honourId: z.uuid() });
  const honour = (p: { code: string; year: number }, honourId: string) =>
    campaignPlan(kit.streams, p, honourStream(p.code, p.year, honourId), honourDecider);

  commandRoute(app, kit, {
    path: base,
    tags: ['nominations'],
    operationId: 'awardHonour',
    form: { title: 'Ghi quyết định khen thưởng (tập thể, cá nhân)', ownId: 'honourId' },
    summary:
      "Record an honour by the organiser's own decision: the provincial alliance's (its code) or the national " +
      "alliance's (VN), to collectives and individuals (AwardHonour)",
    params: CampaignParams,
    body: AwardHonour,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/honours/${b.honourId}`,
    recordOn: (p, b) => ({ organiser: p.code, date: b.decision.date, units: ['alliance'] }),
    plan: (p, b) => ({ ...honour(p, b.honourId), command: { type: 'AwardHonour' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: base,
    tags: ['nominations'],
    operationId: 'listHonours',
    summary: 'Honour decisions of a campaign, oldest first',
    params: CampaignParams,
    querystring: PageQuery.extend({
      recipient: RecipientKind.optional().describe('only decisions honouring a collective, or an individual'),
      from: z.string().optional(),
      to: z.string().optional(),
      includeRetracted: z.coerce.boolean().default(false),
    }),
    page: pageSchema(HonourView, 'HonourPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        campaignDocuments(c, p.code, p.year, 'honours', after),
        (x) =>
          (q.includeRetracted || x.status === 'awarded') &&
          (q.recipient === undefined || x.recipients.some((r) => r.kind === q.recipient)) &&
          (q.from === undefined || x.decision.date >= q.from) &&
          (q.to === undefined || x.decision.date <= q.to),
      ),
  });
  readRoute(app, kit, {
    path: `${base}/:honourId`,
    tags: ['nominations'],
    operationId: 'getHonour',
    summary: 'One honour decision',
    params: HonourParams,
    querystring: ReadQuery,
    resource: HonourView,
    answer: (c, { code, year, honourId }) => ofCampaign(c.honours.get(honourId), { code, year }),
    what: (p) => `honour ${p.honourId}`,
  });
  commandRoute(app, kit, {
    path: `${base}/:honourId/retraction`,
    tags: ['nominations'],
    operationId: 'retractHonour',
    form: { title: 'Thu hồi quyết định khen thưởng ghi nhầm' },
    summary: 'Retract an honour recorded by mistake (RetractHonour)',
    params: HonourParams,
    body: RetractHonour,
    recordOn: (p, _b, c) => {
      const x = c.honours.get(p.honourId);
      return x === undefined || x.organiser !== p.code
        ? undefined
        : { organiser: p.code, date: x.decision.date, units: ['alliance'] };
    },
    plan: (p, b) => ({
      ...honour(p, p.honourId),
      command: { type: 'RetractHonour' as const, honourId: p.honourId, ...b },
    }),
  });
};
