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
import { PageQuery, ReadQuery, Period, inPeriod, pageSchema } from '../schemas.ts';
import { keep } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
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
    form: { title: 'Ghi quyết định phê duyệt hỗ trợ', ownId: 'approvalId' },
    summary: 'Approve support for a cooperative (ApproveSupport)',
    params: CampaignParams,
    body: ApproveSupport,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/support-approvals/${b.approvalId}`,
    plan: (p, b) => support(p, { type: 'ApproveSupport', ...b }, b.cooperativeId),
  });
  readRoute(app, kit, {
    path: `${base}/support-approvals`,
    tags: ['support'],
    operationId: 'listSupportApprovals',
    summary: 'Approvals of a campaign with amounts disbursed',
    params: CampaignParams,
    querystring: PageQuery.extend({ fund: FundSource.optional(), cooperativeId: z.uuid().optional() }).extend(
      Period.shape,
    ),
    page: pageSchema(ApprovalView, 'SupportApprovalPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        campaignDocuments(c, p.code, p.year, 'approvals', after),
        (a) =>
          (q.fund === undefined || a.fund === q.fund) &&
          (q.cooperativeId === undefined || a.cooperativeId === q.cooperativeId) &&
          inPeriod(q, a.decision.date),
      ),
  });
  readRoute(app, kit, {
    path: `${base}/support-approvals/:approvalId`,
    tags: ['support'],
    operationId: 'getSupportApproval',
    summary: 'One approval',
    params: CampaignParams.extend({ approvalId: z.uuid() }),
    querystring: ReadQuery,
    resource: ApprovalView,
    answer: (c, p) => ofCampaign(c.approvals.get(p.approvalId), p),
    what: (p) => `approval ${p.approvalId}`,
  });
  commandRoute(app, kit, {
    path: `${base}/disbursements`,
    tags: ['support'],
    operationId: 'disburseSupport',
    form: { title: 'Ghi giải ngân', ownId: 'disbursementId' },
    summary: 'Disburse a tranche of an approval (DisburseSupport)',
    params: CampaignParams,
    body: DisburseSupport,
    created: true,
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    plan: (p, b) => support(p, { type: 'DisburseSupport', ...b }),
  });
  readRoute(app, kit, {
    path: `${base}/disbursements`,
    tags: ['support'],
    operationId: 'listDisbursements',
    summary: 'Disbursements of a campaign',
    params: CampaignParams,
    querystring: PageQuery.extend({ approvalId: z.uuid().optional() }).extend(Period.shape),
    page: pageSchema(DisbursementView, 'DisbursementPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        campaignDocuments(c, p.code, p.year, 'disbursements', after),
        (d) => (q.approvalId === undefined || d.approvalId === q.approvalId) && inPeriod(q, d.date),
      ),
  });
  commandRoute(app, kit, {
    path: `${base}/disbursements/:disbursementId/reversal`,
    tags: ['support'],
    operationId: 'reverseDisbursement',
    form: { title: 'Hủy một lần giải ngân' },
    summary: 'Reverse a disbursement (ReverseDisbursement)',
    params: CampaignParams.extend({ disbursementId: z.uuid() }),
    body: ReverseDisbursement.omit({ disbursementId: true }),
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    plan: (p, b) => support(p, { type: 'ReverseDisbursement', disbursementId: p.disbursementId, ...b }),
  });
  commandRoute(app, kit, {
    path: `${base}/loan-appraisals`,
    tags: ['support'],
    operationId: 'recordLoanAppraisal',
    form: { title: 'Ghi thẩm định hồ sơ vay', ownId: 'appraisalId' },
    summary: 'Record a loan appraisal (RecordLoanAppraisal)',
    params: CampaignParams,
    body: RecordLoanAppraisal,
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    created: true,
    plan: (p, b) => support(p, { type: 'RecordLoanAppraisal', ...b }, b.cooperativeId),
  });
  readRoute(app, kit, {
    path: `${base}/loan-appraisals`,
    tags: ['support'],
    operationId: 'listLoanAppraisals',
    summary: 'Loan appraisals of a campaign, in the order recorded',
    params: CampaignParams,
    querystring: PageQuery.extend(Period.shape),
    page: pageSchema(RecordLoanAppraisal, 'LoanAppraisalPage'),
    paging: 'by-count',
    items: (c, p, q) =>
      (c.records.get(campaignKey(p.code, p.year))?.appraisals ?? []).filter((a) => inPeriod(q, a.date)),
  });
};
