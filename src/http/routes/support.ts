import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveSupport,
  DisburseSupport,
  RecordLoanAppraisal,
  ReverseDisbursement,
  supportDecider,
  supportStream,
  type SupportCommand,
} from '../../../domain/support/support.ts';
import { FundSource } from '../../../domain/campaign/campaign.ts';
import { campaignDocuments, campaignKey } from '../../../projections/catalog.ts';
import { PageQuery, ReadQuery, pageSchema, readProblems } from '../schemas.ts';
import { cursorPosition, keep, pageByCount, pageInOrder } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { CampaignParams } from './campaigns.ts';
import { loadCampaignAndCooperative, ofCampaign } from './loaders.ts';
import { ApprovalView, DisbursementView } from '../../../projections/folds/support.ts';

/** Support of a campaign: approvals, disbursements, reversals, loan appraisals. */
export const supportRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';

  const support = (p: { code: string; year: number }, command: SupportCommand, cooperativeId?: string) => ({
    stream: supportStream(p.code, p.year),
    decider: supportDecider,
    command,
    context: () => loadCampaignAndCooperative(kit.streams, p.code, p.year, cooperativeId),
  });
  commandRoute(app, kit, {
    path: `${base}/support-approvals`,
    tags: ['support'],
    operationId: 'approveSupport',
    summary: 'Approve support for a cooperative (ApproveSupport)',
    params: CampaignParams,
    body: ApproveSupport,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/support-approvals/${b.approvalId}`,
    plan: (p, b) => support(p, { type: 'ApproveSupport', ...b }, b.cooperativeId),
  });
  app.get(
    `${base}/support-approvals`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['support'],
        operationId: 'listSupportApprovals',
        summary: 'Approvals of a campaign with amounts disbursed',
        params: CampaignParams,
        querystring: PageQuery.extend({ fund: FundSource.optional(), cooperativeId: z.uuid().optional() }),
        response: { 200: pageSchema(ApprovalView, 'SupportApprovalPage'), ...readProblems },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await kit.catalog(q.minPosition);
      const approvals = campaignDocuments(c, req.params.code, req.params.year, 'approvals', cursorPosition(q.cursor));
      const items = keep(
        approvals,
        (a) =>
          (q.fund === undefined || a.fund === q.fund) &&
          (q.cooperativeId === undefined || a.cooperativeId === q.cooperativeId),
      );
      return pageInOrder(items, q.limit, q.cursor);
    },
  );
  app.get(
    `${base}/support-approvals/:approvalId`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['support'],
        operationId: 'getSupportApproval',
        summary: 'One approval',
        params: CampaignParams.extend({ approvalId: z.uuid() }),
        querystring: ReadQuery,
        response: { 200: ApprovalView, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      const a = c.approvals.get(req.params.approvalId);
      return kit.resource(req, reply, ofCampaign(a, req.params), `approval ${req.params.approvalId}`);
    },
  );
  commandRoute(app, kit, {
    path: `${base}/disbursements`,
    tags: ['support'],
    operationId: 'disburseSupport',
    summary: 'Disburse a tranche of an approval (DisburseSupport)',
    params: CampaignParams,
    body: DisburseSupport,
    created: true,
    plan: (p, b) => support(p, { type: 'DisburseSupport', ...b }),
  });
  app.get(
    `${base}/disbursements`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['support'],
        operationId: 'listDisbursements',
        summary: 'Disbursements of a campaign',
        params: CampaignParams,
        querystring: PageQuery.extend({ approvalId: z.uuid().optional() }),
        response: { 200: pageSchema(DisbursementView, 'DisbursementPage'), ...readProblems },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await kit.catalog(q.minPosition);
      const disbursements = campaignDocuments(
        c,
        req.params.code,
        req.params.year,
        'disbursements',
        cursorPosition(q.cursor),
      );
      const items = keep(disbursements, (d) => q.approvalId === undefined || d.approvalId === q.approvalId);
      return pageInOrder(items, q.limit, q.cursor);
    },
  );
  commandRoute(app, kit, {
    path: `${base}/disbursements/:disbursementId/reversal`,
    tags: ['support'],
    operationId: 'reverseDisbursement',
    summary: 'Reverse a disbursement (ReverseDisbursement)',
    params: CampaignParams.extend({ disbursementId: z.uuid() }),
    body: ReverseDisbursement.omit({ disbursementId: true }),
    plan: (p, b) => support(p, { type: 'ReverseDisbursement', disbursementId: p.disbursementId, ...b }),
  });
  commandRoute(app, kit, {
    path: `${base}/loan-appraisals`,
    tags: ['support'],
    operationId: 'recordLoanAppraisal',
    summary: 'Record a loan appraisal (RecordLoanAppraisal)',
    params: CampaignParams,
    body: RecordLoanAppraisal,
    created: true,
    plan: (p, b) => support(p, { type: 'RecordLoanAppraisal', ...b }, b.cooperativeId),
  });
  app.get(
    `${base}/loan-appraisals`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['support'],
        operationId: 'listLoanAppraisals',
        summary: 'Loan appraisals of a campaign, in the order recorded',
        params: CampaignParams,
        querystring: PageQuery,
        response: { 200: pageSchema(RecordLoanAppraisal, 'LoanAppraisalPage'), ...readProblems },
      },
    },
    async (req) => {
      const c = await kit.catalog(req.query.minPosition);
      return pageByCount(
        c.records.get(campaignKey(req.params.code, req.params.year))?.appraisals ?? [],
        req.query.limit,
        req.query.cursor,
      );
    },
  );
};
