import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCamClient } from '../openapi/client.ts';
import { DAK_NONG_2024 } from '../domain/scenarios/dak-nong-2024.ts';
import { PLAN_2653, TAY_NINH_ASSIGNMENTS } from '../domain/task/tay-ninh-2653-2023.ts';
import { TAY_NINH_STEERING_2023 } from '../domain/steering/tay-ninh-2653-2023-appendix-ii.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { problem } from './support/problem.ts';
import { docxText } from './support/docx.ts';
import { CampaignDashboard, NationalDashboard } from '../projections/dashboard.ts';
import { NationalReport, ProvinceReport } from '../projections/reports.ts';
import { openapiDocument, undeclared, type Answer } from './support/declared.ts';

/** Every operation this file calls, as "METHOD /schema/path": checked against the OpenAPI document at the end. */
const called = new Set<string>();
/** Every answer the scenarios got: checked against what the document declares at the end. */
const answers: Answer[] = [];
let app: FastifyInstance;
let store: SqliteEventStore;
let api: ReturnType<typeof createCamClient>;
/** Tây Ninh (80) officer: the 2023 records of Tây Ninh (72) are theirs. */
let tayNinh: ReturnType<typeof createCamClient>;
/** National alliance officer: records national honours. */
let national: ReturnType<typeof createCamClient>;
let admin: ReturnType<typeof createCamClient>;
let auditor: ReturnType<typeof createCamClient>;
/** Tây Ninh's Department of Planning and Investment (seed 001): reports its own unit only. */
let planning: ReturnType<typeof createCamClient>;
let base = '';

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  // The clock stands on 1 January 2024, so tasks due in 2023 are overdue.
  app = await buildServer({
    store,
    logLevel: 'silent',
    key: TEST_KEY,
    now: () => new Date('2024-01-01T03:00:00Z'),
    // Webhooks are registered here, not delivered (test/webhooks.test.ts follows deliveries).
    webhooks: { allowHosts: ['127.0.0.1'], deliver: false },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  api = createCamClient(base, bearer({ role: 'provincial_officer', province: '68', app: 'lam-dong-app' }));
  tayNinh = createCamClient(base, bearer({ role: 'provincial_officer', province: '80', app: 'tay-ninh-app' }));
  national = createCamClient(base, bearer({ role: 'national_officer', app: 'vca-app' }));
  admin = createCamClient(base, bearer({ role: 'admin', app: 'ops' }));
  auditor = createCamClient(base, bearer({ role: 'auditor', app: 'audit-app' }));
  planning = createCamClient(
    base,
    bearer({ role: 'department_officer', province: '80', unit: 'so-ke-hoach-va-dau-tu', app: 'skhdt-app' }),
  );
  for (const c of [api, tayNinh, national, admin, auditor, planning]) {
    c.use({
      onRequest: ({ schemaPath, request }) => void called.add(`${request.method} ${schemaPath}`),
      onResponse: ({ schemaPath, request, response }) =>
        void answers.push({
          method: request.method,
          path: schemaPath,
          status: response.status,
          headers: response.headers,
        }),
    });
  }
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const uuid = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
/** The JSON form of an answer that may also come as a file (reports: CSV and XLSX when asked for). */
const asJson = <T>(x: T): Exclude<T, string> => {
  expect(typeof x).toBe('object');
  return x as Exclude<T, string>;
};
function ok<T>(r: { data?: T; error?: unknown; response: Response }, status = 200): T {
  expect(r.response.status, JSON.stringify(r.error)).toBe(status);
  return r.data as T;
}

describe('the Đắk Nông 2024 campaign, entirely over HTTP', () => {
  const path = { code: '67', year: 2024 };
  const coop = (n: number) => ({
    cooperativeId: uuid(n),
    kind: 'cooperative' as const,
    name: `HTX Đắk Nông ${n}`,
    registrationNumber: `67000${n}`,
    registeredOn: '2020-01-15',
    communeCode: '24611',
    members: { official: 10 + n, associate: 0 },
  });

  it('launches the plan with its ten focus activities and registers four cooperatives', async () => {
    const { organiser: _o, ...body } = DAK_NONG_2024;
    ok(await api.POST('/provinces/{code}/campaigns', { params: { path: { code: '67' } }, body }), 201);
    for (const n of [1, 2, 3, 4])
      ok(await api.POST('/provinces/{code}/cooperatives', { params: { path: { code: '67' } }, body: coop(n) }), 201);
    const list = ok(await api.GET('/provinces/{code}/campaigns', { params: { path: { code: '67' } } }));
    expect(list.items.map((c) => c.year)).toEqual([2024]);
    const coops = ok(
      await api.GET('/provinces/{code}/cooperatives', {
        params: { path: { code: '67' }, query: { kind: 'cooperative' } },
      }),
    );
    expect(coops.items).toHaveLength(4);
    const one = ok(
      await api.GET('/provinces/{code}/cooperatives/{cooperativeId}', {
        params: { path: { code: '67', cooperativeId: uuid(1) } },
      }),
    );
    expect(one).toMatchObject({ provinceId: 'pre2025:67', status: 'active' });
  });

  it('publishes bulletin 44 inside 01/3–10/4 and a press article as publications, refuses a bulletin recorded as a meeting', async () => {
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/publications', {
        params: { path },
        body: {
          publicationId: uuid(44),
          kind: 'bulletin',
          outlet: 'Bản tin Kinh tế hợp tác',
          issueNumber: '44',
          date: '2024-04-05',
          title: 'Bản tin Kinh tế hợp tác số 44',
          topics: ['cooperative-day'],
          copies: 500,
          activityId: 'bulletin-44',
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/publications', {
        params: { path },
        body: {
          publicationId: uuid(46),
          kind: 'press',
          outlet: 'Báo Đắk Nông',
          date: '2024-05-20',
          title: 'Đắk Nông phát động Tháng hành động vì HTX',
          topics: ['cooperative-law-2023'],
          url: 'https://baodaknong.vn/bai-46',
          activityId: 'publicity',
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/publications', {
        params: { path },
        body: {
          publicationId: uuid(47),
          kind: 'website',
          outlet: 'Cổng thông tin tỉnh',
          date: '2024-05-21',
          title: 'Nhầm',
          topics: ['other'],
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/publications/{publicationId}/retraction', {
        params: { path: { ...path, publicationId: uuid(47) } },
        body: { reason: 'Ghi nhầm' },
      }),
    );
    const asMeeting = await api.POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path },
      body: {
        meetingId: uuid(43),
        date: '2024-04-05',
        place: { communeCode: '24611' },
        format: 'bulletin',
        topics: ['cooperative-day'],
        attendees: 0,
        organisedBy: 'Liên minh HTX tỉnh',
      },
    });
    expect(asMeeting.response.status).toBe(422);
    expect(asMeeting.error).toMatchObject({ type: problem('publication-not-meeting') });
    const pubs = ok(await api.GET('/provinces/{code}/campaigns/{year}/publications', { params: { path } }));
    expect(pubs.items.map((p) => [p.kind, p.issueNumber ?? null])).toEqual([
      ['bulletin', '44'],
      ['press', null],
    ]);
    const one = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/publications/{publicationId}', {
        params: { path: { ...path, publicationId: uuid(44) } },
      }),
    );
    expect(one).toMatchObject({ outlet: 'Bản tin Kinh tế hợp tác', recordedAs: 'publication', status: 'recorded' });
  });

  it('trains directors and accountants on the Cooperative Law as a course of its own, and retracts one recorded twice', async () => {
    const course = {
      title: 'Tập huấn Luật Hợp tác xã năm 2023 cho Giám đốc, Kế toán HTX',
      from: '2024-04-16',
      to: '2024-04-17',
      place: { communeCode: '24611' },
      audiences: ['director' as const, 'accountant' as const],
      topics: ['cooperative-law-2023' as const],
      participants: 64,
      organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
    };
    for (const n of [301, 302])
      ok(
        await api.POST('/provinces/{code}/campaigns/{year}/trainings', {
          params: { path },
          body: { trainingId: uuid(n), ...course },
        }),
        201,
      );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/trainings/{trainingId}/retraction', {
        params: { path: { ...path, trainingId: uuid(302) } },
        body: { reason: 'Ghi trùng lớp 301' },
      }),
    );
    const courses = ok(await api.GET('/provinces/{code}/campaigns/{year}/trainings', { params: { path } }));
    expect(courses.items.map((t) => [t.trainingId, t.participants, t.cooperativesRepresented])).toEqual([
      [uuid(301), 64, 0],
    ]);
    const one = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/trainings/{trainingId}', {
        params: { path: { ...path, trainingId: uuid(302) } },
      }),
    );
    expect(one).toMatchObject({ status: 'retracted', audiences: ['director', 'accountant'] });
  });

  it("honours a cooperative and a director by the alliance's own decision, and retracts a decision recorded twice", async () => {
    const decision = {
      decision: { number: '25/QĐ-LMHTX', date: '2024-04-11' },
      kind: 'certificate-of-merit' as const,
      award: 'Bằng khen của Liên minh HTX tỉnh',
      awardedBy: 'Chủ tịch Liên minh HTX tỉnh Đắk Nông',
      recipients: [
        { kind: 'collective' as const, name: 'HTX Nông nghiệp Dịch vụ Quảng Sơn' },
        { kind: 'individual' as const, name: 'Nguyễn Văn An', position: 'Giám đốc' },
      ],
    };
    for (const n of [311, 312])
      ok(
        await api.POST('/provinces/{code}/campaigns/{year}/honours', {
          params: { path },
          body: { honourId: uuid(n), ...decision },
        }),
        201,
      );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/honours/{honourId}/retraction', {
        params: { path: { ...path, honourId: uuid(312) } },
        body: { reason: 'Ghi trùng quyết định 311' },
      }),
    );
    const individuals = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/honours', {
        params: { path, query: { recipient: 'individual' } },
      }),
    );
    expect(individuals.items.map((x) => [x.honourId, x.level, x.recipients.length])).toEqual([
      [uuid(311), 'provincial', 2],
    ]);
    const one = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/honours/{honourId}', {
        params: { path: { ...path, honourId: uuid(312) } },
      }),
    );
    expect(one).toMatchObject({ status: 'retracted' });
    const d = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    expect([d.totals.honouredCollectives?.total, d.totals.honouredIndividuals?.total]).toEqual([1, 1]);
  });

  it('visits two cooperatives, takes 35 to a fair and helps one onto e-commerce, counted apart from meetings and money', async () => {
    const [a, b] = [uuid(1), uuid(2)];
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/visits', {
        params: { path },
        body: {
          visitId: uuid(321),
          date: '2024-04-05',
          purpose: 'working-session',
          cooperativeIds: [a, b],
          ledBy: 'Chủ tịch Liên minh HTX tỉnh Đắk Nông',
          proposals: 'Đề nghị hỗ trợ vốn mua máy sấy cà phê',
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/trade-promotions', {
        params: { path },
        body: {
          promotionId: uuid(322),
          kind: 'fair',
          name: 'Hội chợ sản phẩm HTX, OCOP tỉnh Đắk Nông',
          from: '2024-04-10',
          to: '2024-04-14',
          place: 'Gia Nghĩa',
          organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
          cooperativesTakingPart: 35,
          salesVnd: 850_000_000,
        },
      }),
      201,
    );
    for (const n of [323, 324])
      ok(
        await api.POST('/provinces/{code}/campaigns/{year}/support-in-kind', {
          params: { path },
          body: {
            assistanceId: uuid(n),
            date: '2024-05-20',
            form: 'digital-transformation',
            cooperativeIds: [a],
            description: 'Hướng dẫn đưa sản phẩm lên sàn thương mại điện tử',
            providedBy: 'Liên minh HTX tỉnh Đắk Nông',
          },
        }),
        201,
      );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/support-in-kind/{assistanceId}/retraction', {
        params: { path: { ...path, assistanceId: uuid(324) } },
        body: { reason: 'Ghi trùng' },
      }),
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/visits/{visitId}/retraction', {
        params: { path: { ...path, visitId: uuid(321) } },
        body: { reason: 'Ghi nhầm ngày' },
      }),
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/trade-promotions/{promotionId}/retraction', {
        params: { path: { ...path, promotionId: uuid(322) } },
        body: { reason: 'Ghi nhầm năm' },
      }),
    );
    const visits = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/visits', {
        params: { path, query: { includeRetracted: true } },
      }),
    );
    expect(visits.items.map((v) => [v.visitId, v.status])).toEqual([[uuid(321), 'retracted']]);
    const fairs = ok(await api.GET('/provinces/{code}/campaigns/{year}/trade-promotions', { params: { path } }));
    expect(fairs.items).toEqual([]);
    const fair = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/trade-promotions/{promotionId}', {
        params: { path: { ...path, promotionId: uuid(322) } },
      }),
    );
    expect(fair).toMatchObject({ status: 'retracted', cooperativesTakingPart: 35 });
    const inKind = ok(await api.GET('/provinces/{code}/campaigns/{year}/support-in-kind', { params: { path } }));
    expect(inKind.items.map((x) => x.assistanceId)).toEqual([uuid(323)]);
    const one = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/support-in-kind/{assistanceId}', {
        params: { path: { ...path, assistanceId: uuid(323) } },
      }),
    );
    expect(one).toMatchObject({ form: 'digital-transformation', status: 'recorded' });
    const v = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/visits/{visitId}', {
        params: { path: { ...path, visitId: uuid(321) } },
      }),
    );
    expect(v.cooperativeIds).toEqual([a, b]);
    const d = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    expect([d.totals.visits?.total, d.totals.tradePromotions?.total, d.totals.inKindSupport?.total]).toEqual([0, 0, 1]);
  });

  it('holds meetings, corrects and retracts one', async () => {
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
        params: { path },
        body: {
          meetingId: uuid(44),
          date: '2024-04-05',
          place: { communeCode: '24611' },
          format: 'seminar',
          topics: ['cooperative-day'],
          attendees: 60,
          organisedBy: 'Liên minh HTX tỉnh',
          activityId: 'seminar',
          title: 'Tọa đàm kỷ niệm Ngày HTX',
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
        params: { path },
        body: {
          meetingId: uuid(45),
          date: '2024-04-11',
          place: { communeCode: '24631' },
          format: 'conference',
          topics: ['cooperative-law-2023'],
          attendees: 120,
          cooperativesRepresented: 14,
          organisedBy: 'Liên minh HTX tỉnh',
          activityId: 'outreach-conferences',
        },
      }),
      201,
    );
    const corrected = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/outreach-meetings/{meetingId}/corrections', {
        params: { path: { ...path, meetingId: uuid(45) } },
        body: { changes: { attendees: 135 }, reason: 'Đếm lại' },
      }),
    );
    const m = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/outreach-meetings/{meetingId}', {
        params: { path: { ...path, meetingId: uuid(45) }, query: { minPosition: corrected.position } },
      }),
    );
    expect(m).toMatchObject({ attendees: 135, corrections: 1, status: 'recorded' });
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/outreach-meetings/{meetingId}/retraction', {
        params: { path: { ...path, meetingId: uuid(44) } },
        body: { reason: 'Ghi nhầm' },
      }),
    );
    const open = ok(await api.GET('/provinces/{code}/campaigns/{year}/outreach-meetings', { params: { path } }));
    expect(open.items.map((x) => x.meetingId)).toEqual([uuid(45)]);
  });

  it('keeps the minutes and a photo with a meeting: lists, downloads whole and in part, previews, removes one', async () => {
    const meeting = { ...path, recordKind: 'outreach-meetings' as const, recordId: uuid(45) };
    const attach = async (name: string, bytes: Uint8Array, caption: string) => {
      const form = new FormData();
      form.append('caption', caption);
      form.append('file', new Blob([bytes]), name);
      return api.POST('/provinces/{code}/records/{recordKind}/{recordId}/attachments', {
        params: { path: meeting },
        body: form as never,
        bodySerializer: (b: unknown) => b as FormData,
      });
    };
    const minutes = Buffer.from('%PDF-1.4\n% Biên bản hội nghị tuyên truyền Luật HTX 2023\n%%EOF\n');
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    ok(await attach('Biên bản hội nghị.pdf', minutes, 'Biên bản'), 201);
    const shot = ok(await attach('Ảnh hội nghị.jpg', photo, 'Ảnh toàn cảnh hội nghị'), 201);
    const list = ok(
      await api.GET('/provinces/{code}/records/{recordKind}/{recordId}/attachments', {
        params: { path: meeting, query: { minPosition: shot.position } },
      }),
    );
    expect(list.files.map((f) => [f.name, f.mediaType, f.size])).toEqual([
      ['Biên bản hội nghị.pdf', 'application/pdf', minutes.length],
      ['Ảnh hội nghị.jpg', 'image/jpeg', photo.length],
    ]);
    const file = { params: { path: { ...meeting, attachmentId: list.files[0]?.attachmentId as string } } };
    const whole = await api.GET('/provinces/{code}/records/{recordKind}/{recordId}/attachments/{attachmentId}', {
      ...file,
      parseAs: 'arrayBuffer',
    });
    expect(Buffer.from(whole.data as ArrayBuffer).equals(minutes)).toBe(true);
    const part = await api.GET('/provinces/{code}/records/{recordKind}/{recordId}/attachments/{attachmentId}', {
      ...file,
      headers: { range: 'bytes=0-7' },
      parseAs: 'text',
    });
    expect(part.response.status).toBe(206);
    expect(part.data).toBe('%PDF-1.4');
    const outside = await api.GET('/provinces/{code}/records/{recordKind}/{recordId}/attachments/{attachmentId}', {
      ...file,
      headers: { range: 'bytes=9999-' },
      parseAs: 'text',
    });
    expect(outside.response.status).toBe(416);
    const unchanged = await api.GET('/provinces/{code}/records/{recordKind}/{recordId}/attachments/{attachmentId}', {
      ...file,
      headers: { 'if-none-match': whole.response.headers.get('etag') as string },
      parseAs: 'text',
    });
    expect(unchanged.response.status).toBe(304);
    const preview = await api.GET(
      '/provinces/{code}/records/{recordKind}/{recordId}/attachments/{attachmentId}/preview',
      { params: { path: { ...meeting, attachmentId: list.files[1]?.attachmentId as string } }, parseAs: 'arrayBuffer' },
    );
    expect((await sharp(Buffer.from(preview.data as ArrayBuffer)).metadata()).width).toBe(320);
    ok(
      await api.POST('/provinces/{code}/records/{recordKind}/{recordId}/attachments/{attachmentId}/removal', {
        ...file,
        body: { reason: 'Tải nhầm biên bản của hội nghị khác' },
      }),
    );
    // The meeting's history: the meeting, then each file attached and the one removed.
    const history = ok(
      await api.GET('/provinces/{code}/records/{recordKind}/{recordId}/history', { params: { path: meeting } }),
    );
    expect(history.items.map((e) => e.type).slice(-3)).toEqual(['FileAttached', 'FileAttached', 'AttachmentRemoved']);
  });

  it('admits members in round 1 before 10/4 and advises founders', async () => {
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/admission-rounds', {
        params: { path },
        body: {
          roundId: uuid(60),
          round: 1,
          date: '2024-04-09',
          admitted: { cooperatives: 4, cooperativeGroups: 1, associatesContributing: 2, associatesNonContributing: 6 },
          activityId: 'market-and-members',
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/founding-advice', {
        params: { path },
        body: { adviceId: uuid(61), date: '2024-04-20', communeCode: '24622', founders: 7, outcome: 'advised' },
      }),
      201,
    );
    const ms = ok(await api.GET('/provinces/{code}/campaigns/{year}/membership', { params: { path } }));
    expect(ms.rounds[0]?.admitted).toMatchObject({ cooperatives: 4, cooperativeGroups: 1 });
    expect(ms.advice).toHaveLength(1);
  });

  it('approves and disburses 195,000,000 VND to one cooperative, reverses and redoes a tranche, appraises three loans', async () => {
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/support-approvals', {
        params: { path },
        body: {
          approvalId: uuid(70),
          decision: { number: '12/QĐ-LMHTX', date: '2024-03-12' },
          cooperativeId: uuid(1),
          fund: 'provincial-support-fund',
          form: 'grant',
          amount: 195_000_000,
          activityId: 'support',
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/disbursements', {
        params: { path },
        body: {
          disbursementId: uuid(71),
          approvalId: uuid(70),
          amount: 195_000_000,
          date: '2024-04-15',
          reference: 'UNC 15/4',
        },
      }),
      201,
    );
    const over = await api.POST('/provinces/{code}/campaigns/{year}/disbursements', {
      params: { path },
      body: { disbursementId: uuid(72), approvalId: uuid(70), amount: 1, date: '2024-04-15', reference: 'x' },
    });
    expect(over.response.status).toBe(422);
    expect(over.error).toMatchObject({ type: problem('disbursement-exceeds-approved'), remaining: 0 });
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/disbursements/{disbursementId}/reversal', {
        params: { path: { ...path, disbursementId: uuid(71) } },
        body: { date: '2024-04-16', reason: 'Sai số tài khoản' },
      }),
    );
    const last = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/disbursements', {
        params: { path },
        body: {
          disbursementId: uuid(73),
          approvalId: uuid(70),
          amount: 195_000_000,
          date: '2024-04-16',
          reference: 'UNC 16/4',
        },
      }),
      201,
    );
    const a = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/support-approvals/{approvalId}', {
        params: { path: { ...path, approvalId: uuid(70) }, query: { minPosition: last.position } },
      }),
    );
    expect(a).toMatchObject({ amount: 195_000_000, disbursed: 195_000_000 });
    const approvals = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/support-approvals', {
        params: { path, query: { fund: 'provincial-support-fund' } },
      }),
    );
    expect(approvals.items).toHaveLength(1);
    const ds = ok(await api.GET('/provinces/{code}/campaigns/{year}/disbursements', { params: { path } }));
    expect(ds.items.map((d) => [d.amount, d.reversed])).toEqual([
      [195_000_000, true],
      [195_000_000, false],
    ]);
    for (const n of [2, 3, 4]) {
      ok(
        await api.POST('/provinces/{code}/campaigns/{year}/loan-appraisals', {
          params: { path },
          body: {
            appraisalId: uuid(80 + n),
            cooperativeId: uuid(n),
            fund: 'vca-support-fund',
            requestedAmount: 1_500_000_000,
            date: '2024-04-20',
            outcome: 'recommended',
          },
        }),
        201,
      );
    }
    expect(
      ok(await api.GET('/provinces/{code}/campaigns/{year}/loan-appraisals', { params: { path } })).items,
    ).toHaveLength(3);
  });

  it('holds the dialogue conference and follows a petition to its resolution', async () => {
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/dialogues', {
        params: { path },
        body: {
          dialogueId: uuid(90),
          date: '2024-04-11',
          place: 'UBND tỉnh',
          communeCode: '24611',
          chairedBy: 'Chủ tịch UBND tỉnh',
          attendees: 150,
          cooperativesRepresented: 60,
          activityId: 'dialogue',
        },
      }),
      201,
    );
    expect(ok(await api.GET('/provinces/{code}/campaigns/{year}/dialogues', { params: { path } })).items).toHaveLength(
      1,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/petitions', {
        params: { path },
        body: {
          petitionId: uuid(91),
          dialogueId: uuid(90),
          cooperativeId: uuid(2),
          submittedBy: 'HTX Đắk Nông 2',
          submittedOn: '2024-04-11',
          topic: 'credit',
          subject: 'Vốn vay',
          content: 'Đề nghị hỗ trợ lãi suất',
          addressedTo: 'Sở Tài chính',
        },
      }),
      201,
    );
    const done = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/petitions/{petitionId}/responses', {
        params: { path: { ...path, petitionId: uuid(91) } },
        body: { respondedBy: 'Sở Tài chính', respondedOn: '2024-05-02', response: 'Đã hướng dẫn', resolved: true },
      }),
    );
    const p = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/petitions/{petitionId}', {
        params: { path: { ...path, petitionId: uuid(91) }, query: { minPosition: done.position } },
      }),
    );
    expect(p).toMatchObject({ status: 'resolved', responses: [{ resolved: true }] });
    expect(
      ok(await api.GET('/provinces/{code}/campaigns/{year}/petitions', { params: { path, query: { status: 'open' } } }))
        .items,
    ).toHaveLength(0);
  });

  it('nominates, shortlists, forwards and honours one cooperative; declines and withdraws others', async () => {
    const nominate = (id: number, coopN: number) =>
      api.POST('/provinces/{code}/campaigns/{year}/nominations', {
        params: { path },
        body: {
          nominationId: uuid(id),
          cooperativeId: uuid(coopN),
          nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Đắk Nông' },
          nominatedOn: '2024-04-02',
          category: 'Nông nghiệp',
          achievements: ['Liên kết chuỗi cà phê'],
        },
      });
    ok(await nominate(100, 1), 201);
    ok(await nominate(101, 2), 201);
    ok(await nominate(102, 3), 201);
    const n = (id: number) => ({ path: { ...path, nominationId: uuid(id) } });
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/shortlist', {
        params: n(100),
        body: { shortlistedOn: '2024-04-10' },
      }),
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/forward', {
        params: n(100),
        body: { forwardedOn: '2024-04-15' },
      }),
    );
    ok(
      await national.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/honour', {
        params: n(100),
        body: { award: 'Bằng khen', awardedBy: 'Liên minh HTX Việt Nam', awardedOn: '2024-07-01' },
      }),
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/decline', {
        params: n(101),
        body: { declinedOn: '2024-04-12', reason: 'Chưa đủ tiêu chí' },
      }),
    );
    const w = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/withdraw', {
        params: n(102),
        body: { withdrawnOn: '2024-04-12', reason: 'HTX xin rút' },
      }),
    );
    const honoured = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/nominations/{nominationId}', {
        params: { ...n(100), query: { minPosition: w.position } },
      }),
    );
    expect(honoured.history.map((h) => h.status)).toEqual(['nominated', 'shortlisted', 'forwarded', 'honoured']);
    expect(
      ok(
        await api.GET('/provinces/{code}/campaigns/{year}/nominations', {
          params: { path, query: { status: 'honoured' } },
        }),
      ).items,
    ).toHaveLength(1);
    const again = await nominate(103, 1);
    expect(again.error).toMatchObject({ type: problem('nomination-active-exists') });
  });

  it('counts the national honouring conference the national alliance held and Đắk Nông attended', async () => {
    ok(
      await national.POST('/provinces/{code}/campaigns', {
        params: { path: { code: 'VN' } },
        body: {
          year: 2024,
          plan: { number: '70/KH-BTVLMHTXVN', date: '2024-02-20' },
          theme: 'Tháng hành động vì Hợp tác xã 2024',
        },
      }),
      201,
    );
    const conference = {
      eventId: uuid(90),
      kind: 'honouring-conference' as const,
      name: 'Hội nghị tôn vinh Hợp tác xã tiêu biểu năm 2024',
      date: '2024-07-01',
      place: 'Hà Nội',
    };
    ok(
      await national.POST('/provinces/{code}/campaigns/{year}/national-events', {
        params: { path: { code: 'VN', year: 2024 } },
        body: conference,
      }),
      201,
    );
    const refused = await api.POST('/provinces/{code}/campaigns/{year}/national-events', {
      params: { path },
      body: { ...conference, eventId: uuid(91) },
    });
    expect(refused.error).toMatchObject({ type: problem('national-event-not-national') });
    const attended = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/national-event-attendances', {
        params: { path },
        body: {
          attendanceId: uuid(92),
          eventId: uuid(90),
          kind: 'honouring-conference',
          name: conference.name,
          date: '2024-07-01',
          place: 'Hà Nội',
          delegates: 6,
          cooperativeIds: [uuid(1)],
          activityId: 'national-events',
        },
      }),
      201,
    );
    const twice = await api.POST('/provinces/{code}/campaigns/{year}/national-event-attendances', {
      params: { path },
      body: {
        attendanceId: uuid(93),
        eventId: uuid(90),
        kind: 'honouring-conference',
        name: conference.name,
        date: '2024-07-01',
        delegates: 2,
      },
    });
    expect(twice.error).toMatchObject({ type: problem('national-event-already-recorded') });
    const list = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/national-events', {
        params: { path, query: { minPosition: attended.position } },
      }),
    );
    expect(list.items.map((a) => [a.role, a.name, a.role === 'attended' ? a.delegates : null])).toEqual([
      ['attended', conference.name, 6],
    ]);
    const vn = ok(
      await national.GET('/provinces/{code}/campaigns/{year}/national-events', {
        params: { path: { code: 'VN', year: 2024 }, query: { limit: 1 } },
      }),
    );
    expect(vn).toMatchObject({ items: [{ role: 'held', name: conference.name }], nextCursor: null });
    const d = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    expect(d.totals.eventsAttended).toEqual({ peak: 0, rest: 1, total: 1 });
    expect(d.totals.delegates?.total).toBe(6);
    const n = ok(await national.GET('/national/dashboards/{year}', { params: { path: { year: 2024 } } }));
    expect(n.nationalEvents).toEqual([
      {
        eventId: uuid(90),
        kind: 'honouring-conference',
        name: conference.name,
        date: '2024-07-01',
        place: 'Hà Nội',
        provincesAttending: ['67'],
      },
    ]);
    expect(n.provinces.map((p) => p.organiser)).toEqual(['67']); // the national alliance's own campaign is not ranked
  });

  it('suspends a cooperative, which then gets no support; updates member counts; closes the campaign', async () => {
    ok(
      await api.POST('/provinces/{code}/cooperatives/{cooperativeId}/status-changes', {
        params: { path: { code: '67', cooperativeId: uuid(4) } },
        body: { status: 'suspended', effectiveOn: '2024-06-01', reason: 'Tạm ngừng' },
      }),
    );
    const refused = await api.POST('/provinces/{code}/campaigns/{year}/support-approvals', {
      params: { path },
      body: {
        approvalId: uuid(74),
        decision: { number: '20/QĐ', date: '2024-06-02' },
        cooperativeId: uuid(4),
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 1_000_000,
      },
    });
    expect(refused.error).toMatchObject({ type: problem('cooperative-not-active') });
    ok(
      await api.POST('/provinces/{code}/cooperatives/{cooperativeId}/member-counts', {
        params: { path: { code: '67', cooperativeId: uuid(1) } },
        body: { members: { official: 30, associate: 4 }, asOf: '2024-12-31' },
      }),
    );
    const closed = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/close', {
        params: { path },
        body: { closedOn: '2024-12-19' },
      }),
    );
    const c = ok(
      await api.GET('/provinces/{code}/campaigns/{year}', {
        params: { path, query: { minPosition: closed.position } },
      }),
    );
    expect(c).toMatchObject({ status: 'closed', closedOn: '2024-12-19' });
    const late = await api.POST('/provinces/{code}/campaigns/{year}/outreach-meetings', {
      params: { path },
      body: {
        meetingId: uuid(46),
        date: '2024-12-20',
        place: { communeCode: '24631' },
        format: 'press',
        topics: ['other'],
        attendees: 0,
        organisedBy: 'x',
      },
    });
    expect(late.error).toMatchObject({ type: problem('campaign-closed') });
  });
});

describe('the Tây Ninh 2023 steering-committee tasks and a consultation, over HTTP', () => {
  it('assigns the 21 tasks of plan 2653/KH-BCĐ and lists the overdue ones on 1 January 2024', async () => {
    for (const assignment of TAY_NINH_ASSIGNMENTS)
      ok(
        await tayNinh.POST('/provinces/{code}/tasks', {
          params: { path: { code: '72' } },
          body: { taskId: uuid(200 + assignment.ordinal), ...assignment },
        }),
        201,
      );
    ok(
      await tayNinh.POST('/provinces/{code}/tasks/{taskId}/progress', {
        params: { path: { code: '72', taskId: uuid(207) } },
        body: { reportedOn: '2023-12-15', percent: 60, note: 'Đã mở 2 lớp' },
      }),
    );
    ok(
      await tayNinh.POST('/provinces/{code}/tasks/{taskId}/complete', {
        params: { path: { code: '72', taskId: uuid(203) } },
        body: { completedOn: '2023-12-20' },
      }),
    );
    ok(
      await tayNinh.POST('/provinces/{code}/tasks/{taskId}/cancel', {
        params: { path: { code: '72', taskId: uuid(221) } },
        body: { cancelledOn: '2023-12-20', reason: 'Gộp vào kế hoạch 2024' },
      }),
    );
    const overdue = ok(
      await tayNinh.GET('/provinces/{code}/tasks', {
        params: { path: { code: '72' }, query: { overdue: 'true', limit: 200 } },
      }),
    );
    expect(overdue.items).toHaveLength(15);
    const t = ok(
      await tayNinh.GET('/provinces/{code}/tasks/{taskId}', { params: { path: { code: '72', taskId: uuid(207) } } }),
    );
    expect(t).toMatchObject({
      percent: 60,
      overdue: false,
      due: { kind: 'phase', fromYear: 2023, toYear: 2025 },
      dueLabel: 'Giai đoạn 2023 - 2025',
    });
    const q3 = ok(
      await tayNinh.GET('/provinces/{code}/tasks/{taskId}', { params: { path: { code: '72', taskId: uuid(202) } } }),
    );
    expect(q3).toMatchObject({ due: { kind: 'quarter', year: 2023, quarter: 3 }, dueLabel: 'Quý III/2023' });
    const bad = await tayNinh.POST('/provinces/{code}/tasks', {
      params: { path: { code: '72' } },
      body: { taskId: uuid(299), plan: PLAN_2653, title: 'x', leadAgencies: ['x'], due: 'Quý V/2023' },
    });
    expect(bad.response.status).toBe(400);
    expect(JSON.stringify(bad.error)).toContain('Quý III/2023');
  });

  it('answers business-date questions about the tasks: overdue on 15/10/2023, progress and completion as of a day', async () => {
    const tasks = async (query: {
      asOf?: string;
      atPosition?: number;
      overdue?: 'true';
      status?: 'open' | 'done' | 'cancelled';
    }) =>
      ok(
        await tayNinh.GET('/provinces/{code}/tasks', {
          params: { path: { code: '72' }, query: { ...query, limit: 200 } },
        }),
      ).items;
    // Quý III/2023 had ended on 15 October: tasks 2 and 11 were overdue then, whenever that is asked.
    expect(
      (await tasks({ asOf: '2023-10-15', overdue: 'true' })).map((t) => t.ordinal).sort((a, b) => (a ?? 0) - (b ?? 0)),
    ).toEqual([2, 11]);
    // Two done by then (held 27/3, issued 7/4); task 3 is completed on 20/12 and counts as done from that day only.
    expect((await tasks({ asOf: '2023-10-15', status: 'done' })).map((t) => t.ordinal).sort()).toEqual([1, 6]);
    expect((await tasks({ asOf: '2023-12-20', status: 'done' })).map((t) => t.ordinal).sort()).toEqual([1, 3, 6]);
    expect((await tasks({ asOf: '2023-12-20', status: 'cancelled' })).map((t) => t.ordinal)).toEqual([21]);
    const one = (asOf: string) =>
      tayNinh.GET('/provinces/{code}/tasks/{taskId}', {
        params: { path: { code: '72', taskId: uuid(207) }, query: { asOf } },
      });
    expect(ok(await one('2023-12-14'))).toMatchObject({ percent: 0, status: 'open' });
    expect(ok(await one('2023-12-15'))).toMatchObject({ percent: 60, status: 'open' });
    // Before plan 2653 was issued (22/8/2023) none of its tasks existed.
    expect(await tasks({ asOf: '2023-08-21' })).toEqual([]);
  });

  it('sets the steering committee of appendix II and shows each member the tasks they follow, overdue ones first on 15/10/2023', async () => {
    const set = ok(
      await tayNinh.POST('/provinces/{code}/steering-committee', {
        params: { path: { code: '72' } },
        body: TAY_NINH_STEERING_2023,
      }),
    );
    const committee = (asOf?: string) =>
      tayNinh.GET('/provinces/{code}/steering-committee', {
        params: { path: { code: '72' }, query: { minPosition: set.position, ...(asOf ? { asOf } : {}) } },
      });
    const now = ok(await committee());
    expect(now.members).toHaveLength(18);
    expect(now.members.filter((m) => m.role === 'head').map((m) => m.position)).toEqual([
      'Phó Chủ tịch Ủy ban nhân dân tỉnh',
    ]);
    const member = (c: typeof now, id: string) => c.members.find((m) => m.memberId === id);
    // The alliance (Liên minh HTX tỉnh) leads tasks 1, 2, 3, 13, 18, 19, 20, 21.
    const oct = ok(await committee('2023-10-15'));
    expect(member(oct, 'lmhtx')?.tasks).toEqual({ open: 7, overdue: 1, done: 1, cancelled: 0 });
    expect(member(oct, 'lmhtx')?.overdueTasks.map((t) => t.title)).toEqual([
      'Kiện toàn và nâng cao vai trò của Ban Chỉ đạo tỉnh về KTTT',
    ]);
    // Sở Kế hoạch và Đầu tư leads 6 (done 7/4), 10, 11 (Quý III), and task 5 as "(vốn đầu tư)".
    expect(member(oct, 'skhdt')?.tasks).toEqual({ open: 3, overdue: 1, done: 1, cancelled: 0 });
    // A later decision replaces the composition; history keeps both.
    const revised = ok(
      await tayNinh.POST('/provinces/{code}/steering-committee', {
        params: { path: { code: '72' } },
        body: {
          ...TAY_NINH_STEERING_2023,
          decision: { number: '118/QĐ-UBND', date: '2024-01-15' },
          members: TAY_NINH_STEERING_2023.members.slice(0, 4),
          reason: 'Kiện toàn Ban Chỉ đạo',
        },
      }),
    );
    const after = ok(
      await tayNinh.GET('/provinces/{code}/steering-committee', {
        params: { path: { code: '72' }, query: { minPosition: revised.position } },
      }),
    );
    expect(after.history.map((h) => [h.decision.number, h.members])).toEqual([
      ['2653/KH-BCĐ', 18],
      ['118/QĐ-UBND', 4],
    ]);
    const older = await tayNinh.POST('/provinces/{code}/steering-committee', {
      params: { path: { code: '72' } },
      body: TAY_NINH_STEERING_2023,
    });
    expect(older.error).toMatchObject({ type: problem('steering-decision-older') });
  });

  it('tracks a consultation on a draft plan: who replied and how', async () => {
    const parties = Array.from({ length: 18 }, (_, i) => ({
      partyId: `bcd-${i + 1}`,
      name: `Thành viên BCĐ ${i + 1}`,
      group: 'steering-committee' as const,
    }));
    ok(
      await tayNinh.POST('/provinces/{code}/consultations', {
        params: { path: { code: '72' } },
        body: { consultationId: uuid(300), draft: { title: 'Dự thảo Kế hoạch 2024' }, openedOn: '2024-02-01', parties },
      }),
      201,
    );
    for (let i = 1; i <= 12; i++) {
      ok(
        await tayNinh.POST('/provinces/{code}/consultations/{consultationId}/replies', {
          params: { path: { code: '72', consultationId: uuid(300) } },
          body: { partyId: `bcd-${i}`, repliedOn: '2024-02-10', position: i === 12 ? 'commented' : 'agreed' },
        }),
      );
    }
    const closed = ok(
      await tayNinh.POST('/provinces/{code}/consultations/{consultationId}/close', {
        params: { path: { code: '72', consultationId: uuid(300) } },
        body: { closedOn: '2024-02-20' },
      }),
    );
    const c = ok(
      await tayNinh.GET('/provinces/{code}/consultations/{consultationId}', {
        params: { path: { code: '72', consultationId: uuid(300) }, query: { minPosition: closed.position } },
      }),
    );
    expect(c.tally).toEqual({ asked: 18, replied: 12, agreed: 11, commented: 1, objected: 0 });
    expect(
      ok(await tayNinh.GET('/provinces/{code}/consultations', { params: { path: { code: '72' } } })).items,
    ).toHaveLength(1);
  });

  it('hands a Tây Ninh (72) task due "Giai đoạn 2023 - 2025" to Tây Ninh (80), which completes it in late 2025: it is not overdue after', async () => {
    const path = { code: '72', taskId: uuid(230) };
    ok(
      await tayNinh.POST('/provinces/{code}/tasks', {
        params: { path: { code: '72' } },
        body: {
          taskId: uuid(230),
          plan: PLAN_2653,
          title: 'Kết nối tiêu thụ sản phẩm của HTX',
          leadAgencies: ['Trung tâm Xúc tiến thương mại'],
          due: 'Giai đoạn 2023 - 2025',
        },
      }),
      201,
    );
    // Frozen until taken over: the old Tây Ninh takes no record dated after 30/6/2025.
    const frozen = await tayNinh.POST('/provinces/{code}/tasks/{taskId}/complete', {
      params: { path },
      body: { completedOn: '2025-11-20' },
    });
    expect(frozen.error).toMatchObject({ type: problem('province-merged'), status: 422 });
    const wrong = await tayNinh.POST('/provinces/{code}/tasks/{taskId}/takeover', {
      params: { path },
      body: { to: '68', takenOverOn: '2025-08-01' },
    });
    expect(wrong.error).toMatchObject({ type: problem('takeover-not-successor'), status: 422 });
    const early = await tayNinh.POST('/provinces/{code}/tasks/{taskId}/takeover', {
      params: { path },
      body: { to: '80', takenOverOn: '2025-06-30' },
    });
    expect(early.error).toMatchObject({ type: problem('takeover-before-reform'), status: 422 });
    // Lâm Đồng's officers may not take over Tây Ninh's records.
    const stranger = await api.POST('/provinces/{code}/tasks/{taskId}/takeover', {
      params: { path },
      body: { to: '80', takenOverOn: '2025-08-01' },
    });
    expect(stranger.response.status).toBe(403);
    ok(
      await tayNinh.POST('/provinces/{code}/tasks/{taskId}/takeover', {
        params: { path },
        body: {
          to: '80',
          takenOverOn: '2025-08-01',
          takenOverBy: 'Liên minh HTX tỉnh Tây Ninh',
          decision: { number: '5/QĐ-LMHTX', date: '2025-07-28' },
        },
      }),
    );
    ok(
      await tayNinh.POST('/provinces/{code}/tasks/{taskId}/progress', {
        params: { path },
        body: { reportedOn: '2025-09-15', percent: 80, note: 'Đã tổ chức 3 hội chợ' },
      }),
    );
    const done = ok(
      await tayNinh.POST('/provinces/{code}/tasks/{taskId}/complete', {
        params: { path },
        body: { completedOn: '2025-11-20' },
      }),
    );
    const again = await tayNinh.POST('/provinces/{code}/tasks/{taskId}/takeover', {
      params: { path },
      body: { to: '80', takenOverOn: '2025-12-01' },
    });
    expect(again.error).toMatchObject({ type: problem('task-already-completed') });
    const tasks = async (code: string, query: { asOf: string; overdue?: 'true' | 'false' }) =>
      ok(
        await tayNinh.GET('/provinces/{code}/tasks', {
          params: { path: { code }, query: { ...query, limit: 200, minPosition: done.position } },
        }),
      ).items;
    // On 15/1/2026 the phase has ended: task 7 (still open under 72) is overdue, the one 80 completed is not.
    const overdue72 = (await tasks('72', { asOf: '2026-01-15', overdue: 'true' })).map((t) => t.taskId);
    expect(overdue72).toContain(uuid(207));
    expect(overdue72).not.toContain(uuid(230));
    const of80 = await tasks('80', { asOf: '2026-01-15' });
    expect(of80.map((t) => t.taskId)).toEqual([uuid(230)]);
    expect(of80[0]).toMatchObject({
      status: 'done',
      overdue: false,
      completedOn: '2025-11-20',
      province: { code: '72', name: 'Tây Ninh' },
      takenOver: { from: '72', to: '80', takenOverOn: '2025-08-01', decision: { number: '5/QĐ-LMHTX' } },
    });
    // Before the takeover day it was still the old Tây Ninh's only.
    expect(await tasks('80', { asOf: '2025-07-15' })).toEqual([]);
    const one = ok(
      await tayNinh.GET('/provinces/{code}/tasks/{taskId}', {
        params: { path: { code: '80', taskId: uuid(230) }, query: { asOf: '2026-01-15' } },
      }),
    );
    expect(one.progress.map((x) => x.percent)).toEqual([80]);
  });
});

describe('merged provinces carry on under their successors, over HTTP', () => {
  const dakNong = { code: '67', year: 2025 };
  it('lets Lâm Đồng (68) take over an open nomination and petition of Đắk Nông (67) and lists them as its own', async () => {
    ok(
      await api.POST('/provinces/{code}/campaigns', {
        params: { path: { code: '67' } },
        body: { year: 2025, plan: { number: '20/KH-LMHTX', date: '2025-02-20' }, theme: 'Vì sự phát triển bền vững' },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/nominations', {
        params: { path: dakNong },
        body: {
          nominationId: uuid(110),
          cooperativeId: uuid(2),
          nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Đắk Nông' },
          nominatedOn: '2025-04-02',
          category: 'Nông nghiệp',
          achievements: ['Liên kết chuỗi cà phê'],
        },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/petitions', {
        params: { path: dakNong },
        body: {
          petitionId: uuid(111),
          cooperativeId: uuid(2),
          submittedBy: 'HTX Đắk Nông 2',
          submittedOn: '2025-04-11',
          topic: 'land',
          subject: 'Thuê đất',
          content: 'Đề nghị hướng dẫn thủ tục thuê đất làm kho',
          addressedTo: 'Sở Nông nghiệp và Môi trường',
        },
      }),
      201,
    );
    const refused = await api.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/takeover', {
      params: { path: { ...dakNong, nominationId: uuid(110) } },
      body: { to: '80', takenOverOn: '2025-08-01' },
    });
    expect(refused.error).toMatchObject({ type: problem('takeover-not-successor'), status: 422 });
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/nominations/{nominationId}/takeover', {
        params: { path: { ...dakNong, nominationId: uuid(110) } },
        body: { to: '68', takenOverOn: '2025-08-01', takenOverBy: 'Liên minh HTX tỉnh Lâm Đồng' },
      }),
    );
    ok(
      await api.POST('/provinces/{code}/campaigns/{year}/petitions/{petitionId}/takeover', {
        params: { path: { ...dakNong, petitionId: uuid(111) } },
        body: { to: '68', takenOverOn: '2025-08-01', decision: { number: '12/QĐ-LMHTX', date: '2025-07-30' } },
      }),
    );
    const answered = ok(
      await api.POST('/provinces/{code}/campaigns/{year}/petitions/{petitionId}/responses', {
        params: { path: { ...dakNong, petitionId: uuid(111) } },
        body: {
          respondedBy: 'Sở Nông nghiệp và Môi trường',
          respondedOn: '2025-09-10',
          response: 'Đã hướng dẫn',
          resolved: true,
        },
      }),
    );
    const lamDong = { code: '68', year: 2025 };
    const nominations = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/nominations', {
        params: { path: lamDong, query: { minPosition: answered.position } },
      }),
    ).items;
    expect(nominations).toHaveLength(1);
    expect(nominations[0]).toMatchObject({
      nominationId: uuid(110),
      organiser: '67',
      province: { code: '67', name: 'Đắk Nông' },
      takenOver: { from: '67', to: '68', takenOverOn: '2025-08-01' },
    });
    const petition = ok(
      await api.GET('/provinces/{code}/campaigns/{year}/petitions/{petitionId}', {
        params: { path: { ...lamDong, petitionId: uuid(111) } },
      }),
    );
    expect(petition).toMatchObject({ status: 'resolved', takenOver: { to: '68' }, province: { code: '67' } });
    // Đắk Nông's 2024 petition was not taken over: it is Lâm Đồng's to see when asked for its predecessors' records.
    const petitions2024 = async (include?: 'predecessors') =>
      ok(
        await api.GET('/provinces/{code}/campaigns/{year}/petitions', {
          params: { path: { code: '68', year: 2024 }, query: include ? { include } : {} },
        }),
      ).items.map((x) => x.petitionId);
    expect(await petitions2024()).toEqual([]);
    expect(await petitions2024('predecessors')).toEqual([uuid(91)]);
  });

  it('lists the cooperatives recorded under Đắk Nông (67) among Lâm Đồng’s (68) when asked for its predecessors’ records', async () => {
    const list = async (include?: 'predecessors') =>
      ok(
        await api.GET('/provinces/{code}/cooperatives', {
          params: { path: { code: '68' }, query: { limit: 200, ...(include ? { include } : {}) } },
        }),
      ).items;
    expect((await list()).map((x) => x.cooperativeId)).not.toContain(uuid(2));
    const all = await list('predecessors');
    expect(all.find((x) => x.cooperativeId === uuid(2))).toMatchObject({
      provinceCode: '67',
      province: { code: '67', name: 'Đắk Nông' },
    });
    // The Tây Ninh (80) list with its predecessors has the old Tây Ninh's (72) tasks, each with its province as recorded.
    const tasks = ok(
      await tayNinh.GET('/provinces/{code}/tasks', {
        params: { path: { code: '80' }, query: { include: 'predecessors', limit: 200 } },
      }),
    ).items;
    expect(tasks.length).toBeGreaterThan(21);
    expect(new Set(tasks.map((t) => `${t.province.code} ${t.province.name}`))).toEqual(new Set(['72 Tây Ninh']));
  });

  it('names the records of code 80 dated from 1 July 2025 Tây Ninh’s, and earlier ones Long An’s', async () => {
    const register = (n: number, registeredOn: string) =>
      tayNinh.POST('/provinces/{code}/cooperatives', {
        params: { path: { code: '80' } },
        body: {
          cooperativeId: uuid(n),
          kind: 'cooperative',
          name: `HTX ${n}`,
          registrationNumber: `80-${n}`,
          registeredOn,
          communeCode: '27694',
          members: { official: 7 },
        },
      });
    ok(await register(120, '2024-05-10'), 201);
    const late = ok(await register(121, '2025-10-01'), 201);
    const names = ok(
      await tayNinh.GET('/provinces/{code}/cooperatives', {
        params: { path: { code: '80' }, query: { minPosition: late.position } },
      }),
    ).items.map((x) => [x.cooperativeId, x.province.name]);
    expect(names).toEqual([
      [uuid(120), 'Long An'],
      [uuid(121), 'Tây Ninh'],
    ]);
    const assigned = ok(
      await tayNinh.POST('/provinces/{code}/tasks', {
        params: { path: { code: '80' } },
        body: {
          taskId: uuid(231),
          plan: { number: '7/KH-UBND', date: '2025-09-01' },
          title: 'Rà soát HTX sau sắp xếp đơn vị hành chính',
          leadAgencies: ['Sở Tài chính'],
          due: 'Năm 2025',
        },
      }),
      201,
    );
    const task = ok(
      await tayNinh.GET('/provinces/{code}/tasks/{taskId}', {
        params: { path: { code: '80', taskId: uuid(231) }, query: { minPosition: assigned.position } },
      }),
    );
    expect(task.province).toEqual({ code: '80', name: 'Tây Ninh' });
  });
});

describe('dashboards and reports over HTTP', () => {
  const path = { code: '67', year: 2024 };
  it('gives the campaign dashboard as an XLSX workbook with the figures of the JSON dashboard', async () => {
    const d = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    const res = await fetch(`${base}/provinces/67/campaigns/2024/dashboard?format=xlsx`, {
      headers: bearer({ role: 'provincial_viewer', province: '68' }),
    });
    expect(res.headers.get('content-disposition')).toContain('bang-dieu-khien-67-2024.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Chỉ tiêu',
      'Theo tuần',
      'Theo xã (như đã ghi)',
      'Theo xã hiện nay',
      'Hỗ trợ theo nguồn',
      'Nhiệm vụ',
    ]);
    const rowOf = (sheet: string, first: string) =>
      wb
        .getWorksheet(sheet)
        ?.getRows(1, 200)
        ?.find((r) => r.getCell(1).value === first);
    const disbursed = rowOf('Tổng hợp', 'Kinh phí đã giải ngân (đồng)');
    const split = d.totals.disbursedVnd;
    expect([2, 3, 4].map((c) => disbursed?.getCell(c).value)).toEqual([split?.peak, split?.rest, split?.total]);
    expect(split?.total).toBe(195_000_000);
    const fund = rowOf('Hỗ trợ theo nguồn', 'provincial-support-fund');
    expect(fund?.getCell(5).value).toBe(d.support.find((s) => s.fund === 'provincial-support-fund')?.available);
    const week = d.timeline[0];
    if (week !== undefined) {
      const row = rowOf('Theo tuần', week.week);
      expect(row?.getCell(2).value).toEqual(new Date(`${week.from}T00:00:00Z`));
      expect(row?.getCell(2).numFmt).toBe('dd/mm/yyyy');
      expect(row?.getCell(4).value).toBe(week.meetings);
    }
  });

  it('shows the Đắk Nông campaign dashboard with targets, peak vs rest and support per fund', async () => {
    const d = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    expect(d.totals.disbursedVnd).toEqual({ peak: 195_000_000, rest: 0, total: 195_000_000 });
    expect(d.totals.meetings).toEqual({ peak: 1, rest: 0, total: 1 });
    expect(d.totals.publications).toEqual({ peak: 1, rest: 1, total: 2 });
    expect(d.membersAdmittedByKind).toEqual({
      official: 5,
      associatesContributing: 2,
      associatesNonContributing: 6,
      associatesUnsplit: 0,
    });
    expect(d.publicationsByKind).toEqual({ bulletin: 1, press: 1 });
    expect(d.targets.find((t) => t.activityId === 'bulletin-44')).toMatchObject({
      metric: 'bulletins',
      actual: 1,
      progressPercent: 100,
    });
    expect(d.targets.find((t) => t.activityId === 'support' && t.metric === 'disbursed-vnd')).toMatchObject({
      target: 195_000_000,
      actual: 195_000_000,
      progressPercent: 100,
    });
    expect(d.support.find((s) => s.fund === 'provincial-support-fund')).toMatchObject({
      budget: 500_000_000,
      approved: 195_000_000,
      disbursed: 195_000_000,
      available: 305_000_000,
    });
    expect(d.province).toEqual({
      asRecorded: { id: 'pre2025:67', name: 'Đắk Nông' },
      current: { id: 'current:68', name: 'Lâm Đồng' },
    });
    const profile = ok(
      await api.GET('/provinces/{code}/cooperatives/{cooperativeId}/profile', {
        params: { path: { code: '67', cooperativeId: uuid(1) } },
      }),
    );
    expect(profile.approvals).toHaveLength(1);
    expect(profile.nominations).toHaveLength(1);
  });

  it('sends dashboards gzip-compressed to clients that accept it, and plain to the others', async () => {
    const url = '/provinces/67/campaigns/2024/dashboard';
    const auth = bearer({ role: 'provincial_viewer', province: '68' });
    const plain = await app.inject({ method: 'GET', url, headers: auth });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    const gz = await app.inject({
      method: 'GET',
      url,
      headers: { ...auth, 'accept-encoding': 'br;q=1.0, gzip;q=0.8, *;q=0.1' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());
    const refused = await app.inject({
      method: 'GET',
      url,
      headers: { ...auth, 'accept-encoding': 'gzip;q=0, identity' },
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toEqual(plain.json());
  });

  it('gives the half-year report as JSON and as CSV with Vietnamese headings', async () => {
    const r = asJson(
      ok(
        await api.GET('/provinces/{code}/reports/{year}/{kind}', {
          params: { path: { code: '67', year: 2024, kind: 'half-year' } },
        }),
      ),
    );
    expect(ProvinceReport.parse(r)).toEqual(r);
    expect(r.lines.find((l) => l.indicator === 'Kinh phí đã giải ngân')?.value).toBe(195_000_000);
    const csv = await fetch(`${base}/provinces/67/reports/2024/year-end?format=csv`, {
      headers: bearer({ role: 'provincial_viewer', province: '68' }),
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for spreadsheets
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Nội dung,Chỉ tiêu,Kết quả,Đơn vị tính\r\n')).toBe(true);
    expect(text).toContain('Hỗ trợ,Kinh phí đã giải ngân,195000000,đồng');
  });

  it('gives the year-end report as an XLSX workbook with the figures of the JSON report, asked by format or by Accept', async () => {
    const viewer = bearer({ role: 'provincial_viewer', province: '68' });
    const json = asJson(
      ok(
        await api.GET('/provinces/{code}/reports/{year}/{kind}', {
          params: { path: { code: '67', year: 2024, kind: 'year-end' } },
        }),
      ),
    );
    for (const ask of [
      `${base}/provinces/67/reports/2024/year-end?format=xlsx`,
      `${base}/provinces/67/reports/2024/year-end`,
    ]) {
      const res = await fetch(ask, {
        headers: { ...viewer, accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toContain('bao-cao-year-end-67-2024.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Kết quả',
        'Chỉ tiêu kế hoạch',
        'Hỗ trợ theo nguồn',
        'Nhiệm vụ',
      ]);
      const ws = wb.getWorksheet('Kết quả') as ExcelJS.Worksheet;
      expect(ws.getCell('A1').value).toBe('Báo cáo năm 2024');
      const periodRow = ws.getRows(1, 10)?.find((r) => r.getCell(1).value === 'Kỳ báo cáo: từ');
      expect(periodRow?.getCell(2).value).toEqual(new Date('2024-01-01T00:00:00Z'));
      expect(periodRow?.getCell(2).numFmt).toBe('dd/mm/yyyy');
      // Every line of the JSON report, as a number with a thousands format.
      for (const line of json.lines) {
        const row = ws.getRows(1, ws.rowCount)?.find((r) => r.getCell(2).value === line.indicator);
        expect(row?.getCell(3).value, line.indicator).toBe(line.value);
        expect(row?.getCell(3).numFmt).toBe('#,##0');
      }
    }
    const nationalXlsx = await fetch(`${base}/national/reports/2024?format=xlsx`, {
      headers: bearer({ role: 'national_officer' }),
    });
    const nwb = new ExcelJS.Workbook();
    await nwb.xlsx.load(await nationalXlsx.arrayBuffer());
    const row = nwb
      .getWorksheet('Tổng hợp')
      ?.getRows(1, 20)
      ?.find((r) => r.getCell(1).value === '67');
    expect(row?.getCell(7).value).toBe(2); // publications, a column of their own
    expect(row?.getCell(10).value).toBe(195_000_000);
  });

  it('collects the year-end reports due before 20/12: on time, late and missing, and the province’s own to the national alliance', async () => {
    const rp = { code: '67', year: 2024, kind: 'year-end' as const };
    const agri = { level: 'department' as const, name: 'Sở Nông nghiệp và Phát triển nông thôn' };
    const finance = { level: 'department' as const, name: 'Sở Tài chính' };
    const glong = { level: 'district' as const, name: 'UBND huyện Đắk Glong' };
    ok(
      await api.POST('/provinces/{code}/reports/{year}/{kind}/expected', {
        params: { path: rp },
        body: { from: [agri, finance, glong] },
      }),
    );
    ok(
      await api.POST('/provinces/{code}/reports/{year}/{kind}/submissions', {
        params: { path: rp },
        body: { submissionId: uuid(80), reporter: agri, submittedOn: '2024-12-12', documentNumber: '512/BC-SNN' },
      }),
      201,
    );
    ok(
      await api.POST('/provinces/{code}/reports/{year}/{kind}/submissions', {
        params: { path: rp },
        body: { submissionId: uuid(81), reporter: glong, submittedOn: '2024-12-26' },
      }),
      201,
    );
    const own = ok(
      await api.POST('/provinces/{code}/reports/{year}/{kind}/submissions', {
        params: { path: rp },
        body: {
          submissionId: uuid(82),
          reporter: { level: 'province', name: 'Liên minh HTX tỉnh Đắk Nông' },
          submittedOn: '2024-12-18',
          documentNumber: '45/BC-LMHTX',
        },
      }),
      201,
    );
    const again = await api.POST('/provinces/{code}/reports/{year}/{kind}/submissions', {
      params: { path: rp },
      body: { submissionId: uuid(83), reporter: agri, submittedOn: '2024-12-13' },
    });
    expect(again.error).toMatchObject({ type: problem('report-already-submitted') });
    const status = (asOf: string) =>
      api.GET('/provinces/{code}/reports/{year}/{kind}/submissions', {
        params: { path: rp, query: { asOf, minPosition: own.position } },
      });
    const before = ok(await status('2024-12-15'));
    expect(before).toMatchObject({
      dueBy: '2024-12-19',
      due: false,
      counts: { expected: 3, submitted: 1, late: 0, missing: 0 },
    });
    const after = ok(await status('2024-12-31'));
    expect(after.counts).toEqual({ expected: 3, submitted: 3, onTime: 2, late: 1, missing: 1 });
    expect(after.expected.filter((x) => x.missing).map((x) => x.reporter.name)).toEqual(['Sở Tài chính']);
    expect(after.expected.find((x) => x.reporter.name === 'UBND huyện Đắk Glong')).toMatchObject({
      late: true,
      submission: { daysLate: 7 },
    });
    expect(after.others.map((x) => x.reporter.level)).toEqual(['province']);
    // The national alliance sees which provinces have reported.
    const nat = ok(
      await national.GET('/national/reports/{year}/{kind}/submissions', {
        params: { path: { year: 2024, kind: 'year-end' }, query: { asOf: '2024-12-31' } },
      }),
    );
    expect(nat.provinces).toEqual([
      {
        organiser: '67',
        province: 'Đắk Nông',
        current: 'Lâm Đồng',
        reported: { submittedOn: '2024-12-18', daysLate: 0, documentNumber: '45/BC-LMHTX' },
        missing: false,
      },
    ]);
    const dash = ok(
      await national.GET('/national/dashboards/{year}', {
        params: { path: { year: 2024 }, query: { asOf: '2024-12-31' } },
      }),
    );
    expect(dash.provinces[0]?.reported).toEqual({
      halfYear: null,
      yearEnd: { submittedOn: '2024-12-18', daysLate: 0, documentNumber: '45/BC-LMHTX' },
    });
    const half = ok(
      await national.GET('/national/reports/{year}/{kind}/submissions', {
        params: { path: { year: 2024, kind: 'half-year' }, query: { asOf: '2024-12-31' } },
      }),
    );
    expect(half.counts).toEqual({ provinces: 1, reported: 0, late: 0, missing: 1 });
  });

  it('shows the national dashboard and summary to the national alliance, and rebuilds for the admin', async () => {
    const n = ok(
      await national.GET('/national/dashboards/{year}', {
        params: { path: { year: 2024 }, query: { rankBy: 'disbursedVnd' } },
      }),
    );
    expect(n.provinces.map((p) => p.organiser)).toEqual(['67']);
    expect(n.rolledUp[0]?.current).toEqual({ id: 'current:68', name: 'Lâm Đồng' });
    const s = asJson(ok(await national.GET('/national/reports/{year}', { params: { path: { year: 2024 } } })));
    expect(NationalReport.parse(s)).toEqual(s);
    expect(s.rows).toHaveLength(1);
    const before = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    // Dashboards are sent as cached JSON text, not through the response serializer: their schema
    // (the projection's own) must still say exactly what they hold — zod drops what it does not declare.
    expect(CampaignDashboard.parse(before)).toEqual(before);
    expect(NationalDashboard.parse(n)).toEqual(n);
    const rebuilt = ok(await admin.POST('/admin/projections/rebuild', {}));
    expect(rebuilt.events).toBe(await store.headPosition());
    const after = ok(await api.GET('/provinces/{code}/campaigns/{year}/dashboard', { params: { path } }));
    expect(after).toEqual(before);
  });
});

describe('audit over HTTP', () => {
  it('lets an auditor read a stream’s history, the filtered log, the integrity check and an export', async () => {
    const h = ok(
      await auditor.GET('/audit/streams/{stream}/events', {
        params: { path: { stream: 'support-67-2024' }, query: { limit: 2 } },
      }),
    );
    expect(h.items.map((e) => e.type)).toEqual(['SupportApproved', 'SupportDisbursed']);
    const next = ok(
      await auditor.GET('/audit/streams/{stream}/events', {
        params: { path: { stream: 'support-67-2024' }, query: { limit: 2, cursor: h.nextCursor ?? '' } },
      }),
    );
    expect(next.items[0]?.revision).toBe(2);
    const firstTwo = ok(await auditor.GET('/audit/events', { params: { query: { limit: 2 } } }));
    const following = ok(
      await auditor.GET('/audit/events', { params: { query: { limit: 2, cursor: firstTwo.nextCursor ?? '' } } }),
    );
    expect([...firstTwo.items, ...following.items].map((e) => e.position)).toEqual([1, 2, 3, 4]);
    const log = ok(await auditor.GET('/audit/events', { params: { query: { type: 'NominationHonoured' } } }));
    expect(log.items).toHaveLength(1);
    expect(log.items[0]?.metadata).toMatchObject({ role: 'national_officer', app: 'vca-app' });
    expect(ok(await auditor.GET('/audit/verify')).ok).toBe(true);
    const exp = await auditor.GET('/audit/export', {
      params: { query: { province: '72', format: 'csv' } },
      parseAs: 'text',
    });
    expect(exp.response.status).toBe(200);
    expect(exp.data?.split('\r\n').length).toBeGreaterThan(20);
  });
});

describe('a department reports to the steering committee over HTTP (Tây Ninh 2023, seed 001)', () => {
  const half = { code: '72', year: 2023, period: 'half-year' };
  const unit = { ...half, unit: 'so-ke-hoach-va-dau-tu' };
  const progress = (reportedOn: string) =>
    tayNinh.POST('/provinces/{code}/tasks/{taskId}/progress', {
      params: { path: { code: '72', taskId: uuid(211) } },
      body: { reportedOn, percent: 30, note: 'Đang xây dựng dự thảo kế hoạch' },
    });

  it("sends the half-year report, returned, sent again and approved; locks the department's records of the half until unlocked", async () => {
    // The due day of the 6-month report is the province's setting for the year.
    ok(
      await tayNinh.POST('/provinces/{code}/reporting/{year}/{period}/requests', {
        params: { path: half },
        body: {
          from: [
            { unit: 'so-ke-hoach-va-dau-tu', name: 'Sở Kế hoạch và Đầu tư' },
            { unit: 'standing-agency', name: 'Cơ quan thường trực BCĐ' },
          ],
          dueBy: '2023-07-10',
        },
      }),
    );
    const first = await planning.POST('/provinces/{code}/reporting/{year}/{period}/units/{unit}/submissions', {
      params: { path: unit },
      body: { submissionId: uuid(300), submittedOn: '2023-07-12', narrative: 'Kết quả 6 tháng đầu năm 2023' },
    });
    ok(first, 201);
    // Another department's report is not theirs to send.
    const other = await planning.POST('/provinces/{code}/reporting/{year}/{period}/units/{unit}/submissions', {
      params: { path: { ...half, unit: 'so-tai-chinh' } },
      body: { submissionId: uuid(309), submittedOn: '2023-07-12', narrative: 'x' },
    });
    expect(other.response.status).toBe(403);
    // The province's officers find it in their inbox, with the figures the service took: the tasks it leads.
    const inbox = ok(await tayNinh.GET('/provinces/{code}/reporting/inbox', { params: { path: { code: '72' } } }));
    const led = TAY_NINH_ASSIGNMENTS.filter((a) => a.leadAgencies.includes('Sở Kế hoạch và Đầu tư')).length;
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      unit: 'so-ke-hoach-va-dau-tu',
      period: 'half-year',
      submittedOn: '2023-07-12',
      daysLate: 2,
      narrative: 'Kết quả 6 tháng đầu năm 2023',
      figures: {
        lines: expect.arrayContaining([expect.objectContaining({ indicator: 'Số nhiệm vụ được giao', value: led })]),
      },
    });
    expect(inbox.items[0]?.figures.position).toBeGreaterThan(0);
    ok(
      await tayNinh.POST('/provinces/{code}/reporting/{year}/{period}/units/{unit}/submissions/{submissionId}/return', {
        params: { path: { ...unit, submissionId: uuid(300) } },
        body: { returnedOn: '2023-07-13', returnedBy: 'Văn phòng BCĐ', reason: 'Bổ sung tiến độ nhiệm vụ 11' },
      }),
    );
    ok(
      await planning.POST('/provinces/{code}/reporting/{year}/{period}/units/{unit}/submissions', {
        params: { path: unit },
        body: { submissionId: uuid(301), submittedOn: '2023-07-14', narrative: 'Bổ sung tiến độ nhiệm vụ 11' },
      }),
      201,
    );
    ok(
      await tayNinh.POST(
        '/provinces/{code}/reporting/{year}/{period}/units/{unit}/submissions/{submissionId}/approve',
        {
          params: { path: { ...unit, submissionId: uuid(301) } },
          body: { approvedOn: '2023-07-20', approvedBy: 'Trưởng Ban Chỉ đạo' },
        },
      ),
    );
    expect(
      ok(await tayNinh.GET('/provinces/{code}/reporting/inbox', { params: { path: { code: '72' } } })).items,
    ).toEqual([]);
    // A record of the department dated in the approved half is refused, saying who approved and how to unlock.
    const refused = await progress('2023-05-10');
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({
      type: problem('period-locked'),
      unit: 'so-ke-hoach-va-dau-tu',
      period: 'half-year',
      approvedBy: 'Trưởng Ban Chỉ đạo',
      unlock: '/provinces/72/reporting/2023/half-year/units/so-ke-hoach-va-dau-tu/unlock',
    });
    // After the half, records go on.
    ok(await progress('2023-08-10'));
    const report = ok(
      await planning.GET('/provinces/{code}/reporting/{year}/{period}/units/{unit}', { params: { path: unit } }),
    );
    expect(report).toMatchObject({ status: 'approved', lock: { approvedBy: 'Trưởng Ban Chỉ đạo' } });
    expect(report.submissions.map((x) => [x.submissionId, x.returned?.reason, x.approved?.approvedOn])).toEqual([
      [uuid(300), 'Bổ sung tiến độ nhiệm vụ 11', undefined],
      [uuid(301), undefined, '2023-07-20'],
    ]);
    // Who is late: the department 2 days, the standing agency missing; the department's overdue tasks.
    const status = ok(
      await tayNinh.GET('/provinces/{code}/reporting/{year}/status', {
        params: { path: { code: '72', year: 2023 }, query: { asOf: '2023-07-31' } },
      }),
    );
    expect(status.rows.find((r) => r.unit === 'so-ke-hoach-va-dau-tu')).toMatchObject({
      received: true,
      returned: 1,
      approved: true,
      daysLate: 2,
      missing: false,
    });
    expect(status.rows.find((r) => r.unit === 'so-ke-hoach-va-dau-tu')?.overdueTasks).toBeGreaterThan(0);
    expect(status.rows.find((r) => r.unit === 'standing-agency')).toMatchObject({
      received: false,
      missing: true,
      daysLate: 21,
    });
    // The reminder letter to them, as the provincial alliance writes it: a Word document naming both.
    const reminders = (date: string) =>
      tayNinh.GET('/provinces/{code}/reporting/{year}/reminders', {
        params: { path: { code: '72', year: 2023 }, query: { period: 'half-year', date, number: '45/LMHTX-VP' } },
        parseAs: 'arrayBuffer',
      });
    const letter = await reminders('2023-07-31');
    expect(letter.response.status).toBe(200);
    expect(letter.response.headers.get('content-disposition')).toContain('don-doc-bao-cao-72-2023-half-year.docx');
    const { text } = await docxText(letter.data as ArrayBuffer);
    for (const line of [
      'LIÊN MINH HTX TỈNH TÂY NINH',
      'Số: 45/LMHTX-VP',
      'Tây Ninh, ngày 31 tháng 7 năm 2023',
      'Cơ quan thường trực BCĐ',
      'Chưa gửi báo cáo (quá hạn 21 ngày)',
      'Sở Kế hoạch và Đầu tư',
      'Đã gửi ngày 12/07/2023, chậm 2 ngày',
      '10/07/2023',
    ])
      expect(text.split('\n')).toContain(line);
    // Before the due day nobody is late: no letter, a problem saying so.
    const early = await reminders('2023-07-05');
    expect(early.response.status).toBe(409);
    expect(early.error).toMatchObject({ type: problem('nothing-to-remind') });
    // Unlocked, with who and why: the record is accepted.
    ok(
      await tayNinh.POST('/provinces/{code}/reporting/{year}/{period}/units/{unit}/unlock', {
        params: { path: unit },
        body: { unlockedOn: '2023-07-25', unlockedBy: 'Trưởng Ban Chỉ đạo', reason: 'Ghi bổ sung tiến độ tháng 5' },
      }),
    );
    ok(await progress('2023-05-10'));
  });
});

describe('report documents in the Decree 30/2020 layout over HTTP', () => {
  it("writes the narrative of Đắk Nông's 2024 year-end report and downloads it as Word, PDF and HTML, the same bytes each time", async () => {
    const path = { code: '67', year: 2024, document: 'year-end' as const };
    const written = ok(
      await api.POST('/provinces/{code}/documents/{year}/{document}/narrative', {
        params: { path },
        body: {
          sections: { results: 'Các hoạt động trọng tâm đều hoàn thành.', proposals: 'Đề nghị duy trì Quỹ hỗ trợ.' },
          number: '120/BC-LMHTX',
        },
      }),
    );
    const narrative = ok(
      await api.GET('/provinces/{code}/documents/{year}/{document}/narrative', {
        params: { path, query: { minPosition: written.position } },
      }),
    );
    expect(narrative.versions.map((v) => v.version)).toEqual([1]);
    const query = { atPosition: written.position, asOf: '2024-12-19', date: '2024-12-19' };
    const download = (format: 'docx' | 'pdf' | 'html') =>
      api.GET('/provinces/{code}/documents/{year}/{document}', {
        params: { path, query: { ...query, format } },
        parseAs: 'arrayBuffer',
      });
    for (const format of ['docx', 'pdf', 'html'] as const) {
      const [a, b] = [await download(format), await download(format)];
      expect(a.response.status).toBe(200);
      expect(a.response.headers.get('x-document-sha256')).toBe(b.response.headers.get('x-document-sha256'));
      expect(a.response.headers.get('x-as-of-position')).toBe(String(written.position));
    }
    const { text } = await docxText((await download('docx')).data as ArrayBuffer);
    for (const line of ['Số: 120/BC-LMHTX', 'BÁO CÁO', 'II. ĐỀ XUẤT, KIẾN NGHỊ', 'Đề nghị duy trì Quỹ hỗ trợ.'])
      expect(text.split('\n')).toContain(line);
  });

  it("lets Tây Ninh's planning department write and download its own half-year report, and the national alliance its summary", async () => {
    const path = { code: '72', year: 2023, document: 'half-year' as const, unit: 'so-ke-hoach-va-dau-tu' };
    const written = ok(
      await planning.POST('/provinces/{code}/documents/{year}/{document}/units/{unit}/narrative', {
        params: { path },
        body: { sections: { results: 'Sở đã tham mưu Kế hoạch 2653/KH-BCĐ.' } },
      }),
    );
    const mine = ok(
      await planning.GET('/provinces/{code}/documents/{year}/{document}/units/{unit}/narrative', {
        params: { path, query: { minPosition: written.position } },
      }),
    );
    expect(mine.versions).toHaveLength(1);
    const doc = await planning.GET('/provinces/{code}/documents/{year}/{document}/units/{unit}', {
      params: { path, query: { format: 'docx', date: '2023-07-31', minPosition: written.position } },
      parseAs: 'arrayBuffer',
    });
    expect(doc.response.status).toBe(200);
    const { text } = await docxText(doc.data as ArrayBuffer);
    expect(text).toContain('Sở đã tham mưu Kế hoạch 2653/KH-BCĐ.');
    const summary = await national.GET('/national/documents/{year}/summary', {
      params: { path: { year: 2024 }, query: { format: 'html', date: '2024-12-31' } },
      parseAs: 'text',
    });
    expect(summary.response.status).toBe(200);
    expect(summary.data).toContain('Đắk Nông');
  });
});

describe('coverage of the API by these scenarios', () => {
  it('calls every operation of the OpenAPI document at least once', async () => {
    const amend = await api.POST('/provinces/{code}/campaigns/{year}/amendments', {
      params: { path: { code: '67', year: 2024 } },
      body: { amendment: { number: '1', date: '2024-12-30' }, reason: 'x', theme: 'y' },
    });
    expect(amend.error).toMatchObject({ type: problem('campaign-closed') });
    ok(await api.GET('/health'));
    // Who the app's token is to the service, and how the page signs people in (no provider here).
    expect(ok(await api.GET('/me'))).toMatchObject({
      sub: expect.any(String),
      role: 'provincial_officer',
      province: '68',
    });
    expect(ok(await api.GET('/sign-in/config'))).toEqual({ provider: null, development: false });
    // The live feeds: the first message of each, then the app hangs up.
    for (const feed of [
      await auditor.GET('/audit/feed', { params: { query: { kind: 'campaign' } }, parseAs: 'stream' }),
      await api.GET('/provinces/{code}/feed', {
        params: { path: { code: '68' }, query: { type: 'CampaignLaunched' } },
        parseAs: 'stream',
      }),
    ]) {
      expect(feed.response.status).toBe(200);
      expect(feed.response.headers.get('content-type')).toContain('text/event-stream');
      const reader = (feed.data as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes('\n\nid: ')) text += new TextDecoder().decode((await reader.read()).value);
      expect(text).toMatch(/id: \d+\nevent: CampaignLaunched\ndata: \{/);
      await reader.cancel();
    }
    expect(ok(await api.GET('/health/live')).status).toBe('alive');
    expect(ok(await api.GET('/health/ready')).status).toBe('ready');
    expect((await admin.GET('/metrics', { parseAs: 'text' })).response.status).toBe(200);
    // A webhook's life: registered (its secret shown once), listed, paused, resumed, read, removed.
    const hook = ok(
      await admin.POST('/admin/webhooks', {
        body: { url: 'http://127.0.0.1:9/cam', filters: { province: '68', kinds: ['campaign'] }, description: 'x' },
      }),
      201,
    );
    expect(hook).toMatchObject({ state: 'active', checkpoint: 0, secret: expect.stringMatching(/^whsec_/) });
    const hookPath = { params: { path: { webhookId: hook.id } } };
    expect(ok(await admin.GET('/admin/webhooks')).items.map((w) => w.id)).toContain(hook.id);
    expect(ok(await admin.POST('/admin/webhooks/{webhookId}/pause', hookPath))).toMatchObject({
      state: 'paused',
      pausedBecause: 'admin',
    });
    expect(ok(await admin.POST('/admin/webhooks/{webhookId}/resume', hookPath)).state).toBe('active');
    expect(ok(await admin.GET('/admin/webhooks/{webhookId}', hookPath))).not.toHaveProperty('secret');
    expect(ok(await admin.POST('/admin/webhooks/{webhookId}/remove', hookPath)).state).toBe('removed');
    const provinces = ok(await api.GET('/reference/provinces', { params: { query: { map: 'pre2025' } } }));
    expect(provinces.items.find((p) => p.code === '62')).toMatchObject({
      name: 'Kon Tum',
      validTo: '2025-06-30',
      successor: { code: '51', name: 'Quảng Ngãi' },
    });
    // Communes for a form's picker: the old ward a 2024 record names, and the ward of today it became.
    const oldWards = ok(
      await api.GET('/reference/communes', {
        params: { query: { province: '68', date: '2024-04-11', q: 'phuong 2' } },
      }),
    );
    const oldWard = oldWards.items.find((c) => c.name === 'Phường 2' && c.district?.name === 'Thành phố Đà Lạt');
    expect(oldWard?.today).toEqual([{ code: '24781', name: 'Phường Xuân Hương - Đà Lạt' }]);
    const xuanHuong = ok(
      await api.GET('/reference/communes/{map}/{code}', { params: { path: { map: 'current', code: '24781' } } }),
    );
    expect(xuanHuong.formedFrom?.map((c) => c.code)).toContain(oldWard?.code);
    // The maps the page draws: the provinces of today, and Lâm Đồng's communes by the codes above.
    const country = ok(await api.GET('/reference/maps/provinces'));
    expect(country.objects.areas.geometries.map((g) => g.id)).toContain('68');
    const lamDong = ok(await api.GET('/reference/maps/communes/{province}', { params: { path: { province: '68' } } }));
    expect(lamDong.objects.areas.geometries.find((g) => g.id === '24781')?.properties.name).toBe(
      'Phường Xuân Hương - Đà Lạt',
    );
    // Lâm Đồng's meetings by today's communes: Đắk Nông's (67) 2024 meeting in Xã Quảng Khê
    // (huyện Đăk Glong) counts under today's Xã Quảng Khê of Lâm Đồng; the rows sum to the province.
    const table = ok(
      await api.GET('/provinces/{code}/communes', {
        params: { path: { code: '68' }, query: { from: 2024, to: 2026 } },
      }),
    );
    expect(table.today.reduce((n, r) => n + r.meetings, 0)).toBe(table.total.meetings);
    const quangKhe = ok(
      await api.GET('/provinces/{code}/communes/{communeCode}', {
        params: { path: { code: '68', communeCode: '24631' }, query: { from: 2024, to: 2026 } },
      }),
    );
    expect(quangKhe.asRecorded).toMatchObject([{ year: 2024, organiser: '67', district: 'Huyện Đăk Glong' }]);
    expect(quangKhe.meetings.length).toBe(quangKhe.total.meetings);
    ok(await api.GET('/problems/{code}', { params: { path: { code: 'fund-budget-exceeded' } } }));
    // The spreadsheet import: a template, and the template itself checked: its marked example row is never imported.
    const template = await api.GET('/provinces/{code}/campaigns/{year}/imports/{records}/template', {
      params: { path: { code: '67', year: 2024, records: 'meetings' } },
      parseAs: 'arrayBuffer',
    });
    expect(template.response.status).toBe(200);
    const form = new FormData();
    form.append('file', new Blob([template.data as ArrayBuffer]), 'mau.xlsx');
    const checked = await api.POST('/provinces/{code}/campaigns/{year}/imports/{records}', {
      params: { path: { code: '67', year: 2024, records: 'meetings' }, query: { mode: 'check' } },
      body: form as never,
      bodySerializer: (b: unknown) => b as FormData,
    });
    expect(checked.response.status).toBe(200);
    expect(checked.data).toMatchObject({ rows: 0, examples: 1, toApply: 0, applied: 0 });
    const all = Object.entries(openapiDocument().paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(all.filter((op) => !called.has(op))).toEqual([]);
  });
});

describe('what the OpenAPI document declares', () => {
  /** Sends a request outside the typed client (to provoke what the client would not send) and records its answer. */
  async function send(
    server: string,
    method: string,
    path: string,
    url: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> {
    const response = await fetch(`${server}${url}`, {
      method,
      headers: init.headers ?? {},
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    await response.arrayBuffer();
    answers.push({ method, path, status: response.status, headers: response.headers });
    return response;
  }

  it('declares every status, content type and header the scenarios were answered with, including refusals', async () => {
    const officer = bearer({ role: 'provincial_officer', province: '68', app: 'lam-dong-app' });
    const meetings = '/provinces/{code}/campaigns/{year}/outreach-meetings';
    const one = `${meetings}/{meetingId}`;
    const first = ok(await api.GET(meetings, { params: { path: { code: '67', year: 2024 } } })).items[0];
    const url = `/provinces/67/campaigns/2024/outreach-meetings/${first?.meetingId ?? ''}`;
    expect((await send(base, 'GET', one, url)).status).toBe(401);
    expect((await send(base, 'GET', one, url.replace('/67/', '/72/'), { headers: officer })).status).toBe(403);
    expect((await send(base, 'GET', one, url.replace(/[^/]+$/, uuid(999)), { headers: officer })).status).toBe(404);
    const etag = (await send(base, 'GET', one, url, { headers: officer })).headers.get('etag') ?? '';
    expect((await send(base, 'GET', one, url, { headers: { ...officer, 'if-none-match': etag } })).status).toBe(304);
    const correction = JSON.stringify({ changes: { attendees: 61 }, reason: 'Đếm lại' });
    const json = { ...officer, 'content-type': 'application/json' };
    expect(
      (
        await send(base, 'POST', `${one}/corrections`, `${url}/corrections`, {
          headers: { ...json, 'if-match': '"999"' },
          body: correction,
        })
      ).status,
    ).toBe(412);
    const coop = JSON.stringify({
      cooperativeId: uuid(777),
      kind: 'cooperative',
      name: 'HTX Đạ Tẻh',
      registrationNumber: '5807770001',
      registeredOn: '2024-01-01',
      communeCode: '24781',
      members: { official: 9 },
    });
    for (let i = 0; i < 2; i++) {
      const r = await send(base, 'POST', '/provinces/{code}/cooperatives', '/provinces/68/cooperatives', {
        headers: { ...json, 'idempotency-key': 'declared-1' },
        body: coop,
      });
      expect(r.status).toBe(201);
    }
    expect(answers.at(-1)?.headers.get('idempotent-replayed')).toBe('true');
    expect(
      (
        await send(base, 'POST', `${one}/corrections`, `${url}/corrections`, {
          headers: json,
          body: JSON.stringify({ reason: 'x'.repeat(1_100_000) }),
        })
      ).status,
    ).toBe(413);
    expect(
      (
        await send(base, 'POST', `${one}/corrections`, `${url}/corrections`, {
          headers: { ...officer, 'content-type': 'application/xml' },
          body: '<attendees>61</attendees>',
        })
      ).status,
    ).toBe(415);
    expect(
      (await send(base, 'POST', `${one}/corrections`, `${url}/corrections`, { headers: json, body: '{}' })).status,
    ).toBe(400);
    const report = '/provinces/{code}/reports/{year}/{kind}';
    for (const format of ['csv', 'xlsx'])
      expect(
        (await send(base, 'GET', report, `/provinces/67/reports/2024/year-end?format=${format}`, { headers: officer }))
          .status,
      ).toBe(200);
    const dashboard = '/provinces/{code}/campaigns/{year}/dashboard';
    expect(
      (
        await send(base, 'GET', dashboard, '/provinces/67/campaigns/2024/dashboard?atPosition=5', { headers: officer })
      ).headers.get('x-as-of-position'),
    ).toBe('5');
    const imports = '/provinces/{code}/campaigns/{year}/imports/{records}';
    const template = await fetch(`${base}/provinces/67/campaigns/2024/imports/meetings/template`, { headers: officer });
    const form = new FormData();
    form.append('file', new Blob([await template.arrayBuffer()]), 'mau.xlsx');
    const streamed = await fetch(`${base}/provinces/67/campaigns/2024/imports/meetings?mode=check`, {
      method: 'POST',
      headers: { ...officer, accept: 'application/x-ndjson' },
      body: form,
    });
    await streamed.text();
    answers.push({ method: 'POST', path: imports, status: streamed.status, headers: streamed.headers });
    expect(streamed.headers.get('content-type')).toContain('application/x-ndjson');

    // Two more services: one whose start never ends (503), one that takes one request a minute (429).
    const small = await SqliteEventStore.open({ path: ':memory:' });
    const starting = await buildServer({
      store: small,
      logLevel: 'silent',
      key: TEST_KEY,
      startInBackground: true,
      startupChecks: new Promise<void>(() => undefined),
    });
    const limited = await buildServer({ store: small, logLevel: 'silent', key: TEST_KEY, rateLimitPerMinute: 1 });
    try {
      const list = '/provinces/{code}/campaigns';
      for (const [server, statuses] of [
        [starting, [503]],
        [limited, [200, 429]],
      ] as const) {
        await server.listen({ host: '127.0.0.1', port: 0 });
        const addr = server.server.address();
        const at = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
        for (const status of statuses)
          expect((await send(at, 'GET', list, '/provinces/68/campaigns', { headers: officer })).status).toBe(status);
      }
    } finally {
      await starting.close();
      await limited.close();
      await small.close();
    }
    const statuses = new Set(answers.map((a) => a.status));
    for (const status of [200, 201, 304, 400, 401, 403, 404, 412, 413, 415, 422, 429, 503])
      expect(statuses, `no answer was ${status}`).toContain(status);
    expect(undeclared(openapiDocument(), answers)).toEqual([]);
  });
});
