import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of steering committees. Each with what it protects, in English and Vietnamese. */
export const STEERING_RULES = {
  'steering-head-count': {
    en: 'a steering committee has exactly one head (Trưởng ban)',
    vi: { title: 'Ban chỉ đạo phải có một Trưởng ban', rule: 'ban chỉ đạo có đúng một Trưởng ban' },
  },
  'steering-member-listed-twice': {
    en: 'each member of a steering committee is listed once',
    vi: { title: 'Trùng thành viên ban chỉ đạo', rule: 'mỗi thành viên ban chỉ đạo chỉ được liệt kê một lần' },
  },
  'steering-decision-older': {
    en: 'a composition is replaced only by a decision of the same day or later',
    vi: {
      title: 'Quyết định cũ hơn',
      rule: 'thành phần ban chỉ đạo chỉ được thay bằng quyết định cùng ngày hoặc mới hơn',
    },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof STEERING_RULES> = failWith({ ...SHARED_RULES, ...STEERING_RULES });
