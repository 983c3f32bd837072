import { SHARED_RULES, failWith, type Fail, amountsVi, type RuleBook } from '../shared/rules.ts';

/** The rules of support: approvals, disbursements, loan appraisals. Each with what it protects, in English and Vietnamese. */
export const SUPPORT_RULES = {
  'approval-already-recorded': {
    en: 'a decision number is recorded once per campaign',
    vi: { title: 'Quyết định đã được ghi', rule: 'mỗi số quyết định chỉ ghi một lần trong một kế hoạch' },
  },
  'fund-not-budgeted': {
    en: "support is approved only from fund sources in the campaign's budget",
    vi: {
      title: 'Nguồn kinh phí không có trong dự toán',
      rule: 'chỉ phê duyệt hỗ trợ từ các nguồn kinh phí có trong dự toán của kế hoạch',
    },
  },
  'fund-budget-exceeded': {
    en: "the sum approved per fund never exceeds the campaign's budget for that fund",
    vi: { title: 'Vượt dự toán', rule: 'tổng số phê duyệt của mỗi nguồn không vượt dự toán của kế hoạch cho nguồn đó' },
    detailVi: amountsVi,
  },
  'approval-not-found': {
    en: 'a disbursement refers to a recorded approval',
    vi: { title: 'Không có quyết định phê duyệt', rule: 'mỗi lần giải ngân phải nêu một quyết định phê duyệt đã ghi' },
  },
  'disbursement-exceeds-approved': {
    en: 'disbursed never exceeds approved',
    vi: { title: 'Giải ngân vượt số phê duyệt', rule: 'số giải ngân không bao giờ vượt số đã phê duyệt' },
    detailVi: amountsVi,
  },
  'disbursement-already-recorded': {
    en: 'a disbursement reference is recorded once',
    vi: { title: 'Khoản giải ngân đã được ghi', rule: 'mỗi số chứng từ giải ngân chỉ ghi một lần' },
  },
  'disbursement-not-found': {
    en: 'a reversal refers to a recorded disbursement',
    vi: { title: 'Không có khoản giải ngân', rule: 'việc hủy giải ngân phải nêu một khoản giải ngân đã ghi' },
  },
  'disbursement-already-reversed': {
    en: 'a disbursement is reversed at most once',
    vi: { title: 'Khoản giải ngân đã hủy', rule: 'mỗi khoản giải ngân chỉ hủy được một lần' },
  },
  'appraisal-already-recorded': {
    en: 'a loan appraisal is recorded once',
    vi: { title: 'Thẩm định đã được ghi', rule: 'mỗi lần thẩm định khoản vay chỉ ghi một lần' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof SUPPORT_RULES> = failWith({ ...SHARED_RULES, ...SUPPORT_RULES });
