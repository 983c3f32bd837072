import { SHARED_RULES, failWith, type Fail, amountsVi, viDate, type RuleBook } from '../shared/rules.ts';

/** The rules of a campaign's plan. Each with what it protects, in English and Vietnamese. */
export const CAMPAIGN_RULES = {
  'campaign-already-launched': {
    en: 'one campaign per organiser per year',
    vi: { title: 'Đã phát động', rule: 'mỗi đơn vị chỉ phát động một kế hoạch mỗi năm' },
  },
  'campaign-closed': {
    en: 'a closed campaign takes no new records',
    vi: { title: 'Kế hoạch đã kết thúc', rule: 'kế hoạch đã kết thúc không nhận thêm bản ghi mới' },
  },
  'window-outside-year': {
    en: "windows of a campaign lie inside the campaign's year",
    vi: {
      title: 'Thời gian ngoài năm kế hoạch',
      rule: 'các khoảng thời gian của kế hoạch phải nằm trong năm của kế hoạch',
    },
  },
  'duplicate-activity': {
    en: 'focus activity ids are unique within a plan',
    vi: { title: 'Trùng mã hoạt động', rule: 'mã hoạt động trọng tâm không được trùng nhau trong một kế hoạch' },
  },
  'unknown-activity': {
    en: 'a record may only refer to a focus activity of the plan',
    vi: {
      title: 'Hoạt động không có trong kế hoạch',
      rule: 'bản ghi chỉ được gắn với hoạt động trọng tâm có trong kế hoạch',
    },
  },
  'duplicate-fund': {
    en: 'one budget line per fund source',
    vi: { title: 'Trùng nguồn kinh phí', rule: 'mỗi nguồn kinh phí chỉ có một dòng dự toán' },
  },
  'budget-below-approved': {
    en: 'a fund budget cannot be cut below what is already approved from it',
    vi: {
      title: 'Dự toán thấp hơn số đã phê duyệt',
      rule: 'không được giảm dự toán của một nguồn xuống dưới số đã phê duyệt từ nguồn đó',
    },
    detailVi: amountsVi,
  },
  'date-outside-campaign-year': {
    en: "a campaign's records are dated within its year",
    vi: { title: 'Ngày ngoài năm kế hoạch', rule: 'các bản ghi của kế hoạch phải có ngày trong năm của kế hoạch' },
    detailVi: (d) => `ngày ${viDate(String(d.date))} không thuộc năm ${String(d.year)} của kế hoạch`,
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof CAMPAIGN_RULES> = failWith({ ...SHARED_RULES, ...CAMPAIGN_RULES });
