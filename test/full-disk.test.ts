import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModelStore } from '../src/app/read-model-store.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';
import { problem } from './support/problem.ts';

/** A 4 MiB tmpfs the test can fill; only root may mount one. */
function mountSmallDisk(): { dir: string; unmount: () => void } | string {
  if (process.platform !== 'linux') return 'needs Linux tmpfs';
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs (run the suite as root to include it)';
  const dir = mkdtempSync(join(tmpdir(), 'cam-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir], { stdio: 'pipe' });
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

/** Writes a file until the disk refuses more. */
function fill(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: the disk is full
  } finally {
    closeSync(fd);
  }
}

const disk = mountSmallDisk();
if (typeof disk === 'string') console.log(`full-disk test skipped: ${disk}`);

describe.skipIf(typeof disk === 'string')('a full disk under the event log', () => {
  const d = disk as { dir: string; unmount: () => void };
  let store: SqliteEventStore;
  let readModels: ReadModelStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'lam-dong-app' });
  const url = '/provinces/68/campaigns/2026/outreach-meetings';
  const meeting = (meetingId: string) => ({
    meetingId,
    date: '2026-04-10',
    place: { communeCode: '24631', venue: 'Hội trường UBND xã '.repeat(10) },
    format: 'conference',
    topics: ['cooperative-law-2023'],
    attendees: 80,
    organisedBy: 'Liên minh HTX tỉnh',
    title: 'Hội nghị tuyên truyền Luật Hợp tác xã năm 2023 '.repeat(8),
  });

  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: join(d.dir, 'events.sqlite') });
    readModels = ReadModelStore.open(join(d.dir, 'readmodels.sqlite'));
    app = await buildServer({ store, readModels, key: TEST_KEY, logLevel: 'silent', rateLimitPerMinute: 100_000 });
    const launched = await app.inject({
      method: 'POST',
      url: '/provinces/68/campaigns',
      headers: officer,
      payload: launch2026,
    });
    expect(launched.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    readModels?.close();
    d.unmount();
  });

  it('answers writes 503 with Retry-After while the disk is full, stores none of them, and takes writes again once there is room', async () => {
    const before = randomUUID();
    const first = { ...officer, 'idempotency-key': `full-${before}` };
    expect((await app.inject({ method: 'POST', url, headers: first, payload: meeting(before) })).statusCode).toBe(201);
    const filler = join(d.dir, 'filler');
    fill(filler);
    const answers = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const id = randomUUID();
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { ...officer, 'idempotency-key': `full-${id}` },
        payload: meeting(id),
      });
      answers.set(id, res.statusCode);
      expect([201, 503], res.body).toContain(res.statusCode);
      if (res.statusCode === 503) {
        expect(res.headers['retry-after']).toBeDefined();
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(JSON.parse(res.body)).toMatchObject({ type: problem('store-unavailable'), status: 503 });
      }
    }
    const refused = [...answers].filter(([, s]) => s === 503).map(([id]) => id);
    expect(refused.length).toBeGreaterThan(0);
    // Health says so while the disk is full.
    const sick = await app.inject({ method: 'GET', url: '/health' });
    expect(sick.statusCode).toBe(503);
    expect(JSON.parse(sick.body)).toMatchObject({
      status: 'degraded',
      writes: { error: expect.stringContaining('refuses writes') },
    });
    // A retry of a request acknowledged before is answered from memory: the store has not recovered for it.
    const retry = await app.inject({ method: 'POST', url, headers: first, payload: meeting(before) });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const still = await app.inject({ method: 'GET', url: '/health' });
    expect(JSON.parse(still.body)).toMatchObject({ writes: { error: expect.stringContaining('refuses writes') } });

    unlinkSync(filler);
    const after = randomUUID();
    const ok = await app.inject({ method: 'POST', url, headers: officer, payload: meeting(after) });
    expect(ok.statusCode).toBe(201);
    answers.set(after, 201);
    // ...and recovers by itself once there is room: writes go through, the read models save again.
    let health = await app.inject({ method: 'GET', url: '/health' });
    for (let i = 0; i < 150 && health.statusCode !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await app.inject({ method: 'GET', url: '/health' });
    }
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok' });

    // What the log holds after a restart: every acknowledged meeting, none of the refused ones.
    await app.close();
    await store.close();
    store = await SqliteEventStore.open({ path: join(d.dir, 'events.sqlite') });
    const recorded = new Set(
      (await store.readAll({ maxCount: 10_000 }))
        .filter((e) => e.type === 'OutreachMeetingRecorded')
        .map((e) => e.data.meetingId),
    );
    for (const [id, status] of answers) expect(recorded.has(id), `${id} answered ${status}`).toBe(status === 201);
    expect((await store.verifyIntegrity()).problems).toEqual([]);
    app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent' });
  });
});
