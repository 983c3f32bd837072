import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../test/support/auth.ts';
import { launch2026 } from '../../test/support/campaign.ts';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import { buildServer } from '../server.ts';
import { languageOf } from './problem-texts.ts';
import { problemCodes } from './problem-catalogue.ts';
import { problemTexts } from './problems.ts';

describe('problem texts', () => {
  it('gives every problem type of the catalogue a title and a rule in English and in Vietnamese', () => {
    const codes = problemCodes();
    expect(codes.length).toBeGreaterThan(80);
    const missing = codes.filter((code) => {
      const t = problemTexts(code);
      return (
        t === undefined ||
        [t.en.title, t.en.rule, t.vi.title, t.vi.rule].some((s) => s.trim() === '') ||
        t.vi.rule === t.en.rule
      );
    });
    expect(missing).toEqual([]);
  });

  it('answers in Vietnamese when Accept-Language prefers it, in English otherwise', () => {
    expect(languageOf({ 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.8' })).toBe('vi');
    expect(languageOf({ 'accept-language': 'vi' })).toBe('vi');
    expect(languageOf({ 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' })).toBe('en');
    expect(languageOf({ 'accept-language': 'fr' })).toBe('en');
    expect(languageOf({})).toBe('en');
  });
});

describe("problems over HTTP in the caller's language", () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const vi = { 'accept-language': 'vi-VN,vi;q=0.9' };
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
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const meeting = {
    meetingId: '0191d6a0-0000-7000-8000-000000000001',
    date: '2026-04-02',
    place: { communeCode: '24631' },
    format: 'conference',
    topics: ['cooperative-law-2023'],
    attendees: 80,
    organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
  };

  it('says a broken rule in Vietnamese, with its date, and in English without the header; nothing is written', async () => {
    const late = { ...meeting, date: '2025-12-30' };
    const url = '/provinces/68/campaigns/2026/outreach-meetings';
    const inVi = await app.inject({ method: 'POST', url, headers: { ...officer, ...vi }, payload: late });
    expect(inVi.statusCode).toBe(422);
    expect(inVi.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(inVi.json()).toMatchObject({
      title: 'Ngày ngoài năm kế hoạch',
      detail: 'Ngày 30/12/2025 không thuộc năm 2026 của kế hoạch',
      rule: 'các bản ghi của kế hoạch phải có ngày trong năm của kế hoạch',
      date: '2025-12-30',
    });
    const inEn = await app.inject({ method: 'POST', url, headers: officer, payload: late });
    expect(inEn.json()).toMatchObject({
      title: 'A rule of the record was broken',
      detail: '2025-12-30 is not in the campaign year 2026',
    });
    expect(await store.headPosition()).toBe(1);
  });

  it('names each wrong field with a Vietnamese message', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/provinces/68/campaigns/2026/outreach-meetings',
      headers: { ...officer, ...vi },
      payload: { ...meeting, date: '2026-02-30', attendees: 'nhiều', extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ title: string; errors: { field: string; message: string }[] }>();
    expect(body.title).toBe('Yêu cầu không hợp lệ');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'date', message: 'phải là một ngày có thật trên lịch' }),
        expect.objectContaining({ field: 'attendees', message: 'phải là một số' }),
      ]),
    );
    expect(body.errors.every((e) => !/^(must|is not|Invalid|expected)/i.test(e.message))).toBe(true);
  });

  it('says one problem per field, as a person would, in Vietnamese and in English: a date typed another way, an empty name, a negative count', async () => {
    const payload = { ...meeting, date: '02/04/2026', organisedBy: '', attendees: -1 };
    const url = '/provinces/68/campaigns/2026/outreach-meetings';
    const inVi = await app.inject({ method: 'POST', url, headers: { ...officer, ...vi }, payload });
    const inEn = await app.inject({ method: 'POST', url, headers: officer, payload });
    const said = (r: typeof inVi) =>
      r.json<{ errors: { field: string; message: string }[] }>().errors.map((e) => [e.field, e.message]);
    expect(said(inVi)).toEqual([
      ['date', 'phải là một ngày, dạng yyyy-MM-dd'],
      ['attendees', 'không được là số âm'],
      ['organisedBy', 'không được để trống'],
    ]);
    expect(said(inEn)).toEqual([
      ['date', 'must be a date as yyyy-MM-dd'],
      ['attendees', 'must not be negative'],
      ['organisedBy', 'must not be empty'],
    ]);
    expect(await store.headPosition()).toBe(1);
  });

  it("names a plan's target written wrong at its field, in Vietnamese, and launches nothing", async () => {
    const activity = launch2026.activities[0];
    if (activity === undefined) throw new Error('the 2026 plan has an activity');
    const res = await app.inject({
      method: 'POST',
      url: '/provinces/68/campaigns',
      headers: { ...officer, ...vi },
      payload: {
        ...launch2026,
        year: 2027,
        plan: { number: '9/KH', date: '2027-01-10' },
        activities: [
          {
            ...activity,
            window: { from: '2027-03-01', to: '2027-04-30' },
            targets: [
              { metric: 'loans-appraised', value: 3, upTo: 2 },
              { metric: 'cooperatives-supported', percent: 80 },
            ],
          },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      expect.objectContaining({
        field: 'activities.0.targets.0.upTo',
        message: 'khoảng chỉ tiêu phải kết thúc từ mức tối thiểu trở lên',
      }),
      expect.objectContaining({ field: 'activities.0.targets.1.base', message: 'tỷ lệ phần trăm cần cơ số để tính' }),
    ]);
    expect(await store.headPosition()).toBe(1);
  });

  it('answers an unknown route, an unauthorised call and a merged province in Vietnamese', async () => {
    const none = await app.inject({ method: 'GET', url: '/khong-co', headers: vi });
    expect(none.json()).toMatchObject({ status: 404, title: 'Không tìm thấy' });
    const anon = await app.inject({ method: 'GET', url: '/provinces/68/campaigns', headers: vi });
    expect(anon.json()).toMatchObject({ status: 401, title: 'Chưa xác thực' });
    // Lâm Đồng's officer answers for Đắk Nông's records: a plan dated after 30/6/2025 is Lâm Đồng's.
    const merged = await app.inject({
      method: 'POST',
      url: '/provinces/67/campaigns',
      headers: { ...officer, ...vi },
      payload: { ...launch2026, year: 2025, plan: { number: '7/KH', date: '2025-07-10' }, activities: [], budgets: [] },
    });
    expect(merged.statusCode).toBe(422);
    expect(merged.json()).toMatchObject({
      title: 'Tỉnh đã sáp nhập',
      detail:
        'Đắk Nông (67) đã sáp nhập vào Lâm Đồng (68) từ ngày 01/07/2025: bản ghi ngày 10/07/2025 thuộc tỉnh 68 (Lâm Đồng)',
      successor: { code: '68' },
    });
  });

  it('describes a problem type in both languages at /problems/{code}', async () => {
    const res = await app.inject({ method: 'GET', url: '/problems/province-merged', headers: vi });
    expect(res.json()).toMatchObject({
      title: 'Tỉnh đã sáp nhập',
      en: { title: 'A rule of the record was broken' },
      vi: { title: 'Tỉnh đã sáp nhập' },
    });
    expect((await app.inject({ method: 'GET', url: '/problems/__proto__' })).statusCode).toBe(404);
  });
});
