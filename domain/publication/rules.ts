import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of publications. Each with what it protects, in English and Vietnamese. */
export const PUBLICATION_RULES = {
  'publication-already-recorded': {
    en: 'a publication is recorded once',
    vi: { title: 'Tin bài đã được ghi', rule: 'mỗi tin bài chỉ ghi một lần' },
  },
  'publication-not-found': {
    en: 'a retraction refers to a recorded publication',
    vi: { title: 'Không có tin bài', rule: 'việc thu hồi phải nêu một tin bài đã ghi' },
  },
  'publication-retracted': {
    en: 'a retracted publication cannot be retracted again',
    vi: { title: 'Tin bài đã thu hồi', rule: 'tin bài đã thu hồi không thu hồi lại được' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof PUBLICATION_RULES> = failWith({
  ...SHARED_RULES,
  ...PUBLICATION_RULES,
});
