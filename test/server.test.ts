import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY } from './support/auth.ts';
import { SERVICE_MAIN, freePort } from './support/service.ts';

const root = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('health check', () => {
  it('answers 200 with the store kind and head position while the store answers', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY });
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', store: { kind: 'sqlite-memory', headPosition: 0 } });
    expect(res.headers['x-request-id']).toBeTruthy();
    await app.close();
    await store.close();
  });

  it('answers 503 without internals once the store is gone', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY });
    await store.close();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', store: { kind: 'sqlite-memory', error: 'the event store does not answer' } });
    expect(res.body).not.toMatch(/closed|Error|at /);
    await app.close();
  });
});

describe('the service process', () => {
  it('starts on the embedded store under DATA_DIR, serves /health and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cam-main-'));
    dirs.push(dataDir);
    const port = await freePort();
    const child = spawn(process.execPath, [SERVICE_MAIN], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let body: unknown;
    for (let i = 0; i < 100 && body === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      body = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json(), () => undefined);
    }
    expect(body).toMatchObject({ status: 'ok', store: { kind: 'sqlite' } });
    expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to start with invalid configuration and says which variable is wrong', async () => {
    const child = spawn(process.execPath, [SERVICE_MAIN], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toContain('PORT="eighty": must be a port number 0–65535');
  });
});
