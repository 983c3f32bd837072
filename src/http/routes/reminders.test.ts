import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { docxText } from '../../../test/support/docx.ts';
import { problem } from '../../../test/support/problem.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the reminder letter to the units late with their report, over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const finance = bearer({ role: 'department_officer', province: '68', unit: 'so-tai-chinh', app: 'test' });
  const affairs = bearer({ role: 'department_officer', province: '68', unit: 'so-noi-vu', app: 'test' });
  const half = '/provinces/68/reporting/2026/half-year';
  const letter = (query: string, headers = officer) =>
    app.inject({ url: `/provinces/68/reporting/2026/reminders?${query}`, headers });
  const post = (url: string, payload: object, headers = officer) =>
    app.inject({ method: 'POST', url, headers, payload });

  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    // Friday 31 July 2026, 10:00 in Vietnam: the half-year report was due on 15 July.
    app = await buildServer({
      store,
      logLevel: 'silent',
      key: TEST_KEY,
      maxEventLoopDelayMs: 60_000,
      now: () => new Date('2026-07-31T03:00:00Z'),
    });
    expect((await post('/provinces/68/campaigns', launch2026)).statusCode).toBe(201);
    const asked = await post(`${half}/requests`, {
      from: [
        { unit: 'so-tai-chinh', name: 'Sở Tài chính' },
        { unit: 'so-noi-vu', name: 'Sở Nội vụ' },
        { unit: '24781', name: 'Phường Xuân Hương - Đà Lạt' },
      ],
    });
    expect(asked.statusCode).toBe(200);
    const send = (unit: string, n: number, submittedOn: string, headers: Record<string, string>) =>
      post(`${half}/units/${unit}/submissions`, { submissionId: ID(n), submittedOn, narrative: 'Kết quả' }, headers);
    expect((await send('so-noi-vu', 1, '2026-07-10', affairs)).statusCode).toBe(201);
    expect((await send('so-tai-chinh', 2, '2026-07-20', finance)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('answers a Word document naming the late units, the report, its due day, the days late and the day to send by', async () => {
    const r = await letter('period=half-year&number=45/LMHTX-VP');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(DOCX);
    expect(r.headers['content-disposition']).toBe('attachment; filename="don-doc-bao-cao-68-2026-half-year.docx"');
    const { text } = await docxText(r.rawPayload);
    const lines = text.split('\n');
    expect(lines).toContain('LIÊN MINH HTX TỈNH LÂM ĐỒNG');
    expect(lines).toContain('Số: 45/LMHTX-VP');
    expect(lines).toContain('V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2026');
    expect(lines).toContain('Lâm Đồng, ngày 31 tháng 7 năm 2026');
    // The commune sent nothing (16 days past 15/7); the finance department sent it 5 days late; home affairs was on time.
    expect(lines).toContain('- Phường Xuân Hương - Đà Lạt;');
    expect(lines).toContain('Chưa gửi báo cáo (quá hạn 16 ngày)');
    expect(lines).toContain('Đã gửi ngày 20/07/2026, chậm 5 ngày');
    expect(lines).toContain('15/07/2026');
    expect(text).not.toContain('Sở Nội vụ');
    expect(text).toContain('trước ngày 07/08/2026');
  });

  it('counts who is late on the date asked, and asks for the report by the day given', async () => {
    const r = await letter('period=half-year&date=2026-07-20&sendBy=2026-07-24');
    expect(r.statusCode).toBe(200);
    const { text } = await docxText(r.rawPayload);
    expect(text).toContain('Lâm Đồng, ngày 20 tháng 7 năm 2026');
    expect(text).toContain('Chưa gửi báo cáo (quá hạn 5 ngày)');
    expect(text).toContain('trước ngày 24/07/2026');
  });

  it('answers a problem rather than an empty letter when nobody is late', async () => {
    const r = await letter('period=half-year&date=2026-07-14');
    expect(r.statusCode).toBe(409);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ type: problem('nothing-to-remind'), period: 'half-year', dueBy: '2026-07-15' });
    expect(r.json().detail).toContain('no unit is late for this report');
    const vi = await app.inject({
      url: '/provinces/68/reporting/2026/reminders?period=half-year&date=2026-07-14',
      headers: { ...officer, 'accept-language': 'vi' },
    });
    expect(vi.json().title).toBe('Không có đơn vị chậm báo cáo');
  });

  it('answers 404 for a report never requested, and 400 naming the field for a bad period, date or day to send by', async () => {
    expect((await letter('period=year-end')).statusCode).toBe(404);
    for (const [query, field] of [
      ['', 'period'],
      ['period=quarterly', 'period'],
      ['period=half-year&date=2026-02-30', 'date'],
      ['period=half-year&date=2026-07-31&sendBy=2026-07-30', 'sendBy'],
      ['period=half-year&number=%3Cb%3E', 'number'],
    ] as const) {
      const r = await letter(query);
      expect(r.statusCode, query).toBe(400);
      expect(r.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('is not for a department officer, who reads only their own reports', async () => {
    expect((await letter('period=half-year', finance)).statusCode).toBe(403);
  });
});
