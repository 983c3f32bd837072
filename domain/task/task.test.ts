import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider.ts';
import { id } from '../../test/support/decider-fixtures.ts';
import { isOverdue, parsePeriod, type Period } from '../shared/period.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { PLAN_2653, TAY_NINH_TASKS } from './tay-ninh-2653-2023.ts';
import { taskDecider, type AssignTask, type TaskEvent, type TaskState } from './task.ts';

const task = spec(taskDecider);
const assign: AssignTask = {
  taskId: id(2),
  plan: PLAN_2653,
  title: 'Kiện toàn và nâng cao vai trò của Ban Chỉ đạo tỉnh về KTTT',
  leadAgencies: ['Liên minh HTX tỉnh'],
  coordinatingAgencies: ['Các sở, ngành'],
  due: { kind: 'quarter', year: 2023, quarter: 3 },
};
const assigned: TaskEvent = { type: 'TaskAssigned', data: { organiser: '72', ...assign } };
const progress = (percent: number): TaskEvent => ({
  type: 'TaskProgressReported',
  data: { organiser: '72', taskId: id(2), reportedOn: '2023-09-01', percent, note: 'Đang thực hiện' },
});

describe('tasks', () => {
  it('assigns a task with lead and coordinating agencies and a due quarter', () => {
    task
      .given([])
      .when({ type: 'AssignTask', organiser: '72', ...assign })
      .then([assigned]);
  });
  it('records a task the plan lists as already done as assigned and completed on that day', () => {
    task
      .given([])
      .when({ type: 'AssignTask', organiser: '72', ...assign, doneOn: '2023-03-27' })
      .then([
        assigned,
        {
          type: 'TaskCompleted',
          data: { organiser: '72', taskId: id(2), completedOn: '2023-03-27', note: 'recorded as done in the plan' },
        },
      ]);
  });
  it('reports progress that only goes up, then completes', () => {
    task
      .given([assigned])
      .when({
        type: 'ReportTaskProgress',
        taskId: id(2),
        reportedOn: '2023-09-01',
        percent: 40,
        note: 'Đang thực hiện',
      })
      .then([progress(40)]);
    task
      .given([assigned, progress(40)])
      .when({ type: 'ReportTaskProgress', taskId: id(2), reportedOn: '2023-09-05', percent: 30, note: 'x' })
      .thenFails('progress-backwards', { reported: 40 });
    task
      .given([assigned, progress(40)])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2023-09-28' })
      .then([{ type: 'TaskCompleted', data: { organiser: '72', taskId: id(2), completedOn: '2023-09-28' } }]);
  });
  it('given a task of the old Tây Ninh (72, merged into 80), when it is completed after 30/6/2025, then the successor is named', () => {
    task
      .given([assigned])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2025-06-30' })
      .then([{ type: 'TaskCompleted', data: { organiser: '72', taskId: id(2), completedOn: '2025-06-30' } }]);
    task
      .given([assigned])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2025-07-01' })
      .thenFails('province-merged', { successor: { code: '80', name: 'Tây Ninh' } });
    task
      .given([assigned])
      .when({ type: 'ReportTaskProgress', taskId: id(2), reportedOn: '2025-08-01', percent: 50, note: 'x' })
      .thenFails('province-merged');
  });
  it('given an open Tây Ninh (72) task due "Giai đoạn 2023 - 2025", when Tây Ninh (80) takes it over on 1/8/2025, then 80 progresses and completes it in late 2025 and it is not overdue after', () => {
    const phase: TaskEvent = {
      type: 'TaskAssigned',
      data: { organiser: '72', ...assign, due: { kind: 'phase', fromYear: 2023, toYear: 2025 } },
    };
    const takeover = {
      to: '80',
      takenOverOn: '2025-08-01',
      takenOverBy: 'Liên minh HTX tỉnh Tây Ninh',
      decision: { number: '5/QĐ-LMHTX', date: '2025-07-28' },
    };
    const takenOver: TaskEvent = {
      type: 'TaskTakenOver',
      data: { organiser: '72', taskId: id(2), from: '72', ...takeover },
    };
    task
      .given([phase])
      .when({ type: 'TakeOverTask', taskId: id(2), ...takeover })
      .then([takenOver]);
    const progressed = task
      .given([phase, takenOver])
      .when({ type: 'ReportTaskProgress', taskId: id(2), reportedOn: '2025-09-15', percent: 80, note: 'Đã rà soát' })
      .then([
        {
          type: 'TaskProgressReported',
          data: { organiser: '72', taskId: id(2), reportedOn: '2025-09-15', percent: 80, note: 'Đã rà soát' },
        },
      ]);
    const completed = task
      .given([phase, takenOver, ...progressed])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2025-11-20' })
      .then([{ type: 'TaskCompleted', data: { organiser: '72', taskId: id(2), completedOn: '2025-11-20' } }]);
    const state = fold(taskDecider, [phase, takenOver, ...progressed, ...completed]);
    expect(state.status).toBe('done');
    expect(isOverdue(state.due as Period, '2026-01-15T00:00:00+07:00') && state.status === 'open').toBe(false);
    // Before the takeover day the merged province still takes nothing dated after 30/6/2025.
    task
      .given([phase, takenOver])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2025-07-20' })
      .thenFails('province-merged');
  });
  it('refuses a takeover by another province than the successor, before 1/7/2025, of a province that carried on, twice, or of a closed task', () => {
    const takeover = { type: 'TakeOverTask' as const, taskId: id(2), to: '80', takenOverOn: '2025-08-01' };
    task
      .given([assigned])
      .when({ ...takeover, to: '68' })
      .thenFails('takeover-not-successor', { successor: { code: '80', name: 'Tây Ninh' } });
    task
      .given([assigned])
      .when({ ...takeover, takenOverOn: '2025-06-30' })
      .thenFails('takeover-before-reform');
    task
      .given([{ type: 'TaskAssigned', data: { organiser: '80', ...assign } }])
      .when(takeover)
      .thenFails('takeover-not-merged');
    const takenOver: TaskEvent = {
      type: 'TaskTakenOver',
      data: { organiser: '72', taskId: id(2), from: '72', to: '80', takenOverOn: '2025-08-01' },
    };
    task.given([assigned, takenOver]).when(takeover).thenFails('already-taken-over', { to: '80' });
    task
      .given([assigned, { type: 'TaskCompleted', data: { organiser: '72', taskId: id(2), completedOn: '2024-05-01' } }])
      .when(takeover)
      .thenFails('task-already-completed');
    task
      .given([
        assigned,
        { type: 'TaskCancelled', data: { organiser: '72', taskId: id(2), cancelledOn: '2024-05-01', reason: 'x' } },
      ])
      .when(takeover)
      .thenFails('task-cancelled');
    task.given([]).when(takeover).thenFails('task-not-found');
  });
  it('refuses steps on unknown, completed and cancelled tasks, and a second assignment', () => {
    const done: TaskEvent = {
      type: 'TaskCompleted',
      data: { organiser: '72', taskId: id(2), completedOn: '2023-09-28' },
    };
    const cancelled: TaskEvent = {
      type: 'TaskCancelled',
      data: { organiser: '72', taskId: id(2), cancelledOn: '2023-09-28', reason: 'Gộp vào nhiệm vụ 3' },
    };
    task
      .given([])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2023-09-28' })
      .thenFails('task-not-found');
    task
      .given([assigned, done])
      .when({ type: 'ReportTaskProgress', taskId: id(2), reportedOn: '2023-10-01', percent: 100, note: 'x' })
      .thenFails('task-already-completed');
    task
      .given([assigned])
      .when({ type: 'CancelTask', taskId: id(2), cancelledOn: '2023-09-28', reason: 'Gộp vào nhiệm vụ 3' })
      .then([cancelled]);
    task
      .given([assigned, cancelled])
      .when({ type: 'CompleteTask', taskId: id(2), completedOn: '2023-09-30' })
      .thenFails('task-cancelled');
    task
      .given([assigned])
      .when({ type: 'AssignTask', organiser: '72', ...assign })
      .thenFails('task-already-assigned');
  });
});

describe('the Tây Ninh 2023 task table (plan 2653/KH-BCĐ, appendix I)', () => {
  it('replays all 21 tasks through the decider with their due periods, two of them already done', () => {
    const states: TaskState[] = [];
    const dues: Period[] = [];
    for (const [ordinal, section, title, lead, coordinating, dueText] of TAY_NINH_TASKS) {
      const period = parsePeriod(dueText);
      expect(period, `due time "${dueText}" of task ${ordinal}`).toBeDefined();
      const done = /^Đã /.test(dueText) && period?.kind === 'date' ? period.date : undefined;
      const due: Period = done !== undefined ? { kind: 'date', date: done } : (period as Period);
      const events = taskDecider.decide(
        {
          type: 'AssignTask',
          organiser: '72',
          taskId: id(100 + ordinal),
          plan: PLAN_2653,
          section,
          ordinal,
          title,
          leadAgencies: lead,
          coordinatingAgencies: coordinating,
          due,
          doneOn: done,
        },
        taskDecider.initialState(),
        undefined,
      );
      states.push(fold(taskDecider, events));
      dues.push(due);
    }
    expect(states).toHaveLength(21);
    expect(states.filter((s) => s.status === 'done')).toHaveLength(2);
    expect(dues.map((d) => d.kind).filter((k) => k === 'phase')).toHaveLength(2);
    // On 1 January 2024 every open task due in 2023 is overdue; the 2023–2025 phase is not.
    const now = '2024-01-01T00:00:00+07:00';
    const overdue = states.filter((s) => s.status === 'open' && isOverdue(s.due as Period, now));
    expect(overdue).toHaveLength(17);
    expect(states.filter((s) => s.status === 'open' && !isOverdue(s.due as Period, now)).map((s) => s.due)).toEqual([
      { kind: 'phase', fromYear: 2023, toYear: 2025 },
      { kind: 'phase', fromYear: 2023, toYear: 2024 },
    ]);
  });
});
