import { DomainError } from './errors.ts';
import TEXTS from './rules.json' with { type: 'json' };

/**
 * A rule of the domain, as its capability declares it (domain/<capability>/rules.ts): what it
 * protects in English and in Vietnamese. The problem catalogue (src/http/problem-catalogue.ts)
 * gathers every registered capability's rules; a broken one answers 422 with its code as the
 * problem type, and GET /problems/{code} describes it.
 */
export interface RuleText {
  /** The English title, where one says more than "A rule of the record was broken". */
  title?: string;
  /** What the rule protects, for people. */
  en: string;
  vi: { title: string; rule: string };
  /** The Vietnamese detail, from the error's details, where it says more than the rule. */
  detailVi?: (details: Record<string, unknown>, ruleVi: string) => string;
}
export type RuleBook = Readonly<Record<string, RuleText>>;

/** Fails a command with a rule of the book (typed, so that the compiler knows it does not return). */
export type Fail<R extends RuleBook> = (
  code: keyof R & string,
  message: string,
  details?: Record<string, unknown>,
) => never;

/** A `fail` for the rules of one book: the code is checked against the book at compile time. */
export function failWith<R extends RuleBook>(book: R): Fail<R> {
  return (code: keyof R & string, message: string, details: Record<string, unknown> = {}): never => {
    throw new DomainError(code, (book[code] as RuleText).en, message, details);
  };
}

/** 2025-07-10 as 10/07/2025; anything else as it is. */
export function viDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m === null ? s : `${m[3]}/${m[2]}/${m[1]}`;
}

const money = (n: unknown): string => (typeof n === 'number' ? `${n.toLocaleString('vi-VN')} đồng` : String(n));

/** The rule, then each amount of the details in đồng. */
export const amountsVi = (d: Record<string, unknown>, ruleVi: string): string =>
  `${ruleVi}${Object.entries(d)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `; ${k}: ${money(v)}`)
    .join('')}`;

/**
 * Rules every capability applies: the campaign a record belongs to, and the administrative map.
 * Each with what it protects, in English and Vietnamese; the texts are in rules.json.
 */
export const SHARED_RULES = {
  ...TEXTS,
  'province-merged': {
    ...TEXTS['province-merged'],
    detailVi: (d) => {
      const to = (d.successor ?? {}) as { code?: string; name?: string };
      const from = typeof d.name === 'string' ? `${d.name} (${String(d.code)})` : `Tỉnh mã ${String(d.code)}`;
      const successor = `${to.name ?? ''} (${to.code ?? ''})`;
      const since = `từ ngày 01/07/2025: bản ghi ngày ${viDate(String(d.date))}`;
      return `${from} đã sáp nhập vào ${successor} ${since} thuộc tỉnh ${to.code ?? ''} (${to.name ?? ''})`;
    },
  },
  'takeover-not-successor': {
    ...TEXTS['takeover-not-successor'],
    detailVi: (d) => {
      const to = (d.successor ?? {}) as { code?: string; name?: string };
      return `Tỉnh mã ${String(d.code)} đã sáp nhập vào ${to.name ?? ''} (${to.code ?? ''}): chỉ tỉnh ${to.code ?? ''} tiếp nhận bản ghi, không phải tỉnh mã ${String(d.to)}`;
    },
  },
  'takeover-before-reform': {
    ...TEXTS['takeover-before-reform'],
    detailVi: (d, rule) => `${rule}; ngày tiếp nhận: ${viDate(String(d.date))}`,
  },
} satisfies RuleBook;

/** Fails with a shared rule. */
export const fail: Fail<typeof SHARED_RULES> = failWith(SHARED_RULES);
