import { SHARED_RULES, failWith, type Fail, type RuleBook } from '../shared/rules.ts';

/** The rules of tasks and their progress. Each with what it protects, in English and Vietnamese. */
export const TASK_RULES = {
  'task-already-assigned': {
    en: 'a task is assigned once',
    vi: { title: 'Nhiệm vụ đã được giao', rule: 'mỗi nhiệm vụ chỉ giao một lần' },
  },
  'task-not-found': {
    en: 'progress and completion refer to an assigned task',
    vi: { title: 'Không có nhiệm vụ', rule: 'tiến độ và hoàn thành phải nêu một nhiệm vụ đã giao' },
  },
  'task-already-completed': {
    en: 'a completed task takes no further progress',
    vi: { title: 'Nhiệm vụ đã hoàn thành', rule: 'nhiệm vụ đã hoàn thành không nhận thêm tiến độ' },
  },
  'task-cancelled': {
    en: 'a cancelled task takes no further progress',
    vi: { title: 'Nhiệm vụ đã hủy', rule: 'nhiệm vụ đã hủy không nhận thêm tiến độ' },
  },
  'progress-backwards': {
    en: 'reported progress does not go down',
    vi: { title: 'Tiến độ giảm', rule: 'tiến độ báo cáo không được giảm' },
  },
} as const satisfies RuleBook;

/** Fails a command with one of the rules above or a shared one. */
export const fail: Fail<typeof SHARED_RULES & typeof TASK_RULES> = failWith({ ...SHARED_RULES, ...TASK_RULES });
