import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCamClient } from '../openapi/client.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { WrongExpectedRevisionError, type EventStore } from '../src/eventstore/types.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { problem } from './support/problem.ts';
import { DAK_NONG_2024 } from '../domain/scenarios/dak-nong-2024.ts';

const dir = mkdtempSync(join(tmpdir(), 'cam-api-'));
let store: SqliteEventStore;
let app: FastifyInstance;
let base: string;

async function start(s: EventStore): Promise<void> {
  app = await buildServer({ store: s, logLevel: 'silent', key: TEST_KEY });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}
async function stop(): Promise<void> {
  await app.close();
}

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 50 });
  await start(store);
});
afterAll(async () => {
  await stop();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

// A Lâm Đồng (68) officer: Đắk Nông (67, pre-2025) rolled up into Lâm Đồng, so its records are theirs.
const officer = bearer({ role: 'provincial_officer', province: '68', app: 'lam-dong-app' });
const api = () => createCamClient(base, officer);
const uuid = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
/** The Đắk Nông 2024 plan of seed 004, as a request body (the organiser is in the path). */
const { organiser: _organiser, ...launch } = DAK_NONG_2024;

describe('REST API through the generated client', () => {
  it('launches a campaign: 201 with Location, ETag and the position to read it back', async () => {
    const r = await api().POST('/provinces/{code}/campaigns', { params: { path: { code: '67' } }, body: launch });
    expect(r.response.status).toBe(201);
    expect(r.response.headers.get('location')).toBe('/provinces/67/campaigns/2024');
    expect(r.response.headers.get('etag')).toBe('"0"');
    const position = r.data?.position ?? 0;
    const got = await api().GET('/provinces/{code}/campaigns/{year}', {
      params: { path: { code: '67', year: 2024 }, query: { minPosition: position } },
    });
    expect(got.response.status).toBe(200);
    expect(got.data).toMatchObject({
      organiser: '67',
      year: 2024,
      provinceId: 'pre2025:67',
      peak: { from: '2024-03-29', to: '2024-04-29' },
      status: 'open',
      revision: 0,
    });
    expect(got.response.headers.get('etag')).toBe('"0"');
  });

  it('answers invalid input with 400 problem+json listing every failing field and rule, and writes nothing', async () => {
    const before = await store.headPosition();
    const r = await api().POST('/provinces/{code}/campaigns', {
      params: { path: { code: '67' } },
      body: {
        ...launch,
        year: 2025,
        plan: { number: '', date: '2025-02-30' },
        budgets: [{ fund: 'provincial-support-fund', amount: 1.5 }],
      },
    });
    expect(r.response.status).toBe(400);
    expect(r.response.headers.get('content-type')).toContain('application/problem+json');
    expect(r.error).toMatchObject({ type: problem('validation'), status: 400 });
    const fields = (r.error as { errors: { field: string; message: string }[] }).errors.map(
      (e) => `${e.field}: ${e.message}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'plan.number: must not be empty',
        'plan.date: must be a real calendar date',
        'budgets.0.amount: must be a whole number of đồng (VND has no minor unit)',
      ]),
    );
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses a field the command does not have with 400 naming it, and writes nothing', async () => {
    const before = await store.headPosition();
    const res = await fetch(`${base}/provinces/67/campaigns`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/json' },
      body: JSON.stringify({ ...launch, year: 2031, themme: 'misspelt', plan: { ...launch.plan, signedBy: 'x' } }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { type: string; errors: { field: string; rule: string }[] };
    expect(body.type).toEqual(problem('validation'));
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'body', field: 'themme', rule: 'unknown-field' }),
        expect.objectContaining({ in: 'body', field: 'plan.signedBy', rule: 'unknown-field' }),
      ]),
    );
    expect(await store.headPosition()).toBe(before);
  });

  it('answers a broken rule with 422 naming the rule, and writes nothing', async () => {
    const before = await store.headPosition();
    const r = await api().POST('/provinces/{code}/campaigns', { params: { path: { code: '67' } }, body: launch });
    expect(r.response.status).toBe(422);
    expect(r.error).toMatchObject({
      type: problem('campaign-already-launched'),
      rule: 'one campaign per organiser per year',
    });
    expect(await store.headPosition()).toBe(before);
    const doc = await fetch(`${base}/problems/campaign-already-launched`).then((x) => x.json());
    expect(doc).toEqual({
      type: problem('campaign-already-launched'),
      title: 'A rule of the record was broken',
      rule: 'one campaign per organiser per year',
      en: { title: 'A rule of the record was broken', rule: 'one campaign per organiser per year' },
      vi: { title: 'Đã phát động', rule: 'mỗi đơn vị chỉ phát động một kế hoạch mỗi năm' },
    });
    // Names an object inherits are not problem types: 404, never 500.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const res = await fetch(`${base}/problems/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers 404 for a resource that does not exist', async () => {
    const r = await api().GET('/provinces/{code}/campaigns/{year}', { params: { path: { code: '67', year: 2023 } } });
    expect(r.response.status).toBe(404);
    expect(r.error).toMatchObject({ type: problem('not-found') });
  });

  it('answers 404 naming a province code that never existed, on reads and writes alike, and writes nothing', async () => {
    const before = await store.headPosition();
    const national = createCamClient(base, bearer({ role: 'national_officer' }));
    const write = await api().POST('/provinces/{code}/campaigns', { params: { path: { code: '99' } }, body: launch });
    expect(write.response.status).toBe(404);
    expect(write.error).toMatchObject({ type: problem('unknown-province'), code: '99' });
    expect(write.error?.detail).toContain('99');
    const read = await national.GET('/provinces/{code}/tasks', { params: { path: { code: '99' } } });
    expect(read.response.status).toBe(404);
    expect(read.error).toMatchObject({ type: problem('unknown-province'), code: '99' });
    // A code of the old map asked about a year after the reform: Đắk Nông (67) had no 2026 campaign.
    const after = await api().GET('/provinces/{code}/campaigns/{year}/dashboard', {
      params: { path: { code: '67', year: 2026 } },
    });
    expect(after.response.status).toBe(404);
    expect(after.error?.detail).toContain('Lâm Đồng (68)');
    expect(await store.headPosition()).toBe(before);
  });

  it('refuses a record of a merged province dated from 1/7/2025 with 422 naming its successor, and keeps earlier ones', async () => {
    const y2025 = { ...launch, year: 2025, plan: { number: '15/KH-LMHTX', date: '2025-02-20' }, activities: [] };
    expect(
      (await api().POST('/provinces/{code}/campaigns', { params: { path: { code: '67' } }, body: y2025 })).response
        .status,
    ).toBe(201);
    const meeting = (n: number, date: string) => ({
      meetingId: uuid(900 + n),
      date,
      place: { communeCode: '24631' },
      format: 'conference' as const,
      topics: ['cooperative-law-2023' as const],
      attendees: 40,
      organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
    });
    const path = { params: { path: { code: '67', year: 2025 } } };
    expect(
      (
        await api().POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
          ...path,
          body: meeting(1, '2025-06-30'),
        })
      ).response.status,
    ).toBe(201);
    const before = await store.headPosition();
    const late = await api().POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      ...path,
      body: meeting(2, '2025-07-01'),
    });
    expect(late.response.status).toBe(422);
    expect(late.error).toMatchObject({ type: problem('province-merged'), successor: { code: '68', name: 'Lâm Đồng' } });
    expect(late.error?.detail).toContain('belongs to province 68');
    expect(await store.headPosition()).toBe(before);
  });

  it("pages an organiser's campaigns like every other list: limit, and the next cursor in the answer", async () => {
    const first = await api().GET('/provinces/{code}/campaigns', {
      params: { path: { code: '67' }, query: { limit: 1 } },
    });
    expect(first.data?.items.map((x) => x.year)).toEqual([2025]);
    expect(first.data?.nextCursor).toEqual(expect.any(String));
    const second = await api().GET('/provinces/{code}/campaigns', {
      params: { path: { code: '67' }, query: { limit: 1, cursor: first.data?.nextCursor ?? '' } },
    });
    expect(second.data?.items.map((x) => x.year)).toEqual([2024]);
    expect(second.data?.nextCursor).toBeNull();
  });

  it('answers with two clocks: asOf a business date, knownAt/atPosition a recording time, and both together', async () => {
    const y = { ...launch, plan: { number: '9/KH-LMHTX', date: '2024-02-01' }, activities: [] };
    const path = { code: '68', year: 2024 };
    expect(
      (await api().POST('/provinces/{code}/campaigns', { params: { path: { code: '68' } }, body: y })).response.status,
    ).toBe(201);
    const meet = async (n: number, date: string) => {
      const r = await api().POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
        params: { path },
        body: {
          meetingId: uuid(950 + n),
          date,
          place: { communeCode: '24805' },
          format: 'conference',
          topics: ['other'],
          attendees: 10,
          organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
        },
      });
      expect(r.response.status).toBe(201);
      return r.data?.position ?? 0;
    };
    const first = await meet(1, '2024-04-10');
    const late = await meet(2, '2024-03-30'); // held in March, entered afterwards
    const last = await meet(3, '2024-06-01');
    const meetings = async (query: { asOf?: string; knownAt?: string; atPosition?: number }) => {
      const r = await api().GET('/provinces/{code}/campaigns/{year}/dashboard', {
        params: { path, query: { minPosition: last, ...query } },
      });
      expect(r.response.status, JSON.stringify(r.error)).toBe(200);
      return { total: r.data?.totals.meetings?.total, asOf: r.data?.asOf, knownAt: r.data?.knownAt };
    };
    expect(await meetings({})).toMatchObject({ total: 3, asOf: null });
    // Business date: what had been held by 30/4, including the meeting entered later.
    expect(await meetings({ asOf: '2024-04-30' })).toMatchObject({ total: 2, asOf: '2024-04-30' });
    // Recording time: what the system held after the first record.
    expect(await meetings({ atPosition: first })).toMatchObject({ total: 1, asOf: null });
    // Both: known after the second record, about the campaign as of 31/3.
    expect(await meetings({ atPosition: late, asOf: '2024-03-31' })).toMatchObject({ total: 1, asOf: '2024-03-31' });
    expect(await meetings({ atPosition: first, asOf: '2024-03-31' })).toMatchObject({ total: 0 });
    const knownAt = (await meetings({ atPosition: late })).knownAt ?? '';
    expect(await meetings({ knownAt, asOf: '2024-04-30' })).toMatchObject({ total: 2, knownAt });
    // Reports and the national view take the same clocks.
    const report = await api().GET('/provinces/{code}/reports/{year}/{kind}', {
      params: { path: { code: '68', year: 2024, kind: 'half-year' }, query: { asOf: '2024-04-30', atPosition: first } },
    });
    expect(report.data).toMatchObject({
      asOf: '2024-04-30',
      lines: expect.arrayContaining([
        expect.objectContaining({ indicator: 'Số hội nghị, tọa đàm, lễ phát động, đối thoại', value: 1 }),
      ]),
    });
    const national = createCamClient(base, bearer({ role: 'national_officer' }));
    const n = await national.GET('/national/dashboards/{year}', {
      params: { path: { year: 2024 }, query: { asOf: '2024-03-31' } },
    });
    expect(n.data?.provinces.find((p) => p.organiser === '68')?.totals.meetings?.total).toBe(1);
    // Wrong clocks are refused, naming the field.
    const both = await api().GET('/provinces/{code}/campaigns/{year}/dashboard', {
      params: { path, query: { atPosition: first, knownAt } },
    });
    expect(both.response.status).toBe(400);
    expect(both.error).toMatchObject({ errors: [expect.objectContaining({ field: 'atPosition' })] });
    const bad = await api().GET('/provinces/{code}/campaigns/{year}/dashboard', {
      params: { path, query: { asOf: '2024-02-30' } },
    });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({
      errors: [expect.objectContaining({ field: 'asOf', message: 'must be a real calendar date' })],
    });
  });

  it('uses If-Match as the expected revision: a stale ETag gets 412 and nothing is written, the current one succeeds', async () => {
    const path = { code: '67', year: 2024 };
    const body = {
      amendment: { number: '150/KH-LMHTX', date: '2024-03-15' },
      reason: 'Điều chỉnh chủ đề',
      theme: 'HTX kiểu mới',
    };
    const stale = await api().POST('/provinces/{code}/campaigns/{year}/amendments', {
      params: { path, header: { 'if-match': '"7"' } },
      body,
    });
    expect(stale.response.status).toBe(412);
    expect(stale.error).toMatchObject({ type: problem('precondition-failed'), currentRevision: 0 });
    const ok = await api().POST('/provinces/{code}/campaigns/{year}/amendments', {
      params: { path, header: { 'if-match': '"0"' } },
      body,
    });
    expect(ok.response.status).toBe(200);
    expect(ok.response.headers.get('etag')).toBe('"1"');
    const again = await api().POST('/provinces/{code}/campaigns/{year}/amendments', {
      params: { path, header: { 'if-match': '"0"' } },
      body,
    });
    expect(again.response.status).toBe(412);
  });

  it('replays the first answer for a retried Idempotency-Key, even after a restart, and refuses the key with another body', async () => {
    const path = { code: '67' };
    const body = {
      cooperativeId: uuid(1),
      kind: 'cooperative' as const,
      name: 'HTX Nông nghiệp Quảng Khê',
      registrationNumber: '6701000123',
      registeredOn: '2019-05-10',
      communeCode: '24631',
      members: { official: 25, associate: 0 },
    };
    const header = { 'idempotency-key': 'reg-quang-khe' };
    const first = await api().POST('/provinces/{code}/cooperatives', { params: { path, header }, body });
    expect(first.response.status).toBe(201);
    const head = await store.headPosition();
    await stop();
    await start(store);
    const retry = await api().POST('/provinces/{code}/cooperatives', { params: { path, header }, body });
    expect(retry.response.status).toBe(201);
    expect(retry.response.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.data).toEqual(first.data);
    expect(await store.headPosition()).toBe(head);
    const other = await api().POST('/provinces/{code}/cooperatives', {
      params: { path, header },
      body: { ...body, name: 'Khác' },
    });
    expect(other.response.status).toBe(422);
    expect(other.error).toMatchObject({ type: problem('idempotency-key-reused') });
    // Keys are per client: another app may use the same key for its own request.
    const elsewhere = await createCamClient(
      base,
      bearer({ role: 'provincial_officer', province: '68', app: 'other-app' }),
    ).POST('/provinces/{code}/cooperatives', { params: { path, header }, body: { ...body, cooperativeId: uuid(2) } });
    expect(elsewhere.response.status).toBe(201);
  });

  it('answers 409 to a retry that arrives while the first request with its key is still running', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = Object.create(store, {
      append: {
        value: async (...args: Parameters<EventStore['append']>) => {
          await gate;
          return store.append(...args);
        },
      },
    }) as EventStore;
    await stop();
    await start(slow);
    const body = {
      taskId: uuid(500),
      plan: { number: '5/KH', date: '2024-01-05' },
      title: 'Tổng kết',
      leadAgencies: ['Liên minh HTX tỉnh'],
      due: { kind: 'year' as const, year: 2024 },
    };
    const header = { 'idempotency-key': 'task-500' };
    const first = api().POST('/provinces/{code}/tasks', { params: { path: { code: '67' }, header }, body });
    await new Promise((r) => setTimeout(r, 50));
    const second = await api().POST('/provinces/{code}/tasks', { params: { path: { code: '67' }, header }, body });
    expect(second.response.status).toBe(409);
    expect(second.error).toMatchObject({ type: problem('idempotency-key-in-use') });
    release();
    expect((await first).response.status).toBe(201);
    const third = await api().POST('/provinces/{code}/tasks', { params: { path: { code: '67' }, header }, body });
    expect(third.response.headers.get('idempotent-replayed')).toBe('true');
    await stop();
    await start(store);
  });

  it('pages lists with an opaque cursor and filters', async () => {
    const path = { code: '67', year: 2024 };
    let last = 0;
    for (let i = 0; i < 5; i++) {
      const r = await api().POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
        params: { path },
        body: {
          meetingId: uuid(100 + i),
          date: `2024-04-0${i + 1}`,
          place: { communeCode: i % 2 ? '24622' : '24631' },
          format: 'conference',
          topics: ['cooperative-law-2023'],
          attendees: 50 + i,
          organisedBy: 'Liên minh HTX tỉnh',
          activityId: 'outreach-conferences',
        },
      });
      expect(r.response.status).toBe(201);
      last = r.data?.position ?? 0;
    }
    const p1 = await api().GET('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path, query: { limit: 2, minPosition: last } },
    });
    expect(p1.data?.items.map((m) => m.attendees)).toEqual([50, 51]);
    const p2 = await api().GET('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path, query: { limit: 2, cursor: p1.data?.nextCursor ?? undefined } },
    });
    expect(p2.data?.items.map((m) => m.attendees)).toEqual([52, 53]);
    const p3 = await api().GET('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path, query: { limit: 2, cursor: p2.data?.nextCursor ?? undefined } },
    });
    expect(p3.data?.items.map((m) => m.attendees)).toEqual([54]);
    expect(p3.data?.nextCursor).toBeNull();
    const filtered = await api().GET('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path, query: { communeCode: '24622' } },
    });
    expect(filtered.data?.items).toHaveLength(2);
    // Xã Đắk Ha became part of Phường Bắc Gia Nghĩa (24611) on 1 July 2025.
    const today = await api().GET('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path, query: { communeCode: '24611', today: 'true' } },
    });
    expect(today.data?.items).toHaveLength(2);
  });

  it('answers 409 when the resource keeps changing under the command', async () => {
    const conflicted: EventStore = Object.create(store, {
      append: {
        value: async (s: string) => {
          throw new WrongExpectedRevisionError(s, 0, 1);
        },
      },
    }) as EventStore;
    await stop();
    await start(conflicted);
    const r = await api().POST('/provinces/{code}/campaigns/{year}/close', {
      params: { path: { code: '67', year: 2024 } },
      body: { closedOn: '2024-12-20' },
    });
    expect(r.response.status).toBe(409);
    expect(r.error).toMatchObject({ type: problem('revision-conflict') });
    await stop();
    await start(store);
  });

  it('serves Prometheus metrics only to a monitoring or admin token', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: officer })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: bearer({ role: 'national_officer' }) })).status).toBe(403);
    expect((await fetch(`${base}/metrics`, { headers: bearer({ role: 'admin' }) })).status).toBe(200);
  });

  it('serves Prometheus metrics that move as requests are answered and commands committed', async () => {
    const scrape = async (): Promise<Map<string, number>> => {
      const res = await fetch(`${base}/metrics`, { headers: bearer({ role: 'monitoring', app: 'prometheus' }) });
      expect(res.headers.get('content-type')).toContain('text/plain');
      const values = new Map<string, number>();
      for (const line of (await res.text()).split('\n')) {
        if (line === '' || line.startsWith('#')) continue;
        const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
        expect(m, line).not.toBeNull();
        values.set(m?.[1] as string, Number(m?.[2]));
      }
      return values;
    };
    const series = 'cam_http_requests_total{method="GET",route="/provinces/:code/campaigns",status="200"}';
    const before = await scrape();
    await api().GET('/provinces/{code}/campaigns', { params: { path: { code: '67' } } });
    await api().POST('/provinces/{code}/cooperatives', {
      params: { path: { code: '67' } },
      body: {
        cooperativeId: uuid(900),
        kind: 'cooperative',
        name: 'HTX Đo Lường',
        registrationNumber: '6701000900',
        registeredOn: '2019-05-10',
        communeCode: '24631',
        members: { official: 7, associate: 0 },
      },
    });
    const after = await scrape();
    expect(after.get(series)).toBe((before.get(series) ?? 0) + 1);
    expect(after.get('cam_append_batch_size_count')).toBeGreaterThan(before.get('cam_append_batch_size_count') ?? 0);
    expect(after.get('cam_log_head_position')).toBe(await store.headPosition());
    expect(after.has('cam_projection_lag_events')).toBe(true);
    expect([...after.keys()].some((k) => k.startsWith('nodejs_eventloop_lag'))).toBe(true);
  });

  it('serves interactive docs at /docs and the OpenAPI document', async () => {
    expect((await fetch(`${base}/docs`)).status).toBeLessThan(400);
    const doc = (await fetch(`${base}/docs/json`).then((r) => r.json())) as { openapi: string; paths: object };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/provinces/{code}/campaigns/{year}/support-approvals');
  });
});
