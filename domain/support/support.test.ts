import { expect } from 'vitest';
import { describe, it } from 'vitest';
import {
  COOP_A,
  COOP_ELSEWHERE,
  closedCampaign,
  coop,
  id,
  noCampaign,
  openCampaign,
} from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { supportDecider, type ApproveSupport, type SupportEvent } from './support.ts';

const support = spec(supportDecider);
const scope = { organiser: '67', year: 2024 };
const coopA = coop(COOP_A, '67');
const ctx = { campaign: openCampaign, cooperative: coopA };
const approval: ApproveSupport = {
  approvalId: id(1),
  decision: { number: '45/QĐ-LMHTX', date: '2024-03-10' },
  cooperativeId: COOP_A,
  fund: 'provincial-support-fund',
  form: 'grant',
  amount: 195_000_000,
};
const approved: SupportEvent = { type: 'SupportApproved', data: { ...scope, ...approval } };
const disbursed: SupportEvent = {
  type: 'SupportDisbursed',
  data: {
    ...scope,
    disbursementId: id(2),
    approvalId: id(1),
    amount: 195_000_000,
    date: '2024-04-05',
    reference: 'UNC-0405',
    cooperativeId: COOP_A,
    fund: 'provincial-support-fund',
  },
};

describe('ApproveSupport', () => {
  it('given an open campaign with a fund budget, when support is approved for an active cooperative of the province, then it is approved', () => {
    support
      .given([], ctx)
      .when({ type: 'ApproveSupport', ...approval })
      .then([approved]);
  });

  it('refuses support beyond the fund budget, saying what is still available', () => {
    support
      .given([approved], ctx)
      .when({ type: 'ApproveSupport', ...approval, approvalId: id(9), amount: 305_000_001 })
      .thenFails('fund-budget-exceeded', { budget: 500_000_000, approved: 195_000_000, available: 305_000_000 });
  });

  it('refuses a fund the plan has no budget for', () => {
    support
      .given([], ctx)
      .when({ type: 'ApproveSupport', ...approval, fund: 'central-budget' })
      .thenFails('fund-not-budgeted');
  });

  it('refuses unregistered, inactive and other-province cooperatives', () => {
    support
      .given([], { campaign: openCampaign })
      .when({ type: 'ApproveSupport', ...approval })
      .thenFails('cooperative-not-registered');
    const suspended = coop(COOP_A, '67', '2019-05-10', [
      {
        type: 'CooperativeStatusChanged',
        data: {
          cooperativeId: COOP_A,
          from: 'active',
          to: 'suspended',
          effectiveOn: '2024-01-02',
          reason: 'Tạm ngừng',
        },
      },
    ]);
    support
      .given([], { campaign: openCampaign, cooperative: suspended })
      .when({ type: 'ApproveSupport', ...approval })
      .thenFails('cooperative-not-active');
    const elsewhere = coop(COOP_ELSEWHERE, '72');
    support
      .given([], { campaign: openCampaign, cooperative: elsewhere })
      .when({ type: 'ApproveSupport', ...approval, cooperativeId: COOP_ELSEWHERE })
      .thenFails('cooperative-other-province');
  });

  it('refuses a second approval with the same id, a decision dated outside the year, an unknown activity', () => {
    support
      .given([approved], ctx)
      .when({ type: 'ApproveSupport', ...approval, amount: 1 })
      .thenFails('approval-already-recorded');
    support
      .given([], ctx)
      .when({ type: 'ApproveSupport', ...approval, decision: { number: '1', date: '2023-12-30' } })
      .thenFails('date-outside-campaign-year');
    support
      .given([], ctx)
      .when({ type: 'ApproveSupport', ...approval, activityId: 'nope' })
      .thenFails('unknown-activity');
  });

  it('refuses records in a campaign that is not launched or is closed', () => {
    support
      .given([], { campaign: noCampaign, cooperative: coopA })
      .when({ type: 'ApproveSupport', ...approval })
      .thenFails('campaign-not-launched');
    support
      .given([], { campaign: closedCampaign, cooperative: coopA })
      .when({ type: 'ApproveSupport', ...approval })
      .thenFails('campaign-closed');
  });
});

describe('DisburseSupport', () => {
  const cmd = {
    type: 'DisburseSupport' as const,
    disbursementId: id(2),
    approvalId: id(1),
    amount: 195_000_000,
    date: '2024-04-05',
    reference: 'UNC-0405',
  };

  it('given an approval, when a tranche is disbursed, then it is recorded against the approval and its fund', () => {
    support.given([approved], ctx).when(cmd).then([disbursed]);
  });

  it('refuses to disburse more than approved, with what remains', () => {
    support
      .given([approved], ctx)
      .when({ ...cmd, amount: 100_000_000 })
      .then([{ ...disbursed, data: { ...disbursed.data, amount: 100_000_000 } } as SupportEvent]);
    support
      .given([approved, { ...disbursed, data: { ...disbursed.data, amount: 100_000_000 } } as SupportEvent], ctx)
      .when({ ...cmd, disbursementId: id(3), amount: 95_000_001 })
      .thenFails('disbursement-exceeds-approved', { remaining: 95_000_000 });
  });

  it('refuses an unknown approval and a repeated disbursement id', () => {
    support.given([], ctx).when(cmd).thenFails('approval-not-found');
    support
      .given([approved, disbursed], ctx)
      .when({ ...cmd, amount: 1 })
      .thenFails('disbursement-already-recorded');
  });
});

describe('ReverseDisbursement', () => {
  const cmd = {
    type: 'ReverseDisbursement' as const,
    disbursementId: id(2),
    date: '2024-04-20',
    reason: 'Sai tài khoản',
  };
  const reversed: SupportEvent = {
    type: 'DisbursementReversed',
    data: {
      ...scope,
      disbursementId: id(2),
      date: '2024-04-20',
      reason: 'Sai tài khoản',
      approvalId: id(1),
      cooperativeId: COOP_A,
      fund: 'provincial-support-fund',
      amount: 195_000_000,
    },
  };

  it('given a disbursement, when it is reversed, then the amount can be disbursed again', () => {
    support.given([approved, disbursed], ctx).when(cmd).then([reversed]);
    support
      .given([approved, disbursed, reversed], ctx)
      .when({
        type: 'DisburseSupport',
        disbursementId: id(4),
        approvalId: id(1),
        amount: 195_000_000,
        date: '2024-04-22',
        reference: 'UNC-0422',
      })
      .then([expect.objectContaining({ type: 'SupportDisbursed' }) as SupportEvent]);
  });

  it('refuses an unknown disbursement and a second reversal', () => {
    support.given([approved], ctx).when(cmd).thenFails('disbursement-not-found');
    support.given([approved, disbursed, reversed], ctx).when(cmd).thenFails('disbursement-already-reversed');
  });
});

describe('RecordLoanAppraisal', () => {
  const cmd = {
    type: 'RecordLoanAppraisal' as const,
    appraisalId: id(7),
    cooperativeId: COOP_A,
    fund: 'vca-support-fund' as const,
    requestedAmount: 1_000_000_000,
    date: '2024-04-15',
    outcome: 'recommended' as const,
  };
  it('given an eligible cooperative, when a loan application is appraised, then the outcome is recorded', () => {
    support
      .given([], ctx)
      .when(cmd)
      .then([{ type: 'LoanAppraised', data: { ...scope, ...(({ type: _t, ...r }) => r)(cmd) } }]);
  });
  it('refuses an appraisal recorded twice or for a cooperative of another province', () => {
    support
      .given([{ type: 'LoanAppraised', data: { ...scope, ...(({ type: _t, ...r }) => r)(cmd) } }], ctx)
      .when(cmd)
      .thenFails('appraisal-already-recorded');
    support
      .given([], { campaign: openCampaign, cooperative: coop(COOP_ELSEWHERE, '72') })
      .when({ ...cmd, cooperativeId: COOP_ELSEWHERE })
      .thenFails('cooperative-other-province');
  });
});
