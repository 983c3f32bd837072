import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HoldDialogueConference,
  RecordPetition,
  RespondToPetition,
  dialogueDecider,
  dialogueStream,
} from '../../../domain/dialogue/dialogue.ts';
import { campaignDocuments, campaignKey } from '../../../projections/catalog.ts';
import { PageQuery, ReadQuery, pageSchema, readProblems } from '../schemas.ts';
import { cursorPosition, keep, pageByCount, pageInOrder } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';
import { PetitionView } from '../../../projections/folds/dialogue.ts';

/** Dialogue conferences with provincial leaders and the petitions raised there, followed to their resolution. */
export const dialogueRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const dialogue = (p: { code: string; year: number }) =>
    campaignPlan(kit.streams, p, dialogueStream(p.code, p.year), dialogueDecider);
  const PetitionParams = CampaignParams.extend({ petitionId: z.uuid() });
  commandRoute(app, kit, {
    path: `${base}/dialogues`,
    tags: ['dialogue'],
    operationId: 'holdDialogueConference',
    summary: 'Record a dialogue conference (HoldDialogueConference)',
    params: CampaignParams,
    body: HoldDialogueConference,
    created: true,
    plan: (p, b) => ({ ...dialogue(p), command: { type: 'HoldDialogueConference' as const, ...b } }),
  });
  app.get(
    `${base}/dialogues`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['dialogue'],
        operationId: 'listDialogues',
        summary: 'Dialogue conferences of a campaign, in the order recorded',
        params: CampaignParams,
        querystring: PageQuery,
        response: { 200: pageSchema(HoldDialogueConference, 'DialoguePage'), ...readProblems },
      },
    },
    async (req) => {
      const c = await kit.catalog(req.query.minPosition);
      return pageByCount(
        c.records.get(campaignKey(req.params.code, req.params.year))?.dialogues ?? [],
        req.query.limit,
        req.query.cursor,
      );
    },
  );
  commandRoute(app, kit, {
    path: `${base}/petitions`,
    tags: ['dialogue'],
    operationId: 'recordPetition',
    summary: 'Record a petition (RecordPetition)',
    params: CampaignParams,
    body: RecordPetition,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/petitions/${b.petitionId}`,
    plan: (p, b) => ({ ...dialogue(p), command: { type: 'RecordPetition' as const, ...b } }),
  });
  app.get(
    `${base}/petitions`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['dialogue'],
        operationId: 'listPetitions',
        summary: 'Petitions of a campaign',
        params: CampaignParams,
        querystring: PageQuery.extend({ status: z.enum(['open', 'answered', 'resolved']).optional() }),
        response: { 200: pageSchema(PetitionView, 'PetitionPage'), ...readProblems },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await kit.catalog(q.minPosition);
      const petitions = campaignDocuments(c, req.params.code, req.params.year, 'petitions', cursorPosition(q.cursor));
      const items = keep(petitions, (p) => q.status === undefined || p.status === q.status);
      return pageInOrder(items, q.limit, q.cursor);
    },
  );
  app.get(
    `${base}/petitions/:petitionId`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['dialogue'],
        operationId: 'getPetition',
        summary: 'One petition with its responses',
        params: PetitionParams,
        querystring: ReadQuery,
        response: { 200: PetitionView, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      const p = c.petitions.get(req.params.petitionId);
      return kit.resource(req, reply, ofCampaign(p, req.params), `petition ${req.params.petitionId}`);
    },
  );
  commandRoute(app, kit, {
    path: `${base}/petitions/:petitionId/responses`,
    tags: ['dialogue'],
    operationId: 'respondToPetition',
    summary: 'Answer a petition (RespondToPetition)',
    params: PetitionParams,
    body: RespondToPetition,
    plan: (p, b) => ({
      ...dialogue(p),
      command: { type: 'RespondToPetition' as const, petitionId: p.petitionId, ...b },
    }),
  });
};
