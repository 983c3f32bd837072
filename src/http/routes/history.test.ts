import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const officer = bearer({ role: 'provincial_officer', province: '68', app: 'tinh-app', sub: 'can-bo-1' });
const viewer = bearer({ role: 'provincial_viewer', province: '68' });
const stranger = bearer({ role: 'provincial_officer', province: '01' });
const campaign = '/provinces/68/campaigns/2026';
const history = (kind: string, id: string) => `/provinces/68/records/${kind}/${id}/history`;

type History = {
  items: { type: string; data: Record<string, unknown>; actor?: string; app?: string; position: number }[];
};

describe("a record's history", () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  let last = 0;
  const post = async (url: string, payload: object): Promise<void> => {
    const res = await app.inject({ method: 'POST', url, headers: officer, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    last = res.json<{ position: number }>().position;
  };
  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, maxEventLoopDelayMs: 60_000 });
    await post('/provinces/68/campaigns', {
      ...launch2026,
      budgets: [{ fund: 'provincial-support-fund', amount: 5_000_000_000 }],
    });
    await post('/provinces/68/cooperatives', {
      cooperativeId: ID(1),
      kind: 'cooperative',
      name: 'HTX Quảng Khê',
      registrationNumber: '6802001',
      registeredOn: '2020-01-02',
      communeCode: '24781',
      members: { official: 10, associate: 0 },
    });
    await post(`${campaign}/outreach-meetings`, {
      meetingId: ID(2),
      date: '2026-04-02',
      place: { communeCode: '24781' },
      format: 'conference',
      topics: ['cooperative-law-2023'],
      attendees: 40,
      organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
    });
    await post(`${campaign}/outreach-meetings/${ID(2)}/corrections`, {
      changes: { attendees: 45 },
      reason: 'Đếm lại theo danh sách ký tên',
    });
    for (const [approval, number] of [
      [ID(3), '125/QĐ-UBND'],
      [ID(4), '126/QĐ-UBND'],
    ] as const)
      await post(`${campaign}/support-approvals`, {
        approvalId: approval,
        decision: { number, date: '2026-03-10' },
        cooperativeId: ID(1),
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 100_000_000,
      });
    await post(`${campaign}/disbursements`, {
      disbursementId: ID(5),
      approvalId: ID(3),
      amount: 40_000_000,
      date: '2026-04-05',
      reference: 'UNC 01',
    });
    await post(`${campaign}/disbursements`, {
      disbursementId: ID(6),
      approvalId: ID(3),
      amount: 60_000_000,
      date: '2026-04-20',
      reference: 'UNC 02',
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('shows a meeting as recorded and then corrected, oldest first, with who recorded it and from which app', async () => {
    const res = await app.inject({
      url: `${history('outreach-meetings', ID(2))}?minPosition=${last}`,
      headers: viewer,
    });
    expect(res.statusCode).toBe(200);
    const h = res.json<History>();
    expect(h.items.map((e) => e.type)).toEqual(['OutreachMeetingRecorded', 'OutreachMeetingCorrected']);
    expect(h.items[1]?.data).toMatchObject({ changes: { attendees: 45 }, previous: { attendees: 40 } });
    expect(h.items[0]).toMatchObject({ actor: 'can-bo-1', app: 'tinh-app' });
    expect(h.items[0]!.position).toBeLessThan(h.items[1]!.position);
  });

  it("shows an approval with the disbursements against it, and a disbursement with only its own events, though the campaign's support is one stream", async () => {
    const approval = (await app.inject({ url: history('support-approvals', ID(3)), headers: officer })).json<History>();
    expect(approval.items.map((e) => [e.type, e.data.amount])).toEqual([
      ['SupportApproved', 100_000_000],
      ['SupportDisbursed', 40_000_000],
      ['SupportDisbursed', 60_000_000],
    ]);
    const other = (await app.inject({ url: history('support-approvals', ID(4)), headers: officer })).json<History>();
    expect(other.items.map((e) => e.type)).toEqual(['SupportApproved']);
    const one = (await app.inject({ url: history('disbursements', ID(6)), headers: officer })).json<History>();
    expect(one.items.map((e) => [e.type, e.data.reference])).toEqual([['SupportDisbursed', 'UNC 02']]);
  });

  it('includes the files attached to the record', async () => {
    const boundary = 'ranh-gioi';
    const pdf = '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n';
    const res = await app.inject({
      method: 'POST',
      url: `/provinces/68/records/outreach-meetings/${ID(2)}/attachments`,
      headers: { ...officer, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n${pdf}\r\n--${boundary}--\r\n`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const h = (
      await app.inject({
        url: `${history('outreach-meetings', ID(2))}?minPosition=${res.json<{ position: number }>().position}`,
        headers: officer,
      })
    ).json<History>();
    expect(h.items.map((e) => e.type)).toEqual(['OutreachMeetingRecorded', 'OutreachMeetingCorrected', 'FileAttached']);
    expect(h.items[2]?.data).toMatchObject({ name: 'bien-ban.pdf', mediaType: 'application/pdf' });
  });

  it("shows a cooperative's registration", async () => {
    const h = (await app.inject({ url: history('cooperatives', ID(1)), headers: officer })).json<History>();
    expect(h.items.map((e) => [e.type, e.data.name])).toEqual([['CooperativeRegistered', 'HTX Quảng Khê']]);
  });

  it("answers 404 for a record that is not the province's and 403 to another province's officer", async () => {
    expect((await app.inject({ url: history('outreach-meetings', ID(99)), headers: officer })).statusCode).toBe(404);
    // The approval's id asked as a meeting is no meeting.
    expect((await app.inject({ url: history('outreach-meetings', ID(3)), headers: officer })).statusCode).toBe(404);
    expect((await app.inject({ url: history('outreach-meetings', ID(2)), headers: stranger })).statusCode).toBe(403);
    expect(
      (await app.inject({ url: `/provinces/01/records/outreach-meetings/${ID(2)}/history`, headers: stranger }))
        .statusCode,
    ).toBe(404);
  });

  it('cuts lists to the days asked: approvals by decision date, disbursements by day paid', async () => {
    const paid = await app.inject({ url: `${campaign}/disbursements?from=2026-04-10`, headers: officer });
    expect(paid.json<{ items: { reference: string }[] }>().items.map((d) => d.reference)).toEqual(['UNC 02']);
    const none = await app.inject({ url: `${campaign}/support-approvals?to=2026-03-09`, headers: officer });
    expect(none.json<{ items: unknown[] }>().items).toEqual([]);
    const bad = await app.inject({
      url: `${campaign}/disbursements?from=10/04/2026`,
      headers: { ...officer, 'accept-language': 'vi' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('from');
  });
});
