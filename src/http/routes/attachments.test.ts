import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { launch2026 } from '../../../test/support/campaign.ts';
import { multipart, pdfBytes } from '../../../test/support/multipart.ts';
import { problem } from '../../../test/support/problem.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { FolderFileStore } from '../../files/folder.ts';
import { fileStoreFault, type FileStore } from '../../files/types.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const MEETING = ID(1);
const SUBMISSION = ID(2);
const LIMIT = 256 * 1024;

describe('files attached to records over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  let files: FolderFileStore;
  let dir: string;
  /** Fails every put as a full disk would, while set. */
  let diskFull = false;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const viewer = bearer({ role: 'provincial_viewer', province: '68', app: 'test' });
  const elsewhere = bearer({ role: 'provincial_officer', province: '80', app: 'test' });
  const communeHere = bearer({ role: 'commune_officer', province: '68', commune: '24781', app: 'test' });
  const communeThere = bearer({ role: 'commune_officer', province: '68', commune: '24778', app: 'test' });
  const finance = bearer({ role: 'department_officer', province: '68', unit: 'so-tai-chinh', app: 'test' });
  const homeAffairs = bearer({ role: 'department_officer', province: '68', unit: 'so-noi-vu', app: 'test' });
  const meeting = `/provinces/68/records/outreach-meetings/${MEETING}/attachments`;
  const submission = `/provinces/68/records/report-submissions/${SUBMISSION}/attachments`;

  const upload = async (
    url: string,
    auth: Record<string, string>,
    file: { name: string; bytes: Uint8Array },
    fields: Record<string, string> = {},
    extra: Record<string, string> = {},
  ) => {
    const body = await multipart(file, fields);
    return app.inject({ method: 'POST', url, headers: { ...auth, ...body.headers, ...extra }, payload: body.payload });
  };
  /** What a refusal must leave: no event, no kept file, no temporary file. */
  const nothingKept = async (head: number, keys: string[]) => {
    expect(await store.headPosition()).toBe(head);
    const now: string[] = [];
    for await (const k of files.keys()) now.push(k);
    expect(now).toEqual(keys);
    expect(readdirSync(files.incoming)).toEqual([]);
  };
  const keys = async () => {
    const all: string[] = [];
    for await (const k of files.keys()) all.push(k);
    return all;
  };

  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    dir = mkdtempSync(join(tmpdir(), 'cam-attach-test-'));
    files = await FolderFileStore.open(dir);
    const faulty: FileStore = Object.assign(Object.create(files) as FolderFileStore, {
      put: async (key: string, path: string) => {
        if (diskFull)
          throw fileStoreFault(
            Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }),
            'keep the file',
          );
        return files.put(key, path);
      },
    });
    app = await buildServer({
      store,
      logLevel: 'silent',
      key: TEST_KEY,
      maxEventLoopDelayMs: 60_000,
      files: faulty,
      attachmentMaxBytes: LIMIT,
    });
    const setup: [string, string, object, Record<string, string>][] = [
      ['POST', '/provinces/68/campaigns', launch2026, officer],
      [
        'POST',
        '/provinces/68/campaigns/2026/outreach-meetings',
        {
          meetingId: MEETING,
          date: '2026-04-11',
          place: { communeCode: '24781' },
          format: 'conference',
          topics: ['other'],
          attendees: 40,
          organisedBy: 'UBND phường',
        },
        officer,
      ],
      [
        'POST',
        '/provinces/68/reporting/2026/half-year/requests',
        { from: [{ unit: 'so-tai-chinh', name: 'Sở Tài chính' }] },
        officer,
      ],
      [
        'POST',
        '/provinces/68/reporting/2026/half-year/units/so-tai-chinh/submissions',
        { submissionId: SUBMISSION, submittedOn: '2026-07-10', narrative: 'Kết quả 6 tháng' },
        finance,
      ],
    ];
    for (const [method, url, payload, headers] of setup) {
      const r = await app.inject({ method: method as 'POST', url, headers, payload });
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps an uploaded PDF and gives back the same bytes, with its type, its Vietnamese name and its hash as ETag', async () => {
    const bytes = pdfBytes('Biên bản', 100_000);
    const name = 'Biên bản hội nghị tuyên truyền Luật HTX.pdf';
    const r = await upload(meeting, officer, { name, bytes }, { caption: 'Biên bản hội nghị số 12/BB-LMHTX' });
    expect(r.statusCode, r.body).toBe(201);
    const location = r.headers.location as string;
    expect(location).toMatch(new RegExp(`^${meeting}/[0-9a-f-]{36}$`));
    const list = await app.inject({ url: `${meeting}?minPosition=${r.json().position}`, headers: viewer });
    expect(list.statusCode).toBe(200);
    expect(list.json().files).toEqual([
      expect.objectContaining({
        name,
        caption: 'Biên bản hội nghị số 12/BB-LMHTX',
        mediaType: 'application/pdf',
        extension: 'pdf',
        size: bytes.length,
        sha256: sha(bytes),
        status: 'attached',
      }),
    ]);
    const got = await app.inject({ url: location, headers: viewer });
    expect(got.statusCode).toBe(200);
    expect(sha(got.rawPayload)).toBe(sha(bytes));
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers.etag).toBe(`"${sha(bytes)}"`);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="Bien ban hoi nghi tuyen truyen Luat HTX.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    const again = await app.inject({
      url: location,
      headers: { ...viewer, 'if-none-match': got.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers a byte range with 206 and the range outside the file with 416', async () => {
    const bytes = pdfBytes('Quyết định', 5000);
    const r = await upload(meeting, officer, { name: 'QĐ 12-QĐ-UBND.pdf', bytes });
    expect(r.statusCode, r.body).toBe(201);
    const url = r.headers.location as string;
    const part = await app.inject({ url, headers: { ...viewer, range: 'bytes=100-199' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await app.inject({ url, headers: { ...viewer, range: 'bytes=-6' } });
    expect(tail.rawPayload.toString()).toBe('\n%%EOF');
    const outside = await app.inject({ url, headers: { ...viewer, range: `bytes=${bytes.length + 10}-` } });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
    expect(outside.json().type).toEqual(problem('range-not-satisfiable'));
  });

  it('makes a preview of a photo at most 320 px wide, once', async () => {
    const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2a7' } })
      .jpeg()
      .toBuffer();
    const r = await upload(meeting, communeHere, { name: 'Ảnh hội nghị.jpg', bytes: photo });
    expect(r.statusCode, r.body).toBe(201);
    const preview = await app.inject({ url: `${r.headers.location as string}/preview`, headers: officer });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/webp');
    const meta = await sharp(preview.rawPayload).metadata();
    expect(meta.width).toBe(320);
    expect(await keys()).toContain(`${sha(photo)}-w320.webp`);
    const pdf = (await app.inject({ url: meeting, headers: officer })).json().files[0].attachmentId as string;
    expect((await app.inject({ url: `${meeting}/${pdf}/preview`, headers: officer })).statusCode).toBe(404);
  });

  it('refuses a file over the limit (413), of a type not taken (415), and callers who may not write the record, keeping nothing', async () => {
    const head = await store.headPosition();
    const kept = await keys();
    const big = await upload(meeting, officer, { name: 'to.pdf', bytes: pdfBytes('x', LIMIT + 1) });
    expect(big.statusCode).toBe(413);
    expect(big.json().type).toEqual(problem('attachment-too-large'));
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]);
    const program = await upload(meeting, officer, { name: 'bien-ban.pdf', bytes: exe });
    expect(program.statusCode).toBe(415);
    expect(program.json().detail).toContain('application/x-msdownload');
    const text = await upload(meeting, officer, { name: 'ghi-chu.pdf', bytes: Buffer.from('chỉ là chữ') });
    expect(text.statusCode).toBe(415);
    expect(text.json().detail).toContain('unknown');
    const pdf = { name: 'x.pdf', bytes: pdfBytes('khác') };
    expect((await upload(meeting, elsewhere, pdf)).statusCode).toBe(403);
    expect((await upload(meeting.replace('/68/', '/80/'), officer, pdf)).statusCode).toBe(403);
    // The province's own path, another province's record: not found.
    expect((await upload(`/provinces/68/records/tasks/${ID(99)}/attachments`, officer, pdf)).statusCode).toBe(404);
    expect((await upload(meeting, viewer, pdf)).statusCode).toBe(403);
    const otherCommune = await upload(meeting, communeThere, pdf);
    expect(otherCommune.statusCode).toBe(403);
    expect(otherCommune.json().detail).toContain('commune officer');
    expect((await upload(meeting, finance, pdf)).statusCode).toBe(403);
    expect((await app.inject({ url: meeting, headers: elsewhere })).statusCode).toBe(403);
    expect((await app.inject({ url: meeting, headers: finance })).statusCode).toBe(403);
    await nothingKept(head, kept);
  });

  it('answers a body cut off in the middle of the file with 400, keeping nothing', async () => {
    const head = await store.headPosition();
    const kept = await keys();
    const body = await multipart({ name: 'cut.pdf', bytes: pdfBytes('cắt ngang', 50_000) });
    const r = await app.inject({
      method: 'POST',
      url: meeting,
      headers: { ...officer, ...body.headers },
      payload: body.payload.subarray(0, 20_000),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().type).toEqual(problem('validation'));
    await nothingKept(head, kept);
  });

  it('answers 503 when the file store cannot keep the file (disk full), leaving no event and no temporary file', async () => {
    const head = await store.headPosition();
    const kept = await keys();
    diskFull = true;
    try {
      const r = await upload(meeting, officer, { name: 'day-dia.pdf', bytes: pdfBytes('đầy đĩa') });
      expect(r.statusCode).toBe(503);
      expect(r.json().type).toEqual(problem('store-unavailable'));
    } finally {
      diskFull = false;
    }
    await nothingKept(head, kept);
  });

  it('takes the same file once per record, answers a retry with the same Idempotency-Key as the first time, and refuses the key with another file', async () => {
    const bytes = pdfBytes('Kế hoạch', 3000);
    const key = { 'idempotency-key': 'attach-ke-hoach-1' };
    const first = await upload(meeting, officer, { name: 'Kế hoạch.pdf', bytes }, {}, key);
    expect(first.statusCode).toBe(201);
    const retry = await upload(meeting, officer, { name: 'Kế hoạch.pdf', bytes }, {}, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    const other = await upload(meeting, officer, { name: 'Kế hoạch.pdf', bytes: pdfBytes('khác') }, {}, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toEqual(problem('idempotency-key-reused'));
    const twice = await upload(meeting, officer, { name: 'Bản sao.pdf', bytes });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().type).toEqual(problem('attachment-already-attached'));
  });

  it("lets a unit's reporter and the province's reviewer attach files to the unit's submission, and no other unit", async () => {
    const r = await upload(submission, finance, { name: 'Báo cáo 6 tháng.pdf', bytes: pdfBytes('Báo cáo') });
    expect(r.statusCode, r.body).toBe(201);
    expect((await upload(submission, officer, { name: 'Góp ý.pdf', bytes: pdfBytes('Góp ý') })).statusCode).toBe(201);
    expect((await upload(submission, homeAffairs, { name: 'x.pdf', bytes: pdfBytes('x') })).statusCode).toBe(403);
    const list = await app.inject({ url: `${submission}?minPosition=${r.json().position}`, headers: finance });
    expect(list.statusCode).toBe(200);
    expect(list.json().record).toMatchObject({ kind: 'report-submissions', period: 'half-year', unit: 'so-tai-chinh' });
    expect((await app.inject({ url: submission, headers: homeAffairs })).statusCode).toBe(403);
  });

  it('removes a file with a reason: it stays listed as removed, its bytes stay downloadable, a second removal is refused', async () => {
    const bytes = pdfBytes('Nhầm', 2000);
    const r = await upload(meeting, officer, { name: 'Nhầm tệp.pdf', bytes });
    const url = r.headers.location as string;
    const removed = await app.inject({
      method: 'POST',
      url: `${url}/removal`,
      headers: officer,
      payload: { reason: 'Nhầm tệp' },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const list = await app.inject({ url: `${meeting}?minPosition=${removed.json().position}`, headers: officer });
    const f = list.json().files.find((x: { attachmentId: string }) => url.endsWith(x.attachmentId));
    expect(f).toMatchObject({ status: 'removed', removed: { reason: 'Nhầm tệp' } });
    expect(sha((await app.inject({ url, headers: officer })).rawPayload)).toBe(sha(bytes));
    const again = await app.inject({
      method: 'POST',
      url: `${url}/removal`,
      headers: officer,
      payload: { reason: 'x' },
    });
    expect(again.json().type).toEqual(problem('attachment-removed'));
  });
});
