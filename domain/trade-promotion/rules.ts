import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of trade promotion (hoạt động xúc tiến thương mại).
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const TRADE_PROMOTION_RULES = TEXTS satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof TRADE_PROMOTION_RULES> = failWith({
  ...SHARED_RULES,
  ...TRADE_PROMOTION_RULES,
});
