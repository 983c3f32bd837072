import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangeCooperativeStatus, CooperativeKind, CooperativeStatus, RegisterCooperative, UpdateMemberCounts, cooperativeDecider, cooperativeStream } from '../../../domain/cooperative/cooperative.ts';
import { HoldDialogueConference, RecordPetition, RespondToPetition, dialogueDecider, dialogueStream } from '../../../domain/dialogue/dialogue.ts';
import { RecordFoundingAdvice, RecordMemberAdmissionRound, membershipDecider, membershipStream } from '../../../domain/membership/membership.ts';
import { ProvinceCode } from '../../../domain/shared/units.ts';
import { campaignKey } from '../../../projections/catalog.ts';
import { CommandHeaders, CommandResultSchema, PageQuery, ReadQuery, pageSchema, paginate, problemResponses, type Kit } from '../kit.ts';
import { CampaignParams } from './campaigns.ts';
import { loadCampaign } from './loaders.ts';

const Versioned = { revision: z.number().int(), updatedAt: z.string(), position: z.number().int().optional() };

export const CooperativeViewSchema = RegisterCooperative.omit({ province: true })
  .extend({ provinceId: z.string(), provinceCode: z.string(), status: CooperativeStatus, ...Versioned })
  .meta({ id: 'Cooperative' });
const AdmittedView = z.object({
  cooperatives: z.number().int(),
  cooperativeUnions: z.number().int(),
  cooperativeGroups: z.number().int(),
  associatesContributing: z.number().int(),
  associatesNonContributing: z.number().int(),
  associatesUnsplit: z.number().int().optional().describe('associates recorded before the split (kind not recorded)'),
});
const PetitionViewSchema = RecordPetition.extend({
  organiser: z.string(),
  year: z.number().int(),
  status: z.enum(['open', 'answered', 'resolved']),
  responses: z.array(RespondToPetition),
  ...Versioned,
}).meta({ id: 'Petition' });

/** Cooperatives, member admission, founding advice, dialogues and petitions. */
export const recordRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';

  // ---- cooperatives
  const ProvinceParams = z.object({ code: ProvinceCode });
  const CoopParams = ProvinceParams.extend({ cooperativeId: z.uuid() });
  const coop = (cooperativeId: string) => ({ stream: cooperativeStream(cooperativeId), decider: cooperativeDecider });
  app.post('/provinces/:code/cooperatives', {
    config: { access: 'write' },
    schema: { tags: ['cooperatives'], operationId: 'registerCooperative', summary: 'Register a cooperative, union or group (RegisterCooperative)', params: ProvinceParams, headers: CommandHeaders, body: RegisterCooperative.omit({ province: true }), response: { 201: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => {
    const { code } = req.params;
    return kit.command(req, reply, { ...coop(req.body.cooperativeId), command: { type: 'RegisterCooperative', ...req.body, province: code } }, { status: 201, location: `/provinces/${code}/cooperatives/${req.body.cooperativeId}`, province: code });
  });
  app.get('/provinces/:code/cooperatives', {
    config: { access: 'read' },
    schema: {
      tags: ['cooperatives'], operationId: 'listCooperatives', summary: 'Cooperatives registered under this province code (either map)', params: ProvinceParams,
      querystring: PageQuery.extend({ kind: CooperativeKind.optional(), status: CooperativeStatus.optional() }),
      response: { 200: pageSchema(CooperativeViewSchema, 'CooperativePage'), ...problemResponses },
    },
  }, async (req) => {
    const q = req.query;
    const c = await kit.catalog(q.minPosition);
    const items = [...c.cooperatives.values()].filter(
      (x) => x.provinceCode === req.params.code && (q.kind === undefined || x.kind === q.kind) && (q.status === undefined || x.status === q.status),
    );
    return paginate(items, q.limit, q.cursor);
  });
  app.get('/provinces/:code/cooperatives/:cooperativeId', {
    config: { access: 'read' },
    schema: { tags: ['cooperatives'], operationId: 'getCooperative', summary: 'One cooperative', params: CoopParams, querystring: ReadQuery, response: { 200: CooperativeViewSchema, 304: z.null(), ...problemResponses } },
  }, async (req, reply) => {
    const c = await kit.catalog(req.query.minPosition);
    return kit.resource(req, reply, c.cooperatives.get(req.params.cooperativeId), `cooperative ${req.params.cooperativeId}`);
  });
  app.post('/provinces/:code/cooperatives/:cooperativeId/status-changes', {
    config: { access: 'write' },
    schema: { tags: ['cooperatives'], operationId: 'changeCooperativeStatus', summary: 'Change status (ChangeCooperativeStatus)', params: CoopParams, headers: CommandHeaders, body: ChangeCooperativeStatus, response: { 200: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...coop(req.params.cooperativeId), command: { type: 'ChangeCooperativeStatus', cooperativeId: req.params.cooperativeId, ...req.body } }, { province: req.params.code }));
  app.post('/provinces/:code/cooperatives/:cooperativeId/member-counts', {
    config: { access: 'write' },
    schema: { tags: ['cooperatives'], operationId: 'updateMemberCounts', summary: 'Record member counts by type (UpdateMemberCounts)', params: CoopParams, headers: CommandHeaders, body: UpdateMemberCounts, response: { 200: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...coop(req.params.cooperativeId), command: { type: 'UpdateMemberCounts', cooperativeId: req.params.cooperativeId, ...req.body } }, { province: req.params.code }));

  // ---- membership: admission rounds and founding advice
  const membership = (p: { code: string; year: number }) => ({
    stream: membershipStream(p.code, p.year),
    decider: membershipDecider,
    context: async () => ({ campaign: await loadCampaign(kit.streams, p.code, p.year) }),
  });
  app.post(`${base}/admission-rounds`, {
    config: { access: 'write' },
    schema: { tags: ['membership'], operationId: 'recordMemberAdmissionRound', summary: 'Record a member admission round (RecordMemberAdmissionRound)', params: CampaignParams, headers: CommandHeaders, body: RecordMemberAdmissionRound, response: { 201: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...membership(req.params), command: { type: 'RecordMemberAdmissionRound', ...req.body } }, { status: 201, province: req.params.code }));
  app.post(`${base}/founding-advice`, {
    config: { access: 'write' },
    schema: { tags: ['membership'], operationId: 'recordFoundingAdvice', summary: 'Record advice on founding a cooperative (RecordFoundingAdvice)', params: CampaignParams, headers: CommandHeaders, body: RecordFoundingAdvice, response: { 201: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...membership(req.params), command: { type: 'RecordFoundingAdvice', ...req.body } }, { status: 201, province: req.params.code }));
  app.get(`${base}/membership`, {
    config: { access: 'read' },
    schema: {
      tags: ['membership'], operationId: 'getMembership', summary: 'Admission rounds and founding advice of a campaign', params: CampaignParams, querystring: ReadQuery,
      response: { 200: z.object({ rounds: z.array(RecordMemberAdmissionRound.extend({ admitted: AdmittedView })), advice: z.array(RecordFoundingAdvice), revision: z.number().int() }).meta({ id: 'Membership' }), ...problemResponses },
    },
  }, async (req, reply) => {
    const c = await kit.catalog(req.query.minPosition);
    const r = c.records.get(campaignKey(req.params.code, req.params.year));
    return kit.resource(req, reply, { rounds: r?.rounds ?? [], advice: r?.advice ?? [], revision: r?.membershipRevision ?? -1 }, 'membership');
  });

  // ---- dialogues and petitions
  const dialogue = (p: { code: string; year: number }) => ({
    stream: dialogueStream(p.code, p.year),
    decider: dialogueDecider,
    context: async () => ({ campaign: await loadCampaign(kit.streams, p.code, p.year) }),
  });
  const PetitionParams = CampaignParams.extend({ petitionId: z.uuid() });
  app.post(`${base}/dialogues`, {
    config: { access: 'write' },
    schema: { tags: ['dialogue'], operationId: 'holdDialogueConference', summary: 'Record a dialogue conference (HoldDialogueConference)', params: CampaignParams, headers: CommandHeaders, body: HoldDialogueConference, response: { 201: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...dialogue(req.params), command: { type: 'HoldDialogueConference', ...req.body } }, { status: 201, province: req.params.code }));
  app.get(`${base}/dialogues`, {
    config: { access: 'read' },
    schema: { tags: ['dialogue'], operationId: 'listDialogues', summary: 'Dialogue conferences of a campaign', params: CampaignParams, querystring: ReadQuery, response: { 200: z.object({ items: z.array(HoldDialogueConference) }), ...problemResponses } },
  }, async (req) => {
    const c = await kit.catalog(req.query.minPosition);
    return { items: c.records.get(campaignKey(req.params.code, req.params.year))?.dialogues ?? [] };
  });
  app.post(`${base}/petitions`, {
    config: { access: 'write' },
    schema: { tags: ['dialogue'], operationId: 'recordPetition', summary: 'Record a petition (RecordPetition)', params: CampaignParams, headers: CommandHeaders, body: RecordPetition, response: { 201: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...dialogue(req.params), command: { type: 'RecordPetition', ...req.body } }, { status: 201, location: `/provinces/${req.params.code}/campaigns/${req.params.year}/petitions/${req.body.petitionId}`, province: req.params.code }));
  app.get(`${base}/petitions`, {
    config: { access: 'read' },
    schema: { tags: ['dialogue'], operationId: 'listPetitions', summary: 'Petitions of a campaign', params: CampaignParams, querystring: PageQuery.extend({ status: z.enum(['open', 'answered', 'resolved']).optional() }), response: { 200: pageSchema(PetitionViewSchema, 'PetitionPage'), ...problemResponses } },
  }, async (req) => {
    const q = req.query;
    const c = await kit.catalog(q.minPosition);
    const items = [...c.petitions.values()].filter((p) => p.organiser === req.params.code && p.year === req.params.year && (q.status === undefined || p.status === q.status));
    return paginate(items, q.limit, q.cursor);
  });
  app.get(`${base}/petitions/:petitionId`, {
    config: { access: 'read' },
    schema: { tags: ['dialogue'], operationId: 'getPetition', summary: 'One petition with its responses', params: PetitionParams, querystring: ReadQuery, response: { 200: PetitionViewSchema, 304: z.null(), ...problemResponses } },
  }, async (req, reply) => {
    const c = await kit.catalog(req.query.minPosition);
    const p = c.petitions.get(req.params.petitionId);
    return kit.resource(req, reply, p && p.organiser === req.params.code && p.year === req.params.year ? p : undefined, `petition ${req.params.petitionId}`);
  });
  app.post(`${base}/petitions/:petitionId/responses`, {
    config: { access: 'write' },
    schema: { tags: ['dialogue'], operationId: 'respondToPetition', summary: 'Answer a petition (RespondToPetition)', params: PetitionParams, headers: CommandHeaders, body: RespondToPetition, response: { 200: CommandResultSchema, ...problemResponses } },
  }, async (req, reply) => kit.command(req, reply, { ...dialogue(req.params), command: { type: 'RespondToPetition', petitionId: req.params.petitionId, ...req.body } }, { province: req.params.code }));
};
