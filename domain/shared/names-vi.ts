/**
 * How officials name the domain's choices, in Vietnamese: one table for the page (web/src/format.ts)
 * and the spreadsheet imports (src/app/imports.ts), so that a value picked in a template is the one
 * the page shows.
 */

/** Meeting formats (domain/outreach), then the publication formats of older meetings. */
export const MEETING_FORMATS_VI: Record<string, string> = {
  conference: 'Hội nghị',
  seminar: 'Tọa đàm, hội thảo',
  'launch-ceremony': 'Lễ phát động',
  dialogue: 'Đối thoại',
};
export const PUBLICATION_FORMATS_VI: Record<string, string> = {
  press: 'Báo in, báo điện tử',
  'radio-tv': 'Phát thanh, truyền hình',
  website: 'Trang thông tin điện tử',
  bulletin: 'Bản tin',
};

/** Topics of outreach (domain/outreach: Topic). */
export const TOPICS_VI: Record<string, string> = {
  'party-state-policy': 'Chủ trương, chính sách của Đảng, Nhà nước',
  'cooperative-law-2023': 'Luật Hợp tác xã năm 2023',
  'local-support-policy': 'Chính sách hỗ trợ của địa phương',
  'exemplary-models': 'Mô hình, điển hình tiên tiến',
  'cooperative-day': 'Ngày Hợp tác xã Việt Nam 11/4',
  'ho-chi-minh-letters': 'Thư Chủ tịch Hồ Chí Minh gửi HTX',
  'member-development': 'Phát triển thành viên',
  'digital-transformation': 'Chuyển đổi số',
  other: 'Khác',
};

/** Fund sources (domain/campaign: FundSource) and forms of support (domain/support: SupportForm). */
export const FUNDS_VI: Record<string, string> = {
  'vca-support-fund': 'Quỹ HTPT HTX (Liên minh HTX VN)',
  'provincial-support-fund': 'Quỹ HTPT HTX tỉnh',
  'provincial-budget': 'Ngân sách tỉnh',
  'central-budget': 'Ngân sách trung ương',
  'national-target-programme': 'Chương trình MTQG',
  other: 'Khác',
};
export const SUPPORT_FORMS_VI: Record<string, string> = { grant: 'Hỗ trợ không hoàn lại', loan: 'Cho vay' };

/** Who a training course trains (domain/training: TrainingAudience). */
export const TRAINING_AUDIENCES_VI: Record<string, string> = {
  director: 'Giám đốc HTX',
  accountant: 'Kế toán HTX',
  supervisor: 'Kiểm soát viên HTX',
  member: 'Thành viên HTX',
  official: 'Cán bộ quản lý nhà nước',
  other: 'Khác',
};
