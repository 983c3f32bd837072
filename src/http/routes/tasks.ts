import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignTask,
  CancelTask,
  CompleteTask,
  ReportTaskProgress,
  TakeOverTask,
  taskDecider,
  taskStream,
} from '../../../domain/task/task.ts';
import { periodLabel } from '../../../domain/shared/period.ts';
import { TaskItem, type TaskView } from '../../../projections/folds/task.ts';
import { dayOf, recordedUnder, taskNow, taskOf, taskOn } from '../../../projections/tasks.ts';
import { predecessorCodes } from '../../../domain/shared/units.ts';
import { catalogAt } from '../../app/replay.ts';
import type { Catalog } from '../../../projections/catalog.ts';
import { taskUnits, type RecordOn } from '../../../projections/unit-reports.ts';
import { Clocks, recordedBy } from '../clocks.ts';
import { IncludePredecessors, PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { OrganiserParams } from './campaigns.ts';

/** A task's record falls on its lead agencies' reporting units (taskUnits), on the day it is dated. */
function taskRecordOn(c: Catalog, organiser: string, taskId: string, date: string): RecordOn | undefined {
  const t = c.tasks.get(taskId);
  return t === undefined || t.organiser !== organiser
    ? undefined
    : { organiser, date, units: taskUnits(t.leadAgencies) };
}

/** Tasks assigned under plans (with due periods), per organiser. */
export const taskRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const now = () => kit.deps.now().toISOString();
  const TaskParams = OrganiserParams.extend({ taskId: z.uuid() });
  const task = (code: string, taskId: string) => ({ stream: taskStream(code, taskId), decider: taskDecider });
  /**
   * A task now, or as it stood on the business date `asOf` (undefined: not yet assigned then), as
   * province `code` sees it: a task its successor took over is no longer overdue under a merged province.
   */
  const view = (t: TaskView, code: string, asOf: string | undefined) => {
    const s = asOf === undefined ? taskNow(t, now(), code) : taskOn(t, asOf, code);
    return s === undefined ? undefined : { ...t, ...s, dueLabel: periodLabel(t.due), province: recordedUnder(t) };
  };
  /** The organiser's tasks as the log held them at knownAt/atPosition, else the live read models. */
  const tasksOf = async (code: string, q: Clocks & { minPosition?: number | undefined }) => {
    const at = await recordedBy(kit.deps.store, q, now);
    const c =
      at === undefined
        ? await kit.catalog(q.minPosition)
        : await catalogAt(
            kit.deps.store,
            at.position,
            [code, ...predecessorCodes(code)].map((x) => `task-${x}-`),
          );
    return c.tasks;
  };

  commandRoute(app, kit, {
    path: '/provinces/:code/tasks',
    tags: ['tasks'],
    operationId: 'assignTask',
    form: { title: 'Giao nhiệm vụ', ownId: 'taskId' },
    summary: 'Assign a task with lead and coordinating agencies and a due period (AssignTask)',
    params: OrganiserParams,
    body: AssignTask,
    location: (p, b) => `/provinces/${p.code}/tasks/${b.taskId}`,
    plan: (p, b) => ({ ...task(p.code, b.taskId), command: { type: 'AssignTask' as const, organiser: p.code, ...b } }),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/tasks',
    tags: ['tasks'],
    operationId: 'listTasks',
    summary:
      'Tasks of an organiser, with those it took over from a merged province; overdue = open and past its due ' +
      'period in Vietnam time; asOf (business date), knownAt/atPosition (recording time)',
    params: OrganiserParams,
    querystring: PageQuery.extend(Clocks.shape).extend({
      status: z.enum(['open', 'done', 'cancelled']).optional(),
      overdue: z.enum(['true', 'false']).optional(),
      agency: z.string().optional(),
      plan: z.string().optional(),
      include: IncludePredecessors,
    }),
    page: pageSchema(TaskItem, 'TaskPage'),
    paging: 'by-position',
    from: (p, q) => tasksOf(p.code, q),
    items: (tasks, p, q) => {
      const day = dayOf(q.asOf, now());
      const earlier = q.include === 'predecessors' ? predecessorCodes(p.code) : [];
      return [...tasks.values()]
        .filter(
          (t) =>
            (taskOf(t, p.code, day) || earlier.includes(t.organiser)) &&
            (q.plan === undefined || t.plan.number === q.plan) &&
            (q.agency === undefined || t.leadAgencies.includes(q.agency) || t.coordinatingAgencies.includes(q.agency)),
        )
        .map((t) => view(t, p.code, q.asOf))
        .filter(
          (t): t is NonNullable<typeof t> =>
            t !== undefined &&
            (q.status === undefined || t.status === q.status) &&
            (q.overdue === undefined || String(t.overdue) === q.overdue),
        );
    },
  });
  readRoute(app, kit, {
    path: '/provinces/:code/tasks/:taskId',
    tags: ['tasks'],
    operationId: 'getTask',
    summary: 'One task with its progress reports; asOf, knownAt/atPosition as on the list',
    params: TaskParams,
    querystring: ReadQuery.extend(Clocks.shape),
    resource: TaskItem,
    from: (p, q) => tasksOf(p.code, q),
    answer: (tasks, p, q) => {
      const t = tasks.get(p.taskId);
      return t && taskOf(t, p.code, dayOf(q.asOf, now())) ? view(t, p.code, q.asOf) : undefined;
    },
    what: (p) => `task ${p.taskId}`,
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/tasks/:taskId/progress',
    tags: ['tasks'],
    operationId: 'reportTaskProgress',
    form: { title: 'Báo cáo tiến độ nhiệm vụ' },
    summary: 'Report progress (ReportTaskProgress)',
    params: TaskParams,
    body: ReportTaskProgress,
    recordOn: (p, b, c) => taskRecordOn(c, p.code, p.taskId, b.reportedOn),
    plan: (p, b) => ({
      ...task(p.code, p.taskId),
      command: { type: 'ReportTaskProgress' as const, taskId: p.taskId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/tasks/:taskId/complete',
    tags: ['tasks'],
    operationId: 'completeTask',
    form: { title: 'Báo cáo hoàn thành nhiệm vụ' },
    summary: 'Complete a task (CompleteTask)',
    params: TaskParams,
    body: CompleteTask,
    recordOn: (p, b, c) => taskRecordOn(c, p.code, p.taskId, b.completedOn),
    plan: (p, b) => ({ ...task(p.code, p.taskId), command: { type: 'CompleteTask' as const, taskId: p.taskId, ...b } }),
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/tasks/:taskId/cancel',
    tags: ['tasks'],
    operationId: 'cancelTask',
    form: { title: 'Hủy nhiệm vụ' },
    summary: 'Cancel a task (CancelTask)',
    params: TaskParams,
    body: CancelTask,
    plan: (p, b) => ({ ...task(p.code, p.taskId), command: { type: 'CancelTask' as const, taskId: p.taskId, ...b } }),
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/tasks/:taskId/takeover',
    tags: ['tasks'],
    operationId: 'takeOverTask',
    form: { title: 'Tiếp nhận nhiệm vụ của tỉnh đã sáp nhập' },
    summary:
      'The successor takes over an open task of a merged province (TakeOverTask): the path names the task as ' +
      'recorded (72), the body the successor (80); from that day the successor reports its progress and completes it',
    params: TaskParams,
    body: TakeOverTask,
    plan: (p, b) => ({ ...task(p.code, p.taskId), command: { type: 'TakeOverTask' as const, taskId: p.taskId, ...b } }),
  });
};
