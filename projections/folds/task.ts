import type { TaskEvent } from '../../domain/task/task.ts';
import { type Catalog, type Envelope, type Stamp } from '../catalog.ts';

/** Tasks and their progress. */
export function foldTask(c: Catalog, e: TaskEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'TaskAssigned':
      c.tasks.set(e.data.taskId, { ...e.data, ...v, status: 'open', percent: 0, progress: [], position: at.position });
      return;
    case 'TaskProgressReported': {
      const t = c.tasks.get(e.data.taskId);
      if (t) c.tasks.set(t.taskId, { ...t, ...v, percent: e.data.percent, progress: [...t.progress, { reportedOn: e.data.reportedOn, percent: e.data.percent, note: e.data.note }] });
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
  }
}
