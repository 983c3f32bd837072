import { SHARED_RULES, type RuleBook, type RuleText } from '../../domain/shared/rules.ts';
import { CAPABILITIES } from '../../projections/capabilities.ts';

/**
 * The one problem catalogue: every problem type the service answers, by code, with its status,
 * English title and rule, and Vietnamese title and rule. The HTTP layer's own problems are listed
 * here; the domain's rules are gathered from every registered capability
 * (projections/capabilities.ts) and answer 422. A call site names the code and its values only.
 */
export interface ProblemEntry {
  status: number;
  title: string;
  /** What the problem means, or the rule it protects, for people. */
  en: string;
  vi: { title: string; rule: string };
  detailVi?: RuleText['detailVi'];
}

/** Problems of the HTTP layer itself, beside the domain's rules. */
export const HTTP_PROBLEMS = {
  validation: {
    status: 400,
    title: 'Invalid request',
    en: 'the request does not match the schema of this operation',
    vi: { title: 'Yêu cầu không hợp lệ', rule: 'yêu cầu không đúng mẫu dữ liệu của thao tác này' },
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    en: 'the resource does not exist',
    vi: { title: 'Không tìm thấy', rule: 'không có tài nguyên này' },
  },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    en: 'a valid bearer token is required (expired, malformed, wrongly signed or wrong-algorithm tokens are refused)',
    vi: {
      title: 'Chưa xác thực',
      rule: 'cần mã truy cập (bearer token) hợp lệ; mã hết hạn, sai định dạng, sai chữ ký hoặc sai thuật toán đều bị từ chối',
    },
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    en: "the token's role and province do not allow this operation on this province",
    vi: { title: 'Không có quyền', rule: 'vai trò và tỉnh của mã truy cập không cho phép thao tác này với tỉnh này' },
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    en: 'too many requests from this caller; retry after the time in Retry-After',
    vi: {
      title: 'Quá nhiều yêu cầu',
      rule: 'người gọi đã gửi quá nhiều yêu cầu; thử lại sau thời gian ghi trong Retry-After',
    },
  },
  'revision-conflict': {
    status: 409,
    title: 'Conflicting write',
    en: 'another write changed the resource at the same time; read it again and retry',
    vi: { title: 'Ghi xung đột', rule: 'một thao tác khác đã thay đổi tài nguyên cùng lúc; hãy đọc lại rồi thử lại' },
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    en: 'If-Match named a revision the resource is no longer at',
    vi: { title: 'Điều kiện không còn đúng', rule: 'If-Match nêu một phiên bản mà tài nguyên không còn ở đó nữa' },
  },
  'invalid-if-match': {
    status: 400,
    title: 'Invalid If-Match',
    en: 'If-Match holds one ETag: the quoted stream revision',
    vi: {
      title: 'If-Match không hợp lệ',
      rule: 'If-Match chứa một ETag: số phiên bản của luồng, đặt trong dấu ngoặc kép',
    },
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key reused',
    en: 'an Idempotency-Key is bound to the first request body sent with it',
    vi: {
      title: 'Idempotency-Key đã dùng',
      rule: 'một Idempotency-Key gắn với nội dung yêu cầu đầu tiên được gửi kèm nó',
    },
  },
  'idempotency-key-in-use': {
    status: 409,
    title: 'Idempotency-Key in use',
    en: 'a request with this Idempotency-Key is still being processed; retry after Retry-After for its answer',
    vi: {
      title: 'Idempotency-Key đang được xử lý',
      rule: 'một yêu cầu với Idempotency-Key này vẫn đang được xử lý; thử lại sau Retry-After để nhận kết quả',
    },
  },
  'idempotency-key-expired': {
    status: 422,
    title: 'Idempotency-Key expired',
    en: 'the request was applied with this Idempotency-Key longer ago than keys are kept (24 h by default); it is not applied again',
    vi: {
      title: 'Idempotency-Key đã hết hạn',
      rule: 'yêu cầu đã được ghi với Idempotency-Key này lâu hơn thời gian lưu khóa (mặc định 24 giờ); không ghi lại lần nữa',
    },
  },
  'projection-lagging': {
    status: 503,
    title: 'Read models are behind',
    en: 'the read models have not reached the requested position yet; retry shortly',
    vi: {
      title: 'Dữ liệu tổng hợp chưa cập nhật kịp',
      rule: 'dữ liệu tổng hợp chưa đến vị trí được yêu cầu; thử lại sau giây lát',
    },
  },
  'duplicate-event-id': {
    status: 409,
    title: 'Duplicate event id',
    en: 'events with these ids were already written elsewhere',
    vi: { title: 'Trùng mã sự kiện', rule: 'các sự kiện có mã này đã được ghi ở nơi khác' },
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    en: 'the request body is larger than the service accepts',
    vi: { title: 'Nội dung quá lớn', rule: 'nội dung yêu cầu lớn hơn mức dịch vụ nhận' },
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    en: 'requests carry application/json',
    vi: { title: 'Kiểu nội dung không được hỗ trợ', rule: 'yêu cầu phải có kiểu application/json' },
  },
  'store-unavailable': {
    status: 503,
    title: 'Event store unavailable',
    en: 'the event store cannot take writes now (disk full, read-only, stopping); nothing was stored; retry after Retry-After',
    vi: {
      title: 'Kho sự kiện tạm không ghi được',
      rule: 'kho sự kiện hiện không nhận ghi (đầy đĩa, chỉ đọc, đang dừng); chưa có gì được ghi; thử lại sau Retry-After',
    },
  },
  overloaded: {
    status: 503,
    title: 'Service overloaded',
    en: 'the service is shedding load (its event loop lags); nothing was done; retry after Retry-After',
    vi: {
      title: 'Dịch vụ quá tải',
      rule: 'dịch vụ đang giảm tải (vòng lặp sự kiện bị trễ); chưa làm gì; thử lại sau Retry-After',
    },
  },
  starting: {
    status: 503,
    title: 'Service starting',
    en: 'the instance is still catching up with the event log (read models, idempotency keys); nothing was done; retry after Retry-After',
    vi: {
      title: 'Dịch vụ đang khởi động',
      rule: 'máy chủ đang cập nhật theo nhật ký sự kiện (dữ liệu tổng hợp, khóa Idempotency); chưa làm gì; thử lại sau Retry-After',
    },
  },
  'outcome-unknown': {
    status: 503,
    title: 'Outcome unknown',
    en: 'the write may or may not have been stored; retry with the same Idempotency-Key to get its outcome',
    vi: {
      title: 'Chưa rõ kết quả',
      rule: 'thao tác ghi có thể đã hoặc chưa được lưu; gửi lại với cùng Idempotency-Key để biết kết quả',
    },
  },
  internal: {
    status: 500,
    title: 'Internal error',
    en: 'the service failed; the request id in the response identifies it in the logs',
    vi: {
      title: 'Lỗi hệ thống',
      rule: 'dịch vụ gặp lỗi; mã yêu cầu (x-request-id) trong câu trả lời giúp tìm lỗi trong nhật ký',
    },
  },
  'import-not-workbook': {
    status: 422,
    title: 'Not an Excel workbook',
    en: 'an import takes an Excel workbook (.xlsx), such as the template of its kind',
    vi: { title: 'Không phải tệp Excel', rule: 'chỉ nhập được tệp Excel (.xlsx), ví dụ tệp mẫu của loại bản ghi đó' },
  },
  'import-columns-missing': {
    status: 422,
    title: 'Columns missing',
    en: "an import's first row names every required column of its template",
    vi: { title: 'Thiếu cột', rule: 'dòng đầu của tệp phải có đủ các cột bắt buộc của tệp mẫu' },
  },
  'import-too-many-rows': {
    status: 422,
    title: 'Too many rows',
    en: 'an import takes at most 20,000 rows; split the file',
    vi: { title: 'Quá nhiều dòng', rule: 'mỗi lần nhập tối đa 20.000 dòng; hãy chia nhỏ tệp' },
  },
  'import-empty': {
    status: 422,
    title: 'Empty workbook',
    en: 'an import needs a heading row and at least one record',
    vi: { title: 'Tệp trống', rule: 'tệp cần một dòng tiêu đề và ít nhất một bản ghi' },
  },
  'import-rows-invalid': {
    status: 422,
    title: 'Rows of the file break the rules',
    en: 'an all-or-nothing import writes nothing while any row breaks a rule; each problem names its row and column',
    vi: {
      title: 'Có dòng sai quy định',
      rule: 'khi nhập theo kiểu tất cả hoặc không, chưa ghi gì khi còn dòng sai; mỗi lỗi ghi rõ dòng và cột',
    },
  },
} as const satisfies Record<string, ProblemEntry>;
export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

const RULE_BROKEN = 'A rule of the record was broken';

/** Every registered capability's rules and the shared ones: a code claimed twice stops the service at start-up. */
export const DOMAIN_RULES: RuleBook = (() => {
  const all: Record<string, RuleText> = { ...SHARED_RULES };
  for (const c of CAPABILITIES)
    for (const [code, rule] of Object.entries(c.rules)) {
      if (Object.hasOwn(all, code) || Object.hasOwn(HTTP_PROBLEMS, code))
        throw new Error(`the problem code ${code} is declared twice (capability ${c.name})`);
      all[code] = rule;
    }
  return all;
})();

/** The catalogue's entry for a code, or undefined for a code it does not have. */
export function problemEntry(code: string): ProblemEntry | undefined {
  if (Object.hasOwn(HTTP_PROBLEMS, code)) return HTTP_PROBLEMS[code as HttpProblemCode];
  if (!Object.hasOwn(DOMAIN_RULES, code)) return undefined;
  const r = DOMAIN_RULES[code] as RuleText;
  return { status: 422, title: r.title ?? RULE_BROKEN, en: r.en, vi: r.vi, detailVi: r.detailVi };
}

/** Every code of the catalogue. */
export const problemCodes = (): string[] => [...Object.keys(HTTP_PROBLEMS), ...Object.keys(DOMAIN_RULES)];
