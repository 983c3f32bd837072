import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { IMPORT_SPECS } from '../../app/imports.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
let store: SqliteEventStore;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, rateLimitPerMinute: 30 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const post = (url: string, body: object) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect(
    (
      await post('/provinces/68/campaigns', {
        ...launch2026,
        budgets: [{ fund: 'provincial-support-fund', amount: 5_000_000_000 }],
      })
    ).status,
  ).toBe(201);
  const coop = '0191d6a0-0000-7000-8000-000000000900';
  expect(
    (
      await post('/provinces/68/cooperatives', {
        cooperativeId: coop,
        kind: 'cooperative',
        name: 'HTX Quảng Khê',
        registrationNumber: '6802001',
        registeredOn: '2020-01-02',
        communeCode: '24781',
        members: { official: 10, associate: 0 },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await post('/provinces/68/campaigns/2026/support-approvals', {
        approvalId: '0191d6a0-0000-7000-8000-000000000901',
        decision: { number: '125/QĐ-UBND', date: '2026-03-10' },
        cooperativeId: coop,
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 100_000_000,
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** A workbook with the kind's headings (or the given ones) and these rows. */
async function workbook(headings: string[], rows: unknown[][]): Promise<Blob> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Nhập');
  ws.addRow(headings);
  for (const r of rows) ws.addRow(r);
  return new Blob([await wb.xlsx.writeBuffer()]);
}
const headings = (kind: keyof typeof IMPORT_SPECS) => IMPORT_SPECS[kind].columns.map((c) => c.header);

async function upload(kind: string, file: Blob, query: string, accept = 'application/json', language = 'vi') {
  const form = new FormData();
  form.append('file', file, 'so-lieu.xlsx');
  const res = await fetch(`${base}/provinces/68/campaigns/2026/imports/${kind}?${query}`, {
    method: 'POST',
    headers: { ...officer, 'accept-language': language, accept },
    body: form,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const meetingRow = (date: unknown, format: string, attendees: unknown) => [
  date,
  'Xã Quảng Khê',
  'Hội trường xã',
  format,
  'Luật Hợp tác xã năm 2023; Chuyển đổi số',
  attendees,
  5,
  'Liên minh HTX tỉnh Lâm Đồng',
  'Hội nghị tuyên truyền',
  'Hội nghị',
];

describe('spreadsheet imports', () => {
  it('gives a template with Vietnamese headings, lists to pick from and an example row', async () => {
    const res = await fetch(`${base}/provinces/68/campaigns/2026/imports/disbursements/template`, { headers: officer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('mau-nhap-disbursements-68-2026.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([undefined, ...headings('disbursements'), 'Dòng mẫu']);
    expect(sheet.getCell('A2').value).toBe('125/QĐ-UBND'); // the example picks the campaign's own approval
    expect(sheet.getCell('A3').dataValidation).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$A$2:$A$2"] });
    expect(wb.getWorksheet('Danh mục')?.state).toBe('hidden');
  });

  it('checks every row without writing, names each problem by row and column in Vietnamese, and writes nothing all-or-nothing while any row is wrong', async () => {
    const head = await store.headPosition();
    const file = await workbook(headings('meetings'), [
      meetingRow(new Date(Date.UTC(2026, 3, 2)), 'Hội nghị', 120),
      meetingRow('31/02/2026', 'Hội nghị', 80),
      meetingRow('05/04/2026', 'Họp chợ', 'nhiều'),
      meetingRow('30/12/2025', 'Tọa đàm, hội thảo', 40),
    ]);
    const check = await upload('meetings', file, 'mode=check');
    expect(check.status).toBe(200);
    const report = JSON.parse(check.text) as {
      rows: number;
      applied: number;
      problems: { row: number; column: string | null; message: string }[];
    };
    expect(report.rows).toBe(4);
    expect(report.applied).toBe(0);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { row: 3, column: 'Ngày (dd/mm/yyyy)', field: 'date', message: 'phải là một ngày có thật trên lịch' },
        { row: 4, column: 'Hình thức', field: 'format', message: '"Họp chợ" không có trong danh sách' },
        { row: 4, column: 'Số người tham dự', field: 'attendees', message: '"nhiều" không phải một số' },
        {
          row: 5,
          column: 'Ngày (dd/mm/yyyy)',
          field: 'date',
          message: 'Ngày 30/12/2025 không thuộc năm 2026 của kế hoạch',
        },
      ]),
    );
    expect(report.problems.some((p) => p.row === 2)).toBe(false);
    const all = await upload('meetings', file, 'mode=apply');
    expect(all.status).toBe(422);
    expect(JSON.parse(all.text)).toMatchObject({
      title: 'Có dòng sai quy định',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'row 3, Ngày (dd/mm/yyyy)' })]),
    });
    expect(await store.headPosition()).toBe(head);

    // Row by row: the good row is written; the same file again adds nothing.
    const some = JSON.parse((await upload('meetings', file, 'mode=apply&atomic=false')).text) as {
      applied: number;
      alreadyApplied: number;
      problems: unknown[];
      position: number;
    };
    expect(some).toMatchObject({ applied: 1, alreadyApplied: 0 });
    expect(some.problems).toHaveLength(4);
    expect(await store.headPosition()).toBe(head + 1);
    const again = JSON.parse((await upload('meetings', file, 'mode=apply&atomic=false')).text) as {
      applied: number;
      alreadyApplied: number;
    };
    expect(again).toMatchObject({ applied: 0, alreadyApplied: 1 });
    expect(await store.headPosition()).toBe(head + 1);
    const meetings = (await (
      await fetch(`${base}/provinces/68/campaigns/2026/outreach-meetings?minPosition=${some.position}`, {
        headers: officer,
      })
    ).json()) as { items: { date: string; topics: string[]; attendees: number }[] };
    expect(meetings.items).toEqual([
      expect.objectContaining({
        date: '2026-04-02',
        topics: ['cooperative-law-2023', 'digital-transformation'],
        attendees: 120,
      }),
    ]);
  });

  it('imports support approvals naming the cooperative and the fund as the template lists them', async () => {
    const file = await workbook(headings('approvals'), [
      [
        '130/QĐ-UBND',
        '12/03/2026',
        'HTX Quảng Khê (6802001)',
        'Quỹ HTPT HTX tỉnh',
        'Cho vay',
        '200.000.000',
        'Kho lạnh',
        '',
      ],
    ]);
    const report = JSON.parse((await upload('approvals', file, 'mode=apply')).text) as {
      applied: number;
      problems: unknown[];
    };
    expect(report).toMatchObject({ applied: 1, problems: [] });
    const list = (await (
      await fetch(`${base}/provinces/68/campaigns/2026/support-approvals`, { headers: officer })
    ).json()) as { items: { decision: { number: string }; fund: string; form: string; amount: number }[] };
    expect(list.items.find((a) => a.decision.number === '130/QĐ-UBND')).toMatchObject({
      fund: 'provincial-support-fund',
      form: 'loan',
      amount: 200_000_000,
    });
  });

  it('imports disbursements by decision number, money as written in Vietnamese, and streams its progress', async () => {
    const file = await workbook(
      headings('disbursements'),
      Array.from({ length: 150 }, (_, i) => [
        '125/QĐ-UBND',
        '100.000',
        `${String(1 + (i % 28)).padStart(2, '0')}/04/2026`,
        `UNC ${i}`,
      ]),
    );
    const res = await upload('disbursements', file, 'mode=apply', 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/x-ndjson');
    const lines = res.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual(
      expect.arrayContaining([
        { phase: 'check', done: 100 },
        { phase: 'check', done: 150 },
        { phase: 'apply', done: 150 },
      ]),
    );
    expect(lines.at(-1)).toMatchObject({ report: { rows: 150, applied: 150, problems: [] } });
    const approval = (await (
      await fetch(`${base}/provinces/68/campaigns/2026/support-approvals/0191d6a0-0000-7000-8000-000000000901`, {
        headers: officer,
      })
    ).json()) as { disbursed: number };
    expect(approval.disbursed).toBe(15_000_000);
  });

  it('never imports the template’s example row, says how many rows it will import, and reports an example row typed over instead of dropping it', async () => {
    const res = await fetch(`${base}/provinces/68/campaigns/2026/imports/meetings/template`, { headers: officer });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(sheet.getCell('K2').value)).toMatch(/^Dòng mẫu, không được nhập/);
    // Three real rows under the example, as an officer fills the template.
    [3, 4, 5].forEach((r, i) => {
      sheet.getRow(r).values = meetingRow(`0${i + 6}/05/2026`, 'Hội nghị', 30 + i) as ExcelJS.CellValue[];
    });
    const file = new Blob([await wb.xlsx.writeBuffer()]);
    const head = await store.headPosition();
    const check = JSON.parse((await upload('meetings', file, 'mode=check')).text) as Record<string, unknown>;
    expect(check).toMatchObject({ rows: 3, examples: 1, toApply: 3, problems: [], applied: 0 });
    const applied = JSON.parse((await upload('meetings', file, 'mode=apply')).text) as Record<string, unknown>;
    expect(applied).toMatchObject({ rows: 3, examples: 1, applied: 3, problems: [] });
    expect(await store.headPosition()).toBe(head + 3);

    // The example typed over but still marked: a problem of its row, nothing written all-or-nothing.
    sheet.getCell('F2').value = 75;
    const typedOver = new Blob([await wb.xlsx.writeBuffer()]);
    const again = JSON.parse((await upload('meetings', typedOver, 'mode=check')).text) as {
      rows: number;
      examples: number;
      problems: { row: number; column: string | null; message: string }[];
    };
    expect(again).toMatchObject({ rows: 4, examples: 0 });
    expect(again.problems).toEqual([
      {
        row: 2,
        column: 'Dòng mẫu',
        field: null,
        message: 'dòng mẫu đã bị sửa: muốn nhập dòng này thì xóa chữ "Dòng mẫu" ở ô này, không thì xóa cả dòng',
      },
    ]);
    expect((await upload('meetings', typedOver, 'mode=apply')).status).toBe(422);
    expect(await store.headPosition()).toBe(head + 3);
  });

  it('reports every wrong field of a row in one check, one problem a column, in Vietnamese or English', async () => {
    const file = await workbook(headings('meetings'), [meetingRow('31/02/2026', 'Họp chợ', 'nhiều')]);
    const problems = (text: string) =>
      (JSON.parse(text) as { problems: { row: number; column: string | null; message: string }[] }).problems;
    expect(problems((await upload('meetings', file, 'mode=check')).text)).toEqual([
      { row: 2, column: 'Hình thức', field: 'format', message: '"Họp chợ" không có trong danh sách' },
      { row: 2, column: 'Số người tham dự', field: 'attendees', message: '"nhiều" không phải một số' },
      { row: 2, column: 'Ngày (dd/mm/yyyy)', field: 'date', message: 'phải là một ngày có thật trên lịch' },
    ]);
    expect(problems((await upload('meetings', file, 'mode=check', 'application/json', 'en')).text)).toEqual([
      { row: 2, column: 'Hình thức', field: 'format', message: '"Họp chợ" is not one of the list’s choices' },
      { row: 2, column: 'Số người tham dự', field: 'attendees', message: '"nhiều" is not a number' },
      { row: 2, column: 'Ngày (dd/mm/yyyy)', field: 'date', message: 'must be a real calendar date' },
    ]);
  });

  it('refuses a file that is not a workbook, lacks columns or is too large, writing nothing', async () => {
    const head = await store.headPosition();
    const notXlsx = await upload('meetings', new Blob(['ngày,xã\n02/04/2026,Quảng Khê']), 'mode=apply');
    expect(notXlsx.status).toBe(422);
    expect(JSON.parse(notXlsx.text)).toMatchObject({ title: 'Không phải tệp Excel' });
    const missing = await upload(
      'meetings',
      await workbook(['Ngày (dd/mm/yyyy)', 'Xã, phường'], [['02/04/2026', 'Xã A']]),
      'mode=apply',
    );
    expect(missing.status).toBe(422);
    expect(JSON.parse(missing.text)).toMatchObject({
      title: 'Thiếu cột',
      missing: expect.arrayContaining(['Hình thức', 'Số người tham dự']),
    });
    const huge = await upload('meetings', new Blob([Buffer.alloc(11 * 1_048_576, 1)]), 'mode=apply');
    expect(huge.status).toBe(413);
    const json = await fetch(`${base}/provinces/68/campaigns/2026/imports/meetings?mode=apply`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await store.headPosition()).toBe(head);
  });
});
