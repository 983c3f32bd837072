import { describe, expect, it } from 'vitest';
import type { TaskView } from './folds/task.ts';
import { taskNow, taskOf, taskOn } from './tasks.ts';

const open72: TaskView = {
  taskId: '0191d6a0-0000-7000-8000-000000000001',
  organiser: '72',
  plan: { number: '2653/KH-BCĐ', date: '2023-08-22' },
  title: 'Kết nối tiêu thụ sản phẩm của HTX',
  leadAgencies: ['Liên minh HTX tỉnh'],
  coordinatingAgencies: [],
  due: { kind: 'phase', fromYear: 2023, toYear: 2025 },
  status: 'open',
  percent: 60,
  progress: [{ reportedOn: '2024-06-01', percent: 60, note: 'x' }],
  revision: 1,
  updatedAt: '2025-08-01T03:00:00.000Z',
  position: 10,
};
const takenOver: TaskView = { ...open72, takenOver: { from: '72', to: '80', takenOverOn: '2025-08-01' } };

describe('tasks of a merged province taken over by its successor', () => {
  it('are overdue under the merged province after their phase until taken over, and then only under the successor', () => {
    expect(taskOn(open72, '2026-01-15')?.overdue).toBe(true);
    expect(taskOn(takenOver, '2026-01-15')?.overdue).toBe(false);
    expect(taskOn(takenOver, '2026-01-15', '80')?.overdue).toBe(true);
    expect(taskNow(takenOver, '2026-01-15T03:00:00Z').overdue).toBe(false);
    expect(taskNow(takenOver, '2026-01-15T03:00:00Z', '80').overdue).toBe(true);
  });
  it('belong to the successor from the takeover day and stay in the merged province’s history', () => {
    expect(taskOf(takenOver, '80', '2025-07-31')).toBe(false);
    expect(taskOf(takenOver, '80', '2025-08-01')).toBe(true);
    expect(taskOf(takenOver, '72', '2026-01-15')).toBe(true);
    expect(taskOf(open72, '80', '2026-01-15')).toBe(false);
  });
});
