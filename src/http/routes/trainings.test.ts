import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const course = (n: number, audiences: string[], from: string) => ({
  trainingId: ID(n),
  title: `Lớp tập huấn số ${n}`,
  from,
  place: { communeCode: '24781' },
  audiences,
  topics: ['cooperative-law-2023'],
  participants: 40 + n,
  organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
});

describe('training courses over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const base = '/provinces/68/campaigns/2026/trainings';
  let position = 0;
  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    // Load shedding is tested apart (test/load-shedding.test.ts): a busy test machine must not shed these.
    app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, maxEventLoopDelayMs: 60_000 });
    const launched = await app.inject({
      method: 'POST',
      url: '/provinces/68/campaigns',
      headers: officer,
      payload: launch2026,
    });
    expect(launched.statusCode).toBe(201);
    for (const [n, audiences, from] of [
      [1, ['director', 'accountant'], '2026-04-08'],
      [2, ['member'], '2026-05-12'],
      [3, ['supervisor', 'director'], '2026-06-03'],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: base,
        headers: officer,
        payload: course(n, [...audiences], from),
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.location).toBe(`${base}/${ID(n)}`);
      position = res.json<{ position: number }>().position;
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("lists a campaign's courses oldest first, by audience and by date, and pages them", async () => {
    const all = await app.inject({ url: `${base}?minPosition=${position}`, headers: officer });
    expect(all.json<{ items: { title: string }[] }>().items.map((t) => t.title)).toEqual([
      'Lớp tập huấn số 1',
      'Lớp tập huấn số 2',
      'Lớp tập huấn số 3',
    ]);
    const directors = await app.inject({ url: `${base}?audience=director`, headers: officer });
    expect(directors.json<{ items: { trainingId: string }[] }>().items.map((t) => t.trainingId)).toEqual([
      ID(1),
      ID(3),
    ]);
    const may = await app.inject({ url: `${base}?from=2026-05-01&to=2026-05-31`, headers: officer });
    expect(may.json<{ items: { participants: number }[] }>().items).toEqual([
      expect.objectContaining({ participants: 42 }),
    ]);
    const first = await app.inject({ url: `${base}?limit=2`, headers: officer });
    const page = first.json<{ items: unknown[]; nextCursor: string }>();
    expect(page.items).toHaveLength(2);
    const rest = await app.inject({ url: `${base}?limit=2&cursor=${page.nextCursor}`, headers: officer });
    expect(rest.json<{ items: { trainingId: string }[] }>().items.map((t) => t.trainingId)).toEqual([ID(3)]);
  });

  it('serves one course with its ETag, and 304 when the client has it', async () => {
    const one = await app.inject({ url: `${base}/${ID(1)}`, headers: officer });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      organiser: '68',
      year: 2026,
      status: 'recorded',
      audiences: ['director', 'accountant'],
    });
    expect(one.json()).not.toHaveProperty('lastPosition');
    const again = await app.inject({
      url: `${base}/${ID(1)}`,
      headers: { ...officer, 'if-none-match': String(one.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const other = await app.inject({ url: `/provinces/68/campaigns/2025/trainings/${ID(1)}`, headers: officer });
    expect(other.statusCode).toBe(404);
  });

  it('leaves a retracted course out of the list unless asked, and refuses to retract it twice', async () => {
    const url = `${base}/${ID(2)}/retraction`;
    const retracted = await app.inject({ method: 'POST', url, headers: officer, payload: { reason: 'Ghi nhầm' } });
    expect(retracted.statusCode).toBe(200);
    const p = retracted.json<{ position: number }>().position;
    const list = await app.inject({ url: `${base}?minPosition=${p}`, headers: officer });
    expect(list.json<{ items: { trainingId: string }[] }>().items.map((t) => t.trainingId)).toEqual([ID(1), ID(3)]);
    const withRetracted = await app.inject({ url: `${base}?includeRetracted=true`, headers: officer });
    expect(withRetracted.json<{ items: unknown[] }>().items).toHaveLength(3);
    const twice = await app.inject({
      method: 'POST',
      url,
      headers: { ...officer, 'accept-language': 'vi' },
      payload: { reason: 'x' },
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json()).toMatchObject({
      title: 'Lớp tập huấn đã thu hồi',
      type: expect.stringMatching(/\/problems\/training-retracted$/),
    });
  });

  it('counts courses and people trained on the campaign dashboard and in its report, by the day each course began', async () => {
    const d = await app.inject({
      url: `/provinces/68/campaigns/2026/dashboard?minPosition=${position}`,
      headers: officer,
    });
    expect(d.statusCode).toBe(200);
    const totals = d.json<{ totals: Record<string, { peak: number; rest: number; total: number }> }>().totals;
    // Course 1 began in the peak (8/4); course 3 after it; course 2 was retracted above and counts no more.
    expect(totals.trainings).toEqual({ peak: 1, rest: 1, total: 2 });
    expect(totals.peopleTrained).toEqual({ peak: 41, rest: 43, total: 84 });
  });

  it('refuses a course that ends before it starts, naming the field in Vietnamese, and writes nothing', async () => {
    const head = await store.headPosition();
    const res = await app.inject({
      method: 'POST',
      url: base,
      headers: { ...officer, 'accept-language': 'vi' },
      payload: { ...course(9, ['director'], '2026-04-10'), to: '2026-04-09' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      errors: [expect.objectContaining({ field: 'to', message: 'ngày kết thúc phải từ ngày bắt đầu trở về sau' })],
    });
    expect(await store.headPosition()).toBe(head);
  });
});
