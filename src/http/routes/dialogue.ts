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
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import { keep } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
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
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    created: true,
    plan: (p, b) => ({ ...dialogue(p), command: { type: 'HoldDialogueConference' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: `${base}/dialogues`,
    tags: ['dialogue'],
    operationId: 'listDialogues',
    summary: 'Dialogue conferences of a campaign, in the order recorded',
    params: CampaignParams,
    querystring: PageQuery,
    page: pageSchema(HoldDialogueConference, 'DialoguePage'),
    paging: 'by-count',
    items: (c, p) => c.records.get(campaignKey(p.code, p.year))?.dialogues ?? [],
  });
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
  readRoute(app, kit, {
    path: `${base}/petitions`,
    tags: ['dialogue'],
    operationId: 'listPetitions',
    summary: 'Petitions of a campaign',
    params: CampaignParams,
    querystring: PageQuery.extend({ status: z.enum(['open', 'answered', 'resolved']).optional() }),
    page: pageSchema(PetitionView, 'PetitionPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        campaignDocuments(c, p.code, p.year, 'petitions', after),
        (x) => q.status === undefined || x.status === q.status,
      ),
  });
  readRoute(app, kit, {
    path: `${base}/petitions/:petitionId`,
    tags: ['dialogue'],
    operationId: 'getPetition',
    summary: 'One petition with its responses',
    params: PetitionParams,
    querystring: ReadQuery,
    resource: PetitionView,
    answer: (c, p) => ofCampaign(c.petitions.get(p.petitionId), p),
    what: (p) => `petition ${p.petitionId}`,
  });
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
