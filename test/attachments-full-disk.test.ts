import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { FolderFileStore } from '../src/files/folder.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';
import { multipart, pdfBytes } from './support/multipart.ts';
import { problem } from './support/problem.ts';

/** A 1 MiB tmpfs for the files folder; only root may mount one. */
function mountSmallDisk(): { dir: string; unmount: () => void } | string {
  if (process.platform !== 'linux') return 'needs Linux tmpfs';
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs (run the suite as root to include it)';
  const dir = mkdtempSync(join(tmpdir(), 'cam-files-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${(err as Error).message.split('\n')[0]}`;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const disk = mountSmallDisk();
if (typeof disk === 'string') console.log(`attachments full-disk test skipped: ${disk}`);

describe.skipIf(typeof disk === 'string')('a full disk under the files folder', () => {
  const d = disk as { dir: string; unmount: () => void };
  let store: SqliteEventStore;
  let files: FolderFileStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const meetingId = '0191d6a0-0000-7000-8000-000000000001';
  const url = `/provinces/68/records/outreach-meetings/${meetingId}/attachments`;
  const upload = async (bytes: Buffer) => {
    const body = await multipart({ name: 'Kế hoạch.pdf', bytes });
    return app.inject({ method: 'POST', url, headers: { ...officer, ...body.headers }, payload: body.payload });
  };

  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    files = await FolderFileStore.open(d.dir);
    app = await buildServer({ store, files, key: TEST_KEY, logLevel: 'silent' });
    for (const [path, payload] of [
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
      expect((await app.inject({ method: 'POST', url: path, headers: officer, payload })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    d.unmount();
  });

  it('answers 503 store-unavailable to a file the disk cannot hold, appends nothing, leaves no temporary file, and takes files again once there is room', async () => {
    const head = await store.headPosition();
    const r = await upload(pdfBytes('Kế hoạch', 2 * 1024 * 1024));
    expect(r.statusCode).toBe(503);
    expect(r.json().type).toEqual(problem('store-unavailable'));
    expect(r.headers['retry-after']).toBeDefined();
    expect(await store.headPosition()).toBe(head);
    expect(readdirSync(files.incoming)).toEqual([]);
    expect(readdirSync(d.dir).filter((n) => n !== '.incoming')).toEqual([]);
    const small = await upload(pdfBytes('Kế hoạch rút gọn', 100_000));
    expect(small.statusCode, small.body).toBe(201);
  });
});
