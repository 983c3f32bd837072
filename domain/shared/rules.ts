import { DomainError } from './errors.ts';

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

/** Rules every capability applies: the campaign a record belongs to, and the administrative map. Each with what it protects, in English and Vietnamese. */
export const SHARED_RULES = {
  'campaign-not-launched': {
    en: 'a record needs the campaign it belongs to to be launched first',
    vi: {
      title: 'Chưa phát động',
      rule: 'cần phát động kế hoạch của năm trước khi ghi các hoạt động thuộc kế hoạch đó',
    },
  },
  'district-after-2025': {
    en: 'districts were abolished on 1 July 2025; later records name communes only',
    vi: {
      title: 'Không còn cấp huyện',
      rule: 'cấp huyện đã bỏ từ ngày 1/7/2025; các bản ghi sau đó chỉ ghi xã, phường',
    },
  },
  'unknown-province': {
    title: 'Unknown province code',
    en: 'province codes come from the official list in force at the time',
    vi: { title: 'Mã tỉnh không có', rule: 'mã tỉnh lấy theo danh mục chính thức có hiệu lực tại thời điểm đó' },
  },
  'province-merged': {
    en: 'a province merged on 1 July 2025 under another code takes no records dated from that day; its successor records them',
    vi: {
      title: 'Tỉnh đã sáp nhập',
      rule: 'tỉnh đã sáp nhập từ ngày 1/7/2025 vào tỉnh mang mã khác không nhận bản ghi từ ngày đó; tỉnh kế thừa ghi các bản ghi này',
    },
    detailVi: (d) => {
      const to = (d.successor ?? {}) as { code?: string; name?: string };
      const from = typeof d.name === 'string' ? `${d.name} (${String(d.code)})` : `Tỉnh mã ${String(d.code)}`;
      return `${from} đã sáp nhập vào ${to.name ?? ''} (${to.code ?? ''}) từ ngày 01/07/2025: bản ghi ngày ${viDate(String(d.date))} thuộc tỉnh ${to.code ?? ''} (${to.name ?? ''})`;
    },
  },
} as const satisfies RuleBook;

/** Fails with a shared rule. */
export const fail: Fail<typeof SHARED_RULES> = failWith(SHARED_RULES);
