import { z } from 'zod';
import { Period } from '../../domain/shared/period.ts';
import { ProvinceAsRecorded, TakeoverView } from '../../domain/shared/takeover.ts';
import { TASK_RULES } from '../../domain/task/rules.ts';
import { AssignTask, taskStream, type TaskEvent } from '../../domain/task/task.ts';
import {
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  type Kept,
  keptDocuments,
  Positioned,
  type Stamp,
  Versioned,
} from '../capability.ts';

/** A task as kept: its assignment, progress reports and how it ended. */
export const TaskView = AssignTask.omit({ doneOn: true }).extend({
  organiser: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  percent: z.number().int(),
  completedOn: z.string().optional(),
  cancelledOn: z.string().optional(),
  progress: z.array(z.object({ reportedOn: z.string(), percent: z.number().int(), note: z.string() })),
  due: Period,
  takenOver: TakeoverView.optional().describe(
    'the successor province that took the task over, when and under which decision',
  ),
  ...Versioned,
  ...Positioned,
});
export type TaskView = z.infer<typeof TaskView> & Kept;
/** A task as served: as it stands on a day, with its due period as documents write it. */
export const TaskItem = TaskView.extend({
  dueLabel: z.string().describe('the due period as documents write it: "Quý III/2023", "Năm 2023"'),
  overdue: z
    .boolean()
    .describe('open and past its due period; never under a merged province once its successor took the task over'),
  province: ProvinceAsRecorded,
}).meta({ id: 'Task' });

/** An organiser's tasks (of any year) are in each of its campaigns' snapshots; each task is a stream. */
const slices = {
  tasks: keptDocuments<TaskView>()(12, {
    snapshot: { of: (t, organiser) => t.organiser === organiser, key: (t) => t.taskId },
    stream: (t) => taskStream(t.organiser, t.taskId),
  }),
};

/** Tasks and their progress. */
export function foldTask(c: FoldTarget<typeof slices>, e: TaskEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'TaskAssigned':
      c.tasks.set(e.data.taskId, { ...e.data, ...v, status: 'open', percent: 0, progress: [], position: at.position });
      return;
    case 'TaskProgressReported': {
      const t = c.tasks.get(e.data.taskId);
      if (t)
        c.tasks.set(t.taskId, {
          ...t,
          ...v,
          percent: e.data.percent,
          progress: [...t.progress, { reportedOn: e.data.reportedOn, percent: e.data.percent, note: e.data.note }],
        });
      return;
    }
    case 'TaskCompleted': {
      const t = c.tasks.get(e.data.taskId);
      if (t) c.tasks.set(t.taskId, { ...t, ...v, status: 'done', percent: 100, completedOn: e.data.completedOn });
      return;
    }
    case 'TaskCancelled': {
      const t = c.tasks.get(e.data.taskId);
      if (t) c.tasks.set(t.taskId, { ...t, ...v, status: 'cancelled', cancelledOn: e.data.cancelledOn });
      return;
    }
    case 'TaskTakenOver': {
      const t = c.tasks.get(e.data.taskId);
      const { organiser: _o, taskId: _t, ...takenOver } = e.data;
      if (t) c.tasks.set(t.taskId, { ...t, ...v, takenOver });
      return;
    }
  }
}

export const taskProjection = capabilityProjection<TaskEvent>()({
  name: 'task',
  slices,
  rules: TASK_RULES,
  events: ['TaskAssigned', 'TaskProgressReported', 'TaskCompleted', 'TaskCancelled', 'TaskTakenOver'],
  fold: foldTask,
  campaignStreams: (code) => [`task-${code}-`],
});
