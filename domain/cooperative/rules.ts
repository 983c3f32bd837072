import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of the cooperative register, and who may be supported or nominated. Each with what it protects, in English and Vietnamese. */
export const COOPERATIVE_RULES = {
  'cooperative-already-registered': {
    en: 'a cooperative is registered once',
    vi: { title: 'HTX đã đăng ký', rule: 'mỗi hợp tác xã chỉ đăng ký một lần' },
  },
  'cooperative-not-registered': {
    en: 'support and nominations go to registered cooperatives',
    vi: { title: 'HTX chưa đăng ký', rule: 'hỗ trợ và đề cử chỉ dành cho hợp tác xã đã đăng ký' },
  },
  'cooperative-not-active': {
    en: 'support and nominations go to active cooperatives',
    vi: { title: 'HTX không hoạt động', rule: 'hỗ trợ và đề cử chỉ dành cho hợp tác xã đang hoạt động' },
  },
  'cooperative-other-province': {
    en: "support and nominations go to cooperatives of the campaign's province",
    vi: { title: 'HTX thuộc tỉnh khác', rule: 'hỗ trợ và đề cử chỉ dành cho hợp tác xã thuộc tỉnh của kế hoạch' },
  },
  'status-unchanged': {
    en: 'a status change changes the status',
    vi: { title: 'Trạng thái không đổi', rule: 'thay đổi trạng thái phải làm trạng thái khác đi' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules of cooperatives or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof COOPERATIVE_RULES> = failWith({
  ...SHARED_RULES,
  ...COOPERATIVE_RULES,
});
