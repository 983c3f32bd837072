import { z } from 'zod';
import { Text } from '../shared/text.ts';
import {
  FundSource,
  DocumentRef,
  requireDateInCampaignYear,
  requireKnownActivity,
  requireOpenCampaign,
  type CampaignState,
} from '../campaign/campaign.ts';
import type { CooperativeState } from '../cooperative/cooperative.ts';
import { requireEligibleCooperative } from '../cooperative/eligibility.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { PositiveVnd, Vnd } from '../shared/money.ts';
import { LocalDate } from '../shared/time.ts';

export const SupportForm = z.enum(['grant', 'loan']);
export const AppraisalOutcome = z.enum(['recommended', 'not-recommended', 'needs-more-information']);

export const ApproveSupport = z.object({
  approvalId: z.uuid(),
  decision: DocumentRef,
  cooperativeId: z.uuid(),
  fund: FundSource,
  form: SupportForm,
  amount: PositiveVnd,
  purpose: Text(1000).optional(),
  activityId: z.string().optional(),
});
export type ApproveSupport = z.infer<typeof ApproveSupport>;

export const DisburseSupport = z.object({
  disbursementId: z.uuid(),
  approvalId: z.uuid(),
  amount: PositiveVnd,
  date: LocalDate,
  reference: Text(100),
});
export type DisburseSupport = z.infer<typeof DisburseSupport>;

export const ReverseDisbursement = z.object({ disbursementId: z.uuid(), date: LocalDate, reason: Text(2000) });
export type ReverseDisbursement = z.infer<typeof ReverseDisbursement>;

export const RecordLoanAppraisal = z.object({
  appraisalId: z.uuid(),
  cooperativeId: z.uuid(),
  fund: FundSource,
  requestedAmount: PositiveVnd,
  date: LocalDate,
  outcome: AppraisalOutcome,
  recommendedAmount: Vnd.optional(),
  notes: Text(2000).optional(),
});
export type RecordLoanAppraisal = z.infer<typeof RecordLoanAppraisal>;

export type SupportCommand =
  | ({ type: 'ApproveSupport' } & ApproveSupport)
  | ({ type: 'DisburseSupport' } & DisburseSupport)
  | ({ type: 'ReverseDisbursement' } & ReverseDisbursement)
  | ({ type: 'RecordLoanAppraisal' } & RecordLoanAppraisal);

interface Scope {
  organiser: string;
  year: number;
}
export type SupportApproved = DomainEvent<'SupportApproved', Scope & ApproveSupport>;
export type SupportDisbursed = DomainEvent<
  'SupportDisbursed',
  Scope & DisburseSupport & { cooperativeId: string; fund: FundSource }
>;
export type DisbursementReversed = DomainEvent<
  'DisbursementReversed',
  Scope & ReverseDisbursement & { approvalId: string; cooperativeId: string; fund: FundSource; amount: number }
>;
export type LoanAppraised = DomainEvent<'LoanAppraised', Scope & RecordLoanAppraisal>;
export type SupportEvent = SupportApproved | SupportDisbursed | DisbursementReversed | LoanAppraised;

export interface Approval {
  approvalId: string;
  cooperativeId: string;
  fund: FundSource;
  form: 'grant' | 'loan';
  amount: number;
  disbursed: number;
}

export interface SupportState {
  approvals: Record<string, Approval>;
  disbursements: Record<string, { approvalId: string; amount: number; reversed: boolean }>;
  approvedByFund: Partial<Record<FundSource, number>>;
  appraisals: Record<string, true>;
}

export const initialSupportState = (): SupportState => ({
  approvals: {},
  disbursements: {},
  approvedByFund: {},
  appraisals: {},
});

export interface SupportContext {
  campaign: CampaignState;
  /** The cooperative the command names, when it names one. */
  cooperative?: CooperativeState;
}

export function supportStream(organiser: string, year: number): string {
  return `support-${organiser}-${year}`;
}

export const supportDecider: Decider<SupportCommand, SupportEvent, SupportState, SupportContext> = {
  initialState: initialSupportState,

  evolve(state, event) {
    switch (event.type) {
      case 'SupportApproved': {
        const d = event.data;
        return {
          ...state,
          approvals: {
            ...state.approvals,
            [d.approvalId]: {
              approvalId: d.approvalId,
              cooperativeId: d.cooperativeId,
              fund: d.fund,
              form: d.form,
              amount: d.amount,
              disbursed: 0,
            },
          },
          approvedByFund: { ...state.approvedByFund, [d.fund]: (state.approvedByFund[d.fund] ?? 0) + d.amount },
        };
      }
      case 'SupportDisbursed': {
        const d = event.data;
        const a = state.approvals[d.approvalId] as Approval;
        return {
          ...state,
          approvals: { ...state.approvals, [d.approvalId]: { ...a, disbursed: a.disbursed + d.amount } },
          disbursements: {
            ...state.disbursements,
            [d.disbursementId]: { approvalId: d.approvalId, amount: d.amount, reversed: false },
          },
        };
      }
      case 'DisbursementReversed': {
        const d = event.data;
        const a = state.approvals[d.approvalId] as Approval;
        const x = state.disbursements[d.disbursementId];
        return {
          ...state,
          approvals: { ...state.approvals, [d.approvalId]: { ...a, disbursed: a.disbursed - d.amount } },
          disbursements: {
            ...state.disbursements,
            [d.disbursementId]: { ...(x as NonNullable<typeof x>), reversed: true },
          },
        };
      }
      case 'LoanAppraised':
        return { ...state, appraisals: { ...state.appraisals, [event.data.appraisalId]: true } };
    }
  },

  decide(command, state, { campaign, cooperative }) {
    requireOpenCampaign(campaign);
    const scope = { organiser: campaign.organiser as string, year: campaign.year };
    switch (command.type) {
      case 'ApproveSupport': {
        const { type: _t, ...c } = command;
        if (state.approvals[c.approvalId])
          fail('approval-already-recorded', `approval ${c.approvalId} is already recorded`);
        requireDateInCampaignYear(campaign, c.decision.date);
        requireKnownActivity(campaign, c.activityId);
        requireEligibleCooperative(campaign, cooperative, c.cooperativeId);
        const line = campaign.budgets.find((b) => b.fund === c.fund);
        if (line === undefined) {
          fail('fund-not-budgeted', `the campaign plan has no budget for fund "${c.fund}"`, { fund: c.fund });
        }
        const approved = state.approvedByFund[c.fund] ?? 0;
        if (approved + c.amount > line.amount) {
          fail(
            'fund-budget-exceeded',
            `approving ${c.amount} đồng would bring fund "${c.fund}" ` +
              `to ${approved + c.amount} of a ${line.amount} đồng budget`,
            {
              fund: c.fund,
              budget: line.amount,
              approved,
              requested: c.amount,
              available: line.amount - approved,
            },
          );
        }
        return [{ type: 'SupportApproved', data: { ...scope, ...c } }];
      }
      case 'DisburseSupport': {
        const { type: _t, ...c } = command;
        if (state.disbursements[c.disbursementId])
          fail('disbursement-already-recorded', `disbursement ${c.disbursementId} is already recorded`);
        const a = state.approvals[c.approvalId];
        if (a === undefined)
          fail('approval-not-found', `no approval ${c.approvalId} in this campaign`, { approvalId: c.approvalId });
        requireDateInCampaignYear(campaign, c.date);
        if (a.disbursed + c.amount > a.amount) {
          fail(
            'disbursement-exceeds-approved',
            `disbursing ${c.amount} đồng would bring the total to ${a.disbursed + c.amount} of ${a.amount} approved`,
            {
              approved: a.amount,
              disbursed: a.disbursed,
              requested: c.amount,
              remaining: a.amount - a.disbursed,
            },
          );
        }
        return [{ type: 'SupportDisbursed', data: { ...scope, ...c, cooperativeId: a.cooperativeId, fund: a.fund } }];
      }
      case 'ReverseDisbursement': {
        const { type: _t, ...c } = command;
        const x = state.disbursements[c.disbursementId];
        if (x === undefined) fail('disbursement-not-found', `no disbursement ${c.disbursementId} in this campaign`);
        if (x.reversed) fail('disbursement-already-reversed', `disbursement ${c.disbursementId} is already reversed`);
        const a = state.approvals[x.approvalId] as Approval;
        return [
          {
            type: 'DisbursementReversed',
            data: {
              ...scope,
              ...c,
              approvalId: x.approvalId,
              cooperativeId: a.cooperativeId,
              fund: a.fund,
              amount: x.amount,
            },
          },
        ];
      }
      case 'RecordLoanAppraisal': {
        const { type: _t, ...c } = command;
        if (state.appraisals[c.appraisalId])
          fail('appraisal-already-recorded', `appraisal ${c.appraisalId} is already recorded`);
        requireDateInCampaignYear(campaign, c.date);
        requireEligibleCooperative(campaign, cooperative, c.cooperativeId);
        return [{ type: 'LoanAppraised', data: { ...scope, ...c } }];
      }
    }
  },
};
