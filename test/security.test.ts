import { createSigner } from 'fast-jwt';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolveKey } from '../src/auth/keys.ts';
import { mintToken } from '../src/auth/keys.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { EventStore } from '../src/eventstore/types.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer, tokenFor, type Persona } from './support/auth.ts';
import {
  API_AUDIENCE,
  ROLE_MAP_ENV,
  providerRole,
  signInOverHttp,
  startProvider,
  type TestAccount,
  type TestProvider,
} from './support/oidc-provider.ts';
import { problem } from './support/problem.ts';
import { multipart } from './support/multipart.ts';
import sharp from 'sharp';

const u = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const OWN = '68';
const YEAR = 2026;
const [C1, C2, C3, C4, C9] = [u(1), u(2), u(3), u(4), u(9)];
const [A1, D1, M1, N1, N2, N3, G1, P1, T1, K1, B1] = [
  u(11),
  u(12),
  u(13),
  u(14),
  u(15),
  u(16),
  u(17),
  u(18),
  u(19),
  u(20),
  u(21),
];

const personas: Record<string, Persona | null> = {
  anonymous: null,
  'own officer': { role: 'provincial_officer', province: OWN },
  'other-province officer': { role: 'provincial_officer', province: '80' },
  'own viewer': { role: 'provincial_viewer', province: OWN },
  national: { role: 'national_officer' },
  auditor: { role: 'auditor' },
  admin: { role: 'admin' },
  monitoring: { role: 'monitoring' },
  // Reporters along the reporting chain, each for its own unit (the matrix's unit is so-tai-chinh).
  'own department officer': { role: 'department_officer', province: OWN, unit: 'so-tai-chinh' },
  'other department officer': { role: 'department_officer', province: OWN, unit: 'so-noi-vu' },
  'other-province department officer': { role: 'department_officer', province: '80', unit: 'so-tai-chinh' },
  'own commune officer': { role: 'commune_officer', province: OWN, commune: '24781' },
  'own steering member': { role: 'steering_member', province: OWN },
};

/** The expectation, written here independently of the service's own rule: who may call what. */
function expectedAllowed(persona: string, method: string, url: string): boolean {
  if (persona === 'anonymous') return false;
  // Who one is to the service: anyone with a valid token.
  if (url === '/me') return true;
  if (url.startsWith('/admin/')) return persona === 'admin';
  // Metrics tell about the whole service: the scraper's token and operators only.
  if (url === '/metrics') return persona === 'monitoring' || persona === 'admin';
  if (persona === 'monitoring') return false;
  if (url.startsWith('/national/') || url.startsWith('/audit/')) return persona === 'national' || persona === 'auditor';
  // A unit sends its own reports; it reads them beside those who read the province.
  if (method === 'POST' && url.endsWith('/units/:unit/submissions')) return persona === 'own department officer';
  if (method === 'GET' && url.endsWith('/units/:unit') && persona === 'own department officer') return true;
  // ...and writes the narrative of its own report document, and reads it.
  if (method === 'POST' && url.endsWith('/units/:unit/narrative')) return persona === 'own department officer';
  if (method === 'GET' && url.endsWith('/units/:unit/narrative') && persona === 'own department officer') return true;
  // What happens in one commune: its commune officer records it too (the route then checks the
  // commune is theirs), and reads that commune's figures.
  const local = ['/outreach-meetings', '/trainings', '/founding-advice'].some((x) =>
    url.endsWith(`/campaigns/:year${x}`),
  );
  if (method === 'POST' && local && persona === 'own commune officer') return true;
  // Files go with their record: attached by who may write it (the matrix's meeting is in the commune officer's commune).
  if (method === 'POST' && url.includes('/attachments') && persona === 'own commune officer') return true;
  if (method === 'GET' && url.endsWith('/communes/:communeCode') && persona === 'own commune officer') return true;
  // The reviewer's inbox: the province's officers.
  if (url.endsWith('/reporting/inbox')) return persona === 'own officer';
  if (method === 'GET') return ['own officer', 'own viewer', 'national', 'auditor'].includes(persona);
  if (url.endsWith('/honour')) return persona === 'national';
  return persona === 'own officer';
}

const coop = (id: string) => ({
  cooperativeId: id,
  kind: 'cooperative',
  name: `HTX ${id.slice(-2)}`,
  registrationNumber: `R-${id.slice(-4)}`,
  registeredOn: '2025-08-01',
  communeCode: '24781',
  members: { official: 9, associate: 0 },
});
const training = (id: string) => ({
  trainingId: id,
  title: 'Tập huấn Luật HTX 2023',
  from: '2026-04-08',
  place: { communeCode: '24781' },
  audiences: ['director', 'accountant'],
  topics: ['cooperative-law-2023'],
  participants: 40,
  organisedBy: 'x',
});
const TR1 = u(90);
const honour = (id: string) => ({
  honourId: id,
  decision: { number: '5/QĐ-LMHTX', date: '2026-04-11' },
  kind: 'certificate-of-merit',
  awardedBy: 'Chủ tịch Liên minh HTX tỉnh',
  recipients: [{ kind: 'individual', name: 'Nguyễn Văn An' }],
});
const H1 = u(91);
const VI1 = u(92);
const TP1 = u(93);
const AS1 = u(94);
const visit = (id: string) => ({
  visitId: id,
  date: '2026-04-09',
  purpose: 'working-session',
  cooperativeIds: [C1],
  ledBy: 'x',
});
const promotion = (id: string) => ({
  promotionId: id,
  kind: 'fair',
  name: 'x',
  from: '2026-04-10',
  place: 'x',
  organisedBy: 'x',
  cooperativesTakingPart: 3,
});
const assistance = (id: string) => ({
  assistanceId: id,
  date: '2026-04-12',
  form: 'consulting',
  cooperativeIds: [C1],
  description: 'x',
  providedBy: 'x',
});
const nominate = (id: string, c: string) => ({
  nominationId: id,
  cooperativeId: c,
  nominatedBy: { level: 'provincial-alliance', name: 'LM HTX' },
  nominatedOn: '2026-04-01',
  category: 'Nông nghiệp',
  achievements: ['x'],
});

/** For each command route, a body (and ids) with which the command would succeed if it were allowed. */
const VALID: Record<string, { params?: Record<string, string>; body: object }> = {
  // An administrator's registration of a webhook (refused to everyone else before its URL is looked at).
  'POST /admin/webhooks': { body: { url: 'https://hooks.example.org/cam', filters: { province: OWN } } },
  'POST /provinces/:code/campaigns': { body: { year: 2027, plan: { number: '9/KH', date: '2027-01-10' }, theme: 'x' } },
  'POST /provinces/:code/campaigns/:year/amendments': {
    body: { amendment: { number: '10/KH', date: '2026-03-01' }, reason: 'x', theme: 'y' },
  },
  'POST /provinces/:code/campaigns/:year/close': { body: { closedOn: '2026-12-20' } },
  'POST /provinces/:code/campaigns/:year/outreach-meetings': {
    body: {
      meetingId: u(31),
      date: '2026-04-11',
      place: { communeCode: '24781' },
      format: 'conference',
      topics: ['other'],
      attendees: 5,
      organisedBy: 'x',
    },
  },
  'POST /provinces/:code/campaigns/:year/outreach-meetings/:meetingId/corrections': {
    body: { changes: { attendees: 99 }, reason: 'x' },
  },
  'POST /provinces/:code/campaigns/:year/outreach-meetings/:meetingId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/campaigns/:year/publications': {
    body: { publicationId: u(42), kind: 'press', outlet: 'x', date: '2026-04-11', title: 'x', topics: ['other'] },
  },
  'POST /provinces/:code/campaigns/:year/publications/:publicationId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/campaigns/:year/trainings': { body: training(u(43)) },
  'POST /provinces/:code/campaigns/:year/trainings/:trainingId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/campaigns/:year/honours': { body: honour(u(44)) },
  'POST /provinces/:code/campaigns/:year/honours/:honourId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/campaigns/:year/visits': { body: visit(u(45)) },
  'POST /provinces/:code/campaigns/:year/visits/:visitId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/campaigns/:year/trade-promotions': { body: promotion(u(46)) },
  'POST /provinces/:code/campaigns/:year/trade-promotions/:promotionId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/campaigns/:year/support-in-kind': { body: assistance(u(49)) },
  'POST /provinces/:code/campaigns/:year/support-in-kind/:assistanceId/retraction': { body: { reason: 'x' } },
  'POST /provinces/:code/reports/:year/:kind/expected': {
    body: { from: [{ level: 'department', name: 'Sở Tài chính' }] },
  },
  'POST /provinces/:code/reports/:year/:kind/submissions': {
    body: { submissionId: u(43), reporter: { level: 'department', name: 'Sở Tài chính' }, submittedOn: '2026-07-10' },
  },
  'POST /provinces/:code/reporting/:year/:period/requests': {
    body: { from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }] },
  },
  'POST /provinces/:code/reporting/:year/:period/units/:unit/submissions': {
    body: { submissionId: u(46), submittedOn: '2026-07-10', narrative: 'Kết quả 6 tháng' },
  },
  'POST /provinces/:code/reporting/:year/:period/units/:unit/submissions/:submissionId/return': {
    body: { returnedOn: '2026-07-11', returnedBy: 'x', reason: 'x' },
  },
  'POST /provinces/:code/reporting/:year/:period/units/:unit/submissions/:submissionId/approve': {
    body: { approvedOn: '2026-07-11', approvedBy: 'x' },
  },
  'POST /provinces/:code/reporting/:year/:period/units/:unit/unlock': {
    body: { unlockedOn: '2026-07-11', unlockedBy: 'x', reason: 'x' },
  },
  // Held by the national alliance only (a rule past the gate); the gate is what is checked here.
  'POST /provinces/:code/campaigns/:year/national-events': {
    body: { eventId: u(45), kind: 'forum', name: 'Diễn đàn HTX', date: '2026-05-10', place: 'Hà Nội' },
  },
  'POST /provinces/:code/campaigns/:year/national-event-attendances': {
    body: { attendanceId: u(44), kind: 'forum', name: 'Diễn đàn HTX', date: '2026-05-10', delegates: 3 },
  },
  'POST /provinces/:code/steering-committee': {
    body: {
      decision: { number: '5/QĐ-UBND', date: '2026-02-01' },
      members: [{ memberId: 'truong-ban', position: 'Phó Chủ tịch UBND tỉnh', agency: 'UBND tỉnh', role: 'head' }],
    },
  },
  'POST /provinces/:code/cooperatives': { body: coop(C9) },
  'POST /provinces/:code/cooperatives/:cooperativeId/status-changes': {
    body: { status: 'suspended', effectiveOn: '2026-05-01', reason: 'x' },
  },
  'POST /provinces/:code/cooperatives/:cooperativeId/member-counts': {
    body: { members: { official: 10, associate: 1 }, asOf: '2026-05-01' },
  },
  'POST /provinces/:code/campaigns/:year/admission-rounds': {
    body: { roundId: u(32), round: 1, date: '2026-04-09', admitted: { cooperatives: 2 } },
  },
  'POST /provinces/:code/campaigns/:year/founding-advice': {
    body: { adviceId: u(33), date: '2026-04-09', communeCode: '24781', founders: 5, outcome: 'advised' },
  },
  'POST /provinces/:code/campaigns/:year/dialogues': {
    body: { dialogueId: u(34), date: '2026-04-11', place: 'x', communeCode: '24781', chairedBy: 'x', attendees: 5 },
  },
  'POST /provinces/:code/campaigns/:year/petitions': {
    body: {
      petitionId: u(35),
      submittedBy: 'x',
      submittedOn: '2026-04-11',
      topic: 'land',
      subject: 'x',
      content: 'x',
      addressedTo: 'x',
    },
  },
  'POST /provinces/:code/campaigns/:year/petitions/:petitionId/responses': {
    body: { respondedBy: 'x', respondedOn: '2026-05-01', response: 'x', resolved: true },
  },
  // Records of 68 are no merged province's: past the gate a takeover would be refused; the gate is what is checked here.
  'POST /provinces/:code/campaigns/:year/petitions/:petitionId/takeover': {
    body: { to: '68', takenOverOn: '2026-05-01' },
  },
  'POST /provinces/:code/campaigns/:year/support-approvals': {
    body: {
      approvalId: u(36),
      decision: { number: '1/QĐ', date: '2026-03-01' },
      cooperativeId: C1,
      fund: 'provincial-support-fund',
      form: 'grant',
      amount: 1_000_000,
    },
  },
  'POST /provinces/:code/campaigns/:year/disbursements': {
    body: { disbursementId: u(37), approvalId: A1, amount: 10_000_000, date: '2026-04-01', reference: 'x' },
  },
  'POST /provinces/:code/campaigns/:year/disbursements/:disbursementId/reversal': {
    body: { date: '2026-04-02', reason: 'x' },
  },
  'POST /provinces/:code/campaigns/:year/loan-appraisals': {
    body: {
      appraisalId: u(38),
      cooperativeId: C1,
      fund: 'provincial-support-fund',
      requestedAmount: 5,
      date: '2026-04-01',
      outcome: 'recommended',
    },
  },
  'POST /provinces/:code/campaigns/:year/nominations': { body: nominate(u(39), C4) },
  'POST /provinces/:code/campaigns/:year/nominations/:nominationId/shortlist': {
    params: { nominationId: N2 },
    body: { shortlistedOn: '2026-04-10' },
  },
  'POST /provinces/:code/campaigns/:year/nominations/:nominationId/forward': {
    params: { nominationId: N3 },
    body: { forwardedOn: '2026-04-15' },
  },
  'POST /provinces/:code/campaigns/:year/nominations/:nominationId/honour': {
    params: { nominationId: N1 },
    body: { award: 'Bằng khen', awardedBy: 'LM HTX VN', awardedOn: '2026-07-01' },
  },
  'POST /provinces/:code/campaigns/:year/nominations/:nominationId/decline': {
    params: { nominationId: N2 },
    body: { declinedOn: '2026-04-10', reason: 'x' },
  },
  'POST /provinces/:code/campaigns/:year/nominations/:nominationId/withdraw': {
    params: { nominationId: N2 },
    body: { withdrawnOn: '2026-04-10', reason: 'x' },
  },
  'POST /provinces/:code/campaigns/:year/nominations/:nominationId/takeover': {
    params: { nominationId: N2 },
    body: { to: '68', takenOverOn: '2026-05-01' },
  },
  // A multipart upload: denied callers are stopped at the gate whatever they send.
  'POST /provinces/:code/campaigns/:year/imports/:records': { body: {} },
  'POST /provinces/:code/tasks': {
    body: {
      taskId: u(40),
      plan: { number: '1/KH', date: '2026-01-05' },
      title: 'x',
      leadAgencies: ['x'],
      due: { kind: 'year', year: 2026 },
    },
  },
  'POST /provinces/:code/tasks/:taskId/progress': { body: { reportedOn: '2026-05-01', percent: 10, note: 'x' } },
  'POST /provinces/:code/tasks/:taskId/complete': { body: { completedOn: '2026-05-01' } },
  'POST /provinces/:code/tasks/:taskId/cancel': { body: { cancelledOn: '2026-05-01', reason: 'x' } },
  // See the petition's takeover above.
  'POST /provinces/:code/tasks/:taskId/takeover': { body: { to: '68', takenOverOn: '2026-05-01' } },
  'POST /provinces/:code/consultations': {
    body: {
      consultationId: u(41),
      draft: { title: 'x' },
      openedOn: '2026-01-05',
      parties: [{ partyId: 'p1', name: 'x', group: 'department' }],
    },
  },
  'POST /provinces/:code/consultations/:consultationId/replies': {
    body: { partyId: 'p1', repliedOn: '2026-01-10', position: 'agreed' },
  },
  'POST /provinces/:code/consultations/:consultationId/close': { body: { closedOn: '2026-01-20' } },
  'POST /provinces/:code/documents/:year/:document/narrative': { body: { sections: { results: 'x' } } },
  'POST /provinces/:code/documents/:year/:document/units/:unit/narrative': { body: { sections: { results: 'x' } } },
  // A multipart upload, like an import.
  'POST /provinces/:code/records/:recordKind/:recordId/attachments': { body: {} },
  'POST /provinces/:code/records/:recordKind/:recordId/attachments/:attachmentId/removal': { body: { reason: 'x' } },
};

/** Public routes whose URL needs more than a problem code to answer 200. */
const PUBLIC_URLS: Record<string, string> = {
  '/reference/communes': '/reference/communes?province=68',
  '/reference/communes/:map/:code': '/reference/communes/current/27694',
  '/reference/maps/communes/:province': '/reference/maps/communes/68',
};

/** Read routes whose URL needs a query to answer 200: the reminder letter, about a report someone is late with. */
const QUERIES: Record<string, string> = {
  'GET /provinces/:code/reporting/:year/reminders': '?period=adhoc-nhac-viec&date=2026-03-02',
  // The live feeds end once caught up, so that an allowed call answers.
  'GET /audit/feed': '?follow=false',
  'GET /provinces/:code/feed': '?follow=false',
};

/**
 * What an allowed caller gets where it is not 200 (GET) or 400 (a command sent with an empty body):
 * the webhook routes name a subscription that does not exist (PARAMS.webhookId), so that the
 * administrator passes the gate and writes nothing.
 */
const ALLOWED_ANSWER: Record<string, number> = {
  'GET /admin/webhooks/:webhookId': 404,
  'POST /admin/webhooks/:webhookId/pause': 404,
  'POST /admin/webhooks/:webhookId/resume': 404,
  'POST /admin/webhooks/:webhookId/remove': 404,
  // No narrative is written and the unit was not asked for the report: past the gate, nothing to read.
  'GET /provinces/:code/documents/:year/:document/narrative': 404,
  'GET /provinces/:code/documents/:year/:document/units/:unit/narrative': 404,
  'GET /provinces/:code/documents/:year/:document/units/:unit': 404,
  // An upload takes multipart/form-data: a JSON body is the wrong media type (415).
  'POST /provinces/:code/records/:recordKind/:recordId/attachments': 415,
};

const PARAMS: Record<string, string> = {
  webhookId: u(48),
  stream: `campaign-${OWN}-${YEAR}`,
  kind: 'half-year',
  period: 'half-year',
  unit: 'so-tai-chinh',
  submissionId: u(47),
  records: 'meetings',
  code: OWN,
  year: String(YEAR),
  meetingId: M1,
  publicationId: B1,
  trainingId: TR1,
  honourId: H1,
  visitId: VI1,
  promotionId: TP1,
  assistanceId: AS1,
  cooperativeId: C1,
  petitionId: P1,
  approvalId: A1,
  disbursementId: D1,
  nominationId: N1,
  taskId: T1,
  consultationId: K1,
  communeCode: '24781',
  document: 'half-year',
  recordKind: 'outreach-meetings',
  recordId: M1,
  attachmentId: 'set-in-beforeAll',
};

let store: EventStore;
let app: FastifyInstance;
/** The organisation's identity provider, with one account for each persona: the matrix runs with its tokens too. */
let provider: TestProvider;
const providerTokens = new Map<Persona, string>();
/** Where the personas' tokens come from: the service's own key, or the provider. */
let tokensFrom: 'key' | 'provider' = 'key';

async function call(
  method: string,
  url: string,
  persona: Persona | null,
  body?: object,
  extra: Record<string, string> = {},
) {
  const auth =
    persona === null
      ? {}
      : tokensFrom === 'provider'
        ? { authorization: `Bearer ${providerTokens.get(persona) as string}` }
        : bearer(persona);
  return app.inject({
    method: method as 'GET',
    url,
    headers: { ...auth, ...extra },
    ...(body ? { payload: body } : {}),
  });
}

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  const accounts = new Map<string, TestAccount>();
  for (const [name, p] of Object.entries(personas)) {
    if (p === null) continue;
    const id = name.replace(/\W+/g, '-');
    accounts.set(id, {
      id,
      name,
      roles: ['offline_access', providerRole(p.role)],
      ...(p.province !== undefined ? { province: p.province } : {}),
      ...(p.unit !== undefined ? { unit: p.unit } : {}),
      ...(p.commune !== undefined ? { commune: p.commune } : {}),
    });
  }
  provider = await startProvider({ accounts });
  for (const [name, p] of Object.entries(personas))
    if (p !== null) providerTokens.set(p, (await signInOverHttp(provider, name.replace(/\W+/g, '-'))).access_token);
  const oidc = loadConfig({
    OIDC_ISSUER: provider.issuer,
    OIDC_AUDIENCE: API_AUDIENCE,
    OIDC_ROLES_CLAIM: 'realm_access.roles',
    OIDC_ROLE_MAP: ROLE_MAP_ENV,
  }).oidc;
  app = await buildServer({
    store,
    key: TEST_KEY,
    ...(oidc ? { oidc } : {}),
    logLevel: 'silent',
    rateLimitPerMinute: 100_000,
  });
  const me = personas['own officer'] as Persona;
  const setup: [string, string, object, Persona?][] = [
    [
      'POST',
      `/provinces/${OWN}/campaigns`,
      {
        year: YEAR,
        plan: { number: '1/KH', date: '2026-02-01' },
        theme: 'x',
        budgets: [{ fund: 'provincial-support-fund', amount: 500_000_000 }],
      },
    ],
    ...[C1, C2, C3, C4].map((c): [string, string, object] => ['POST', `/provinces/${OWN}/cooperatives`, coop(c)]),
    [
      'POST',
      `/provinces/${OWN}/campaigns/${YEAR}/support-approvals`,
      {
        approvalId: A1,
        decision: { number: '2/QĐ', date: '2026-03-01' },
        cooperativeId: C1,
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 100_000_000,
      },
    ],
    [
      'POST',
      `/provinces/${OWN}/campaigns/${YEAR}/disbursements`,
      { disbursementId: D1, approvalId: A1, amount: 50_000_000, date: '2026-04-01', reference: 'x' },
    ],
    [
      'POST',
      `/provinces/${OWN}/campaigns/${YEAR}/outreach-meetings`,
      {
        meetingId: M1,
        date: '2026-04-11',
        place: { communeCode: '24781' },
        format: 'conference',
        topics: ['other'],
        attendees: 5,
        organisedBy: 'x',
      },
    ],
    [
      'POST',
      `/provinces/${OWN}/campaigns/${YEAR}/publications`,
      { publicationId: B1, kind: 'bulletin', outlet: 'x', date: '2026-04-11', title: 'x', topics: ['other'] },
    ],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/trainings`, training(TR1)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/honours`, honour(H1)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/visits`, visit(VI1)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/trade-promotions`, promotion(TP1)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/support-in-kind`, assistance(AS1)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/nominations`, nominate(N1, C1)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/nominations`, nominate(N2, C2)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/nominations`, nominate(N3, C3)],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/nominations/${N1}/shortlist`, { shortlistedOn: '2026-04-10' }],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/nominations/${N1}/forward`, { forwardedOn: '2026-04-15' }],
    ['POST', `/provinces/${OWN}/campaigns/${YEAR}/nominations/${N3}/shortlist`, { shortlistedOn: '2026-04-10' }],
    [
      'POST',
      `/provinces/${OWN}/campaigns/${YEAR}/dialogues`,
      { dialogueId: G1, date: '2026-04-11', place: 'x', communeCode: '24781', chairedBy: 'x', attendees: 5 },
    ],
    [
      'POST',
      `/provinces/${OWN}/campaigns/${YEAR}/petitions`,
      {
        petitionId: P1,
        submittedBy: 'x',
        submittedOn: '2026-04-11',
        topic: 'land',
        subject: 'x',
        content: 'x',
        addressedTo: 'x',
      },
    ],
    [
      'POST',
      `/provinces/${OWN}/steering-committee`,
      {
        decision: { number: '1/QĐ-UBND', date: '2026-01-10' },
        members: [{ memberId: 'truong-ban', position: 'Phó Chủ tịch UBND tỉnh', agency: 'UBND tỉnh', role: 'head' }],
      },
    ],
    [
      'POST',
      `/provinces/${OWN}/tasks`,
      {
        taskId: T1,
        plan: { number: '1/KH', date: '2026-01-05' },
        title: 'x',
        leadAgencies: ['x'],
        due: { kind: 'year', year: 2026 },
      },
    ],
    // An ad-hoc report the standing agency has not sent by its due day: the reminder letter's subject.
    [
      'POST',
      `/provinces/${OWN}/reporting/${YEAR}/adhoc-nhac-viec/requests`,
      {
        from: [{ unit: 'standing-agency', name: 'Cơ quan thường trực BCĐ' }],
        title: 'Báo cáo đột xuất tiến độ nhiệm vụ',
        window: { from: '2026-01-01', to: '2026-01-31' },
        dueBy: '2026-02-10',
      },
    ],
    [
      'POST',
      `/provinces/${OWN}/consultations`,
      {
        consultationId: K1,
        draft: { title: 'x' },
        openedOn: '2026-01-05',
        parties: [{ partyId: 'p1', name: 'x', group: 'department' }],
      },
    ],
  ];
  for (const [method, url, body, who] of setup) {
    const r = await call(method, url, who ?? me, body);
    expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
  }
  // A photo attached to the meeting: the file routes' attachment (an image, so that its preview answers).
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const form = await multipart({ name: 'Ảnh.png', bytes: photo });
  const attached = await app.inject({
    method: 'POST',
    url: `/provinces/${OWN}/records/outreach-meetings/${M1}/attachments`,
    headers: { ...bearer(me), ...form.headers },
    payload: form.payload,
  });
  expect(attached.statusCode, attached.body).toBe(201);
  PARAMS.attachmentId = String(attached.headers.location).split('/').pop() as string;
  await app.inject({ url: `/provinces/${OWN}/campaigns?minPosition=${attached.json().position}`, headers: bearer(me) });
});
afterAll(async () => {
  await app.close();
  await provider.close();
  await store.close();
});

describe('authorization matrix over the route table', () => {
  it.each([
    ["the service's own key", 'key'],
    ["the organisation's identity provider", 'provider'],
  ] as const)(
    'gives every route × persona the expected status with tokens from %s, and no denied request writes anything',
    async (_from, source) => {
      tokensFrom = source;
      const routes = app.routeTable.filter((r) => r.method !== 'HEAD');
      expect(routes.length).toBeGreaterThan(40);
      const head = await store.headPosition();
      const failures: string[] = [];
      let checked = 0;
      for (const route of routes) {
        if (route.access === 'public') {
          if (route.url.startsWith('/docs')) continue;
          const url = PUBLIC_URLS[route.url] ?? route.url.replace(':code', 'fund-budget-exceeded');
          const r = await call(route.method, url, null);
          if (r.statusCode !== 200) failures.push(`${route.method} ${route.url} public → ${r.statusCode}`);
          continue;
        }
        const key = `${route.method} ${route.url}`;
        const valid = VALID[key];
        const command = route.method === 'POST' && (!route.url.startsWith('/admin/') || valid !== undefined);
        if (command && valid === undefined) failures.push(`${key}: no valid body in this test — add one`);
        const url =
          route.url.replace(/:(\w+)/g, (_m, p: string) => valid?.params?.[p] ?? PARAMS[p] ?? 'missing') +
          (QUERIES[key] ?? '');
        for (const [name, persona] of Object.entries(personas)) {
          checked++;
          const allow = expectedAllowed(name, route.method, route.url);
          if (allow) {
            // Allowed callers pass the gate: a GET answers 200; a POST with an empty body fails validation (400), writing nothing.
            const r = await call(route.method, url, persona, command ? {} : undefined);
            // An import takes multipart/form-data: a JSON body is the wrong media type (415).
            const want = ALLOWED_ANSWER[key] ?? (command ? (route.url.includes('/imports/') ? 415 : 400) : 200);
            if (r.statusCode !== want)
              failures.push(`${key} as ${name}: ${r.statusCode}, expected ${want} ${r.body.slice(0, 200)}`);
          } else {
            // Denied callers send a body that would succeed: only the gate stops them.
            const r = await call(route.method, url, persona, command ? valid?.body : undefined);
            const want = persona === null ? 401 : 403;
            if (r.statusCode !== want) failures.push(`${key} as ${name}: ${r.statusCode}, expected ${want}`);
            else if (!r.headers['content-type']?.toString().startsWith('application/problem+json'))
              failures.push(`${key} as ${name}: not problem+json`);
          }
        }
      }
      tokensFrom = 'key';
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(280);
      expect(await store.headPosition()).toBe(head);
    },
  );

  it('lets a commune officer record meetings in their own commune only, and read that commune alone', async () => {
    const commune = personas['own commune officer'] as Persona;
    const meetings = `/provinces/${OWN}/campaigns/${YEAR}/outreach-meetings`;
    const meeting = (n: number, communeCode: string) => ({
      meetingId: u(700 + n),
      date: '2026-04-15',
      place: { communeCode },
      format: 'conference',
      topics: ['other'],
      attendees: 25,
      organisedBy: 'UBND phường',
    });
    const head = await store.headPosition();
    // Phường Lâm Viên - Đà Lạt (24778) is another commune of the province: refused, nothing written.
    const elsewhere = await call('POST', meetings, commune, meeting(1, '24778'));
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().detail).toContain('Phường Xuân Hương - Đà Lạt');
    expect(await store.headPosition()).toBe(head);
    expect((await call('POST', meetings, commune, meeting(2, '24781'))).statusCode).toBe(201);
    expect((await call('GET', `/provinces/${OWN}/communes/24781`, commune)).statusCode).toBe(200);
    expect((await call('GET', `/provinces/${OWN}/communes/24778`, commune)).statusCode).toBe(403);
    expect((await call('GET', `/provinces/${OWN}/campaigns/${YEAR}/dashboard`, commune)).statusCode).toBe(403);
  });

  it("lets each reporter send and read only its own unit's reports, in its own province", async () => {
    const base = `/provinces/${OWN}/reporting/${YEAR}/half-year/units`;
    const head = await store.headPosition();
    const send = (unit: string, who: Persona) => call('POST', `${base}/${unit}/submissions`, who, {});
    const commune = personas['own commune officer'] as Persona;
    const steering = personas['own steering member'] as Persona;
    const officer = personas['own officer'] as Persona;
    // Their own unit: past the gate (an empty body is then refused by validation).
    expect((await send('24781', commune)).statusCode).toBe(400);
    expect((await send('standing-agency', steering)).statusCode).toBe(400);
    expect((await send('alliance', officer)).statusCode).toBe(400);
    // Another unit's, another province's: refused at the gate.
    expect((await send('25748', commune)).statusCode).toBe(403);
    expect((await send('so-tai-chinh', steering)).statusCode).toBe(403);
    expect((await send('so-tai-chinh', officer)).statusCode).toBe(403);
    expect((await send('alliance', commune)).statusCode).toBe(403);
    const elsewhere = await call(
      'POST',
      `/provinces/80/reporting/${YEAR}/half-year/units/24781/submissions`,
      commune,
      {},
    );
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().detail).toBe(
      'role commune_officer of province 68 may not write the reports of unit 24781 in records of 80',
    );
    expect((await call('GET', `${base}/24781`, commune)).statusCode).toBe(200);
    expect((await call('GET', `${base}/25748`, commune)).statusCode).toBe(403);
    expect((await call('GET', `${base}/standing-agency`, steering)).statusCode).toBe(200);
    // A reporter's token names its unit: one without it is not usable.
    const noUnit = mintToken(TEST_KEY, { sub: 'x', role: 'department_officer', province: OWN, app: 't' }, 60);
    const r = await app.inject({
      method: 'GET',
      url: `${base}/so-tai-chinh`,
      headers: { authorization: `Bearer ${noUnit}` },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().detail).toContain('unit');
    // Nor is a department officer's token one of the alliance's.
    const posing = mintToken(
      TEST_KEY,
      { sub: 'x', role: 'department_officer', province: OWN, unit: 'alliance', app: 't' },
      60,
    );
    const p = await app.inject({
      method: 'POST',
      url: `${base}/alliance/submissions`,
      headers: { authorization: `Bearer ${posing}` },
      payload: {},
    });
    expect(p.statusCode).toBe(401);
    expect(await store.headPosition()).toBe(head);
  });

  it('lets a successor province read and write its predecessors’ records, and nobody else’s', async () => {
    const lamDong = personas['own officer'] as Persona;
    expect((await call('GET', '/provinces/67/cooperatives', lamDong)).statusCode).toBe(200); // Đắk Nông → Lâm Đồng
    expect((await call('GET', '/provinces/60/cooperatives', lamDong)).statusCode).toBe(200); // Bình Thuận → Lâm Đồng
    expect((await call('GET', '/provinces/72/cooperatives', lamDong)).statusCode).toBe(403); // Tây Ninh → Tây Ninh
    expect((await call('GET', '/provinces/VN/campaigns', lamDong)).statusCode).toBe(403);
    expect((await call('POST', '/provinces/VN/campaigns', personas.national as Persona, {})).statusCode).toBe(400);
  });
});

describe('tokens', () => {
  const url = `/provinces/${OWN}/campaigns/${YEAR}`;
  it('refuses expired, malformed, wrongly signed and wrong-algorithm tokens with 401', async () => {
    const claims = { sub: 'x', role: 'provincial_officer', province: OWN, app: 't' };
    const expired = mintToken(TEST_KEY, claims, 60, Date.now() - 3_600_000);
    const wrongKey = createSigner({
      key: 'another-secret-another-secret-another',
      algorithm: 'HS256',
      expiresIn: 60_000,
    })(claims);
    const wrongAlg = createSigner({
      key: (TEST_KEY as { secret: string }).secret,
      algorithm: 'HS512',
      expiresIn: 60_000,
    })(claims);
    const unsigned = createSigner({ algorithm: 'none', expiresIn: 60_000 })(claims);
    const noProvince = mintToken(TEST_KEY, { sub: 'x', role: 'provincial_officer', app: 't' }, 60);
    for (const [what, token] of [
      ['expired', expired],
      ['malformed', 'abc.def'],
      ['wrongly signed', wrongKey],
      ['HS512', wrongAlg],
      ['alg none', unsigned],
      ['provincial role without province', noProvince],
    ]) {
      const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(r.statusCode, what).toBe(401);
      expect(r.json(), what).toMatchObject({ type: problem('unauthorized'), status: 401 });
      expect(r.headers['www-authenticate'], what).toMatch(/^Bearer/);
    }
    const expiredBody = (
      await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${expired}` } })
    ).json();
    expect(expiredBody.detail).toBe('the token has expired');
  });

  it('stops accepting a token the moment it expires, even after it was accepted before', async () => {
    const token = mintToken(TEST_KEY, { sub: 'x', role: 'provincial_officer', province: OWN, app: 't' }, 60);
    const ask = () => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await ask()).statusCode).toBe(200);
    expect((await ask()).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 61_000);
      const r = await ask();
      expect(r.statusCode).toBe(401);
      expect(r.json().detail).toBe('the token has expired');
    } finally {
      vi.useRealTimers();
    }
  });

  it('records the actor from the token: an actor forged in the body is refused, one in a header ignored', async () => {
    const persona = { role: 'provincial_officer', province: OWN, sub: 'nguyen.van.a', app: 'lam-dong-app' };
    const meeting = {
      meetingId: u(50),
      date: '2026-04-12',
      place: { communeCode: '24781' },
      format: 'seminar',
      topics: ['other'],
      attendees: 9,
      organisedBy: 'x',
    };
    const forged = await call('POST', `/provinces/${OWN}/campaigns/${YEAR}/outreach-meetings`, persona, {
      ...meeting,
      actor: 'forged-person',
      metadata: { actor: 'forged-person', role: 'admin' },
    });
    expect(forged.statusCode).toBe(400);
    expect((forged.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual([
      'actor',
      'metadata',
    ]);
    expect(await store.readStream(`outreach-${OWN}-${YEAR}-${u(50)}`)).toEqual([]);
    const r = await call('POST', `/provinces/${OWN}/campaigns/${YEAR}/outreach-meetings`, persona, meeting, {
      'x-actor': 'forged-person',
    });
    expect(r.statusCode).toBe(201);
    const [event] = await store.readStream(`outreach-${OWN}-${YEAR}-${u(50)}`);
    expect(event?.metadata).toMatchObject({
      actor: 'nguyen.van.a',
      role: 'provincial_officer',
      app: 'lam-dong-app',
      province: OWN,
    });
    expect(JSON.stringify(event)).not.toContain('forged-person');
  });
});

describe('problem types', () => {
  it('are absolute URIs under PUBLIC_URL when it is set, else under the origin the request was sent to', async () => {
    const s = await SqliteEventStore.open({ path: ':memory:' });
    const pinned = await buildServer({
      store: s,
      key: TEST_KEY,
      logLevel: 'silent',
      publicUrl: 'https://htx.example.vn',
    });
    expect((await pinned.inject({ method: 'GET', url: '/nowhere' })).json()).toMatchObject({
      type: 'https://htx.example.vn/problems/not-found',
    });
    expect((await pinned.inject({ method: 'GET', url: '/provinces/68/campaigns' })).json()).toMatchObject({
      type: 'https://htx.example.vn/problems/unauthorized',
    });
    const plain = await buildServer({ store: s, key: TEST_KEY, logLevel: 'silent' });
    expect(
      (await plain.inject({ method: 'GET', url: '/nowhere', headers: { host: 'lienminhhtx.lamdong.gov.vn' } })).json(),
    ).toMatchObject({ type: 'http://lienminhhtx.lamdong.gov.vn/problems/not-found' });
    await pinned.close();
    await plain.close();
    await s.close();
  });
});

describe('hardening', () => {
  it('limits requests per caller with a 429 problem', async () => {
    const s = await SqliteEventStore.open({ path: ':memory:' });
    const limited = await buildServer({ store: s, key: TEST_KEY, logLevel: 'silent', rateLimitPerMinute: 3 });
    const h = bearer({ role: 'national_officer', sub: 'busy' });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await limited.inject({ method: 'GET', url: '/provinces/68/campaigns', headers: h })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const r = await limited.inject({ method: 'GET', url: '/provinces/68/campaigns', headers: h });
    expect(r.json()).toMatchObject({ type: problem('rate-limited'), status: 429 });
    // Another caller has its own budget.
    expect(
      (
        await limited.inject({
          method: 'GET',
          url: '/provinces/68/campaigns',
          headers: bearer({ role: 'national_officer', sub: 'calm' }),
        })
      ).statusCode,
    ).toBe(200);
    // Requests without a valid token are counted by address: guessing tokens is limited too.
    const anonymous = [];
    for (let i = 0; i < 4; i++)
      anonymous.push(
        (
          await limited.inject({
            method: 'GET',
            url: '/provinces/68/campaigns',
            remoteAddress: '203.0.113.9',
            headers: { authorization: 'Bearer not-a-token' },
          })
        ).statusCode,
      );
    expect(anonymous).toEqual([401, 401, 401, 429]);
    expect(
      (await limited.inject({ method: 'GET', url: '/provinces/68/campaigns', remoteAddress: '203.0.113.9' })).headers[
        'retry-after'
      ],
    ).toBeDefined();
    expect(
      (await limited.inject({ method: 'GET', url: '/provinces/68/campaigns', remoteAddress: '203.0.113.10' }))
        .statusCode,
    ).toBe(401);
    await limited.close();
    await s.close();
  });

  it('sends security headers and refuses bodies over 1 MiB with 413, writing nothing', async () => {
    const r = await call('GET', '/health', null);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBeDefined();
    const head = await store.headPosition();
    const big = await call('POST', `/provinces/${OWN}/tasks`, personas['own officer'] as Persona, {
      taskId: u(60),
      plan: { number: '1', date: '2026-01-01' },
      title: 'x'.repeat(2_000_000),
      leadAgencies: ['x'],
      due: { kind: 'year', year: 2026 },
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ type: problem('payload-too-large') });
    expect(await store.headPosition()).toBe(head);
  });

  it('answers failures without stack traces or internals', async () => {
    const broken = Object.create(store, {
      readStream: {
        value: async () => {
          throw new Error('SQLITE_IOERR at /var/lib/secret/path.db');
        },
      },
    }) as EventStore;
    const s = await buildServer({ store: broken, key: TEST_KEY, logLevel: 'silent' });
    const r = await s.inject({
      method: 'POST',
      url: `/provinces/${OWN}/tasks/${T1}/progress`,
      headers: bearer(personas['own officer'] as Persona),
      payload: { reportedOn: '2026-05-01', percent: 10, note: 'x' },
    });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({
      type: problem('internal'),
      title: 'Internal error',
      status: 500,
      detail: 'the service failed to answer this request',
      instance: `/provinces/${OWN}/tasks/${T1}/progress`,
    });
    await s.close();
  });

  it('answers CORS only for the configured origins', async () => {
    const s = await SqliteEventStore.open({ path: ':memory:' });
    const withCors = await buildServer({
      store: s,
      key: TEST_KEY,
      logLevel: 'silent',
      corsOrigins: ['https://app.lmhtx.example'],
    });
    const ok = await withCors.inject({
      method: 'GET',
      url: '/health',
      headers: { origin: 'https://app.lmhtx.example' },
    });
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.lmhtx.example');
    const other = await withCors.inject({ method: 'GET', url: '/health', headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    await withCors.close();
    await s.close();
  });
});

describe('keys and configuration', () => {
  it('refuses to start in production without a key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).auth).toEqual({
      kind: 'hs256',
      secret: 'x'.repeat(32),
    });
  });

  it('mints development tokens with the secret kept in DATA_DIR, which the service accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cam-dev-'));
    try {
      const key = resolveKey({ kind: 'dev' }, dir);
      expect(resolveKey({ kind: 'dev' }, dir)).toEqual(key); // stable across restarts
      const s = await SqliteEventStore.open({ path: ':memory:' });
      const devApp = await buildServer({ store: s, key, logLevel: 'silent' });
      const token = mintToken(key, { sub: 'dev', role: 'national_officer', app: 'cli' }, 60);
      expect(
        (
          await devApp.inject({
            method: 'GET',
            url: '/provinces/68/campaigns',
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      ).toBe(200);
      expect(
        (
          await devApp.inject({
            method: 'GET',
            url: '/provinces/68/campaigns',
            headers: { authorization: `Bearer ${tokenFor({ role: 'national_officer' })}` },
          })
        ).statusCode,
      ).toBe(401);
      await devApp.close();
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
