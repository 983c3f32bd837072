import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

/**
 * Problem answers in Vietnamese and English. The language is the caller's `Accept-Language`
 * (the page asks for Vietnamese); English when it asks for neither, for API clients. The English
 * rules are the catalogue's (domain/shared/errors.ts, HTTP_PROBLEMS); this file holds each
 * type's English title and its Vietnamese title and rule.
 */
export const LANGUAGES = ['en', 'vi'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The language a request asks for, by `Accept-Language` with its q-values: English by default. */
export function languageOf(headers: IncomingHttpHeaders): Lang {
  if (headers['accept-language'] === undefined) return 'en';
  const chosen = new Negotiator({ headers }).language([...LANGUAGES]);
  return chosen === 'vi' ? 'vi' : 'en';
}

const RULE_BROKEN = 'A rule of the record was broken';

/** English titles: the HTTP layer's own, and one for every broken rule of the domain. */
export const TITLES_EN: Record<string, string> = {
  validation: 'Invalid request',
  'not-found': 'Not found',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  'rate-limited': 'Too many requests',
  'revision-conflict': 'Conflicting write',
  'precondition-failed': 'Precondition failed',
  'invalid-if-match': 'Invalid If-Match',
  'idempotency-key-reused': 'Idempotency-Key reused',
  'idempotency-key-in-use': 'Idempotency-Key in use',
  'idempotency-key-expired': 'Idempotency-Key expired',
  'projection-lagging': 'Read models are behind',
  'duplicate-event-id': 'Duplicate event id',
  'payload-too-large': 'Payload too large',
  'unsupported-media-type': 'Unsupported media type',
  'store-unavailable': 'Event store unavailable',
  overloaded: 'Service overloaded',
  starting: 'Service starting',
  'outcome-unknown': 'Outcome unknown',
  internal: 'Internal error',
  'unknown-province': 'Unknown province code',
  'import-not-workbook': 'Not an Excel workbook',
  'import-columns-missing': 'Columns missing',
  'import-too-many-rows': 'Too many rows',
  'import-empty': 'Empty workbook',
  'import-rows-invalid': 'Rows of the file break the rules',
};
export const titleEn = (code: string): string => TITLES_EN[code] ?? RULE_BROKEN;

/** Vietnamese title and rule of every problem type. */
export const TEXTS_VI: Record<string, { title: string; rule: string }> = {
  // The HTTP layer
  validation: { title: 'Yêu cầu không hợp lệ', rule: 'yêu cầu không đúng mẫu dữ liệu của thao tác này' },
  'not-found': { title: 'Không tìm thấy', rule: 'không có tài nguyên này' },
  unauthorized: {
    title: 'Chưa xác thực',
    rule: 'cần mã truy cập (bearer token) hợp lệ; mã hết hạn, sai định dạng, sai chữ ký hoặc sai thuật toán đều bị từ chối',
  },
  forbidden: {
    title: 'Không có quyền',
    rule: 'vai trò và tỉnh của mã truy cập không cho phép thao tác này với tỉnh này',
  },
  'rate-limited': {
    title: 'Quá nhiều yêu cầu',
    rule: 'người gọi đã gửi quá nhiều yêu cầu; thử lại sau thời gian ghi trong Retry-After',
  },
  'revision-conflict': {
    title: 'Ghi xung đột',
    rule: 'một thao tác khác đã thay đổi tài nguyên cùng lúc; hãy đọc lại rồi thử lại',
  },
  'precondition-failed': {
    title: 'Điều kiện không còn đúng',
    rule: 'If-Match nêu một phiên bản mà tài nguyên không còn ở đó nữa',
  },
  'invalid-if-match': {
    title: 'If-Match không hợp lệ',
    rule: 'If-Match chứa một ETag: số phiên bản của luồng, đặt trong dấu ngoặc kép',
  },
  'idempotency-key-reused': {
    title: 'Idempotency-Key đã dùng',
    rule: 'một Idempotency-Key gắn với nội dung yêu cầu đầu tiên được gửi kèm nó',
  },
  'idempotency-key-in-use': {
    title: 'Idempotency-Key đang được xử lý',
    rule: 'một yêu cầu với Idempotency-Key này vẫn đang được xử lý; thử lại sau Retry-After để nhận kết quả',
  },
  'idempotency-key-expired': {
    title: 'Idempotency-Key đã hết hạn',
    rule: 'yêu cầu đã được ghi với Idempotency-Key này lâu hơn thời gian lưu khóa (mặc định 24 giờ); không ghi lại lần nữa',
  },
  'projection-lagging': {
    title: 'Dữ liệu tổng hợp chưa cập nhật kịp',
    rule: 'dữ liệu tổng hợp chưa đến vị trí được yêu cầu; thử lại sau giây lát',
  },
  'duplicate-event-id': { title: 'Trùng mã sự kiện', rule: 'các sự kiện có mã này đã được ghi ở nơi khác' },
  'payload-too-large': { title: 'Nội dung quá lớn', rule: 'nội dung yêu cầu lớn hơn mức dịch vụ nhận' },
  'unsupported-media-type': { title: 'Kiểu nội dung không được hỗ trợ', rule: 'yêu cầu phải có kiểu application/json' },
  'store-unavailable': {
    title: 'Kho sự kiện tạm không ghi được',
    rule: 'kho sự kiện hiện không nhận ghi (đầy đĩa, chỉ đọc, đang dừng); chưa có gì được ghi; thử lại sau Retry-After',
  },
  overloaded: {
    title: 'Dịch vụ quá tải',
    rule: 'dịch vụ đang giảm tải (vòng lặp sự kiện bị trễ); chưa làm gì; thử lại sau Retry-After',
  },
  starting: {
    title: 'Dịch vụ đang khởi động',
    rule: 'máy chủ đang cập nhật theo nhật ký sự kiện (dữ liệu tổng hợp, khóa Idempotency); chưa làm gì; thử lại sau Retry-After',
  },
  'outcome-unknown': {
    title: 'Chưa rõ kết quả',
    rule: 'thao tác ghi có thể đã hoặc chưa được lưu; gửi lại với cùng Idempotency-Key để biết kết quả',
  },
  internal: {
    title: 'Lỗi hệ thống',
    rule: 'dịch vụ gặp lỗi; mã yêu cầu (x-request-id) trong câu trả lời giúp tìm lỗi trong nhật ký',
  },
  'import-not-workbook': {
    title: 'Không phải tệp Excel',
    rule: 'chỉ nhập được tệp Excel (.xlsx), ví dụ tệp mẫu của loại bản ghi đó',
  },
  'import-columns-missing': { title: 'Thiếu cột', rule: 'dòng đầu của tệp phải có đủ các cột bắt buộc của tệp mẫu' },
  'import-too-many-rows': { title: 'Quá nhiều dòng', rule: 'mỗi lần nhập tối đa 20.000 dòng; hãy chia nhỏ tệp' },
  'import-empty': { title: 'Tệp trống', rule: 'tệp cần một dòng tiêu đề và ít nhất một bản ghi' },
  'import-rows-invalid': {
    title: 'Có dòng sai quy định',
    rule: 'khi nhập theo kiểu tất cả hoặc không, chưa ghi gì khi còn dòng sai; mỗi lỗi ghi rõ dòng và cột',
  },
  // Rules of the domain
  'campaign-not-launched': {
    title: 'Chưa phát động',
    rule: 'cần phát động kế hoạch của năm trước khi ghi các hoạt động thuộc kế hoạch đó',
  },
  'campaign-already-launched': { title: 'Đã phát động', rule: 'mỗi đơn vị chỉ phát động một kế hoạch mỗi năm' },
  'campaign-closed': { title: 'Kế hoạch đã kết thúc', rule: 'kế hoạch đã kết thúc không nhận thêm bản ghi mới' },
  'window-outside-year': {
    title: 'Thời gian ngoài năm kế hoạch',
    rule: 'các khoảng thời gian của kế hoạch phải nằm trong năm của kế hoạch',
  },
  'duplicate-activity': {
    title: 'Trùng mã hoạt động',
    rule: 'mã hoạt động trọng tâm không được trùng nhau trong một kế hoạch',
  },
  'unknown-activity': {
    title: 'Hoạt động không có trong kế hoạch',
    rule: 'bản ghi chỉ được gắn với hoạt động trọng tâm có trong kế hoạch',
  },
  'duplicate-fund': { title: 'Trùng nguồn kinh phí', rule: 'mỗi nguồn kinh phí chỉ có một dòng dự toán' },
  'budget-below-approved': {
    title: 'Dự toán thấp hơn số đã phê duyệt',
    rule: 'không được giảm dự toán của một nguồn xuống dưới số đã phê duyệt từ nguồn đó',
  },
  'date-outside-campaign-year': {
    title: 'Ngày ngoài năm kế hoạch',
    rule: 'các bản ghi của kế hoạch phải có ngày trong năm của kế hoạch',
  },
  'district-after-2025': {
    title: 'Không còn cấp huyện',
    rule: 'cấp huyện đã bỏ từ ngày 1/7/2025; các bản ghi sau đó chỉ ghi xã, phường',
  },
  'unknown-province': {
    title: 'Mã tỉnh không có',
    rule: 'mã tỉnh lấy theo danh mục chính thức có hiệu lực tại thời điểm đó',
  },
  'province-merged': {
    title: 'Tỉnh đã sáp nhập',
    rule: 'tỉnh đã sáp nhập từ ngày 1/7/2025 vào tỉnh mang mã khác không nhận bản ghi từ ngày đó; tỉnh kế thừa ghi các bản ghi này',
  },
  'publication-not-meeting': {
    title: 'Tin bài không phải hội nghị',
    rule: 'bản tin, báo, phát thanh, truyền hình và trang thông tin là tin bài, được ghi và đếm riêng với hội nghị',
  },
  'publication-already-recorded': { title: 'Tin bài đã được ghi', rule: 'mỗi tin bài chỉ ghi một lần' },
  'publication-not-found': { title: 'Không có tin bài', rule: 'việc thu hồi phải nêu một tin bài đã ghi' },
  'publication-retracted': { title: 'Tin bài đã thu hồi', rule: 'tin bài đã thu hồi không thu hồi lại được' },
  'meeting-already-recorded': {
    title: 'Hội nghị đã được ghi',
    rule: 'mỗi hội nghị chỉ ghi một lần; thay đổi sau đó là đính chính',
  },
  'meeting-not-found': {
    title: 'Không có hội nghị',
    rule: 'việc đính chính hoặc thu hồi phải nêu một hội nghị đã ghi',
  },
  'meeting-retracted': { title: 'Hội nghị đã thu hồi', rule: 'hội nghị đã thu hồi không thay đổi được nữa' },
  'nothing-to-correct': {
    title: 'Không có gì để đính chính',
    rule: 'một lần đính chính phải thay đổi ít nhất một trường',
  },
  'cooperative-already-registered': { title: 'HTX đã đăng ký', rule: 'mỗi hợp tác xã chỉ đăng ký một lần' },
  'cooperative-not-registered': {
    title: 'HTX chưa đăng ký',
    rule: 'hỗ trợ và đề cử chỉ dành cho hợp tác xã đã đăng ký',
  },
  'cooperative-not-active': {
    title: 'HTX không hoạt động',
    rule: 'hỗ trợ và đề cử chỉ dành cho hợp tác xã đang hoạt động',
  },
  'cooperative-other-province': {
    title: 'HTX thuộc tỉnh khác',
    rule: 'hỗ trợ và đề cử chỉ dành cho hợp tác xã thuộc tỉnh của kế hoạch',
  },
  'status-unchanged': { title: 'Trạng thái không đổi', rule: 'thay đổi trạng thái phải làm trạng thái khác đi' },
  'approval-already-recorded': {
    title: 'Quyết định đã được ghi',
    rule: 'mỗi số quyết định chỉ ghi một lần trong một kế hoạch',
  },
  'fund-not-budgeted': {
    title: 'Nguồn kinh phí không có trong dự toán',
    rule: 'chỉ phê duyệt hỗ trợ từ các nguồn kinh phí có trong dự toán của kế hoạch',
  },
  'fund-budget-exceeded': {
    title: 'Vượt dự toán',
    rule: 'tổng số phê duyệt của mỗi nguồn không vượt dự toán của kế hoạch cho nguồn đó',
  },
  'approval-not-found': {
    title: 'Không có quyết định phê duyệt',
    rule: 'mỗi lần giải ngân phải nêu một quyết định phê duyệt đã ghi',
  },
  'disbursement-exceeds-approved': {
    title: 'Giải ngân vượt số phê duyệt',
    rule: 'số giải ngân không bao giờ vượt số đã phê duyệt',
  },
  'disbursement-already-recorded': {
    title: 'Khoản giải ngân đã được ghi',
    rule: 'mỗi số chứng từ giải ngân chỉ ghi một lần',
  },
  'disbursement-not-found': {
    title: 'Không có khoản giải ngân',
    rule: 'việc hủy giải ngân phải nêu một khoản giải ngân đã ghi',
  },
  'disbursement-already-reversed': {
    title: 'Khoản giải ngân đã hủy',
    rule: 'mỗi khoản giải ngân chỉ hủy được một lần',
  },
  'appraisal-already-recorded': { title: 'Thẩm định đã được ghi', rule: 'mỗi lần thẩm định khoản vay chỉ ghi một lần' },
  'nomination-active-exists': {
    title: 'Đã có đề cử đang xét',
    rule: 'mỗi hợp tác xã chỉ có một đề cử đang xét trong một kế hoạch',
  },
  'nomination-not-found': { title: 'Không có đề cử', rule: 'mỗi bước xét chọn phải nêu một đề cử đã ghi' },
  'nomination-not-shortlisted': { title: 'Đề cử chưa được chọn', rule: 'chỉ đề cử đã được chọn mới được gửi lên' },
  'nomination-not-forwarded': { title: 'Đề cử chưa được gửi lên', rule: 'chỉ đề cử đã gửi lên mới được tôn vinh' },
  'nomination-not-open': {
    title: 'Đề cử đã kết thúc',
    rule: 'đề cử đã được tôn vinh, không được chọn hoặc đã rút thì không có bước tiếp theo',
  },
  'nomination-not-pending': { title: 'Đề cử không chờ xét', rule: 'chỉ đề cử đang chờ xét mới được chọn' },
  'round-already-recorded': { title: 'Đợt kết nạp đã được ghi', rule: 'mỗi đợt kết nạp thành viên chỉ ghi một lần' },
  'consultation-already-opened': { title: 'Đã lấy ý kiến', rule: 'mỗi dự thảo chỉ mở lấy ý kiến một lần' },
  'consultation-not-found': { title: 'Không có đợt lấy ý kiến', rule: 'ý kiến phải gửi cho một đợt lấy ý kiến đã mở' },
  'not-consulted': { title: 'Không thuộc đối tượng lấy ý kiến', rule: 'chỉ các bên được hỏi ý kiến mới trả lời' },
  'already-replied': { title: 'Đã trả lời', rule: 'mỗi bên được hỏi chỉ trả lời một lần' },
  'consultation-closed': { title: 'Đã kết thúc lấy ý kiến', rule: 'đợt lấy ý kiến đã kết thúc không nhận thêm ý kiến' },
  'petition-already-recorded': { title: 'Kiến nghị đã được ghi', rule: 'mỗi kiến nghị chỉ ghi một lần' },
  'petition-not-found': { title: 'Không có kiến nghị', rule: 'câu trả lời phải nêu một kiến nghị đã ghi' },
  'petition-already-resolved': {
    title: 'Kiến nghị đã giải quyết xong',
    rule: 'kiến nghị đã giải quyết xong không nhận thêm trả lời',
  },
  'dialogue-already-held': { title: 'Hội nghị đối thoại đã được ghi', rule: 'mỗi hội nghị đối thoại chỉ ghi một lần' },
  'dialogue-not-found': {
    title: 'Không có hội nghị đối thoại',
    rule: 'kiến nghị phải gắn với một hội nghị đối thoại đã ghi',
  },
  'task-already-assigned': { title: 'Nhiệm vụ đã được giao', rule: 'mỗi nhiệm vụ chỉ giao một lần' },
  'task-not-found': { title: 'Không có nhiệm vụ', rule: 'tiến độ và hoàn thành phải nêu một nhiệm vụ đã giao' },
  'task-already-completed': { title: 'Nhiệm vụ đã hoàn thành', rule: 'nhiệm vụ đã hoàn thành không nhận thêm tiến độ' },
  'task-cancelled': { title: 'Nhiệm vụ đã hủy', rule: 'nhiệm vụ đã hủy không nhận thêm tiến độ' },
  'progress-backwards': { title: 'Tiến độ giảm', rule: 'tiến độ báo cáo không được giảm' },
  'report-due-before-period-end': {
    title: 'Hạn báo cáo quá sớm',
    rule: 'hạn báo cáo rơi vào tháng cuối của kỳ báo cáo hoặc sau đó (báo cáo năm trước ngày 20 tháng 12)',
  },
  'reporter-listed-twice': { title: 'Trùng đơn vị báo cáo', rule: 'mỗi đơn vị phải báo cáo chỉ được liệt kê một lần' },
  'report-already-submitted': {
    title: 'Đã nộp báo cáo',
    rule: 'mỗi đơn vị nộp báo cáo một lần; bản sửa là văn bản mới, ghi chú vào bản đầu',
  },
  'submission-outside-period': {
    title: 'Nộp ngoài thời hạn cho phép',
    rule: 'báo cáo được nộp sau khi kỳ báo cáo bắt đầu và trước khi hết năm tiếp theo',
  },
  'national-event-not-national': {
    title: 'Không phải sự kiện toàn quốc',
    rule: 'Liên minh HTX Việt Nam ghi các sự kiện toàn quốc do mình tổ chức; các tỉnh ghi việc tham dự',
  },
  'national-event-already-recorded': {
    title: 'Sự kiện đã được ghi',
    rule: 'mỗi sự kiện toàn quốc, hoặc việc một tỉnh tham dự sự kiện đó, chỉ ghi một lần',
  },
  'steering-head-count': { title: 'Ban chỉ đạo phải có một Trưởng ban', rule: 'ban chỉ đạo có đúng một Trưởng ban' },
  'steering-member-listed-twice': {
    title: 'Trùng thành viên ban chỉ đạo',
    rule: 'mỗi thành viên ban chỉ đạo chỉ được liệt kê một lần',
  },
  'steering-decision-older': {
    title: 'Quyết định cũ hơn',
    rule: 'thành phần ban chỉ đạo chỉ được thay bằng quyết định cùng ngày hoặc mới hơn',
  },
  'advice-already-recorded': { title: 'Tư vấn đã được ghi', rule: 'mỗi lần tư vấn thành lập chỉ ghi một lần' },
};

/** Vietnamese for the messages the service's own schemas give (zod's own messages come from its Vietnamese locale). */
const SCHEMA_MESSAGES_VI: Record<string, string> = {
  'must be a real calendar date': 'phải là một ngày có thật trên lịch',
  'must be an ISO 8601 instant with offset': 'phải là thời điểm theo ISO 8601 có múi giờ',
  'must end on or after the day it starts': 'ngày kết thúc phải từ ngày bắt đầu trở về sau',
  'a phase spans more than one year': 'một giai đoạn phải kéo dài hơn một năm',
  'a round admits at least one member': 'mỗi đợt kết nạp ít nhất một thành viên',
  'name at least one field to correct': 'nêu ít nhất một trường cần đính chính',
  'each party is listed once': 'mỗi bên chỉ được liệt kê một lần',
  'must be a whole number of đồng': 'phải là số đồng nguyên',
  'must be more than 0 đồng': 'phải lớn hơn 0 đồng',
  'give knownAt or atPosition, not both': 'chỉ nêu knownAt hoặc atPosition, không nêu cả hai',
  'is not a cursor this service gave': 'không phải con trỏ trang do dịch vụ này cấp',
  'is not a field of this request': 'không phải một trường của yêu cầu này',
  'a provincial role needs the code of a current province': 'vai trò cấp tỉnh cần mã của một tỉnh hiện hành',
};

const viLocale = z.locales.vi();

/**
 * A field error's message in Vietnamese: the service's own schema messages from the table above,
 * dates between the schema's bounds as said, anything else by zod's Vietnamese locale from the issue.
 */
export function fieldMessageVi(message: string, issue?: Record<string, unknown>): string {
  const own = SCHEMA_MESSAGES_VI[message];
  if (own !== undefined) return own;
  const between = /^must be between (\S+) and (\S+)$/.exec(message);
  if (between !== null) return `phải trong khoảng ${viDate(between[1] as string)} đến ${viDate(between[2] as string)}`;
  if (issue === undefined || typeof issue.code !== 'string' || issue.code === 'custom') return 'giá trị không hợp lệ';
  const text = (viLocale.localeError as unknown as (i: unknown) => string | { message: string } | undefined)(issue);
  const vi = typeof text === 'string' ? text : (text?.message ?? 'giá trị không hợp lệ');
  // The issue no longer carries the value sent: say what was received as zod's English message did.
  const received = /received (\w+)$/.exec(message)?.[1];
  return vi.replace(/, nhận được undefined$/, received === undefined ? '' : `, nhận được ${received}`);
}

/** 2025-07-10 as 10/07/2025; anything else as it is. */
export function viDate(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m === null ? s : `${m[3]}/${m[2]}/${m[1]}`;
}

const money = (n: unknown): string => (typeof n === 'number' ? `${n.toLocaleString('vi-VN')} đồng` : String(n));

/**
 * The detail of a broken rule in Vietnamese: said in full for the rules officials meet most, from
 * the error's details; otherwise the rule, with the date or code it concerns.
 */
export function ruleDetailVi(code: string, d: Record<string, unknown>): string {
  const successor = d.successor as { code?: string; name?: string } | undefined;
  switch (code) {
    case 'province-merged':
      return `${typeof d.name === 'string' ? `${d.name} (${String(d.code)})` : `Tỉnh mã ${String(d.code)}`} đã sáp nhập vào ${successor?.name ?? ''} (${successor?.code ?? ''}) từ ngày 01/07/2025: bản ghi ngày ${viDate(String(d.date))} thuộc tỉnh ${successor?.code ?? ''} (${successor?.name ?? ''})`;
    case 'date-outside-campaign-year':
      return `ngày ${viDate(String(d.date))} không thuộc năm ${String(d.year)} của kế hoạch`;
    case 'fund-budget-exceeded':
    case 'disbursement-exceeds-approved':
    case 'budget-below-approved':
      return `${TEXTS_VI[code]?.rule ?? code}${Object.entries(d)
        .filter(([, v]) => typeof v === 'number')
        .map(([k, v]) => `; ${k}: ${money(v)}`)
        .join('')}`;
  }
  const about = ['date', 'code', 'activityId', 'fund', 'year'].filter(
    (k) => typeof d[k] === 'string' || typeof d[k] === 'number',
  );
  const rule = TEXTS_VI[code]?.rule ?? code;
  return about.length === 0
    ? rule
    : `${rule} (${about.map((k) => `${k}: ${k === 'date' ? viDate(String(d[k])) : String(d[k])}`).join(', ')})`;
}
