import { z } from 'zod';
import {
  keptOnceDecider,
  type KeptOnceCommand,
  type KeptOnceRecorded,
  type KeptOnceRetracted,
} from '../campaign/kept-once.ts';
import { Vnd } from '../shared/money.ts';
import { Text } from '../shared/text.ts';
import { LocalDate } from '../shared/time.ts';
import { fail } from './rules.ts';

/**
 * Support that is not money (hỗ trợ không bằng tiền): advice, technology, access to markets, legal
 * help, digital transformation, equipment or premises lent; to which cooperatives, by whom, and what
 * it was worth where the province estimates it. Money goes through approvals and disbursements.
 */
export const AssistanceForm = z.enum([
  'consulting', // tư vấn quản trị, xây dựng phương án sản xuất kinh doanh
  'technology', // chuyển giao khoa học, công nghệ
  'market-access', // tiêu thụ sản phẩm, kết nối thị trường
  'legal-advice', // tư vấn pháp lý, thủ tục
  'digital-transformation', // chuyển đổi số
  'equipment', // trang thiết bị, mặt bằng
  'other',
]);

export const RecordAssistance = z.object({
  assistanceId: z.uuid(),
  date: LocalDate,
  form: AssistanceForm,
  cooperativeIds: z.array(z.uuid()).min(1, 'name at least one cooperative').max(200),
  description: Text(2000).describe('what was given or done'),
  providedBy: Text(300).describe('"Liên minh HTX tỉnh", "Sở Khoa học và Công nghệ"'),
  estimatedValueVnd: Vnd.optional().describe('what it was worth, in đồng, where the province estimates it'),
  activityId: z.string().optional(),
});
export type RecordAssistance = z.infer<typeof RecordAssistance>;
export const RetractAssistance = z.object({ reason: Text(2000) });

export type AssistanceCommand = KeptOnceCommand<
  'RecordAssistance',
  'RetractAssistance',
  'assistanceId',
  RecordAssistance
>;
export type AssistanceRecorded = KeptOnceRecorded<'AssistanceRecorded', RecordAssistance>;
export type AssistanceRetracted = KeptOnceRetracted<'AssistanceRetracted', 'assistanceId'>;
export type AssistanceEvent = AssistanceRecorded | AssistanceRetracted;

export function assistanceStream(organiser: string, year: number, assistanceId: string): string {
  return `assistance-${organiser}-${year}-${assistanceId}`;
}

export const assistanceDecider = keptOnceDecider(
  {
    record: 'RecordAssistance',
    retract: 'RetractAssistance',
    recorded: 'AssistanceRecorded',
    retracted: 'AssistanceRetracted',
    id: 'assistanceId',
  },
  {
    alreadyRecorded: 'assistance-already-recorded',
    notFound: 'assistance-not-found',
    retracted: 'assistance-retracted',
    fail,
  },
  (a: RecordAssistance) => [a.date],
);
