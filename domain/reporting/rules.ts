import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of expected and submitted reports. Each with what it protects, in English and Vietnamese. */
export const REPORTING_RULES = {
  'report-due-before-period-end': {
    en: 'a report is due in the last month of the period it covers or later (the year-end report before 20 December)',
    vi: {
      title: 'Hạn báo cáo quá sớm',
      rule: 'hạn báo cáo rơi vào tháng cuối của kỳ báo cáo hoặc sau đó (báo cáo năm trước ngày 20 tháng 12)',
    },
  },
  'reporter-listed-twice': {
    en: 'each expected reporter is listed once',
    vi: { title: 'Trùng đơn vị báo cáo', rule: 'mỗi đơn vị phải báo cáo chỉ được liệt kê một lần' },
  },
  'report-already-submitted': {
    en: 'each reporter submits a report once; a correction is a new document, noted on the first',
    vi: {
      title: 'Đã nộp báo cáo',
      rule: 'mỗi đơn vị nộp báo cáo một lần; bản sửa là văn bản mới, ghi chú vào bản đầu',
    },
  },
  'submission-outside-period': {
    en: 'a report is submitted after its period starts and before the end of the next year',
    vi: {
      title: 'Nộp ngoài thời hạn cho phép',
      rule: 'báo cáo được nộp sau khi kỳ báo cáo bắt đầu và trước khi hết năm tiếp theo',
    },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof REPORTING_RULES> = failWith({
  ...SHARED_RULES,
  ...REPORTING_RULES,
});
