import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ForwardNomination, DeclineNomination, NominateExemplaryCoop, RecordHonour, ShortlistNomination, WithdrawNomination, nominationDecider, nominationsStream, type NominationCommand } from '../../../domain/nomination/nomination.ts';
import { ApproveSupport, DisburseSupport, RecordLoanAppraisal, ReverseDisbursement, supportDecider, supportStream, type SupportCommand } from '../../../domain/support/support.ts';
import { FundSource } from '../../../domain/campaign/campaign.ts';
import { campaignDocuments, campaignKey } from '../../../projections/catalog.ts';
import { CommandHeaders, CommandResultSchema, PageQuery, ReadQuery, pageSchema, commandProblems, readProblems } from '../schemas.ts';
import { cursorPosition, keep, pageByCount, pageInOrder } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { CampaignParams } from './campaigns.ts';
import { loadCampaignAndCooperative, ofCampaign } from './loaders.ts';
import { NominationStatus, NominationView } from '../../../projections/folds/nomination.ts';
import { ApprovalView, DisbursementView } from '../../../projections/folds/support.ts';

/** Support (approvals, disbursements, reversals, loan appraisals) and nominations of a campaign. */
export const supportRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';

  const support = (p: { code: string; year: number }, command: SupportCommand, cooperativeId?: string) => ({
    stream: supportStream(p.code, p.year),
    decider: supportDecider,
    command,
    context: () => loadCampaignAndCooperative(kit.streams, p.code, p.year, cooperativeId),
  });
  app.post(`${base}/support-approvals`, {
    config: { access: 'write' },
    schema: { tags: ['support'], operationId: 'approveSupport', summary: 'Approve support for a cooperative (ApproveSupport)', params: CampaignParams, headers: CommandHeaders, body: ApproveSupport, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, support(req.params, { type: 'ApproveSupport', ...req.body }, req.body.cooperativeId), {
    status: 201, location: `/provinces/${req.params.code}/campaigns/${req.params.year}/support-approvals/${req.body.approvalId}`, province: req.params.code,
  }));
  app.get(`${base}/support-approvals`, {
    config: { access: 'read' },
    schema: { tags: ['support'], operationId: 'listSupportApprovals', summary: 'Approvals of a campaign with amounts disbursed', params: CampaignParams, querystring: PageQuery.extend({ fund: FundSource.optional(), cooperativeId: z.uuid().optional() }), response: { 200: pageSchema(ApprovalView, 'SupportApprovalPage'), ...readProblems } },
  }, async (req) => {
    const q = req.query;
    const c = await kit.catalog(q.minPosition);
    const approvals = campaignDocuments(c, req.params.code, req.params.year, 'approvals', cursorPosition(q.cursor));
    const items = keep(approvals, (a) => (q.fund === undefined || a.fund === q.fund) && (q.cooperativeId === undefined || a.cooperativeId === q.cooperativeId));
    return pageInOrder(items, q.limit, q.cursor);
  });
  app.get(`${base}/support-approvals/:approvalId`, {
    config: { access: 'read' },
    schema: { tags: ['support'], operationId: 'getSupportApproval', summary: 'One approval', params: CampaignParams.extend({ approvalId: z.uuid() }), querystring: ReadQuery, response: { 200: ApprovalView, 304: z.null(), ...readProblems } },
  }, async (req, reply) => {
    const c = await kit.catalog(req.query.minPosition);
    const a = c.approvals.get(req.params.approvalId);
    return kit.resource(req, reply, ofCampaign(a, req.params), `approval ${req.params.approvalId}`);
  });
  app.post(`${base}/disbursements`, {
    config: { access: 'write' },
    schema: { tags: ['support'], operationId: 'disburseSupport', summary: 'Disburse a tranche of an approval (DisburseSupport)', params: CampaignParams, headers: CommandHeaders, body: DisburseSupport, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, support(req.params, { type: 'DisburseSupport', ...req.body }), { status: 201, province: req.params.code }));
  app.get(`${base}/disbursements`, {
    config: { access: 'read' },
    schema: { tags: ['support'], operationId: 'listDisbursements', summary: 'Disbursements of a campaign', params: CampaignParams, querystring: PageQuery.extend({ approvalId: z.uuid().optional() }), response: { 200: pageSchema(DisbursementView, 'DisbursementPage'), ...readProblems } },
  }, async (req) => {
    const q = req.query;
    const c = await kit.catalog(q.minPosition);
    const disbursements = campaignDocuments(c, req.params.code, req.params.year, 'disbursements', cursorPosition(q.cursor));
    const items = keep(disbursements, (d) => q.approvalId === undefined || d.approvalId === q.approvalId);
    return pageInOrder(items, q.limit, q.cursor);
  });
  app.post(`${base}/disbursements/:disbursementId/reversal`, {
    config: { access: 'write' },
    schema: { tags: ['support'], operationId: 'reverseDisbursement', summary: 'Reverse a disbursement (ReverseDisbursement)', params: CampaignParams.extend({ disbursementId: z.uuid() }), headers: CommandHeaders, body: ReverseDisbursement.omit({ disbursementId: true }), response: { 200: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, support(req.params, { type: 'ReverseDisbursement', disbursementId: req.params.disbursementId, ...req.body }), { province: req.params.code }));
  app.post(`${base}/loan-appraisals`, {
    config: { access: 'write' },
    schema: { tags: ['support'], operationId: 'recordLoanAppraisal', summary: 'Record a loan appraisal (RecordLoanAppraisal)', params: CampaignParams, headers: CommandHeaders, body: RecordLoanAppraisal, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, support(req.params, { type: 'RecordLoanAppraisal', ...req.body }, req.body.cooperativeId), { status: 201, province: req.params.code }));
  app.get(`${base}/loan-appraisals`, {
    config: { access: 'read' },
    schema: { tags: ['support'], operationId: 'listLoanAppraisals', summary: 'Loan appraisals of a campaign, in the order recorded', params: CampaignParams, querystring: PageQuery, response: { 200: pageSchema(RecordLoanAppraisal, 'LoanAppraisalPage'), ...readProblems } },
  }, async (req) => {
    const c = await kit.catalog(req.query.minPosition);
    return pageByCount(c.records.get(campaignKey(req.params.code, req.params.year))?.appraisals ?? [], req.query.limit, req.query.cursor);
  });

  // ---- nominations
  const nomination = (p: { code: string; year: number }, command: NominationCommand, cooperativeId?: string) => ({
    stream: nominationsStream(p.code, p.year),
    decider: nominationDecider,
    command,
    context: () => loadCampaignAndCooperative(kit.streams, p.code, p.year, cooperativeId),
  });
  const NomParams = CampaignParams.extend({ nominationId: z.uuid() });
  app.post(`${base}/nominations`, {
    config: { access: 'write' },
    schema: { tags: ['nominations'], operationId: 'nominateExemplaryCoop', summary: 'Nominate an exemplary cooperative (NominateExemplaryCoop)', params: CampaignParams, headers: CommandHeaders, body: NominateExemplaryCoop, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, nomination(req.params, { type: 'NominateExemplaryCoop', ...req.body }, req.body.cooperativeId), {
    status: 201, location: `/provinces/${req.params.code}/campaigns/${req.params.year}/nominations/${req.body.nominationId}`, province: req.params.code,
  }));
  app.get(`${base}/nominations`, {
    config: { access: 'read' },
    schema: { tags: ['nominations'], operationId: 'listNominations', summary: 'Nominations of a campaign', params: CampaignParams, querystring: PageQuery.extend({ status: NominationStatus.optional() }), response: { 200: pageSchema(NominationView, 'NominationPage'), ...readProblems } },
  }, async (req) => {
    const q = req.query;
    const c = await kit.catalog(q.minPosition);
    const nominations = campaignDocuments(c, req.params.code, req.params.year, 'nominations', cursorPosition(q.cursor));
    const items = keep(nominations, (n) => q.status === undefined || n.status === q.status);
    return pageInOrder(items, q.limit, q.cursor);
  });
  app.get(`${base}/nominations/:nominationId`, {
    config: { access: 'read' },
    schema: { tags: ['nominations'], operationId: 'getNomination', summary: 'One nomination with its history', params: NomParams, querystring: ReadQuery, response: { 200: NominationView, 304: z.null(), ...readProblems } },
  }, async (req, reply) => {
    const c = await kit.catalog(req.query.minPosition);
    const n = c.nominations.get(req.params.nominationId);
    return kit.resource(req, reply, ofCampaign(n, req.params), `nomination ${req.params.nominationId}`);
  });
  const steps = [
    ['shortlist', 'ShortlistNomination', 'shortlistNomination', ShortlistNomination, 'Shortlist a nomination'],
    ['forward', 'ForwardNomination', 'forwardNomination', ForwardNomination, 'Forward to the national honoring conference'],
    ['honour', 'RecordHonour', 'recordHonour', RecordHonour, 'Record the honour awarded'],
    ['decline', 'DeclineNomination', 'declineNomination', DeclineNomination, 'Decline a nomination'],
    ['withdraw', 'WithdrawNomination', 'withdrawNomination', WithdrawNomination, 'Withdraw a nomination'],
  ] as const;
  for (const [path, type, operationId, body, summary] of steps) {
    app.post(`${base}/nominations/:nominationId/${path}`, {
      // National honours of forwarded nominations are recorded by the national alliance.
      config: { access: path === 'honour' ? 'honour' : 'write' },
      schema: { tags: ['nominations'], operationId, summary: `${summary} (${type})`, params: NomParams, headers: CommandHeaders, body, response: { 200: CommandResultSchema, ...commandProblems } },
    }, async (req, reply) =>
      kit.command(req, reply, nomination(req.params, { type, nominationId: req.params.nominationId, ...(req.body as object) } as NominationCommand), { province: req.params.code }));
  }
};
