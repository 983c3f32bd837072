import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of outreach meetings. Each with what it protects, in English and Vietnamese. */
export const OUTREACH_RULES = {
  'publication-not-meeting': {
    en: 'bulletins, press, radio, television and websites are publications, recorded and counted apart from meetings',
    vi: {
      title: 'Tin bài không phải hội nghị',
      rule: 'bản tin, báo, phát thanh, truyền hình và trang thông tin là tin bài, được ghi và đếm riêng với hội nghị',
    },
  },
  'meeting-already-recorded': {
    en: 'a meeting is recorded once; later changes are corrections',
    vi: { title: 'Hội nghị đã được ghi', rule: 'mỗi hội nghị chỉ ghi một lần; thay đổi sau đó là đính chính' },
  },
  'meeting-not-found': {
    en: 'a correction or retraction refers to a recorded meeting',
    vi: { title: 'Không có hội nghị', rule: 'việc đính chính hoặc thu hồi phải nêu một hội nghị đã ghi' },
  },
  'meeting-retracted': {
    en: 'a retracted meeting cannot be changed',
    vi: { title: 'Hội nghị đã thu hồi', rule: 'hội nghị đã thu hồi không thay đổi được nữa' },
  },
  'nothing-to-correct': {
    en: 'a correction changes at least one field',
    vi: { title: 'Không có gì để đính chính', rule: 'một lần đính chính phải thay đổi ít nhất một trường' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof OUTREACH_RULES> = failWith({ ...SHARED_RULES, ...OUTREACH_RULES });
