import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of training courses. Each with what it protects, in English and Vietnamese. */
export const TRAINING_RULES = {
  'training-already-recorded': {
    en: 'a training course is recorded once',
    vi: { title: 'Lớp tập huấn đã được ghi', rule: 'mỗi lớp tập huấn chỉ ghi một lần' },
  },
  'training-not-found': {
    en: 'a retraction refers to a recorded training course',
    vi: { title: 'Không có lớp tập huấn', rule: 'việc thu hồi phải nêu một lớp tập huấn đã ghi' },
  },
  'training-retracted': {
    en: 'a retracted training course cannot be retracted again',
    vi: { title: 'Lớp tập huấn đã thu hồi', rule: 'lớp tập huấn đã thu hồi không thu hồi lại được' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof TRAINING_RULES> = failWith({ ...SHARED_RULES, ...TRAINING_RULES });
