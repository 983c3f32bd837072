import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_MAIN, SERVICE_SECRET, freePort, serviceToken, startService } from './support/service.ts';
import { launch2026 } from './support/campaign.ts';
import { fileSystemCause } from '../src/app/startup.ts';

const root = mkdtempSync(join(tmpdir(), 'cam-startup-'));
const original = join(root, 'original');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A DATA_DIR with a campaign and 300 meetings, its read models saved by a clean stop. */
beforeAll(async () => {
  const svc = await startService(original);
  const token = serviceToken({ sub: 'officer-68', role: 'provincial_officer', province: '68', app: 'startup-test' });
  const post = (path: string, body: unknown) =>
    fetch(`${svc.base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await post('/provinces/68/campaigns', launch2026)).status).toBe(201);
  for (let i = 0; i < 300; i += 30) {
    await Promise.all(
      Array.from({ length: 30 }, () =>
        post('/provinces/68/campaigns/2026/outreach-meetings', {
          meetingId: randomUUID(),
          date: '2026-04-10',
          place: { communeCode: '24631' },
          format: 'conference',
          topics: ['cooperative-law-2023'],
          attendees: 50,
          organisedBy: 'Liên minh HTX tỉnh',
          title: 'x'.repeat(400),
        }),
      ),
    );
  }
  svc.child.kill('SIGTERM');
  await svc.exited;
}, 60_000);

/** A copy of the original DATA_DIR, damaged by `harm`. */
function variant(harm: (dir: string) => void): string {
  const dir = join(root, randomUUID());
  cpSync(original, dir, { recursive: true });
  harm(dir);
  return dir;
}

/**
 * Starts the service on a DATA_DIR expecting it to refuse; gives its exit code and stderr.
 * `wrap` runs it under another command (`unshare …`), which ends by exec-ing the service.
 */
async function refusal(
  dir: string,
  env: Record<string, string> = {},
  wrap: string[] = [],
): Promise<{ code: number | null; stderr: string }> {
  const [cmd, ...args] = [...wrap, process.execPath, SERVICE_MAIN];
  const child = spawn(cmd ?? process.execPath, args, {
    env: {
      ...process.env,
      DATA_DIR: dir,
      PORT: String(await freePort()),
      JWT_SECRET: SERVICE_SECRET,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearTimeout(timer);
  return { code, stderr };
}

function expectOneLineNaming(stderr: string, what: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^failed to start: /);
  expect(lines[0]).toMatch(what);
  expect(stderr).not.toMatch(/\n\s+at /);
}

/** Runs the service in a mount namespace of its own where DATA_DIR is a read-only bind mount of `dir`. */
async function refusalReadOnly(dir: string): Promise<{ code: number | null; stderr: string } | { skip: string }> {
  if (process.getuid?.() !== 0) return { skip: 'read-only mounts need root' };
  const probe = spawnSync('unshare', ['-m', 'true']);
  if (probe.status !== 0)
    return { skip: `no mount namespace here (${probe.stderr.toString().trim() || probe.error?.message})` };
  const mountPoint = join(root, `ro-${randomUUID()}`);
  mkdirSync(mountPoint);
  const script = 'mount --bind "$1" "$2" && mount -o remount,ro,bind "$2" && shift 2 && exec "$@"';
  return refusal(mountPoint, {}, ['unshare', '-m', 'sh', '-c', script, 'sh', dir, mountPoint]);
}

describe('start-up on a data folder it cannot write', () => {
  it('names a read-only mount as the cause, exit code 73, and does not call a healthy log damaged', async (ctx) => {
    const r = await refusalReadOnly(variant(() => undefined));
    if ('skip' in r) return ctx.skip(r.skip);
    expect(r.code).toBe(73);
    expectOneLineNaming(r.stderr, /read-only file system.*mount DATA_DIR read-write/);
    expect(r.stderr).not.toMatch(/is damaged|restore it from a backup/);
  });

  it('tells a permission problem, a full disk and an I/O error from a damaged file', () => {
    const as = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(fileSystemCause(as('EACCES'), '/data')).toMatchObject({
      exitCode: 73,
      message: expect.stringMatching(/cannot be written by this user.*give the service's user/),
    });
    expect(
      fileSystemCause(as('SQLITE_READONLY', 'attempt to write a readonly database'), '/data/events.sqlite'),
    ).toMatchObject({ exitCode: 73, message: expect.stringMatching(/read-only/) });
    expect(fileSystemCause(as('SQLITE_FULL'), '/data/events.sqlite')).toMatchObject({
      exitCode: 73,
      message: expect.stringMatching(/no space left/),
    });
    expect(fileSystemCause(as('SQLITE_IOERR_READ'), '/data/events.sqlite')).toMatchObject({
      exitCode: 74,
      message: expect.stringMatching(/I\/O error/),
    });
    expect(fileSystemCause(as('SQLITE_NOTADB', 'file is not a database'), '/data/events.sqlite')).toBeUndefined();
    expect(
      fileSystemCause(as('SQLITE_CORRUPT', 'database disk image is malformed'), '/data/events.sqlite'),
    ).toBeUndefined();
  });
});

describe('start-up with a damaged data folder', () => {
  it('refuses an emptied event log whose read models remain, with one line and exit code 65', async () => {
    const dir = variant((d) => {
      for (const f of ['events.sqlite-wal', 'events.sqlite-shm']) rmSync(join(d, f), { force: true });
      truncateSync(join(d, 'events.sqlite'), 0);
    });
    const r = await refusal(dir);
    expect(r.code).toBe(65);
    expectOneLineNaming(r.stderr, /events\.sqlite.*shortened or replaced.*restore it from a backup/);
  });

  it('refuses an event log cut short in the middle', async () => {
    const dir = variant((d) => {
      for (const f of ['events.sqlite-wal', 'events.sqlite-shm']) rmSync(join(d, f), { force: true });
      const path = join(d, 'events.sqlite');
      truncateSync(path, Math.floor(statSync(path).size / 2 / 4096) * 4096);
    });
    const r = await refusal(dir);
    expect(r.code).toBe(65);
    expectOneLineNaming(r.stderr, /events\.sqlite|shortened|does not match/);
  });

  it('refuses an event log with a garbage header', async () => {
    const dir = variant((d) => {
      const fd = openSync(join(d, 'events.sqlite'), 'r+');
      writeSync(fd, Buffer.from('this is not a database file at all'), 0, 34, 0);
      closeSync(fd);
    });
    const r = await refusal(dir);
    expect(r.code).toBe(65);
    expectOneLineNaming(r.stderr, /events\.sqlite/);
  });

  it('refuses an event log with a page in the middle overwritten', async () => {
    const dir = variant((d) => {
      const path = join(d, 'events.sqlite');
      const pages = statSync(path).size / 4096;
      const fd = openSync(path, 'r+');
      writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages / 2) * 4096);
      closeSync(fd);
    });
    const r = await refusal(dir);
    expect(r.code).toBe(65);
    expectOneLineNaming(r.stderr, /events\.sqlite.*damaged|events\.sqlite.*cannot be read|does not match its hash/);
  });

  it('refuses an event log whose last events were changed in place', async () => {
    const dir = variant((d) => {
      const db = new Database(join(d, 'events.sqlite'));
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.attendees', 5000) WHERE position = (SELECT max(position) FROM events)",
      ).run();
      db.close();
    });
    const r = await refusal(dir);
    expect(r.code).toBe(65);
    expectOneLineNaming(r.stderr, /does not match its hash/);
  });

  it('prints the stack trace of a failed start only at LOG_LEVEL=debug', async () => {
    const dir = variant((d) => truncateSync(join(d, 'events.sqlite'), 0));
    const r = await refusal(dir, { LOG_LEVEL: 'debug' });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('starts on garbage read models, folding them again from the log', async () => {
    const dir = variant((d) => {
      for (const f of ['readmodels.sqlite-wal', 'readmodels.sqlite-shm']) rmSync(join(d, f), { force: true });
      writeFileSync(join(d, 'readmodels.sqlite'), Buffer.alloc(8192, 0x41));
    });
    const svc = await startService(dir);
    const health = (await (await fetch(`${svc.base}/health`)).json()) as {
      store: { headPosition: number };
      projections: { position: number };
    };
    expect(health.projections.position).toBe(health.store.headPosition);
    const token = serviceToken({ sub: 'officer-68', role: 'provincial_officer', province: '68', app: 'startup-test' });
    const list = await fetch(`${svc.base}/provinces/68/campaigns/2026/dashboard`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await list.json()) as { totals: { meetings: { total: number } } }).totals.meetings.total).toBe(300);
    svc.child.kill('SIGTERM');
    await svc.exited;
  });
});
