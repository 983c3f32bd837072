import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { docxText } from '../../../test/support/docx.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { problem } from '../../../test/support/problem.ts';
import type { CampaignDashboard } from '../../../projections/dashboard.ts';
import { viNumber } from '../../../projections/official-document.ts';
import type { NationalReport, ProvinceReport } from '../../../projections/reports.ts';
import { TOTAL_LABELS } from '../../../projections/reports.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

describe('report documents in the Decree 30/2020 layout, over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const finance = bearer({ role: 'department_officer', province: '68', unit: 'so-tai-chinh', app: 'test' });
  const national = bearer({ role: 'national_officer', app: 'test' });
  const get = (url: string, headers = officer) => app.inject({ url, headers });
  const post = (url: string, payload: object, headers = officer) =>
    app.inject({ method: 'POST', url, headers, payload });
  const yearEnd = '/provinces/68/documents/2026/year-end';
  /** The log position after the figures and the first narrative. */
  let settled = 0;

  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    app = await buildServer({
      store,
      logLevel: 'silent',
      key: TEST_KEY,
      maxEventLoopDelayMs: 60_000,
      now: () => new Date('2026-12-20T03:00:00Z'),
    });
    expect((await post('/provinces/68/campaigns', launch2026)).statusCode).toBe(201);
    const meeting = (n: number, date: string, attendees: number) =>
      post('/provinces/68/campaigns/2026/outreach-meetings', {
        meetingId: ID(n),
        date,
        place: { communeCode: '24781' },
        format: 'conference',
        topics: ['cooperative-law-2023'],
        attendees,
        organisedBy: 'Liên minh HTX tỉnh',
        activityId: 'outreach',
      });
    // Two meetings in the peak period (29/3–29/4), one after it.
    for (const [n, date, people] of [
      [1, '2026-04-02', 120],
      [2, '2026-04-11', 1350],
      [3, '2026-09-15', 80],
    ] as const)
      expect((await meeting(n, date, people)).statusCode).toBe(201);
    const asked = await post('/provinces/68/reporting/2026/year-end/requests', {
      from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }],
    });
    expect(asked.statusCode).toBe(200);
    const sent = await post(
      '/provinces/68/reporting/2026/year-end/units/so-tai-chinh/submissions',
      { submissionId: ID(9), submittedOn: '2026-12-10', narrative: 'Sở đã hướng dẫn 12 HTX lập hồ sơ hỗ trợ.' },
      finance,
    );
    expect(sent.statusCode).toBe(201);
    const written = await post(`${yearEnd}/narrative`, {
      sections: {
        results: 'Các chỉ tiêu cơ bản của Tháng hành động đều đạt kế hoạch.',
        shortcomings: 'Một số xã chưa tổ chức hội nghị tuyên truyền trong đợt cao điểm.',
      },
      number: '88/BC-LMHTX',
      signer: { on: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Bình' },
    });
    expect(written.statusCode).toBe(200);
    settled = written.json<{ position: number }>().position;
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const at = (query = '') => `atPosition=${settled}&asOf=2026-12-20&date=2026-12-20${query}`;

  it('gives the same bytes for the same year-end report at one log position, in Word and in PDF, and their SHA-256 in the headers', async () => {
    for (const format of ['docx', 'pdf'] as const) {
      const first = await get(`${yearEnd}?format=${format}&${at()}`);
      const again = await get(`${yearEnd}?format=${format}&${at()}`);
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toBe(format === 'docx' ? DOCX : 'application/pdf');
      expect(Buffer.compare(first.rawPayload, again.rawPayload)).toBe(0);
      const digest = sha256(first.rawPayload);
      expect(first.headers['x-document-sha256']).toBe(digest.toString('hex'));
      expect(first.headers['repr-digest']).toBe(`sha-256=:${digest.toString('base64')}:`);
      expect(first.headers.etag).toBe(`"sha256-${digest.toString('hex')}"`);
      expect(first.headers['x-as-of-position']).toBe(String(settled));
      expect(first.headers['content-disposition']).toBe(`attachment; filename="bao-cao-nam-68-2026.${format}"`);
      // The client holding these bytes is told so.
      const held = await app.inject({
        url: `${yearEnd}?format=${format}&${at()}`,
        headers: { ...officer, 'if-none-match': first.headers.etag as string },
      });
      expect(held.statusCode).toBe(304);
    }
  });

  it("prints the report's headings, its figures as the report's JSON gives them, the position and date they were read at, and the narrative", async () => {
    const json = (await get(`/provinces/68/reports/2026/year-end?${at()}`)).json<ProvinceReport>();
    const { text } = await docxText((await get(`${yearEnd}?format=docx&${at()}`)).rawPayload);
    const lines = text.split('\n');
    for (const l of [
      'LIÊN MINH HTX TỈNH LÂM ĐỒNG',
      'Số: 88/BC-LMHTX',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lâm Đồng, ngày 20 tháng 12 năm 2026',
      'BÁO CÁO',
      'Kết quả thực hiện Tháng hành động vì Hợp tác xã năm 2026',
      `Số liệu tính đến ngày 20/12/2026, vị trí nhật ký ${settled}.`,
      'I. KẾT QUẢ THỰC HIỆN',
      '1. Tuyên truyền',
      'Đánh giá chung',
      'Các chỉ tiêu cơ bản của Tháng hành động đều đạt kế hoạch.',
      'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN',
      'Một số xã chưa tổ chức hội nghị tuyên truyền trong đợt cao điểm.',
      'Nơi nhận:',
      'TM. BAN THƯỜNG VỤ',
      'Nguyễn Văn Bình',
    ])
      expect(lines).toContain(l);
    // Every indicator of the report, with its unit and its value, in a row of the tables.
    for (const line of json.lines) {
      const i = lines.indexOf(line.indicator);
      expect(i, line.indicator).toBeGreaterThan(0);
      expect(lines.slice(i + 1, i + 3)).toEqual([line.unit, viNumber(line.value)]);
    }
    expect(json.lines.find((l) => l.indicator === 'Số lượt người tham dự')?.value).toBe(1550);
    expect(lines).toContain('1.550');

    // The PDF says the same, read back through its fonts.
    const pdf = pdfText((await get(`${yearEnd}?format=pdf&${at()}`)).rawPayload);
    const flat = pdf.text.replace(/\n/g, '');
    for (const h of ['BÁO CÁO', 'I. KẾT QUẢ THỰC HIỆN', 'II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN', 'Nơi nhận:'])
      expect(pdf.text).toContain(h);
    expect(flat).toContain(`Số liệu tính đến ngày 20/12/2026, vị trí nhật ký ${settled}.`);
    for (const line of json.lines) expect(flat).toContain(`${line.indicator}${line.unit}${viNumber(line.value)}`);
    expect(flat).toContain('Một số xã chưa tổ chức hội nghị tuyên truyền trong đợt cao điểm.');
    // Its only date is the document's, and its title the document's.
    expect(pdf.info).not.toContain('2026-12-20T03');
  });

  it('prints the campaign result report with each indicator in the peak period, outside it and the whole year, as the dashboard gives them', async () => {
    const d = (await get(`/provinces/68/campaigns/2026/dashboard?${at()}`)).json<CampaignDashboard>();
    const r = await get(`/provinces/68/documents/2026/campaign-result?format=docx&${at()}`);
    expect(r.statusCode).toBe(200);
    const lines = (await docxText(r.rawPayload)).text.split('\n');
    expect(lines).toContain('Cao điểm (29/03 - 29/04)');
    for (const [k, [label]] of Object.entries(TOTAL_LABELS)) {
      const t = d.totals[k as keyof typeof d.totals];
      const i = lines.indexOf(label);
      expect(i, label).toBeGreaterThan(0);
      expect(lines.slice(i + 1, i + 4)).toEqual([viNumber(t.peak), viNumber(t.rest), viNumber(t.total)]);
    }
    expect(d.totals.meetings).toEqual({ peak: 2, rest: 1, total: 3 });
  });

  it('prints a new version of the narrative in its place, and the old one at the position before it', async () => {
    const changed = await post(`${yearEnd}/narrative`, {
      sections: { results: 'Các chỉ tiêu đều vượt kế hoạch.', proposals: 'Đề nghị bổ sung kinh phí năm 2027.' },
      number: '88/BC-LMHTX',
    });
    expect(changed.statusCode).toBe(200);
    const now = changed.json<{ position: number }>().position;
    const later = (await docxText((await get(`${yearEnd}?minPosition=${now}&date=2026-12-20`)).rawPayload)).text;
    expect(later).toContain('Các chỉ tiêu đều vượt kế hoạch.');
    expect(later).toContain('II. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(later).not.toContain('Một số xã chưa tổ chức');
    const before = (await docxText((await get(`${yearEnd}?${at()}`)).rawPayload)).text;
    expect(before).toContain('Một số xã chưa tổ chức');
    const history = (await get(`${yearEnd}/narrative`)).json<{ versions: { version: number }[] }>();
    expect(history.versions.map((v) => v.version)).toEqual([1, 2]);
    // The same again is refused, and nothing is written.
    const same = await post(`${yearEnd}/narrative`, {
      sections: { results: 'Các chỉ tiêu đều vượt kế hoạch.', proposals: 'Đề nghị bổ sung kinh phí năm 2027.' },
      number: '88/BC-LMHTX',
    });
    expect(same.statusCode).toBe(422);
    expect(same.json<{ type: string }>().type).toEqual(problem('narrative-unchanged'));
  });

  it("gives a unit its own report with its submission's figures and narrative, in the unit's heading", async () => {
    const r = await get(
      '/provinces/68/documents/2026/year-end/units/so-tai-chinh?format=docx&date=2026-12-20',
      finance,
    );
    expect(r.statusCode).toBe(200);
    const lines = (await docxText(r.rawPayload)).text.split('\n');
    expect(lines).toContain('UBND TỈNH LÂM ĐỒNG');
    expect(lines).toContain('SỞ TÀI CHÍNH');
    expect(lines).toContain('Sở đã hướng dẫn 12 HTX lập hồ sơ hỗ trợ.');
    expect(lines).toContain('GIÁM ĐỐC');
    const written = await post(
      '/provinces/68/documents/2026/year-end/units/so-tai-chinh/narrative',
      { sections: { results: 'Sở đã hướng dẫn 15 HTX.' } },
      finance,
    );
    expect(written.statusCode).toBe(200);
    const again = await get(
      `/provinces/68/documents/2026/year-end/units/so-tai-chinh?format=html&date=2026-12-20&minPosition=${written.json<{ position: number }>().position}`,
      finance,
    );
    expect(again.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(again.body).toContain('Sở đã hướng dẫn 15 HTX.');
    expect(again.headers['content-disposition']).toBe('inline; filename="bao-cao-nam-68-2026-so-tai-chinh.html"');
    const stranger = await get('/provinces/68/documents/2026/year-end/units/so-noi-vu', officer);
    expect(stranger.statusCode).toBe(404);
  });

  it('gives the national alliance its summary, a row per province and the totals, as the national report gives them', async () => {
    const json = (await get(`/national/reports/2026?${at()}`, national)).json<NationalReport>();
    const r = await get(`/national/documents/2026/summary?${at()}`, { ...national, accept: 'application/pdf' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const flat = pdfText(r.rawPayload).text.replace(/\n/g, '');
    expect(flat).toContain('LIÊN MINH HỢP TÁC XÃ VIỆT NAM');
    const row = json.rows.find((x) => x.organiser === '68');
    expect(row?.attendees).toBe(1550);
    expect(flat).toContain(`Lâm Đồng${row?.meetings} (${row?.meetingsInPeak})${viNumber(row?.attendees ?? 0)}`);
    expect(flat).toContain('Tổng cộng');
    // Its narrative is the national alliance's (code VN); a province's officer may not write it.
    const path = '/provinces/VN/documents/2026/national-summary/narrative';
    const body = { sections: { proposals: 'Đề nghị các tỉnh gửi báo cáo đúng hạn.' } };
    expect((await post(path, body, officer)).statusCode).toBe(403);
    const written = await post(path, body, national);
    expect(written.statusCode).toBe(200);
    const html = await get(
      `/national/documents/2026/summary?format=html&date=2026-12-20&minPosition=${written.json<{ position: number }>().position}`,
      national,
    );
    expect(html.body).toContain('II. ĐỀ XUẤT, KIẾN NGHỊ');
    expect(html.body).toContain('Đề nghị các tỉnh gửi báo cáo đúng hạn.');
  });

  it('refuses what cannot be a document or a narrative, with a problem naming the field', async () => {
    const vn = await post('/provinces/VN/documents/2026/year-end/narrative', { sections: { results: 'x' } }, national);
    expect(vn.statusCode).toBe(400);
    expect(vn.json<{ errors: object[] }>().errors[0]).toMatchObject({ field: 'document' });
    const empty = await post(`${yearEnd}/narrative`, { sections: {} });
    expect(empty.statusCode).toBe(400);
    const format = await get(`${yearEnd}?format=odt`);
    expect(format.statusCode).toBe(400);
    const none = await get('/provinces/68/documents/2025/year-end');
    expect(none.statusCode).toBe(404);
    const beyond = await get(`${yearEnd}?atPosition=999999`);
    expect(beyond.statusCode).toBe(400);
  });
});
