import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of national events and attendance. Each with what it protects, in English and Vietnamese. */
export const NATIONAL_EVENT_RULES = {
  'national-event-not-national': {
    en: 'the national alliance records the national events it holds; provinces record the ones they attend',
    vi: {
      title: 'Không phải sự kiện toàn quốc',
      rule: 'Liên minh HTX Việt Nam ghi các sự kiện toàn quốc do mình tổ chức; các tỉnh ghi việc tham dự',
    },
  },
  'national-event-already-recorded': {
    en: "a national event, or a province's attendance at it, is recorded once",
    vi: {
      title: 'Sự kiện đã được ghi',
      rule: 'mỗi sự kiện toàn quốc, hoặc việc một tỉnh tham dự sự kiện đó, chỉ ghi một lần',
    },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof NATIONAL_EVENT_RULES> = failWith({
  ...SHARED_RULES,
  ...NATIONAL_EVENT_RULES,
});
