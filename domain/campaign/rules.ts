import { SHARED_RULES, failWith, type Fail, amountsVi, viDate, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of a campaign's plan.
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const CAMPAIGN_RULES = {
  ...TEXTS,
  'budget-below-approved': { ...TEXTS['budget-below-approved'], detailVi: amountsVi },
  'date-outside-campaign-year': {
    ...TEXTS['date-outside-campaign-year'],
    detailVi: (d) => `ngày ${viDate(String(d.date))} không thuộc năm ${String(d.year)} của kế hoạch`,
  },
} satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof CAMPAIGN_RULES> = failWith({ ...SHARED_RULES, ...CAMPAIGN_RULES });
