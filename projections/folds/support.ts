import { z } from 'zod';
import { FundSource } from '../../domain/campaign/campaign.ts';
import { SUPPORT_RULES } from '../../domain/support/rules.ts';
import { ApproveSupport, DisburseSupport, supportStream, type SupportEvent } from '../../domain/support/support.ts';
import {
  campaignRecords,
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  Positioned,
  recordsOf,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** An approval with the amount disbursed from it so far. */
export const ApprovalView = ApproveSupport.extend({
  ...InCampaign,
  disbursed: z.number().int(),
  ...Versioned,
  ...Positioned,
}).meta({ id: 'SupportApproval' });
export type ApprovalView = z.infer<typeof ApprovalView> & Kept;
/** A disbursement, with the cooperative and fund of its approval, and whether it was reversed. */
export const DisbursementView = DisburseSupport.extend({
  ...InCampaign,
  cooperativeId: z.string(),
  fund: FundSource,
  reversed: z.boolean(),
  ...Versioned,
  ...Positioned,
}).meta({ id: 'Disbursement' });
export type DisbursementView = z.infer<typeof DisbursementView> & Kept;
import { bump, creditKey, fundKey } from '../series.ts';

const slices = {
  approvals: campaignRecords<ApprovalView>()(8, 'approvalId'),
  disbursements: campaignRecords<DisbursementView>()(9, 'disbursementId'),
};

/** Support: approvals, disbursements and their reversals, loan appraisals; figures per fund and activity. */
export function foldSupport(c: FoldTarget<typeof slices>, e: SupportEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'SupportApproved': {
      const d = e.data;
      const r = recordsOf(c, d.organiser, d.year);
      r.supportRevision = at.revision;
      const day = d.decision.date;
      bump(r.series, 'approvedVnd', day, d.amount);
      bump(r.series, fundKey(d.fund, 'approved'), day, d.amount);
      const first = r.firstApproval[d.cooperativeId];
      if (first === undefined || day < first.date) {
        if (first !== undefined) {
          bump(r.series, 'cooperativesSupported', first.date, -1);
          bump(r.series, creditKey(first.activityId, 'cooperatives-supported'), first.date, -1);
        }
        r.firstApproval[d.cooperativeId] = {
          date: day,
          ...(d.activityId !== undefined ? { activityId: d.activityId } : {}),
        };
        bump(r.series, 'cooperativesSupported', day, 1);
        bump(r.series, creditKey(d.activityId, 'cooperatives-supported'), day, 1);
      }
      c.approvals.set(d.approvalId, {
        organiser: d.organiser,
        year: d.year,
        approvalId: d.approvalId,
        decision: d.decision,
        cooperativeId: d.cooperativeId,
        fund: d.fund,
        form: d.form,
        amount: d.amount,
        purpose: d.purpose,
        activityId: d.activityId,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        disbursed: 0,
        position: at.position,
      });
      return;
    }
    case 'SupportDisbursed': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.supportRevision = at.revision;
      const { organiser, year, disbursementId, approvalId, cooperativeId, fund, amount, date, reference } = e.data;
      bump(r.series, 'disbursedVnd', date, amount);
      bump(r.series, fundKey(fund, 'disbursed'), date, amount);
      bump(r.series, creditKey(c.approvals.get(approvalId)?.activityId, 'disbursed-vnd'), date, amount);
      c.disbursements.set(disbursementId, {
        organiser,
        year,
        disbursementId,
        approvalId,
        cooperativeId,
        fund,
        amount,
        date,
        reference,
        reversed: false,
        revision: at.revision,
        updatedAt: at.recordedAt,
        lastPosition: at.position,
        position: at.position,
      });
      const a = c.approvals.get(approvalId);
      if (a) {
        // The approval document is the catalog's own: update it in place and note it changed.
        a.disbursed += amount;
        a.revision = at.revision;
        a.updatedAt = at.recordedAt;
        a.lastPosition = at.position;
        c.approvals.set(approvalId, a);
      }
      return;
    }
    case 'DisbursementReversed': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.supportRevision = at.revision;
      const x = c.disbursements.get(e.data.disbursementId);
      if (x && !x.reversed) {
        bump(r.series, 'disbursedVnd', x.date, -x.amount);
        bump(r.series, fundKey(x.fund, 'disbursed'), x.date, -x.amount);
        bump(r.series, creditKey(c.approvals.get(x.approvalId)?.activityId, 'disbursed-vnd'), x.date, -x.amount);
      }
      if (x) c.disbursements.set(x.disbursementId, { ...x, ...v, reversed: true });
      const a = c.approvals.get(e.data.approvalId);
      if (a) c.approvals.set(a.approvalId, { ...a, ...v, disbursed: a.disbursed - e.data.amount });
      return;
    }
    case 'LoanAppraised': {
      const r = recordsOf(c, e.data.organiser, e.data.year);
      r.supportRevision = at.revision;
      r.appraisals.push(e.data);
      bump(r.series, 'loansAppraised', e.data.date, 1);
      bump(r.series, creditKey(undefined, 'loans-appraised'), e.data.date, 1);
      return;
    }
  }
}

export const supportProjection = capabilityProjection<SupportEvent>()({
  name: 'support',
  slices,
  rules: SUPPORT_RULES,
  events: ['SupportApproved', 'SupportDisbursed', 'DisbursementReversed', 'LoanAppraised'],
  fold: foldSupport,
  ledgerStreams: (code, year) => [supportStream(code, year)],
});
