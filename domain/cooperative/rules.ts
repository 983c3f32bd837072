import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of the cooperative register, and who may be supported or nominated.
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const COOPERATIVE_RULES = TEXTS satisfies RuleBook;

/** Fails a command with one of the rules of cooperatives or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof COOPERATIVE_RULES> = failWith({
  ...SHARED_RULES,
  ...COOPERATIVE_RULES,
});
