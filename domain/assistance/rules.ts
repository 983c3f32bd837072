import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of support in kind (hỗ trợ không bằng tiền).
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const ASSISTANCE_RULES = TEXTS satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof ASSISTANCE_RULES> = failWith({
  ...SHARED_RULES,
  ...ASSISTANCE_RULES,
});
