import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { problem } from '../../../test/support/problem.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const meeting = (n: number, date: string, communeCode: string) => ({
  meetingId: ID(n),
  date,
  place: { communeCode },
  format: 'conference',
  topics: ['other'],
  attendees: 30 + n,
  organisedBy: 'Liên minh HTX tỉnh',
});

describe("the reporting chain's approvals lock periods over HTTP", () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const commune = bearer({ role: 'commune_officer', province: '68', commune: '24781', app: 'test' });
  const half = '/provinces/68/reporting/2026/half-year';
  const meetings = '/provinces/68/campaigns/2026/outreach-meetings';
  const post = (url: string, payload: object, headers = officer) =>
    app.inject({ method: 'POST', url, headers, payload });
  const submit = (unit: string, n: number, submittedOn: string, headers = officer) =>
    post(`${half}/units/${unit}/submissions`, { submissionId: ID(n), submittedOn, narrative: `Báo cáo ${n}` }, headers);
  const approve = (unit: string, n: number, approvedOn: string) =>
    post(`${half}/units/${unit}/submissions/${ID(n)}/approve`, { approvedOn, approvedBy: 'Phó Chủ tịch UBND tỉnh' });

  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, maxEventLoopDelayMs: 60_000 });
    expect((await post('/provinces/68/campaigns', launch2026)).statusCode).toBe(201);
    expect((await post(meetings, meeting(1, '2026-04-11', '24781'))).statusCode).toBe(201);
    expect((await post(meetings, meeting(2, '2026-08-11', '24781'))).statusCode).toBe(201);
    const asked = await post(`${half}/requests`, {
      from: [
        { unit: 'alliance', name: 'Liên minh HTX tỉnh' },
        { unit: '24781', name: 'Phường Xuân Hương - Đà Lạt' },
      ],
    });
    expect(asked.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("takes a commune's figures from the meetings recorded in it during the half, and locks only that commune's meetings once approved", async () => {
    expect((await submit('24781', 10, '2026-07-03', commune)).statusCode).toBe(201);
    const report = (await app.inject({ url: `${half}/units/24781`, headers: commune })).json();
    expect(report.submissions[0].figures.lines).toEqual([
      expect.objectContaining({ indicator: 'Số hội nghị tuyên truyền tại xã, phường', value: 1 }),
      expect.objectContaining({ indicator: 'Số lượt người tham dự', value: 31 }),
    ]);
    // Due on the default 15 July: the setting nobody changed.
    expect(report).toMatchObject({ dueBy: '2026-07-15', status: 'awaiting-review', to: expect.any(Array) });
    expect((await approve('24781', 10, '2026-07-05')).statusCode).toBe(200);
    expect((await post(meetings, meeting(3, '2026-05-01', '24781'))).statusCode).toBe(409);
    expect((await post(meetings, meeting(4, '2026-05-01', '24778'))).statusCode).toBe(201);
  });

  it("refuses the province's records dated in the alliance's approved half, in English and Vietnamese, until an unlock; a new approval locks again", async () => {
    const keyed = (key: string) =>
      app.inject({
        method: 'POST',
        url: meetings,
        headers: { ...officer, 'idempotency-key': key },
        payload: meeting(11, '2026-06-05', '24778'),
      });
    expect((await keyed('meeting-11')).statusCode).toBe(201);
    expect((await submit('alliance', 20, '2026-07-08')).statusCode).toBe(201);
    expect((await approve('alliance', 20, '2026-07-09')).statusCode).toBe(200);
    // A retry of a record applied before the approval gets its first answer again.
    const retry = await keyed('meeting-11');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const head = await store.headPosition();
    const refused = await post(meetings, meeting(5, '2026-05-02', '24778'));
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      type: problem('period-locked'),
      unit: 'alliance',
      period: 'half-year',
      window: { from: '2026-01-01', to: '2026-06-30' },
      approvedBy: 'Phó Chủ tịch UBND tỉnh',
      unlock: `${half}/units/alliance/unlock`,
    });
    expect(refused.json().detail).toContain('approved on 2026-07-09 by Phó Chủ tịch UBND tỉnh');
    const vi = await app.inject({
      method: 'POST',
      url: '/provinces/68/campaigns/2026/disbursements',
      headers: { ...officer, 'accept-language': 'vi' },
      payload: { disbursementId: ID(6), approvalId: ID(7), amount: 1_000_000, date: '2026-03-01', reference: 'x' },
    });
    expect(vi.statusCode).toBe(409);
    expect(vi.json().title).toBe('Kỳ báo cáo đã khóa');
    expect(await store.headPosition()).toBe(head);
    // After the half, the province records as before.
    expect((await post(meetings, meeting(8, '2026-07-02', '24778'))).statusCode).toBe(201);
    const unlocked = await post(`${half}/units/alliance/unlock`, {
      unlockedOn: '2026-07-20',
      unlockedBy: 'Phó Chủ tịch UBND tỉnh',
      reason: 'Ghi bổ sung hội nghị tháng 5',
    });
    expect(unlocked.statusCode).toBe(200);
    expect((await post(meetings, meeting(5, '2026-05-02', '24778'))).statusCode).toBe(201);
    expect((await submit('alliance', 21, '2026-07-21')).statusCode).toBe(201);
    expect((await approve('alliance', 21, '2026-07-22')).statusCode).toBe(200);
    expect((await post(meetings, meeting(9, '2026-05-03', '24778'))).statusCode).toBe(409);
    // Nor is a meeting of the half corrected, moved into it, or retracted.
    const correct = (n: number, changes: object) =>
      post(`${meetings}/${ID(n)}/corrections`, { changes, reason: 'Sửa số người dự' });
    expect((await correct(1, { attendees: 50 })).statusCode).toBe(409);
    expect((await correct(2, { date: '2026-06-01' })).statusCode).toBe(409);
    expect((await correct(2, { attendees: 50 })).statusCode).toBe(200);
    expect((await post(`${meetings}/${ID(1)}/retraction`, { reason: 'Ghi trùng' })).statusCode).toBe(409);
  });

  it('shows a unit’s report as the log held it at an earlier position: awaiting review before its approval', async () => {
    const now = (await app.inject({ url: `${half}/units/alliance`, headers: officer })).json();
    expect(now.status).toBe('approved');
    const events = await store.readStream('reports-68-2026-half-year');
    const submitted = events.find((e) => e.type === 'UnitReportSubmitted' && e.data.unit === 'alliance');
    const then = await app.inject({
      url: `${half}/units/alliance?atPosition=${submitted?.position}`,
      headers: officer,
    });
    expect(then.json()).toMatchObject({ status: 'awaiting-review', lock: null });
  });

  it('asks the standing agency for an ad-hoc report with its own title and due day, which its steering member sends', async () => {
    const adhoc = '/provinces/68/reporting/2026/adhoc-drought';
    const steering = bearer({ role: 'steering_member', province: '68', app: 'test' });
    const incomplete = await post(`${adhoc}/requests`, { from: [{ unit: 'standing-agency', name: 'Sở Tài chính' }] });
    expect(incomplete.statusCode).toBe(422);
    expect(incomplete.json()).toMatchObject({
      type: problem('ad-hoc-report-incomplete'),
      missing: ['title', 'window', 'dueBy'],
    });
    const asked = await post(`${adhoc}/requests`, {
      from: [{ unit: 'standing-agency', name: 'Sở Tài chính (cơ quan thường trực)' }],
      title: 'Báo cáo đột xuất tình hình HTX bị ảnh hưởng do hạn hán',
      window: { from: '2026-03-01', to: '2026-04-30' },
      dueBy: '2026-05-05',
      requestedBy: 'Trưởng Ban Chỉ đạo',
    });
    expect(asked.statusCode).toBe(200);
    const sent = await post(
      `${adhoc}/units/standing-agency/submissions`,
      { submissionId: ID(30), submittedOn: '2026-05-04', narrative: '12 HTX bị thiệt hại' },
      steering,
    );
    expect(sent.statusCode).toBe(201);
    const inbox = (await app.inject({ url: '/provinces/68/reporting/inbox', headers: officer })).json();
    expect(inbox.items).toContainEqual(
      expect.objectContaining({
        period: 'adhoc-drought',
        title: 'Báo cáo đột xuất tình hình HTX bị ảnh hưởng do hạn hán',
        unit: 'standing-agency',
        daysLate: 0,
      }),
    );
  });

  it('adds who is late to the half-year workbook, one row per unit asked', async () => {
    const res = await app.inject({ url: '/provinces/68/reports/2026/half-year?format=xlsx', headers: officer });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Tình hình báo cáo');
    expect(sheet).toBeDefined();
    const cells = JSON.stringify(sheet?.getSheetValues());
    expect(cells).toContain('Liên minh HTX tỉnh');
    expect(cells).toContain('Phường Xuân Hương - Đà Lạt');
  });
});
