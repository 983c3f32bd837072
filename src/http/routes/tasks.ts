import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AssignTask,
  CancelTask,
  CompleteTask,
  ReportTaskProgress,
  taskDecider,
  taskStream,
} from '../../../domain/task/task.ts';
import { periodLabel } from '../../../domain/shared/period.ts';
import { TaskItem, type TaskView } from '../../../projections/folds/task.ts';
import { taskNow, taskOn } from '../../../projections/tasks.ts';
import { catalogAt } from '../../app/projector.ts';
import { Clocks, recordedBy } from '../clocks.ts';
import {
  CommandHeaders,
  CommandResultSchema,
  PageQuery,
  ReadQuery,
  pageSchema,
  commandProblems,
  readProblems,
} from '../schemas.ts';
import { paginate } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { OrganiserParams } from './campaigns.ts';

/** Tasks assigned under plans (with due periods), per organiser. */
export const taskRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const now = () => kit.deps.now().toISOString();
  const TaskParams = OrganiserParams.extend({ taskId: z.uuid() });
  const task = (code: string, taskId: string) => ({ stream: taskStream(code, taskId), decider: taskDecider });
  /** A task now, or as it stood on the business date `asOf` (undefined: not yet assigned then). */
  const view = (t: TaskView, asOf: string | undefined) => {
    const s = asOf === undefined ? taskNow(t, now()) : taskOn(t, asOf);
    return s === undefined ? undefined : { ...t, ...s, dueLabel: periodLabel(t.due) };
  };
  /** The organiser's tasks as the log held them at knownAt/atPosition, else the live read models. */
  const tasksOf = async (code: string, q: Clocks & { minPosition?: number | undefined }) => {
    const at = await recordedBy(kit.deps.store, q, now);
    const c =
      at === undefined
        ? await kit.catalog(q.minPosition)
        : await catalogAt(kit.deps.store, at.position, [`task-${code}-`]);
    return c.tasks;
  };

  app.post(
    '/provinces/:code/tasks',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        operationId: 'assignTask',
        summary: 'Assign a task with lead and coordinating agencies and a due period (AssignTask)',
        params: OrganiserParams,
        headers: CommandHeaders,
        body: AssignTask,
        response: { 201: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...task(req.params.code, req.body.taskId),
          command: { type: 'AssignTask', organiser: req.params.code, ...req.body },
        },
        {
          status: 201,
          location: `/provinces/${req.params.code}/tasks/${req.body.taskId}`,
          province: req.params.code,
        },
      ),
  );
  app.get(
    '/provinces/:code/tasks',
    {
      config: { access: 'read' },
      schema: {
        tags: ['tasks'],
        operationId: 'listTasks',
        summary:
          'Tasks of an organiser; overdue = open and past its due period in Vietnam time; asOf (business date), knownAt/atPosition (recording time)',
        params: OrganiserParams,
        querystring: PageQuery.extend(Clocks.shape).extend({
          status: z.enum(['open', 'done', 'cancelled']).optional(),
          overdue: z.enum(['true', 'false']).optional(),
          agency: z.string().optional(),
          plan: z.string().optional(),
        }),
        response: { 200: pageSchema(TaskItem, 'TaskPage'), ...readProblems },
      },
    },
    async (req) => {
      const q = req.query;
      const tasks = await tasksOf(req.params.code, q);
      const items = [...tasks.values()]
        .filter(
          (t) =>
            t.organiser === req.params.code &&
            (q.plan === undefined || t.plan.number === q.plan) &&
            (q.agency === undefined || t.leadAgencies.includes(q.agency) || t.coordinatingAgencies.includes(q.agency)),
        )
        .map((t) => view(t, q.asOf))
        .filter(
          (t): t is NonNullable<typeof t> =>
            t !== undefined &&
            (q.status === undefined || t.status === q.status) &&
            (q.overdue === undefined || String(t.overdue) === q.overdue),
        );
      return paginate(items, q.limit, q.cursor);
    },
  );
  app.get(
    '/provinces/:code/tasks/:taskId',
    {
      config: { access: 'read' },
      schema: {
        tags: ['tasks'],
        operationId: 'getTask',
        summary: 'One task with its progress reports; asOf, knownAt/atPosition as on the list',
        params: TaskParams,
        querystring: ReadQuery.extend(Clocks.shape),
        response: { 200: TaskItem, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const t = (await tasksOf(req.params.code, req.query)).get(req.params.taskId);
      return kit.resource(
        req,
        reply,
        t && t.organiser === req.params.code ? view(t, req.query.asOf) : undefined,
        `task ${req.params.taskId}`,
      );
    },
  );
  app.post(
    '/provinces/:code/tasks/:taskId/progress',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        operationId: 'reportTaskProgress',
        summary: 'Report progress (ReportTaskProgress)',
        params: TaskParams,
        headers: CommandHeaders,
        body: ReportTaskProgress,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...task(req.params.code, req.params.taskId),
          command: { type: 'ReportTaskProgress', taskId: req.params.taskId, ...req.body },
        },
        { province: req.params.code },
      ),
  );
  app.post(
    '/provinces/:code/tasks/:taskId/complete',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        operationId: 'completeTask',
        summary: 'Complete a task (CompleteTask)',
        params: TaskParams,
        headers: CommandHeaders,
        body: CompleteTask,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...task(req.params.code, req.params.taskId),
          command: { type: 'CompleteTask', taskId: req.params.taskId, ...req.body },
        },
        { province: req.params.code },
      ),
  );
  app.post(
    '/provinces/:code/tasks/:taskId/cancel',
    {
      config: { access: 'write' },
      schema: {
        tags: ['tasks'],
        operationId: 'cancelTask',
        summary: 'Cancel a task (CancelTask)',
        params: TaskParams,
        headers: CommandHeaders,
        body: CancelTask,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...task(req.params.code, req.params.taskId),
          command: { type: 'CancelTask', taskId: req.params.taskId, ...req.body },
        },
        { province: req.params.code },
      ),
  );
};
