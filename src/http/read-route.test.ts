import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../test/support/auth.ts';
import { launch2026 } from '../../test/support/campaign.ts';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import { buildServer } from '../server.ts';

describe('read routes', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  let lastPosition = 0;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const meetingIds = [1, 2, 3].map((n) => `0191d6a0-0000-7000-8000-00000000000${n}`);
  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY });
    const launched = await app.inject({
      method: 'POST',
      url: '/provinces/68/campaigns',
      headers: officer,
      payload: launch2026,
    });
    expect(launched.statusCode).toBe(201);
    for (const [i, meetingId] of meetingIds.entries()) {
      const recorded = await app.inject({
        method: 'POST',
        url: '/provinces/68/campaigns/2026/outreach-meetings',
        headers: officer,
        payload: {
          meetingId,
          date: `2026-04-0${i + 1}`,
          place: { communeCode: '24631' },
          format: 'conference',
          topics: ['cooperative-law-2023'],
          attendees: 80,
          organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
        },
      });
      expect(recorded.statusCode).toBe(201);
      lastPosition = (recorded.json() as { position: number }).position;
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers a resource with its revision as ETag, and 304 without a body when If-None-Match names it', async () => {
    const url = '/provinces/68/campaigns/2026';
    const first = await app.inject({ method: 'GET', url, headers: officer });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ organiser: '68', year: 2026 });
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"\d+"$/);
    const again = await app.inject({ method: 'GET', url, headers: { ...officer, 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const stale = await app.inject({ method: 'GET', url, headers: { ...officer, 'if-none-match': '"12345"' } });
    expect(stale.statusCode).toBe(200);
  });

  it('answers a 404 problem for a resource that does not exist', async () => {
    const missing = await app.inject({ method: 'GET', url: '/provinces/68/campaigns/2027', headers: officer });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.json()).toMatchObject({ status: 404, detail: 'the 2027 campaign of 68 does not exist' });
    const meeting = await app.inject({
      method: 'GET',
      url: `/provinces/68/campaigns/2025/outreach-meetings/${meetingIds[0]}`,
      headers: officer,
    });
    expect(meeting.statusCode).toBe(404);
  });

  it('cuts a page at limit, in the order recorded, with a cursor that leads to the rest', async () => {
    const url = '/provinces/68/campaigns/2026/outreach-meetings';
    const first = await app.inject({ method: 'GET', url: `${url}?limit=2`, headers: officer });
    expect(first.statusCode).toBe(200);
    const page = first.json() as { items: { meetingId: string }[]; nextCursor: string | null };
    expect(page.items.map((m) => m.meetingId)).toEqual(meetingIds.slice(0, 2));
    expect(page.nextCursor).toEqual(expect.any(String));
    const rest = await app.inject({
      method: 'GET',
      url: `${url}?limit=2&cursor=${page.nextCursor}`,
      headers: officer,
    });
    expect(rest.json()).toEqual({ items: [expect.objectContaining({ meetingId: meetingIds[2] })], nextCursor: null });
    const forged = await app.inject({ method: 'GET', url: `${url}?cursor=not-ours`, headers: officer });
    expect(forged.statusCode).toBe(400);
  });

  it("reads one's own writes with minPosition, and refuses a position the log has not reached", async () => {
    const url = '/provinces/68/campaigns/2026/outreach-meetings';
    const mine = await app.inject({ method: 'GET', url: `${url}?minPosition=${lastPosition}`, headers: officer });
    expect(mine.statusCode).toBe(200);
    expect((mine.json() as { items: unknown[] }).items).toHaveLength(3);
    const ahead = await app.inject({
      method: 'GET',
      url: `${url}?minPosition=${lastPosition + 1000}`,
      headers: officer,
    });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json()).toMatchObject({ errors: [{ field: 'minPosition', rule: 'at-most-head' }] });
  });

  it('answers from the log as it stood at atPosition when asked: a task not yet assigned then is not there', async () => {
    const taskId = '0191d6a0-0000-7000-8000-000000000101';
    const assigned = await app.inject({
      method: 'POST',
      url: '/provinces/68/tasks',
      headers: officer,
      payload: {
        taskId,
        plan: { number: '15/KH-LMHTX', date: '2026-02-20' },
        title: 'Tổ chức hội nghị tuyên truyền',
        leadAgencies: ['Liên minh HTX tỉnh'],
        due: 'Quý II/2026',
      },
    });
    expect(assigned.statusCode).toBe(201);
    const at = (assigned.json() as { position: number }).position;
    const list = async (position: number) =>
      (
        (
          await app.inject({ method: 'GET', url: `/provinces/68/tasks?atPosition=${position}`, headers: officer })
        ).json() as {
          items: { taskId: string }[];
        }
      ).items.map((t) => t.taskId);
    expect(await list(at)).toEqual([taskId]);
    expect(await list(at - 1)).toEqual([]);
    const before = await app.inject({
      method: 'GET',
      url: `/provinces/68/tasks/${taskId}?atPosition=${at - 1}`,
      headers: officer,
    });
    expect(before.statusCode).toBe(404);
    const now = await app.inject({ method: 'GET', url: `/provinces/68/tasks/${taskId}`, headers: officer });
    expect(now.statusCode).toBe(200);
    expect(now.headers.etag).toBe('"0"');
  });

  it('serves each route to whom its access allows: another province and national views refuse a provincial officer', async () => {
    const elsewhere = bearer({ role: 'provincial_officer', province: '01', app: 'test' });
    const national = bearer({ role: 'national_officer', app: 'test' });
    const campaign = '/provinces/68/campaigns/2026';
    expect((await app.inject({ method: 'GET', url: campaign, headers: elsewhere })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: campaign, headers: national })).statusCode).toBe(200);
    const submissions = '/national/reports/2026/half-year/submissions';
    expect((await app.inject({ method: 'GET', url: submissions, headers: officer })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: submissions, headers: national })).statusCode).toBe(200);
  });
});
