import { z } from 'zod';
import { Text } from './text.ts';
import { LocalDate } from './time.ts';
import { ProvinceCode, unitOn } from './units.ts';

/**
 * The takeover of an open record of a merged province (a pre-2025 province whose code did not
 * carry on, e.g. Tây Ninh 72) by the province it became part of (80): from the takeover date the
 * successor follows the record up.
 */
export const TakeOver = z.object({
  to: ProvinceCode.describe('the successor province, the current province the merged one became part of'),
  takenOverOn: LocalDate,
  takenOverBy: Text(300).optional().describe('who records the takeover: an agency or an official'),
  decision: z
    .object({ number: Text(100), date: LocalDate })
    .optional()
    .describe('the decision or document handing the record over, if any'),
  note: Text(2000).optional(),
});
export type TakeOver = z.infer<typeof TakeOver>;

/** What a takeover event records besides the record's own ids: from and to, the date, who and under which document. */
export type TakenOver = { from: string } & TakeOver;

/** How a record kept in a read model shows that it was taken over. */
export const TakeoverView = z.object({
  from: z.string(),
  to: z.string(),
  takenOverOn: z.string(),
  takenOverBy: z.string().optional(),
  decision: z.object({ number: z.string(), date: z.string() }).optional(),
  note: z.string().optional(),
});
export type TakeoverView = z.infer<typeof TakeoverView>;

/** The province a record was recorded under: its code, and its name on the record's date. */
export const ProvinceAsRecorded = z
  .object({ code: z.string(), name: z.string() })
  .describe(
    'the province as recorded: its code and its name on the date of the record (80 is Long An before 1/7/2025, Tây Ninh after)',
  );
export type ProvinceAsRecorded = z.infer<typeof ProvinceAsRecorded>;

export function asRecorded(code: string, date: LocalDate): ProvinceAsRecorded {
  return { code, name: unitOn(code, date)?.name ?? code };
}
