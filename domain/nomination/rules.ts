import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of nominating exemplary cooperatives. Each with what it protects, in English and Vietnamese. */
export const NOMINATION_RULES = {
  'nomination-active-exists': {
    en: 'one active nomination per cooperative per campaign',
    vi: { title: 'Đã có đề cử đang xét', rule: 'mỗi hợp tác xã chỉ có một đề cử đang xét trong một kế hoạch' },
  },
  'nomination-not-found': {
    en: 'a nomination step refers to a recorded nomination',
    vi: { title: 'Không có đề cử', rule: 'mỗi bước xét chọn phải nêu một đề cử đã ghi' },
  },
  'nomination-not-shortlisted': {
    en: 'only shortlisted nominations are forwarded',
    vi: { title: 'Đề cử chưa được chọn', rule: 'chỉ đề cử đã được chọn mới được gửi lên' },
  },
  'nomination-not-forwarded': {
    en: 'only forwarded nominations are honoured',
    vi: { title: 'Đề cử chưa được gửi lên', rule: 'chỉ đề cử đã gửi lên mới được tôn vinh' },
  },
  'nomination-not-open': {
    en: 'a nomination that is honoured, declined or withdrawn takes no further step',
    vi: {
      title: 'Đề cử đã kết thúc',
      rule: 'đề cử đã được tôn vinh, không được chọn hoặc đã rút thì không có bước tiếp theo',
    },
  },
  'nomination-not-pending': {
    en: 'only a nomination awaiting selection is shortlisted',
    vi: { title: 'Đề cử không chờ xét', rule: 'chỉ đề cử đang chờ xét mới được chọn' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof NOMINATION_RULES> = failWith({
  ...SHARED_RULES,
  ...NOMINATION_RULES,
});
