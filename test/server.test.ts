import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';
import { SERVICE_MAIN, SERVICE_SECRET, freePort, serviceToken, startService } from './support/service.ts';

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
    expect(res.json()).toMatchObject({
      status: 'unavailable',
      store: { kind: 'sqlite-memory', error: 'the event store does not answer' },
    });
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
      body = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.json(),
        () => undefined,
      );
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

  it('serves /metrics to a token minted by `npm run token -- --role monitoring`, and to nobody else', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cam-metrics-'));
    dirs.push(dataDir);
    const svc = await startService(dataDir);
    try {
      const minted = spawnSync(
        process.execPath,
        ['dist/src/cli/token.js', '--role', 'monitoring', '--app', 'prometheus'],
        { cwd: root, env: { ...process.env, JWT_SECRET: SERVICE_SECRET }, encoding: 'utf8' },
      );
      expect(minted.status, minted.stderr).toBe(0);
      const scrape = await fetch(`${svc.base}/metrics`, {
        headers: { authorization: `Bearer ${minted.stdout.trim()}` },
      });
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toContain('cam_http_requests_total');
      expect((await fetch(`${svc.base}/metrics`)).status).toBe(401);
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
    }
  });

  it('serves /metrics without a token on METRICS_PORT only, and not on the public port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cam-metrics-'));
    dirs.push(dataDir);
    const metricsPort = await freePort();
    const svc = await startService(dataDir, { METRICS_PORT: String(metricsPort) });
    try {
      const scrape = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(scrape.status).toBe(200);
      expect(await scrape.text()).toContain('cam_log_head_position');
      expect(
        (
          await fetch(`${svc.base}/metrics`, {
            headers: { authorization: `Bearer ${serviceToken({ sub: 'ops', role: 'admin' })}` },
          })
        ).status,
      ).toBe(404);
      expect((await fetch(`http://127.0.0.1:${metricsPort}/provinces/68/campaigns`)).status).toBe(404);
    } finally {
      svc.child.kill('SIGTERM');
      expect(await svc.exited).toBe('0');
    }
  });

  it("sends traces of a command, in the caller's trace, to the OTLP endpoint it is given", async () => {
    const received: string[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'cam-otel-'));
    dirs.push(dataDir);
    const svc = await startService(dataDir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    try {
      const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
      const token = serviceToken({ sub: 'officer-68', role: 'provincial_officer', province: '68' });
      const r = await fetch(`${svc.base}/provinces/68/campaigns`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          traceparent: `00-${traceId}-1111111111111111-01`,
        },
        body: JSON.stringify(launch2026),
      });
      expect(r.status).toBe(201);
      expect(r.headers.get('traceparent')).toContain(traceId);
      for (let i = 0; i < 100 && !received.some((b) => b.includes('command POST /provinces/:code/campaigns')); i++)
        await new Promise((x) => setTimeout(x, 50));
      const all = received.join('\n');
      expect(all).toContain('command POST /provinces/:code/campaigns');
      expect(all).toContain('campaign-68-2026');
      // OTLP/JSON carries trace ids as hex.
      expect(all.toLowerCase()).toContain(traceId);
    } finally {
      svc.child.kill('SIGTERM');
      await svc.exited;
      collector.close();
    }
  });
});
