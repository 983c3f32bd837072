import type { FastifyInstance } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../src/eventstore/postgres/store.ts';
import { CHUNK_BYTES, PostgresFileStore } from '../src/files/postgres.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';
import { multipart, pdfBytes } from './support/multipart.ts';
import { startTestPostgres } from './support/postgres.ts';

const db = await startTestPostgres();
if ('skip' in db) console.log(`attachments on PostgreSQL skipped: ${db.skip}`);

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe.skipIf('skip' in db)('files attached to records, kept in PostgreSQL', () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closing.reverse()) await c();
    if (!('skip' in db)) await db.stop();
  });

  it('gives back the bytes it took, whole and by range across its rows, keeps one copy of the same bytes, and keeps nothing of a refused file', async () => {
    if ('skip' in db) return;
    const schema = `files_${randomUUID().slice(0, 8)}`;
    const incoming = mkdtempSync(join(tmpdir(), 'cam-pg-incoming-'));
    const store = await PostgresEventStore.open({ connectionString: db.url, schema });
    const files = await PostgresFileStore.open({ url: db.url, schema, incoming });
    const app: FastifyInstance = await buildServer({ store, files, key: TEST_KEY, logLevel: 'silent' });
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    closing.push(
      async () => rmSync(incoming, { recursive: true, force: true }),
      () => store.close(),
      () => files.close(),
      () => app.close(),
      () => sql.end(),
    );
    const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, headers: officer, payload });
    expect((await post('/provinces/68/campaigns', launch2026)).statusCode).toBe(201);
    const meeting = {
      date: '2026-04-11',
      place: { communeCode: '24781' },
      format: 'conference',
      topics: ['other'],
      attendees: 40,
      organisedBy: 'x',
    };
    for (const n of [1, 2])
      expect(
        (await post('/provinces/68/campaigns/2026/outreach-meetings', { meetingId: ID(n), ...meeting })).statusCode,
      ).toBe(201);
    const upload = async (n: number, bytes: Uint8Array, name = 'Kế hoạch tổ chức Tháng hành động.pdf') => {
      const body = await multipart({ name, bytes });
      return app.inject({
        method: 'POST',
        url: `/provinces/68/records/outreach-meetings/${ID(n)}/attachments`,
        headers: { ...officer, ...body.headers },
        payload: body.payload,
      });
    };

    const plan = pdfBytes('Kế hoạch', 4 * CHUNK_BYTES + 12_345);
    const first = await upload(1, plan);
    expect(first.statusCode, first.body).toBe(201);
    const url = first.headers.location as string;
    const whole = await app.inject({ url, headers: officer });
    expect(whole.statusCode).toBe(200);
    expect(sha(whole.rawPayload)).toBe(sha(plan));
    const from = CHUNK_BYTES - 100;
    const to = 2 * CHUNK_BYTES + 100;
    const part = await app.inject({ url, headers: { ...officer, range: `bytes=${from}-${to}` } });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.equals(plan.subarray(from, to + 1))).toBe(true);

    expect((await upload(2, plan)).statusCode).toBe(201);
    const rows = await sql.query<{ files: string; chunks: string }>(
      `SELECT (SELECT count(*) FROM "${schema}".attachment_files) AS files,
              (SELECT count(*) FROM "${schema}".attachment_chunks) AS chunks`,
    );
    expect(rows.rows[0]).toEqual({ files: '1', chunks: '5' });

    const head = await store.headPosition();
    const refused = await upload(2, Buffer.from('không phải PDF'), 'gia-mao.pdf');
    expect(refused.statusCode).toBe(415);
    expect(await store.headPosition()).toBe(head);
    const after = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".attachment_files`);
    expect(after.rows[0]?.n).toBe('1');
  });
});
