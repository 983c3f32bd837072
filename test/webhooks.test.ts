import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { verify } from '../examples/webhook-verifier.mjs';
import { loadConfig } from '../src/config.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { EventStore, StoredEvent } from '../src/eventstore/types.ts';
import { buildServer, type WebhookDeps } from '../src/server.ts';
import { resolveWebhookKey, signWebhook } from '../src/webhooks/signing.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { startTestPostgres } from './support/postgres.ts';
import { problem } from './support/problem.ts';

const admin = bearer({ role: 'admin' });
const SIGNING_KEY = 'webhook-signing-key-for-the-tests-0123456789';
/** Milliseconds instead of seconds: the retries of a test take a moment. */
const FAST = { baseDelayMs: 5, maxDelayMs: 20, lingerMs: 5, leaseRetryMs: 50 };

/** One request a receiver got. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  events: StoredEvent[];
}

/** A receiver on this machine: answers each request with `answer(n)` (n: 1 for the first request). */
async function receiver(
  answer: (n: number) => number,
): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const status = answer(got.length + 1);
      got.push({ headers: req.headers, body, status, events: (JSON.parse(body) as { events: StoredEvent[] }).events });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function service(store: EventStore, webhooks: WebhookDeps = {}): Promise<FastifyInstance> {
  const app = await buildServer({
    store,
    key: TEST_KEY,
    logLevel: 'silent',
    webhooks: {
      signingKey: SIGNING_KEY,
      allowHosts: ['127.0.0.1'],
      ...webhooks,
      tuning: { ...FAST, ...webhooks.tuning },
    },
  });
  return app;
}

/** A service on a new store, with a receiver that answers `answer(n)`. */
async function setup(answer: (n: number) => number, webhooks: WebhookDeps = {}) {
  const store = await newStore();
  const app = await service(store, webhooks);
  open.push(app);
  const hook = await receiver(answer);
  open.push(hook);
  return { store, app, hook };
}

async function newStore(): Promise<EventStore> {
  const store = await SqliteEventStore.open({ path: ':memory:' });
  open.push(store);
  return store;
}

/** Appends `n` events to a new campaign-like stream of `kind` for `province`; returns their positions. */
async function append(store: EventStore, n: number, province = '68', kind = 'campaign'): Promise<number[]> {
  const r = await store.append(
    `${kind}-${province}-${randomUUID()}`,
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      type: 'Noted',
      data: { i },
      metadata: { actor: 'webhook-test', province },
    })),
    { expectedRevision: 'no_stream' },
  );
  return Array.from({ length: n }, (_, i) => r.firstPosition + i);
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** POST /admin/webhooks with `body`, as an administrator unless told. */
const post = (app: FastifyInstance, body: Record<string, unknown>, headers: Record<string, string> = admin) =>
  app.inject({ method: 'POST', url: '/admin/webhooks', headers, payload: body });

async function register(app: FastifyInstance, body: Record<string, unknown>) {
  const r = await post(app, body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string; secret: string; state: string }>();
}

const webhook = async (app: FastifyInstance, id: string) =>
  (await app.inject({ method: 'GET', url: `/admin/webhooks/${id}`, headers: admin })).json<{
    state: string;
    pausedBecause?: string;
    checkpoint: number;
    lag: number;
    attempts: number;
    lastError: { message: string; at: string } | null;
    lastDeliveredAt: string | null;
  }>();

/** The events of the requests a receiver acknowledged, in the order they came. */
const acknowledged = (got: Received[]): number[] =>
  got.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.events.map((e) => e.position));

describe('webhooks', () => {
  it('delivers every event once per success, in log order, to a receiver that fails three times first', async () => {
    const { store, app, hook } = await setup((n) => (n <= 3 ? 500 : 204));
    // Lâm Đồng (68) with Đắk Nông (67), which became part of it; not Khánh Hòa (56), not other kinds.
    const before = [...(await append(store, 3, '68')), ...(await append(store, 2, '67'))];
    await append(store, 2, '56');
    await append(store, 2, '68', 'outreach');
    const { id, secret, state } = await register(app, {
      url: hook.url,
      filters: { province: '68', kinds: ['campaign'] },
      description: 'the test receiver',
    });
    expect(state).toBe('active');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await until('the first batch', () => acknowledged(hook.got).length === 5);
    const after = await append(store, 3, '68');
    await until('the next events', () => acknowledged(hook.got).length === 8);

    expect(acknowledged(hook.got)).toEqual([...before, ...after]);
    // The three failures and the success of the first batch are one delivery: one webhook-id.
    const first = hook.got.slice(0, 4);
    expect(first.map((r) => r.status)).toEqual([500, 500, 500, 204]);
    expect(new Set(first.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(first.map((r) => r.body)).toEqual(Array(4).fill(first[0]?.body));
    for (const r of hook.got) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['webhook-signature']).toMatch(/^v1,/);
      expect(verify(secret, r.headers as Record<string, string>, r.body)).toBe(true);
      for (const e of r.events) expect(e).toMatchObject({ id: expect.any(String), position: expect.any(Number) });
    }

    await until('the checkpoint', async () => (await webhook(app, id)).checkpoint === after.at(-1));
    // Lag counts the log after the checkpoint; what the filter skips (the subscription's own stream) is passed.
    await until('no lag', async () => (await webhook(app, id)).lag === 0);
    const seen = await webhook(app, id);
    expect(seen).toMatchObject({ state: 'active', attempts: 0, lag: 0, lastDeliveredAt: expect.any(String) });
    expect(seen.lastError?.message).toBe('the receiver answered 500');
    const list = (await app.inject({ method: 'GET', url: '/admin/webhooks', headers: admin })).json<{
      items: { id: string; url: string; secret?: string }[];
    }>();
    expect(list.items).toEqual([expect.objectContaining({ id, url: hook.url })]);
    expect(list.items[0]?.secret).toBeUndefined();
    const stream = await store.readStream(`webhook-${id}`);
    expect(stream.map((e) => e.type)).toEqual([
      'WebhookRegistered',
      'WebhookDeliveryFailed',
      'WebhookDeliveryFailed',
      'WebhookDeliveryFailed',
      'WebhookDelivered',
      'WebhookDelivered',
    ]);
    // The secret is nowhere in the log.
    expect(JSON.stringify(await store.readAll())).not.toContain(secret.slice(6));
    const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: admin })).body;
    expect(metrics).toContain(`cam_webhook_deliveries_total{webhook="${id}"} 2`);
    expect(metrics).toContain(`cam_webhook_failures_total{webhook="${id}"} 3`);
    expect(metrics).toContain(`cam_webhook_retries_total{webhook="${id}"} 3`);
    expect(metrics).toContain(`cam_webhook_lag_events{webhook="${id}"} 0`);
  });

  it('lets the documented verifier accept a delivery as signed and refuse a changed body, another secret or an old one', async () => {
    const { store, app, hook } = await setup(() => 200);
    await append(store, 2);
    const { secret } = await register(app, { url: hook.url });
    await until('a delivery', () => hook.got.length > 0);
    const r = hook.got[0] as Received;
    const headers = r.headers as Record<string, string>;
    expect(verify(secret, headers, r.body)).toBe(true);
    expect(verify(secret, headers, r.body.replace('"i":0', '"i":1'))).toBe(false);
    expect(verify(`whsec_${Buffer.from('another secret').toString('base64')}`, headers, r.body)).toBe(false);
    expect(verify(secret, { ...headers, 'webhook-signature': 'v1,AAAA' }, r.body)).toBe(false);
    const ts = Number(headers['webhook-timestamp']);
    expect(verify(secret, headers, r.body, ts + 299)).toBe(true);
    expect(verify(secret, headers, r.body, ts + 301)).toBe(false);
    // A replayed body with a new timestamp needs a new signature, which only the secret makes.
    const id = headers['webhook-id'] as string;
    const later = ts + 3600;
    const replay = { ...headers, 'webhook-timestamp': String(later) };
    expect(verify(secret, replay, r.body, later)).toBe(false);
    expect(
      verify(secret, { ...replay, 'webhook-signature': signWebhook(secret, id, later, r.body) }, r.body, later),
    ).toBe(true);
    // The verifier docs/api.md shows is this one, word for word.
    const source = readFileSync(new URL('../examples/webhook-verifier.mjs', import.meta.url), 'utf8');
    const fn = /^export function verify\([\s\S]*?\n\}\n/m.exec(source)?.[0];
    expect(fn).toContain('timingSafeEqual');
    expect(readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8')).toContain(fn);
  });

  it('loses nothing when the service restarts in the middle of retries: the next one resumes from the checkpoint', async () => {
    const store = await newStore();
    let failing = false;
    const hook = await receiver(() => (failing ? 503 : 200));
    open.push(hook);
    const slow = { tuning: { baseDelayMs: 20, maxDelayMs: 50, maxAttempts: 1000 } };
    const first = await service(store, slow);
    const delivered = await append(store, 3);
    const { id, secret } = await register(first, { url: hook.url });
    await until('the first batch', () => acknowledged(hook.got).length === 3);
    await until('its checkpoint', async () => (await webhook(first, id)).checkpoint === delivered.at(-1));
    failing = true;
    const pending = await append(store, 4);
    await until('some retries', async () => (await webhook(first, id)).attempts >= 2);
    await first.close();
    const attempts = (await store.readStream(`webhook-${id}`)).filter((e) => e.type === 'WebhookDeliveryFailed');
    expect(attempts.length).toBeGreaterThanOrEqual(2);

    failing = false;
    const requestsBefore = hook.got.length;
    const second = await service(store, slow);
    open.push(second);
    await until('the rest', () => acknowledged(hook.got).length === 7);
    expect(acknowledged(hook.got)).toEqual([...delivered, ...pending]);
    // The new instance started from the checkpoint: its first request is the pending batch.
    expect(hook.got[requestsBefore]?.events.map((e) => e.position)).toEqual(pending);
    expect(
      verify(secret, hook.got[requestsBefore]?.headers as Record<string, string>, hook.got[requestsBefore]?.body ?? ''),
    ).toBe(true);
    await until('the checkpoint', async () => (await webhook(second, id)).checkpoint === pending.at(-1));
    expect(await webhook(second, id)).toMatchObject({ state: 'active', attempts: 0 });
  });

  it('starts delivering only once it has read the whole stream of a subscription, more than a page long', async () => {
    const store = await newStore();
    const events = await append(store, 5);
    const id = randomUUID();
    const hook = await receiver(() => 200);
    open.push(hook);
    const at = new Date().toISOString();
    const fact = (type: string, data: Record<string, unknown>) => ({
      id: randomUUID(),
      type,
      data,
      metadata: { actor: 'test' },
    });
    await store.append(
      `webhook-${id}`,
      [
        fact('WebhookRegistered', { webhookId: id, url: hook.url, filters: {}, at }),
        // 1,200 deliveries: the first page of the read says position 1, the last one says 3.
        ...Array.from({ length: 1199 }, () => fact('WebhookDelivered', { upTo: events[0], count: 1, at })),
        fact('WebhookDelivered', { upTo: events[2], count: 1, at }),
      ],
      { expectedRevision: 'no_stream' },
    );
    const app = await service(store);
    open.push(app);
    await until('the rest', () => acknowledged(hook.got).length >= 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(acknowledged(hook.got)).toEqual(events.slice(3));
  });

  it('pauses a subscription after the documented number of failures, shows it paused with the last error, and resumes from the checkpoint', async () => {
    const store = await newStore();
    const app = await service(store, { tuning: { maxAttempts: 3 } });
    open.push(app);
    let up = false;
    const hook = await receiver(() => (up ? 200 : 500));
    open.push(hook);
    const events = await append(store, 2);
    const { id } = await register(app, { url: hook.url });
    await until('the pause', async () => (await webhook(app, id)).state === 'paused');
    const list = (await app.inject({ method: 'GET', url: '/admin/webhooks', headers: admin })).json<{
      items: {
        id: string;
        state: string;
        pausedBecause: string;
        attempts: number;
        checkpoint: number;
        lag: number;
        lastError: { message: string };
      }[];
    }>();
    expect(list.items).toEqual([
      expect.objectContaining({
        id,
        state: 'paused',
        pausedBecause: 'failures',
        attempts: 3,
        checkpoint: 0,
        lastError: expect.objectContaining({ message: 'the receiver answered 500' }),
      }),
    ]);
    expect(list.items[0]?.lag).toBeGreaterThanOrEqual(2);
    expect(hook.got).toHaveLength(3);
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.got).toHaveLength(3);

    up = true;
    const resumed = await app.inject({ method: 'POST', url: `/admin/webhooks/${id}/resume`, headers: admin });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(resumed.json()).toMatchObject({ state: 'active', attempts: 0 });
    await until('the delivery', () => acknowledged(hook.got).length === 2);
    expect(acknowledged(hook.got)).toEqual(events);

    // An administrator's pause: nothing is sent until resumed; a removed subscription is gone.
    const paused = await app.inject({ method: 'POST', url: `/admin/webhooks/${id}/pause`, headers: admin });
    expect(paused.json()).toMatchObject({ state: 'paused', pausedBecause: 'admin' });
    await append(store, 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(acknowledged(hook.got)).toHaveLength(2);
    const removed = await app.inject({ method: 'POST', url: `/admin/webhooks/${id}/remove`, headers: admin });
    expect(removed.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/admin/webhooks/${id}`, headers: admin })).statusCode).toBe(404);
  });

  it('pauses at once when the receiver answers 410 Gone', async () => {
    const { store, app, hook } = await setup(() => 410);
    await append(store, 1);
    const { id } = await register(app, { url: hook.url });
    await until('the pause', async () => (await webhook(app, id)).state === 'paused');
    expect(await webhook(app, id)).toMatchObject({ pausedBecause: 'gone' });
    expect(hook.got).toHaveLength(1);
  });

  it('refuses to register a URL on a private address unless allowed (422 naming url and the rule), writing nothing', async () => {
    const store = await newStore();
    const app = await service(store, { allowHosts: [] });
    open.push(app);
    const head = await store.headPosition();
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://10.1.2.3/hook',
      'https://192.168.1.10/hook',
      'http://172.20.0.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/hook',
      'http://[::1]/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
    ]) {
      const r = await post(app, { url });
      expect(r.statusCode, url).toBe(422);
      expect(r.json()).toMatchObject({
        type: problem('webhook-url-refused'),
        errors: [{ in: 'body', field: 'url', rule: 'public-address' }],
      });
    }
    const vi = await post(app, { url: 'http://10.0.0.1/' }, { ...admin, 'accept-language': 'vi' });
    expect(vi.json().title).toBe('URL webhook bị từ chối');
    const ftp = await post(app, { url: 'ftp://example.org/x' });
    expect(ftp.statusCode).toBe(400);
    expect(await store.headPosition()).toBe(head);

    // Allowed by network or by name.
    for (const allowHosts of [['127.0.0.0/8'], ['localhost']]) {
      const allowed = await service(store, { allowHosts });
      open.push(allowed);
      const url = allowHosts[0] === 'localhost' ? 'http://localhost:9/hook' : 'http://127.0.0.2:9/hook';
      const r = await allowed.inject({ method: 'POST', url: '/admin/webhooks', headers: admin, payload: { url } });
      expect(r.statusCode, r.body).toBe(201);
      await allowed.inject({ method: 'POST', url: `/admin/webhooks/${r.json().id}/remove`, headers: admin });
    }
  });

  it('answers 403 to everyone but an administrator, and writes nothing for them', async () => {
    const store = await newStore();
    const app = await service(store);
    open.push(app);
    const { id } = await register(app, { url: 'http://127.0.0.1:9/hook' });
    await app.inject({ method: 'POST', url: `/admin/webhooks/${id}/pause`, headers: admin });
    const head = await store.headPosition();
    for (const who of [
      { role: 'auditor' },
      { role: 'national_officer' },
      { role: 'provincial_officer', province: '68' },
      { role: 'monitoring' },
    ]) {
      for (const [method, url] of [
        ['POST', '/admin/webhooks'],
        ['GET', '/admin/webhooks'],
        ['GET', `/admin/webhooks/${id}`],
        ['POST', `/admin/webhooks/${id}/pause`],
        ['POST', `/admin/webhooks/${id}/resume`],
        ['POST', `/admin/webhooks/${id}/remove`],
      ] as const) {
        const r = await app.inject({
          method,
          url,
          headers: bearer(who),
          ...(url === '/admin/webhooks' && method === 'POST' ? { payload: { url: 'http://127.0.0.1:9/x' } } : {}),
        });
        expect(r.statusCode, `${who.role} ${method} ${url}`).toBe(403);
      }
    }
    expect((await app.inject({ method: 'GET', url: '/admin/webhooks' })).statusCode).toBe(401);
    expect(await store.headPosition()).toBe(head);
  });
});

describe('webhooks on several instances', () => {
  it('are delivered by the one instance of two on a PostgreSQL that holds the lease, then by the other once it stops', async (ctx) => {
    const pg = await startTestPostgres();
    if ('skip' in pg) {
      console.log(`the webhook lease test is skipped: ${pg.skip}`);
      ctx.skip();
      return;
    }
    open.push({ close: () => pg.stop() });
    const { PostgresEventStore } = await import('../src/eventstore/postgres/store.ts');
    const instances: { store: EventStore; app: FastifyInstance }[] = [];
    for (let n = 0; n < 2; n++) {
      const store = await PostgresEventStore.open({ connectionString: pg.url, schema: 'hooks' });
      open.push(store);
      instances.push({ store, app: await service(store) });
    }
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const hook = await receiver(() => 200);
    open.push(hook);
    const first = await append(a.store, 3);
    const { id } = await register(a.app, { url: hook.url });
    await until('the first events', () => acknowledged(hook.got).length === 3);
    const delivered = async (app: FastifyInstance): Promise<number> => {
      const text = (await app.inject({ method: 'GET', url: '/metrics', headers: admin })).body;
      return Number(new RegExp(`cam_webhook_deliveries_total\\{webhook="${id}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
    };
    const [byA, byB] = [await delivered(a.app), await delivered(b.app)];
    expect([byA, byB].filter((c) => c > 0)).toHaveLength(1);
    const [holder, other] = byA > 0 ? [a, b] : [b, a];
    // The holder stops (its lock is released): the other takes the lease and goes on from the checkpoint.
    await holder.app.close();
    const second = await append(other.store, 2);
    await until('the events after the holder stopped', () => acknowledged(hook.got).length === 5);
    expect(acknowledged(hook.got)).toEqual([...first, ...second]);
    expect(await delivered(other.app)).toBeGreaterThan(0);
    await other.app.close();
  }, 60_000);
});

afterAll(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

describe('webhook configuration', () => {
  it('checks WEBHOOK_SIGNING_KEY, WEBHOOK_ALLOW_HOSTS and WEBHOOKS_DELIVER at start, and delivers from KurrentDB only where told', () => {
    expect(() => loadConfig({ WEBHOOK_SIGNING_KEY: 'short' })).toThrow(/WEBHOOK_SIGNING_KEY.*at least 32 characters/);
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: 'hooks.internal,10.0.0.0/33' })).toThrow(/prefix length/);
    expect(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: 'not a host' })).toThrow(/neither a host name/);
    expect(() => loadConfig({ WEBHOOKS_DELIVER: 'yes' })).toThrow(/WEBHOOKS_DELIVER.*true or false/);
    expect(
      loadConfig({ WEBHOOK_SIGNING_KEY: 'k'.repeat(32), WEBHOOK_ALLOW_HOSTS: 'hooks.internal, 10.0.0.0/8' }).webhooks,
    ).toEqual({ signingKey: 'k'.repeat(32), allowHosts: ['hooks.internal', '10.0.0.0/8'], deliver: true });
    const kurrent = { STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://localhost:2113?tls=false' };
    expect(loadConfig(kurrent).webhooks.deliver).toBe(false);
    expect(loadConfig({ ...kurrent, WEBHOOKS_DELIVER: 'true' }).webhooks.deliver).toBe(true);
  });

  it('keeps a development key in DATA_DIR/dev-webhook-key, the same after a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-key-'));
    try {
      const key = resolveWebhookKey(undefined, dir);
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      expect(resolveWebhookKey(undefined, dir)).toBe(key);
      expect(readFileSync(join(dir, 'dev-webhook-key'), 'utf8')).toBe(key);
      expect(resolveWebhookKey('configured'.repeat(4), dir)).toBe('configured'.repeat(4));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers 409 webhooks-off to a registration where no signing key is configured (production without one)', async () => {
    const store = await newStore();
    const app = await service(store, { signingKey: null });
    open.push(app);
    const r = await post(app, { url: 'http://127.0.0.1:9/x' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ type: problem('webhooks-off') });
    expect(await store.headPosition()).toBe(0);
  });
});
