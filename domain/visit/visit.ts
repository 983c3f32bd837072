import { z } from 'zod';
import {
  keptOnceDecider,
  type KeptOnceCommand,
  type KeptOnceRecorded,
  type KeptOnceRetracted,
} from '../campaign/kept-once.ts';
import { Text } from '../shared/text.ts';
import { LocalDate } from '../shared/time.ts';
import { fail } from './rules.ts';

/**
 * Visits to cooperatives (thăm hỏi, làm việc, động viên hỗ trợ các HTX, seed 000): who went, to which
 * cooperatives, why, what they found and what the cooperatives asked for.
 */
export const VisitPurpose = z.enum([
  'encouragement', // thăm hỏi, động viên
  'working-session', // làm việc, nắm tình hình
  'survey', // khảo sát, kiểm tra
  'other',
]);

export const RecordVisit = z.object({
  visitId: z.uuid(),
  date: LocalDate,
  purpose: VisitPurpose,
  cooperativeIds: z.array(z.uuid()).min(1, 'name at least one cooperative').max(50),
  ledBy: Text(300).describe('"Chủ tịch Liên minh HTX tỉnh"'),
  findings: Text(4000).optional().describe('what the visit found'),
  proposals: Text(4000).optional().describe("the cooperatives' proposals and difficulties"),
  activityId: z.string().optional(),
});
export type RecordVisit = z.infer<typeof RecordVisit>;
export const RetractVisit = z.object({ reason: Text(2000) });

export type VisitCommand = KeptOnceCommand<'RecordVisit', 'RetractVisit', 'visitId', RecordVisit>;
export type VisitRecorded = KeptOnceRecorded<'VisitRecorded', RecordVisit>;
export type VisitRetracted = KeptOnceRetracted<'VisitRetracted', 'visitId'>;
export type VisitEvent = VisitRecorded | VisitRetracted;

export function visitStream(organiser: string, year: number, visitId: string): string {
  return `visit-${organiser}-${year}-${visitId}`;
}

export const visitDecider = keptOnceDecider(
  {
    record: 'RecordVisit',
    retract: 'RetractVisit',
    recorded: 'VisitRecorded',
    retracted: 'VisitRetracted',
    id: 'visitId',
  },
  { alreadyRecorded: 'visit-already-recorded', notFound: 'visit-not-found', retracted: 'visit-retracted', fail },
  (v: RecordVisit) => [v.date],
);
