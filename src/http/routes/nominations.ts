import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ForwardNomination,
  DeclineNomination,
  NominateExemplaryCoop,
  NominationStatus,
  RecordHonour,
  ShortlistNomination,
  WithdrawNomination,
  nominationDecider,
  nominationsStream,
  type NominationCommand,
} from '../../../domain/nomination/nomination.ts';
import { campaignDocuments } from '../../../projections/catalog.ts';
import { NominationView } from '../../../projections/folds/nomination.ts';
import { PageQuery, ReadQuery, pageSchema, readProblems } from '../schemas.ts';
import { cursorPosition, keep, pageInOrder } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { CampaignParams } from './campaigns.ts';
import { loadCampaignAndCooperative, ofCampaign } from './loaders.ts';

/** Nominations of exemplary cooperatives, from the province's nomination to the national honour. */
export const nominationRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const nomination = (p: { code: string; year: number }, command: NominationCommand, cooperativeId?: string) => ({
    stream: nominationsStream(p.code, p.year),
    decider: nominationDecider,
    command,
    context: () => loadCampaignAndCooperative(kit.streams, p.code, p.year, cooperativeId),
  });
  const NomParams = CampaignParams.extend({ nominationId: z.uuid() });
  commandRoute(app, kit, {
    path: `${base}/nominations`,
    tags: ['nominations'],
    operationId: 'nominateExemplaryCoop',
    summary: 'Nominate an exemplary cooperative (NominateExemplaryCoop)',
    params: CampaignParams,
    body: NominateExemplaryCoop,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/nominations/${b.nominationId}`,
    plan: (p, b) => nomination(p, { type: 'NominateExemplaryCoop', ...b }, b.cooperativeId),
  });
  app.get(
    `${base}/nominations`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['nominations'],
        operationId: 'listNominations',
        summary: 'Nominations of a campaign',
        params: CampaignParams,
        querystring: PageQuery.extend({ status: NominationStatus.optional() }),
        response: { 200: pageSchema(NominationView, 'NominationPage'), ...readProblems },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await kit.catalog(q.minPosition);
      const nominations = campaignDocuments(
        c,
        req.params.code,
        req.params.year,
        'nominations',
        cursorPosition(q.cursor),
      );
      const items = keep(nominations, (n) => q.status === undefined || n.status === q.status);
      return pageInOrder(items, q.limit, q.cursor);
    },
  );
  app.get(
    `${base}/nominations/:nominationId`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['nominations'],
        operationId: 'getNomination',
        summary: 'One nomination with its history',
        params: NomParams,
        querystring: ReadQuery,
        response: { 200: NominationView, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      const n = c.nominations.get(req.params.nominationId);
      return kit.resource(req, reply, ofCampaign(n, req.params), `nomination ${req.params.nominationId}`);
    },
  );
  const steps = [
    ['shortlist', 'ShortlistNomination', 'shortlistNomination', ShortlistNomination, 'Shortlist a nomination'],
    [
      'forward',
      'ForwardNomination',
      'forwardNomination',
      ForwardNomination,
      'Forward to the national honoring conference',
    ],
    ['honour', 'RecordHonour', 'recordHonour', RecordHonour, 'Record the honour awarded'],
    ['decline', 'DeclineNomination', 'declineNomination', DeclineNomination, 'Decline a nomination'],
    ['withdraw', 'WithdrawNomination', 'withdrawNomination', WithdrawNomination, 'Withdraw a nomination'],
  ] as const;
  for (const [path, type, operationId, body, summary] of steps) {
    commandRoute(app, kit, {
      path: `${base}/nominations/:nominationId/${path}`,
      tags: ['nominations'],
      operationId,
      summary: `${summary} (${type})`,
      params: NomParams,
      body,
      // National honours of forwarded nominations are recorded by the national alliance.
      access: path === 'honour' ? 'honour' : 'write',
      plan: (p, b) => nomination(p, { type, nominationId: p.nominationId, ...(b as object) } as NominationCommand),
    });
  }
};
