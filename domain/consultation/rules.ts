import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of consultations on a draft. Each with what it protects, in English and Vietnamese. */
export const CONSULTATION_RULES = {
  'consultation-already-opened': {
    en: 'a consultation is opened once per draft',
    vi: { title: 'Đã lấy ý kiến', rule: 'mỗi dự thảo chỉ mở lấy ý kiến một lần' },
  },
  'consultation-not-found': {
    en: 'a reply refers to an opened consultation',
    vi: { title: 'Không có đợt lấy ý kiến', rule: 'ý kiến phải gửi cho một đợt lấy ý kiến đã mở' },
  },
  'not-consulted': {
    en: 'only consulted parties reply',
    vi: { title: 'Không thuộc đối tượng lấy ý kiến', rule: 'chỉ các bên được hỏi ý kiến mới trả lời' },
  },
  'already-replied': {
    en: 'each consulted party replies once',
    vi: { title: 'Đã trả lời', rule: 'mỗi bên được hỏi chỉ trả lời một lần' },
  },
  'consultation-closed': {
    en: 'a closed consultation takes no replies',
    vi: { title: 'Đã kết thúc lấy ý kiến', rule: 'đợt lấy ý kiến đã kết thúc không nhận thêm ý kiến' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof CONSULTATION_RULES> = failWith({
  ...SHARED_RULES,
  ...CONSULTATION_RULES,
});
