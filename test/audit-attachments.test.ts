import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { FolderFileStore } from '../src/files/folder.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';
import { multipart, pdfBytes } from './support/multipart.ts';

const root = join(import.meta.dirname, '..');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cam-audit-files-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const audit = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, ['dist/src/cli/audit.js', ...args], {
    cwd: root,
    env: { ...process.env, STORE: 'sqlite', DATA_DIR: dataDir },
    encoding: 'utf8',
  });

const minutes = pdfBytes('Biên bản hội nghị', 40_000);
const sha = createHash('sha256').update(minutes).digest('hex');

describe('the audit of attached files', () => {
  const dataDir = tempDir();
  const kept = join(dataDir, 'files', sha.slice(0, 2), sha);

  beforeAll(async () => {
    const store = await SqliteEventStore.open({ path: join(dataDir, 'events.sqlite') });
    const files = await FolderFileStore.open(join(dataDir, 'files'));
    const app = await buildServer({ store, files, key: TEST_KEY, logLevel: 'silent' });
    const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
    const meetingId = '0191d6a0-0000-7000-8000-000000000001';
    for (const [url, payload] of [
      ['/provinces/68/campaigns', launch2026],
      [
        '/provinces/68/campaigns/2026/outreach-meetings',
        {
          meetingId,
          date: '2026-04-11',
          place: { communeCode: '24781' },
          format: 'conference',
          topics: ['other'],
          attendees: 40,
          organisedBy: 'x',
        },
      ],
    ] as const)
      expect((await app.inject({ method: 'POST', url, headers: officer, payload })).statusCode).toBe(201);
    const body = await multipart({ name: 'Biên bản.pdf', bytes: minutes });
    const r = await app.inject({
      method: 'POST',
      url: `/provinces/68/records/outreach-meetings/${meetingId}/attachments`,
      headers: { ...officer, ...body.headers },
      payload: body.payload,
    });
    expect(r.statusCode, r.body).toBe(201);
    await app.close();
    await store.close();
  });

  it('carries the files in an export and its import into another data folder, each checked against its hash', () => {
    const out = join(dataDir, 'export.ndjson');
    expect(audit(dataDir, 'export', '--out', out).status).toBe(0);
    expect(readFileSync(join(`${out}.files`, sha)).equals(minutes)).toBe(true);
    const elsewhere = tempDir();
    const imported = audit(elsewhere, 'import', '--in', out);
    expect(imported.stdout).toContain('imported 1 of 1 attached files');
    expect(imported.status).toBe(0);
    expect(readFileSync(join(elsewhere, 'files', sha.slice(0, 2), sha)).equals(minutes)).toBe(true);
    expect(audit(elsewhere, 'verify').status).toBe(0);
  });

  it('finds every attached file as recorded, then reports a changed file and a missing one, and exits 1', () => {
    const ok = audit(dataDir, 'verify');
    expect(ok.stdout).toContain('ok: 1 attached files, each as recorded');
    expect(ok.status).toBe(0);
    const changed = Buffer.from(minutes);
    changed[100] = 0x41;
    writeFileSync(kept, changed);
    const tampered = audit(dataDir, 'verify');
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toContain(`FILE CHANGED: "Biên bản.pdf" (sha256 ${sha}, attached at position 3`);
    unlinkSync(kept);
    const gone = audit(dataDir, 'verify');
    expect(gone.status).toBe(1);
    expect(gone.stdout).toContain(`FILE MISSING: "Biên bản.pdf" (sha256 ${sha}`);
  });
});
