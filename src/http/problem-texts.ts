import Negotiator from 'negotiator';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { viDate } from '../../domain/shared/rules.ts';

/**
 * Problem answers in Vietnamese and English. The language is the caller's `Accept-Language`
 * (the page asks for Vietnamese); English when it asks for neither, for API clients. Each problem
 * type's titles and rules in both languages are the catalogue's (problem-catalogue.ts); this file
 * picks the language and says the schemas' own field messages in Vietnamese.
 */
export const LANGUAGES = ['en', 'vi'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** The language a request asks for, by `Accept-Language` with its q-values: English by default. */
export function languageOf(headers: IncomingHttpHeaders): Lang {
  if (headers['accept-language'] === undefined) return 'en';
  const chosen = new Negotiator({ headers }).language([...LANGUAGES]);
  return chosen === 'vi' ? 'vi' : 'en';
}

/** Vietnamese for the messages the service's own schemas give (zod's own messages come from its Vietnamese locale). */
const SCHEMA_MESSAGES_VI: Record<string, string> = {
  'must be a real calendar date': 'phải là một ngày có thật trên lịch',
  'must be an ISO 8601 instant with offset': 'phải là thời điểm theo ISO 8601 có múi giờ',
  'must end on or after the day it starts': 'ngày kết thúc phải từ ngày bắt đầu trở về sau',
  'must be a date as yyyy-MM-dd': 'phải là một ngày, dạng yyyy-MM-dd',
  'must not be empty': 'không được để trống',
  'must not be negative': 'không được là số âm',
  'must be a whole number': 'phải là một số nguyên',
  'must be a whole number of đồng (VND has no minor unit)': 'phải là số đồng nguyên',
  'is too large': 'quá lớn',
  'must not contain NUL or a lone UTF-16 surrogate': 'có ký tự không hợp lệ; hãy gõ lại',
  'consult at least one party': 'nêu ít nhất một bên được lấy ý kiến',
  'list at least one achievement': 'nêu ít nhất một thành tích',
  'name at least one lead agency': 'nêu ít nhất một cơ quan chủ trì',
  'name at least one member': 'nêu ít nhất một thành viên',
  'name at least one reporter': 'nêu ít nhất một đơn vị báo cáo',
  'name at least one unit': 'nêu ít nhất một đơn vị',
  'name at least one cooperative': 'chọn ít nhất một HTX',
  'must be a five-digit commune code': 'phải là mã xã, phường gồm 5 chữ số',
  'must be a five-digit commune code: pick the commune from /reference/communes':
    'phải là mã xã, phường gồm 5 chữ số: chọn xã, phường trong danh sách',
  'must be a two-digit province code': 'phải là mã tỉnh gồm 2 chữ số',
  'must be a slug: lower-case letters, digits and "-"': 'chỉ gồm chữ thường không dấu, chữ số và dấu "-"',
  'must be half-year, year-end or adhoc-<name>': 'phải là half-year (6 tháng), year-end (cả năm) hoặc adhoc-<tên>',
  'must be alliance, standing-agency, a five-digit commune code or a department code such as so-tai-chinh':
    'phải là alliance, standing-agency, mã xã gồm 5 chữ số hoặc mã sở, ngành như so-tai-chinh',
  'letters, digits, /, ., - and spaces, such as 45/LMHTX-VP': 'chỉ gồm chữ, số, /, ., - và dấu cách, ví dụ 45/LMHTX-VP',
  'a phase spans more than one year': 'một giai đoạn phải kéo dài hơn một năm',
  'a round admits at least one member': 'mỗi đợt kết nạp ít nhất một thành viên',
  'name at least one field to correct': 'nêu ít nhất một trường cần đính chính',
  'name at least one recipient': 'nêu ít nhất một tập thể hoặc cá nhân được khen thưởng',
  'name at least one audience': 'nêu ít nhất một đối tượng tham dự',
  'name at least one topic': 'nêu ít nhất một nội dung',
  'each party is listed once': 'mỗi bên chỉ được liệt kê một lần',
  'must be a whole number of đồng': 'phải là số đồng nguyên',
  'must be more than 0 đồng': 'phải lớn hơn 0 đồng',
  'give knownAt or atPosition, not both': 'chỉ nêu knownAt hoặc atPosition, không nêu cả hai',
  'is not a cursor this service gave': 'không phải con trỏ trang do dịch vụ này cấp',
  'is not a field of this request': 'không phải một trường của yêu cầu này',
  'a provincial role needs the code of a current province': 'vai trò cấp tỉnh cần mã của một tỉnh hiện hành',
  'give the number to reach, or a percentage of a base': 'nêu số cần đạt, hoặc tỷ lệ phần trăm của một cơ số',
  'give either a number to reach or a percentage, not both':
    'chỉ nêu số cần đạt hoặc tỷ lệ phần trăm, không nêu cả hai',
  'a range ends at or above its minimum (value)': 'khoảng chỉ tiêu phải kết thúc từ mức tối thiểu trở lên',
  'a percentage needs the base it is taken of': 'tỷ lệ phần trăm cần cơ số để tính',
  'a base goes with a percentage': 'cơ số chỉ đi cùng tỷ lệ phần trăm',
};

const viLocale = z.locales.vi();

/** zod's own wording, which a person would not write: these messages are said again plainly. */
const ZOD_DEFAULT =
  /^(Too small|Too big|Invalid input|Invalid option|Invalid string|Invalid UUID|Invalid \w+$|Invalid$)/;

/**
 * A field error as a person would say it, in English or Vietnamese, from the schema's issue: how
 * long, how many, which kind of value, which choices. Undefined for the service's own messages
 * (they are worded already) and for an issue this does not know.
 */
export function plainMessage(
  message: string,
  issue: Record<string, unknown> | undefined,
  lang: Lang,
): string | undefined {
  if (issue === undefined || !ZOD_DEFAULT.test(message)) return undefined;
  const vi = lang === 'vi';
  const n = Number(issue.minimum ?? issue.maximum);
  const origin = String(issue.origin ?? '');
  const number = origin === 'number' || origin === 'int' || origin === 'bigint';
  const list = origin === 'array' || origin === 'set';
  switch (issue.code) {
    case 'too_small':
      if (origin === 'string')
        return n <= 1
          ? vi
            ? 'không được để trống'
            : 'must not be empty'
          : vi
            ? `phải có ít nhất ${n} ký tự`
            : `must have at least ${n} characters`;
      if (list) return vi ? `chọn hoặc nhập ít nhất ${n} mục` : `must list at least ${n}`;
      if (number)
        return issue.inclusive === false
          ? vi
            ? `phải lớn hơn ${n}`
            : `must be more than ${n}`
          : vi
            ? `không được nhỏ hơn ${n}`
            : `must be ${n} or more`;
      return undefined;
    case 'too_big':
      if (origin === 'string') return vi ? `tối đa ${n} ký tự` : `must have at most ${n} characters`;
      if (list) return vi ? `tối đa ${n} mục` : `must list at most ${n}`;
      if (number)
        return issue.inclusive === false
          ? vi
            ? `phải nhỏ hơn ${n}`
            : `must be less than ${n}`
          : vi
            ? `không được lớn hơn ${n}`
            : `must be ${n} or less`;
      return undefined;
    case 'invalid_type': {
      if (/received undefined$/.test(message)) return vi ? 'bắt buộc phải nhập' : 'is required';
      const expected = String(issue.expected ?? '');
      const say: Record<string, [string, string]> = {
        number: ['must be a number', 'phải là một số'],
        int: ['must be a whole number', 'phải là một số nguyên'],
        string: ['must be text', 'phải là chữ'],
        boolean: ['must be yes or no (true or false)', 'phải là có hoặc không'],
        array: ['must be a list', 'phải là một danh sách'],
        object: ['must be a group of fields', 'phải là một nhóm thông tin'],
      };
      const pair = say[expected];
      return pair === undefined ? undefined : pair[vi ? 1 : 0];
    }
    case 'invalid_value': {
      const values = Array.isArray(issue.values) ? issue.values.map(String) : [];
      if (values.length === 0) return undefined;
      return vi ? `chọn một trong: ${values.join(', ')}` : `must be one of: ${values.join(', ')}`;
    }
    case 'invalid_format':
      if (issue.format === 'uuid')
        return vi ? 'phải là mã do hệ thống cấp (UUID)' : 'must be an id the service gave (a UUID)';
      return vi ? 'không đúng định dạng' : 'is not in the expected form';
    default:
      return undefined;
  }
}

/**
 * A field error's message in Vietnamese: the service's own schema messages from the table above,
 * dates between the schema's bounds as said, anything else by zod's Vietnamese locale from the issue.
 */
export function fieldMessageVi(message: string, issue?: Record<string, unknown>): string {
  const own = SCHEMA_MESSAGES_VI[message];
  if (own !== undefined) return own;
  const plain = plainMessage(message, issue, 'vi');
  if (plain !== undefined) return plain;
  const between = /^must be between (\S+) and (\S+)$/.exec(message);
  if (between !== null) return `phải trong khoảng ${viDate(between[1] as string)} đến ${viDate(between[2] as string)}`;
  if (issue === undefined || typeof issue.code !== 'string' || issue.code === 'custom') return 'giá trị không hợp lệ';
  const text = (viLocale.localeError as unknown as (i: unknown) => string | { message: string } | undefined)(issue);
  const vi = typeof text === 'string' ? text : (text?.message ?? 'giá trị không hợp lệ');
  // The issue no longer carries the value sent: say what was received as zod's English message did.
  const received = /received (\w+)$/.exec(message)?.[1];
  return vi.replace(/, nhận được undefined$/, received === undefined ? '' : `, nhận được ${received}`);
}
