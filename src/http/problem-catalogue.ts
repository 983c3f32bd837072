import { SHARED_RULES, type RuleBook, type RuleText } from '../../domain/shared/rules.ts';
import { CAPABILITIES } from '../../projections/capabilities.ts';
import TEXTS from './problems.json' with { type: 'json' };

/**
 * The one problem catalogue: every problem type the service answers, by code, with its status,
 * English title and rule, and Vietnamese title and rule. The HTTP layer's own problems are listed
 * here; the domain's rules are gathered from every registered capability
 * (projections/capabilities.ts) and answer 422. A call site names the code and its values only.
 */
export interface ProblemEntry {
  status: number;
  title: string;
  /** What the problem means, or the rule it protects, for people. */
  en: string;
  vi: { title: string; rule: string };
  detailVi?: RuleText['detailVi'];
}

/** Problems of the HTTP layer itself, beside the domain's rules (the texts are in problems.json). */
export const HTTP_PROBLEMS = TEXTS satisfies Record<string, ProblemEntry>;
export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

const RULE_BROKEN = 'A rule of the record was broken';

/** Every registered capability's rules and the shared ones: a code claimed twice stops the service at start-up. */
export const DOMAIN_RULES: RuleBook = (() => {
  const all: Record<string, RuleText> = { ...SHARED_RULES };
  for (const c of CAPABILITIES)
    for (const [code, rule] of Object.entries(c.rules)) {
      if (Object.hasOwn(all, code) || Object.hasOwn(HTTP_PROBLEMS, code))
        throw new Error(`the problem code ${code} is declared twice (capability ${c.name})`);
      all[code] = rule;
    }
  return all;
})();

/** The catalogue's entry for a code, or undefined for a code it does not have. */
export function problemEntry(code: string): ProblemEntry | undefined {
  if (Object.hasOwn(HTTP_PROBLEMS, code)) return HTTP_PROBLEMS[code as HttpProblemCode];
  if (!Object.hasOwn(DOMAIN_RULES, code)) return undefined;
  const r = DOMAIN_RULES[code] as RuleText;
  return { status: 422, title: r.title ?? RULE_BROKEN, en: r.en, vi: r.vi, detailVi: r.detailVi };
}

/** Every code of the catalogue. */
export const problemCodes = (): string[] => [...Object.keys(HTTP_PROBLEMS), ...Object.keys(DOMAIN_RULES)];
