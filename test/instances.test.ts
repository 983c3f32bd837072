import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../src/eventstore/postgres/store.ts';
import { startTestPostgres } from './support/postgres.ts';
import { serviceToken, startService, type RunningService } from './support/service.ts';
import { launch2026 } from './support/campaign.ts';

const pg = await startTestPostgres();
if ('skip' in pg) console.log(`several-instances test skipped: ${pg.skip}`);
else console.log(`several-instances test runs against a real PostgreSQL: ${pg.how}`);

const dirs: string[] = [];
const running: RunningService[] = [];
afterAll(async () => {
  for (const s of running) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  await Promise.all(running.map((s) => s.exited));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  if (!('skip' in pg)) await pg.stop();
});

const officer = serviceToken({ sub: 'officer-68', role: 'provincial_officer', province: '68', app: 'lam-dong-app' });
const admin = serviceToken({ sub: 'admin', role: 'admin', app: 'ops' });
const campaign = '/provinces/68/campaigns/2026';

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token = officer,
) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') === 'true' };
}

const meeting = (meetingId: string, attendees: number) => ({
  meetingId,
  date: '2026-04-10',
  place: { communeCode: '24631' },
  format: 'conference',
  topics: ['cooperative-law-2023'],
  attendees,
  organisedBy: 'Liên minh HTX tỉnh',
  activityId: 'outreach',
});

describe.skipIf('skip' in pg)('several service instances on one PostgreSQL log', () => {
  it('take writes through any instance, survive one being killed mid-load, hold Idempotency-Keys across instances and converge to the same dashboards', async () => {
    if ('skip' in pg) return;
    const env = { STORE: 'postgres', DATABASE_URL: pg.url, PG_SCHEMA: 'instances', PG_POOL_SIZE: '6' };
    const start = async (): Promise<RunningService> => {
      const dir = mkdtempSync(join(tmpdir(), 'cam-instance-'));
      dirs.push(dir);
      const s = await startService(dir, env);
      running.push(s);
      return s;
    };
    const [a, b, c] = (await Promise.all([start(), start(), start()])) as [
      RunningService,
      RunningService,
      RunningService,
    ];
    const launched = await call(a.base, 'POST', '/provinces/68/campaigns', launch2026);
    expect(launched.status).toBe(201);

    // Read-your-writes on another instance: minPosition waits for its read models.
    const position = (JSON.parse(launched.text) as { position: number }).position;
    expect((await call(b.base, 'GET', `${campaign}?minPosition=${position}`)).status).toBe(200);

    // Writes through all three at once; C is killed without warning half-way.
    const sent = Array.from({ length: 90 }, (_, i) => ({
      key: `m-${i}`,
      body: meeting(randomUUID(), 10 + i),
      via: [a, b, c][i % 3] as RunningService,
      answer: undefined as { status: number; text: string } | undefined,
    }));
    await Promise.all(
      sent.map(async (r, i) => {
        if (i === 45) c.child.kill('SIGKILL');
        try {
          r.answer = await call(r.via.base, 'POST', `${campaign}/outreach-meetings`, r.body, {
            'idempotency-key': r.key,
          });
        } catch {
          // C died with this request in flight
        }
      }),
    );
    await c.exited;
    expect(sent.filter((r) => r.answer !== undefined && r.answer.status !== 201).map((r) => r.answer?.text)).toEqual(
      [],
    );
    // What C never answered is sent again, same key and body, through A: applied once, whatever C did.
    for (const r of sent.filter((x) => x.answer === undefined)) {
      r.answer = await call(a.base, 'POST', `${campaign}/outreach-meetings`, r.body, { 'idempotency-key': r.key });
      expect(r.answer.status, r.answer.text).toBe(201);
    }
    // An answered request retried through another instance gets the same answer.
    const fromB = sent.find((r) => r.via === b && r.answer?.status === 201);
    if (fromB === undefined) throw new Error('B answered nothing');
    const again = await call(a.base, 'POST', `${campaign}/outreach-meetings`, fromB.body, {
      'idempotency-key': fromB.key,
    });
    expect(again.replayed).toBe(true);
    expect(again.text).toBe(fromB.answer?.text);

    // Nothing acknowledged was lost, nothing applied twice.
    const store = await PostgresEventStore.open({ connectionString: pg.url, schema: 'instances' });
    const log = await store.readAll({ maxCount: 10_000 });
    const head = await store.headPosition();
    expect((await store.verifyIntegrity()).problems).toEqual([]);
    await store.close();
    const recorded = log.filter((e) => e.type === 'OutreachMeetingRecorded').map((e) => e.data.meetingId);
    expect(new Set(recorded).size).toBe(recorded.length);
    expect(recorded.length).toBe(sent.length);
    for (const r of sent) expect(recorded).toContain(r.body.meetingId);

    // The surviving instances converge: the same dashboard, also after a rebuild on one of them.
    const dashboard = async (s: RunningService) => {
      const d = await call(s.base, 'GET', `${campaign}/dashboard?minPosition=${head}`);
      expect(d.status).toBe(200);
      // Everything but the instant it was asked at.
      return d.text.replace(/"knownAt":"[^"]*"/, '');
    };
    expect(await dashboard(b)).toBe(await dashboard(a));
    const rebuild = call(b.base, 'POST', '/admin/projections/rebuild', undefined, {}, admin);
    expect((await call(a.base, 'GET', `${campaign}?minPosition=${head}`)).status).toBe(200);
    expect((await rebuild).status).toBe(200);
    expect(await dashboard(b)).toBe(await dashboard(a));
    const health = JSON.parse((await call(b.base, 'GET', '/health')).text) as {
      store: { kind: string; headPosition: number };
      projections: { lag: number };
    };
    expect(health.store).toEqual({ kind: 'postgres', headPosition: head });
    expect(health.projections.lag).toBe(0);
  }, 120_000);
});
