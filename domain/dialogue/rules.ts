import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of dialogue conferences and petitions. Each with what it protects, in English and Vietnamese. */
export const DIALOGUE_RULES = {
  'petition-already-recorded': {
    en: 'a petition is recorded once',
    vi: { title: 'Kiến nghị đã được ghi', rule: 'mỗi kiến nghị chỉ ghi một lần' },
  },
  'petition-not-found': {
    en: 'a response refers to a recorded petition',
    vi: { title: 'Không có kiến nghị', rule: 'câu trả lời phải nêu một kiến nghị đã ghi' },
  },
  'petition-already-resolved': {
    en: 'a resolved petition takes no further response',
    vi: { title: 'Kiến nghị đã giải quyết xong', rule: 'kiến nghị đã giải quyết xong không nhận thêm trả lời' },
  },
  'dialogue-already-held': {
    en: 'a dialogue conference is recorded once',
    vi: { title: 'Hội nghị đối thoại đã được ghi', rule: 'mỗi hội nghị đối thoại chỉ ghi một lần' },
  },
  'dialogue-not-found': {
    en: 'a petition refers to a recorded dialogue conference',
    vi: { title: 'Không có hội nghị đối thoại', rule: 'kiến nghị phải gắn với một hội nghị đối thoại đã ghi' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof DIALOGUE_RULES> = failWith({ ...SHARED_RULES, ...DIALOGUE_RULES });
