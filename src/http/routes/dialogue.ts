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
import {
  CommandHeaders,
  CommandResultSchema,
  PageQuery,
  ReadQuery,
  pageSchema,
  commandProblems,
  readProblems,
} from '../schemas.ts';
import { cursorPosition, keep, pageByCount, pageInOrder } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';
import { PetitionView } from '../../../projections/folds/dialogue.ts';

/** Dialogue conferences with provincial leaders and the petitions raised there, followed to their resolution. */
export const dialogueRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const dialogue = (p: { code: string; year: number }) =>
    campaignPlan(kit.streams, p, dialogueStream(p.code, p.year), dialogueDecider);
  const PetitionParams = CampaignParams.extend({ petitionId: z.uuid() });
  app.post(
    `${base}/dialogues`,
    {
      config: { access: 'write' },
      schema: {
        tags: ['dialogue'],
        operationId: 'holdDialogueConference',
        summary: 'Record a dialogue conference (HoldDialogueConference)',
        params: CampaignParams,
        headers: CommandHeaders,
        body: HoldDialogueConference,
        response: { 201: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        { ...dialogue(req.params), command: { type: 'HoldDialogueConference', ...req.body } },
        { status: 201, province: req.params.code },
      ),
  );
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
  app.post(
    `${base}/petitions`,
    {
      config: { access: 'write' },
      schema: {
        tags: ['dialogue'],
        operationId: 'recordPetition',
        summary: 'Record a petition (RecordPetition)',
        params: CampaignParams,
        headers: CommandHeaders,
        body: RecordPetition,
        response: { 201: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        { ...dialogue(req.params), command: { type: 'RecordPetition', ...req.body } },
        {
          status: 201,
          location: `/provinces/${req.params.code}/campaigns/${req.params.year}/petitions/${req.body.petitionId}`,
          province: req.params.code,
        },
      ),
  );
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
  app.post(
    `${base}/petitions/:petitionId/responses`,
    {
      config: { access: 'write' },
      schema: {
        tags: ['dialogue'],
        operationId: 'respondToPetition',
        summary: 'Answer a petition (RespondToPetition)',
        params: PetitionParams,
        headers: CommandHeaders,
        body: RespondToPetition,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...dialogue(req.params),
          command: { type: 'RespondToPetition', petitionId: req.params.petitionId, ...req.body },
        },
        { province: req.params.code },
      ),
  );
};
