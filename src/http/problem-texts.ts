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
