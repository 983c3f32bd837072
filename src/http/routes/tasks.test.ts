import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { problem } from '../../../test/support/problem.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const TASK = ID(1);

describe('a task of a merged province taken over by its successor, over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const tayNinh = bearer({ role: 'provincial_officer', province: '80', app: 'test' });
  const url = `/provinces/72/tasks/${TASK}`;
  const post = (path: string, payload: object, headers: Record<string, string> = tayNinh) =>
    app.inject({ method: 'POST', url: `${url}${path}`, headers, payload });
  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    // Today is 15 January 2026: the phase 2023–2025 has ended.
    app = await buildServer({
      store,
      logLevel: 'silent',
      key: TEST_KEY,
      maxEventLoopDelayMs: 60_000,
      now: () => new Date('2026-01-15T03:00:00Z'),
    });
    const assigned = await app.inject({
      method: 'POST',
      url: '/provinces/72/tasks',
      headers: tayNinh,
      payload: {
        taskId: TASK,
        plan: { number: '2653/KH-BCĐ', date: '2023-08-22' },
        title: 'Kết nối tiêu thụ sản phẩm của HTX',
        leadAgencies: ['Liên minh HTX tỉnh'],
        due: 'Giai đoạn 2023 - 2025',
      },
    });
    expect(assigned.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('refuses a takeover by another province, before 1/7/2025 or with a malformed successor, in Vietnamese when asked, and appends nothing', async () => {
    const head = await store.headPosition();
    const vi = { ...tayNinh, 'accept-language': 'vi' };
    const other = await post('/takeover', { to: '68', takenOverOn: '2025-08-01' }, vi);
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({
      type: problem('takeover-not-successor'),
      title: 'Không phải tỉnh kế thừa',
      detail: 'Tỉnh mã 72 đã sáp nhập vào Tây Ninh (80): chỉ tỉnh 80 tiếp nhận bản ghi, không phải tỉnh mã 68',
      successor: { code: '80', name: 'Tây Ninh' },
    });
    const early = await post('/takeover', { to: '80', takenOverOn: '2025-06-30' });
    expect(early.json()).toMatchObject({ type: problem('takeover-before-reform'), status: 422 });
    const malformed = await post('/takeover', { to: 'Tây Ninh', takenOverOn: '2025-08-01' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('to');
    const stranger = await post(
      '/takeover',
      { to: '80', takenOverOn: '2025-08-01' },
      bearer({ role: 'provincial_officer', province: '68', app: 'test' }),
    );
    expect(stranger.statusCode).toBe(403);
    expect(await store.headPosition()).toBe(head);
  });

  it('is overdue under the old Tây Ninh until taken over; then 80 completes it in late 2025 and it is overdue nowhere', async () => {
    const overdue = async (code: string) =>
      (await app.inject({ url: `/provinces/${code}/tasks?overdue=true`, headers: tayNinh }))
        .json<{ items: { taskId: string }[] }>()
        .items.map((t) => t.taskId);
    expect(await overdue('72')).toEqual([TASK]);
    expect((await post('/complete', { completedOn: '2025-11-20' })).json()).toMatchObject({
      type: problem('province-merged'),
    });
    const taken = await post('/takeover', {
      to: '80',
      takenOverOn: '2025-08-01',
      takenOverBy: 'Liên minh HTX tỉnh Tây Ninh',
      decision: { number: '5/QĐ-LMHTX', date: '2025-07-28' },
    });
    expect(taken.statusCode).toBe(200);
    // Taken over and still open: the successor's to follow up, overdue under 80 only.
    expect(await overdue('72')).toEqual([]);
    expect(await overdue('80')).toEqual([TASK]);
    // Tây Ninh's steering committee follows it among its own tasks; the old Tây Ninh's no longer counts it overdue.
    const committee = await app.inject({
      method: 'POST',
      url: '/provinces/80/steering-committee',
      headers: tayNinh,
      payload: {
        decision: { number: '1/QĐ-UBND', date: '2025-08-05' },
        members: [{ memberId: 'lmhtx', position: 'Chủ tịch', agency: 'Liên minh HTX tỉnh', role: 'head' }],
      },
    });
    expect(committee.statusCode, committee.body).toBeLessThan(300);
    const steering = await app.inject({
      url: `/provinces/80/steering-committee?minPosition=${committee.json<{ position: number }>().position}`,
      headers: tayNinh,
    });
    expect(steering.json<{ members: { tasks: object }[] }>().members[0]?.tasks).toEqual({
      open: 1,
      overdue: 1,
      done: 0,
      cancelled: 0,
    });
    expect(
      (await post('/progress', { reportedOn: '2025-09-15', percent: 80, note: 'Đã tổ chức 3 hội chợ' })).statusCode,
    ).toBe(200);
    const done = await post('/complete', { completedOn: '2025-11-20', note: 'Hoàn thành' });
    expect(done.statusCode).toBe(200);
    expect(await overdue('80')).toEqual([]);
    const one = await app.inject({ url: `/provinces/80/tasks/${TASK}`, headers: tayNinh });
    expect(one.json()).toMatchObject({
      status: 'done',
      overdue: false,
      completedOn: '2025-11-20',
      province: { code: '72', name: 'Tây Ninh' },
      takenOver: { from: '72', to: '80', takenOverOn: '2025-08-01', takenOverBy: 'Liên minh HTX tỉnh Tây Ninh' },
    });
    const history = await app.inject({
      url: `/audit/streams/task-72-${TASK}/events`,
      headers: bearer({ role: 'auditor', app: 'test' }),
    });
    expect(history.json<{ items: { type: string }[] }>().items.map((e) => e.type)).toEqual([
      'TaskAssigned',
      'TaskTakenOver',
      'TaskProgressReported',
      'TaskCompleted',
    ]);
  });
});
