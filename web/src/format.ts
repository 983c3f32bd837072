import {
  FUNDS_VI,
  MEETING_FORMATS_VI,
  PUBLICATION_FORMATS_VI,
  SUPPORT_FORMS_VI,
  TOPICS_VI,
  TRAINING_AUDIENCES_VI,
} from '../../domain/shared/names-vi.ts';

/** Numbers and dates the Vietnamese way: 1.000.000.000 ₫, 29/03/2024. */
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

export const fmt = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : number.format(n));
export const vnd = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : `${number.format(n)} ₫`;

const short = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
/** A sum where space is short: 4,34 tỷ ₫, 250 triệu ₫; smaller sums in full. */
export function shortVnd(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  if (Math.abs(n) >= 1e9) return `${short.format(n / 1e9)} tỷ ₫`;
  if (Math.abs(n) >= 1e6) return `${short.format(n / 1e6)} triệu ₫`;
  return vnd(n);
}

/** A label cut to `max` characters with "…" (the whole text goes in the tooltip and the table). */
export const clip = (text: string, max = 40): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;

/** ISO week 2024-W11 and its Monday as "Tuần 11 (11/03)". */
export const weekLabel = (week: string, from: string): string =>
  `Tuần ${Number(week.slice(week.indexOf('W') + 1))} (${vnDate(from).slice(0, 5)})`;

/** The roles of the service's tokens, as officials call them. */
export const ROLES: Record<string, string> = {
  provincial_officer: 'Cán bộ Liên minh HTX tỉnh',
  provincial_viewer: 'Người xem (tỉnh)',
  national_officer: 'Cán bộ Liên minh HTX Việt Nam',
  auditor: 'Kiểm toán, thanh tra',
  admin: 'Quản trị hệ thống',
  monitoring: 'Giám sát vận hành',
  department_officer: 'Cán bộ sở, ngành',
  commune_officer: 'Cán bộ xã, phường',
  steering_member: 'Thành viên Ban Chỉ đạo',
};
export const roleName = (role: string): string => ROLES[role] ?? role;

/** yyyy-MM-dd → dd/MM/yyyy. */
export function vnDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** dd/mm/yyyy (or d/m/yyyy) → yyyy-MM-dd; null when it is not a real date. */
export function fromVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** An instant, shown as the Vietnam date and time it was. */
export function vnInstant(iso: string): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export const LABELS: Record<string, string> = {
  meetings: 'Hội nghị, tọa đàm',
  attendees: 'Lượt người tham dự',
  cooperativesRepresented: 'Lượt HTX, THT tham dự',
  publications: 'Tin, bài, bản tin',
  approvedVnd: 'Hỗ trợ đã phê duyệt',
  disbursedVnd: 'Đã giải ngân',
  cooperativesSupported: 'HTX được hỗ trợ',
  loansAppraised: 'Hồ sơ vay thẩm định',
  membersAdmitted: 'Thành viên kết nạp',
  cooperativesFounded: 'HTX thành lập mới',
  dialogues: 'Hội nghị đối thoại',
  petitions: 'Kiến nghị tiếp nhận',
  petitionsResolved: 'Kiến nghị đã giải quyết',
  nominations: 'HTX được đề cử',
  eventsAttended: 'Sự kiện quốc gia đã dự',
  delegates: 'Lượt đại biểu dự sự kiện',
  trainings: 'Lớp tập huấn, bồi dưỡng',
  peopleTrained: 'Lượt người được tập huấn',
  honouredCollectives: 'Tập thể được khen thưởng',
  honouredIndividuals: 'Cá nhân được khen thưởng',
  // Plan activities (domain/campaign: ActivityKind)
  publicity: 'Tuyên truyền',
  'outreach-conference': 'Hội nghị tuyên truyền',
  'support-disbursement': 'Hỗ trợ, giải ngân',
  'loan-appraisal': 'Thẩm định cho vay',
  'market-website': 'Website, chợ nông sản HTX',
  'member-admission': 'Kết nạp thành viên',
  'founding-advice': 'Tư vấn thành lập HTX',
  'dialogue-conference': 'Hội nghị đối thoại',
  'national-event': 'Sự kiện cấp quốc gia',
  'fund-restructuring': 'Sắp xếp lại Quỹ hỗ trợ',
  'target-programme': 'Chương trình mục tiêu quốc gia',
  nomination: 'Đề cử HTX tiêu biểu',
  // Cooperatives (domain/cooperative)
  cooperative: 'Hợp tác xã',
  'cooperative-union': 'Liên hiệp HTX',
  'cooperative-group': 'Tổ hợp tác',
  active: 'Đang hoạt động',
  suspended: 'Tạm ngừng hoạt động',
  dissolved: 'Giải thể',
  reorganised: 'Tổ chức lại',
  advised: 'Đã tư vấn',
  founded: 'Đã thành lập',
  abandoned: 'Không thành lập',
  // Petitions (domain/dialogue: topics)
  land: 'Đất đai',
  credit: 'Tín dụng',
  tax: 'Thuế',
  market: 'Thị trường, tiêu thụ',
  procedure: 'Thủ tục hành chính',
  infrastructure: 'Hạ tầng',
  training: 'Đào tạo, tập huấn',
  // National events, support, loans, consultations, steering
  'honouring-conference': 'Hội nghị tôn vinh',
  forum: 'Diễn đàn',
  fair: 'Hội chợ',
  recommended: 'Đề nghị cho vay',
  'not-recommended': 'Không đề nghị cho vay',
  'needs-more-information': 'Cần bổ sung hồ sơ',
  'steering-committee': 'Ban Chỉ đạo',
  'district-committee': 'UBND huyện (trước 1/7/2025)',
  'commune-committee': 'UBND xã, phường',
  agreed: 'Nhất trí',
  commented: 'Có ý kiến',
  objected: 'Không nhất trí',
  head: 'Trưởng ban',
  'standing-deputy': 'Phó Trưởng ban thường trực',
  deputy: 'Phó Trưởng ban',
  visits: 'Chuyến thăm, làm việc với HTX',
  cooperativesVisited: 'Lượt HTX được thăm, làm việc',
  tradePromotions: 'Hoạt động xúc tiến thương mại',
  cooperativesInTradePromotion: 'Lượt HTX tham gia xúc tiến thương mại',
  inKindSupport: 'Lần hỗ trợ không bằng tiền',
  cooperativesAssistedInKind: 'Lượt HTX được hỗ trợ không bằng tiền',
  honours: 'Tập thể, cá nhân được khen thưởng',
  'trade-promotions': 'Hoạt động xúc tiến thương mại',
  'in-kind-support': 'Lần hỗ trợ không bằng tiền',
  // Visits, trade promotion, support in kind
  encouragement: 'Thăm hỏi, động viên',
  'working-session': 'Làm việc, nắm tình hình',
  survey: 'Khảo sát, kiểm tra',
  exhibition: 'Triển lãm, trưng bày',
  'trade-connection': 'Kết nối cung cầu',
  'product-promotion': 'Quảng bá sản phẩm',
  'e-commerce': 'Thương mại điện tử',
  consulting: 'Tư vấn',
  technology: 'Chuyển giao công nghệ',
  'market-access': 'Tiêu thụ, kết nối thị trường',
  'legal-advice': 'Tư vấn pháp lý, thủ tục',
  equipment: 'Trang thiết bị, mặt bằng',
  // Honours (domain/honour)
  'certificate-of-merit': 'Bằng khen',
  commendation: 'Giấy khen',
  'emulation-flag': 'Cờ thi đua',
  'emulation-title': 'Danh hiệu thi đua',
  collective: 'Tập thể',
  individual: 'Cá nhân',
  // Funds, formats, topics and forms of support: the names the imports use too.
  ...FUNDS_VI,
  ...MEETING_FORMATS_VI,
  ...PUBLICATION_FORMATS_VI,
  ...TOPICS_VI,
  ...SUPPORT_FORMS_VI,
  ...TRAINING_AUDIENCES_VI,
  // Nominations, reports
  'provincial-alliance': 'Liên minh HTX tỉnh',
  'local-committee': 'Ủy ban nhân dân địa phương',
  'national-alliance': 'Liên minh HTX Việt Nam',
  department: 'Sở, ngành',
  district: 'Huyện (trước 1/7/2025)',
  province: 'Tỉnh',
  'half-year': 'Báo cáo 6 tháng',
  'year-end': 'Báo cáo năm',
  // Target metrics of a plan (domain/campaign: Metric)
  'cooperatives-reached': 'Lượt HTX được tuyên truyền',
  bulletins: 'Bản tin',
  'disbursed-vnd': 'Giải ngân (đồng)',
  'cooperatives-supported': 'HTX được hỗ trợ',
  'loans-appraised': 'Hồ sơ vay thẩm định',
  'members-admitted': 'Thành viên kết nạp',
  'cooperatives-founded': 'HTX thành lập mới',
  'petitions-resolved': 'Kiến nghị đã giải quyết',
  'events-attended': 'Sự kiện quốc gia đã dự',
  'people-trained': 'Lượt người được tập huấn',
  nominated: 'Đề cử',
  shortlisted: 'Được chọn',
  forwarded: 'Gửi lên Trung ương',
  honoured: 'Được tôn vinh',
  declined: 'Không được chọn',
  withdrawn: 'Rút đề cử',
};

export const label = (key: string): string => LABELS[key] ?? key;
