import { SHARED_RULES, failWith, type Fail, amountsVi, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of support: approvals, disbursements, loan appraisals.
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const SUPPORT_RULES = {
  ...TEXTS,
  'fund-budget-exceeded': { ...TEXTS['fund-budget-exceeded'], detailVi: amountsVi },
  'disbursement-exceeds-approved': { ...TEXTS['disbursement-exceeds-approved'], detailVi: amountsVi },
} satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof SUPPORT_RULES> = failWith({ ...SHARED_RULES, ...SUPPORT_RULES });
