import { z } from 'zod';
import { Text } from '../shared/text.ts';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { fail } from './rules.ts';
import { PeriodInput, type Period } from '../shared/period.ts';
import { LocalDate } from '../shared/time.ts';
import { requireTakeover, requireUnitOpenOn } from '../shared/units.ts';
import { TakeOver, type TakenOver } from '../shared/takeover.ts';
import { DocumentRef } from '../campaign/campaign.ts';

/**
 * A task assigned under a plan (e.g. steering-committee plan 2653/KH-BCĐ of Tây Ninh, 2023):
 * a lead agency (cơ quan chủ trì), coordinating agencies (cơ quan phối hợp) and a due period.
 */
export const AssignTask = z.object({
  taskId: z.uuid(),
  plan: DocumentRef,
  section: Text(300).optional(),
  ordinal: z.number().int().positive().optional(),
  title: Text(2000),
  leadAgencies: z.array(Text(300)).min(1, 'name at least one lead agency').max(20),
  coordinatingAgencies: z.array(Text(300)).max(50).default([]),
  due: PeriodInput.describe(
    'the structured period, or its Vietnamese label: "Quý III/2023", "Năm 2023", "Giai đoạn 2023 - 2025"',
  ),
  /** When the plan records the task as already done ("Đã tổ chức 27/3/2023"). */
  doneOn: LocalDate.optional(),
});
export type AssignTask = z.infer<typeof AssignTask>;

export const ReportTaskProgress = z.object({
  reportedOn: LocalDate,
  percent: z.number().int().min(0).max(100),
  note: Text(5000),
  reportedBy: Text(300).optional(),
});
export const CompleteTask = z.object({ completedOn: LocalDate, note: Text(5000).optional() });
export const CancelTask = z.object({ cancelledOn: LocalDate, reason: Text(2000) });
/** The successor of a merged province takes over one of its open tasks (see TakeOver). */
export const TakeOverTask = TakeOver;

export type TaskCommand =
  | ({ type: 'AssignTask'; organiser: string } & AssignTask)
  | ({ type: 'ReportTaskProgress'; taskId: string } & z.infer<typeof ReportTaskProgress>)
  | ({ type: 'CompleteTask'; taskId: string } & z.infer<typeof CompleteTask>)
  | ({ type: 'CancelTask'; taskId: string } & z.infer<typeof CancelTask>)
  | ({ type: 'TakeOverTask'; taskId: string } & z.infer<typeof TakeOverTask>);

export type TaskAssigned = DomainEvent<'TaskAssigned', { organiser: string } & Omit<AssignTask, 'doneOn'>>;
export type TaskProgressReported = DomainEvent<
  'TaskProgressReported',
  { organiser: string; taskId: string } & z.infer<typeof ReportTaskProgress>
>;
export type TaskCompleted = DomainEvent<
  'TaskCompleted',
  { organiser: string; taskId: string } & z.infer<typeof CompleteTask>
>;
export type TaskCancelled = DomainEvent<
  'TaskCancelled',
  { organiser: string; taskId: string } & z.infer<typeof CancelTask>
>;
/** An open task of a merged province (72) handed to its successor (80); `organiser` stays the code recorded. */
export type TaskTakenOver = DomainEvent<'TaskTakenOver', { organiser: string; taskId: string } & TakenOver>;
export type TaskEvent = TaskAssigned | TaskProgressReported | TaskCompleted | TaskCancelled | TaskTakenOver;

export interface TaskState {
  status: 'none' | 'open' | 'done' | 'cancelled';
  organiser: string;
  percent: number;
  due: Period | null;
  /** The successor that took the task over, and from which day. */
  takenOver?: { to: string; on: string };
}

export function taskStream(organiser: string, taskId: string): string {
  return `task-${organiser}-${taskId}`;
}

/**
 * Refuses a step dated after the last day of a merged organiser, unless its successor took the
 * task over on or before that date: from then the successor follows the task up.
 */
function requireOrganiserOn(state: TaskState, date: string): void {
  if (state.takenOver !== undefined && date >= state.takenOver.on) return;
  requireUnitOpenOn(state.organiser, date);
}

function requireOpenTask(state: TaskState, taskId: string): void {
  if (state.status === 'none') fail('task-not-found', `no task ${taskId}`);
  if (state.status === 'done') fail('task-already-completed', `task ${taskId} is completed`);
  if (state.status === 'cancelled') fail('task-cancelled', `task ${taskId} was cancelled`);
}

export const taskDecider: Decider<TaskCommand, TaskEvent, TaskState, undefined> = {
  initialState: () => ({ status: 'none', organiser: '', percent: 0, due: null }),

  evolve(state, event) {
    switch (event.type) {
      case 'TaskAssigned':
        return { ...state, status: 'open', organiser: event.data.organiser, due: event.data.due };
      case 'TaskProgressReported':
        return { ...state, percent: event.data.percent };
      case 'TaskCompleted':
        return { ...state, status: 'done', percent: 100 };
      case 'TaskCancelled':
        return { ...state, status: 'cancelled' };
      case 'TaskTakenOver':
        return { ...state, takenOver: { to: event.data.to, on: event.data.takenOverOn } };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'AssignTask': {
        if (state.status !== 'none') fail('task-already-assigned', `task ${command.taskId} is already assigned`);
        const { type: _t, doneOn, ...c } = command;
        if (doneOn !== undefined) requireUnitOpenOn(c.organiser, doneOn);
        const events: TaskEvent[] = [{ type: 'TaskAssigned', data: c }];
        if (doneOn !== undefined) {
          events.push({
            type: 'TaskCompleted',
            data: {
              organiser: c.organiser,
              taskId: c.taskId,
              completedOn: doneOn,
              note: 'recorded as done in the plan',
            },
          });
        }
        return events;
      }
      case 'ReportTaskProgress': {
        requireOpenTask(state, command.taskId);
        requireOrganiserOn(state, command.reportedOn);
        if (command.percent < state.percent) {
          fail('progress-backwards', `progress ${command.percent}% is below the ${state.percent}% already reported`, {
            reported: state.percent,
          });
        }
        const { type: _t, ...c } = command;
        return [{ type: 'TaskProgressReported', data: { organiser: state.organiser, ...c } }];
      }
      case 'CompleteTask': {
        requireOpenTask(state, command.taskId);
        requireOrganiserOn(state, command.completedOn);
        const { type: _t, ...c } = command;
        return [{ type: 'TaskCompleted', data: { organiser: state.organiser, ...c } }];
      }
      case 'CancelTask': {
        requireOpenTask(state, command.taskId);
        requireOrganiserOn(state, command.cancelledOn);
        const { type: _t, ...c } = command;
        return [{ type: 'TaskCancelled', data: { organiser: state.organiser, ...c } }];
      }
      case 'TakeOverTask': {
        requireOpenTask(state, command.taskId);
        if (state.takenOver !== undefined) {
          fail(
            'already-taken-over',
            `task ${command.taskId} was taken over by ${state.takenOver.to} on ${state.takenOver.on}`,
            {
              to: state.takenOver.to,
              takenOverOn: state.takenOver.on,
            },
          );
        }
        requireTakeover(state.organiser, command.to, command.takenOverOn);
        const { type: _t, ...c } = command;
        return [{ type: 'TaskTakenOver', data: { organiser: state.organiser, from: state.organiser, ...c } }];
      }
    }
  },
};
