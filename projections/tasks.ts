import { isOverdue, periodDates } from '../domain/shared/period.ts';
import { vnDate, vnDateOf, type LocalDate } from '../domain/shared/time.ts';
import { asRecorded, type ProvinceAsRecorded } from '../domain/shared/takeover.ts';
import type { TaskView } from './folds/task.ts';

/** A task as it stood on a business date, by the dates on its records. */
export interface TaskOn {
  status: 'open' | 'done' | 'cancelled';
  percent: number;
  overdue: boolean;
}

/**
 * Where a task stood at the end of `date`: done or cancelled if the record of that is dated on
 * or before it, else open with the progress reported by then, and overdue once its due period
 * ended before that day. Undefined for a task whose plan was issued after `date` (it had not
 * been assigned yet). As seen by province `code` (by default the one it was recorded under): a
 * merged province's task its successor took over by then is no longer overdue under the merged one.
 */
export function taskOn(t: TaskView, date: LocalDate, code: string = t.organiser): TaskOn | undefined {
  if (t.plan.date > date) return undefined;
  if (t.completedOn !== undefined && t.completedOn <= date) return { status: 'done', percent: 100, overdue: false };
  if (t.cancelledOn !== undefined && t.cancelledOn <= date)
    return { status: 'cancelled', percent: t.percent, overdue: false };
  let percent = 0;
  for (const p of t.progress) if (p.reportedOn <= date && p.percent > percent) percent = p.percent;
  return { status: 'open', percent, overdue: isOverdue(t.due, startOf(date)) && !handedOver(t, code, date) };
}

/** A task as it stands now (its current status; overdue by the instant `now`), as seen by `code` (see taskOn). */
export function taskNow(t: TaskView, now: string, code: string = t.organiser): TaskOn {
  return {
    status: t.status,
    percent: t.percent,
    overdue: t.status === 'open' && isOverdue(t.due, now) && !handedOver(t, code, vnDateOf(now)),
  };
}

/** Whether a task's due period touches a calendar year. */
export function dueInYear(t: TaskView, year: number): boolean {
  const due = periodDates(t.due);
  return due.to >= `${year}-01-01` && due.from <= `${year}-12-31`;
}

/** The instant a Vietnam day begins: "overdue on D" means due before D. */
export function startOf(date: LocalDate): string {
  return vnDate(date).toISO() as string;
}

/**
 * Whether a task is the province `code`'s on a day: a task recorded under `code` is (its history
 * stays there), and so is one its successor `code` took over by then.
 */
export function taskOf(t: TaskView, code: string, date: LocalDate): boolean {
  return (
    t.organiser === code || (t.takenOver !== undefined && t.takenOver.to === code && t.takenOver.takenOverOn <= date)
  );
}

/** Whether a merged province's task was handed to its successor by that day: it is then the successor's to follow up. */
export function handedOver(t: TaskView, code: string, date: LocalDate): boolean {
  return t.organiser === code && t.takenOver !== undefined && t.takenOver.takenOverOn <= date;
}

/** The province a task was recorded under: its code, and its name on the date of the plan. */
export function recordedUnder(t: TaskView): ProvinceAsRecorded {
  return asRecorded(t.organiser, t.plan.date);
}

/** The Vietnam day of an instant, or the business date asked for. */
export function dayOf(asOf: LocalDate | undefined, now: string): LocalDate {
  return asOf ?? vnDateOf(now);
}
