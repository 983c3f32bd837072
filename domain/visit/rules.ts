import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * The rules of visit to cooperatives (chuyến thăm, làm việc với htx).
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const VISIT_RULES = TEXTS satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof VISIT_RULES> = failWith({ ...SHARED_RULES, ...VISIT_RULES });
