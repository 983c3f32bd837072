import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of admission rounds and founding advice. Each with what it protects, in English and Vietnamese. */
export const MEMBERSHIP_RULES = {
  'round-already-recorded': {
    en: 'an admission round is recorded once',
    vi: { title: 'Đợt kết nạp đã được ghi', rule: 'mỗi đợt kết nạp thành viên chỉ ghi một lần' },
  },
  'advice-already-recorded': {
    en: 'an advice record is recorded once',
    vi: { title: 'Tư vấn đã được ghi', rule: 'mỗi lần tư vấn thành lập chỉ ghi một lần' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof MEMBERSHIP_RULES> = failWith({
  ...SHARED_RULES,
  ...MEMBERSHIP_RULES,
});
