import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of files attached to records.
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const ATTACHMENT_RULES = TEXTS satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof ATTACHMENT_RULES> = failWith({
  ...SHARED_RULES,
  ...ATTACHMENT_RULES,
});
