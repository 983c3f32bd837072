import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DialogueFields,
  HoldDialogueConferenceInput,
  RecordPetition,
  RespondToPetition,
  TakeOverPetition,
  dialogueDecider,
  dialogueStream,
} from '../../../domain/dialogue/dialogue.ts';
import { campaignDocuments, campaignKey } from '../../../projections/catalog.ts';
import { IncludePredecessors, PageQuery, ReadQuery, Period, inPeriod, pageSchema } from '../schemas.ts';
import { keep, mapped, mergeInOrder } from '../paging.ts';
import { predecessorCodes } from '../../../domain/shared/units.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';
import { PetitionItem, petitionItem } from '../../../projections/folds/dialogue.ts';

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
    form: { title: 'Ghi hội nghị đối thoại', ownId: 'dialogueId' },
    summary: 'Record a dialogue conference (HoldDialogueConference)',
    params: CampaignParams,
    body: HoldDialogueConferenceInput,
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
    querystring: PageQuery.extend(Period.shape).extend({
      communeCode: z
        .string()
        .regex(/^\d{5}$/, 'must be a five-digit commune code')
        .optional()
        .describe('conferences held in this commune (its code on the map of the day held)'),
    }),
    page: pageSchema(DialogueFields, 'DialoguePage'),
    paging: 'by-count',
    items: (c, p, q) =>
      (c.records.get(campaignKey(p.code, p.year))?.dialogues ?? []).filter(
        (d) => inPeriod(q, d.date) && (q.communeCode === undefined || d.communeCode === q.communeCode),
      ),
  });
  commandRoute(app, kit, {
    path: `${base}/petitions`,
    tags: ['dialogue'],
    operationId: 'recordPetition',
    form: { title: 'Ghi kiến nghị của HTX', ownId: 'petitionId' },
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
    summary:
      'Petitions of a campaign, with those the province took over from a merged province in that year ' +
      '(include=predecessors: all of theirs)',
    params: CampaignParams,
    querystring: PageQuery.extend({
      status: z.enum(['open', 'answered', 'resolved']).optional(),
      include: IncludePredecessors,
    }).extend(Period.shape),
    page: pageSchema(PetitionItem, 'PetitionPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      mapped(
        keep(
          mergeInOrder(
            [p.code, ...predecessorCodes(p.code)].map((code) => campaignDocuments(c, code, p.year, 'petitions', after)),
          ),
          (x) =>
            (x.organiser === p.code || q.include === 'predecessors' || x.takenOver?.to === p.code) &&
            (q.status === undefined || x.status === q.status) &&
            inPeriod(q, x.submittedOn),
        ),
        petitionItem,
      ),
  });
  readRoute(app, kit, {
    path: `${base}/petitions/:petitionId`,
    tags: ['dialogue'],
    operationId: 'getPetition',
    summary: 'One petition with its responses',
    params: PetitionParams,
    querystring: ReadQuery,
    resource: PetitionItem,
    answer: (c, p) => {
      const x = c.petitions.get(p.petitionId);
      const taken = x !== undefined && x.year === p.year && x.takenOver?.to === p.code ? x : undefined;
      const found = ofCampaign(x, p) ?? taken;
      return found === undefined ? undefined : petitionItem(found);
    },
    what: (p) => `petition ${p.petitionId}`,
  });
  commandRoute(app, kit, {
    path: `${base}/petitions/:petitionId/responses`,
    tags: ['dialogue'],
    operationId: 'respondToPetition',
    form: { title: 'Ghi trả lời kiến nghị' },
    summary: 'Answer a petition (RespondToPetition)',
    params: PetitionParams,
    body: RespondToPetition,
    plan: (p, b) => ({
      ...dialogue(p),
      command: { type: 'RespondToPetition' as const, petitionId: p.petitionId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: `${base}/petitions/:petitionId/takeover`,
    tags: ['dialogue'],
    operationId: 'takeOverPetition',
    form: { title: 'Tiếp nhận kiến nghị của tỉnh đã sáp nhập' },
    summary:
      'The successor takes over an open petition of a merged province (TakeOverPetition): the path names it as ' +
      'recorded, the body the successor',
    params: PetitionParams,
    body: TakeOverPetition,
    plan: (p, b) => ({
      ...dialogue(p),
      command: { type: 'TakeOverPetition' as const, petitionId: p.petitionId, ...b },
    }),
  });
};
