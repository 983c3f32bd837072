import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { EventStore } from '../src/eventstore/types.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, tokenFor, type Persona } from './support/auth.ts';
import { readFeed, type FeedMessage } from './support/feed.ts';
import { serviceToken, startService, type RunningService } from './support/service.ts';

let store: EventStore;
let app: FastifyInstance;
let base: string;
const auditor: Persona = { role: 'auditor' };
const bearer = (p: Persona, ttl?: number) => ({ authorization: `Bearer ${tokenFor(p, ttl)}` });

/** Appends `n` events to a stream of `kind` for `province`. */
async function append(kind: string, province: string, n: number, type = 'Noted', size = 10): Promise<void> {
  await store.append(
    `${kind}-${province}-${randomUUID()}`,
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      type,
      data: { i, note: 'x'.repeat(size) },
      metadata: { actor: 'feed-test', province },
    })),
    { expectedRevision: 'no_stream' },
  );
}

/**
 * A client that opens the feed and then reads nothing while 4,000 events of 2 KB are written (far
 * more than socket buffers hold); then it reads what reached it until the connection closes.
 */
async function stopReadingWhileWriting(at: string): Promise<string> {
  const from = await store.headPosition();
  const socket = connect({ host: '127.0.0.1', port: Number(new URL(at).port) });
  await new Promise<void>((r) => socket.once('connect', () => r()));
  socket.write(
    `GET /audit/feed?fromPosition=${from} HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n` +
      `Authorization: Bearer ${tokenFor(auditor)}\r\n\r\n`,
  );
  socket.pause();
  await new Promise((r) => setTimeout(r, 200)); // live before the events come
  for (let i = 0; i < 20; i++) await append('publication', '68', 200, 'Noted', 2000);
  await new Promise((r) => setTimeout(r, 1500));
  let received = '';
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  socket.on('data', (d: Buffer) => void (received += d.toString()));
  socket.resume();
  await closed;
  return received;
}
const eventsIn = (received: string): number => received.split('\n\n').filter((b) => b.includes('event: Noted')).length;

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  app = await buildServer({
    store,
    key: TEST_KEY,
    logLevel: 'silent',
    rateLimitPerMinute: 100_000,
    feed: { heartbeatMs: 200, maxBufferedBytes: 64 * 1024, drainTimeoutMs: 500 },
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the live feed (Server-Sent Events)', () => {
  it('catches up from the start, goes live, and resumes after Last-Event-ID with no gap and no duplicate', async () => {
    await append('campaign', '68', 5);
    const seen: number[] = [];
    // Read the first 3, then hang up.
    await readFeed(`${base}/audit/feed`, bearer(auditor), (m) => {
      seen.push(Number(m.id));
      return seen.length < 3;
    });
    // More is written while the app is away, and more while it is connected again.
    await append('outreach', '68', 4);
    const head = await store.headPosition();
    const later = readFeed(`${base}/audit/feed`, { ...bearer(auditor), 'last-event-id': String(seen.at(-1)) }, (m) => {
      expect(m.event).toBe('Noted');
      const event = JSON.parse(m.data) as { position: number; metadata: { province: string } };
      expect(event.position).toBe(Number(m.id));
      seen.push(event.position);
      return event.position < head + 6;
    });
    await new Promise((r) => setTimeout(r, 300));
    await append('outreach', '80', 6);
    await later;
    expect(seen).toEqual(Array.from({ length: head + 6 }, (_, i) => i + 1));
  });

  it("gives a province's readers its events with those of the provinces it took over, by kind and type", async () => {
    const from = await store.headPosition();
    await append('campaign', '67', 2, 'Launched'); // Đắk Nông, now part of Lâm Đồng (68)
    await append('campaign', '80', 2, 'Launched'); // Tây Ninh
    await append('outreach', '68', 2, 'MeetingRecorded');
    await append('campaign', '68', 2, 'Launched');
    const last = await store.headPosition();
    const got: string[] = [];
    await readFeed(
      `${base}/provinces/68/feed?kind=campaign&type=Launched&fromPosition=${from}`,
      bearer({ role: 'provincial_officer', province: '68' }),
      (m) => {
        const e = JSON.parse(m.data) as { stream: string; position: number };
        got.push(e.stream.split('-').slice(0, 2).join('-'));
        return e.position < last;
      },
    );
    expect(got).toEqual(['campaign-67', 'campaign-67', 'campaign-68', 'campaign-68']);
  });

  it('refuses a token of another province, and ends the stream when the token expires', async () => {
    const other = await readFeed(
      `${base}/provinces/68/feed`,
      bearer({ role: 'provincial_officer', province: '80' }),
      () => true,
    );
    expect(other.status).toBe(403);
    expect(other.body).toContain('forbidden');
    let end: FeedMessage | undefined;
    const short = await readFeed(`${base}/audit/feed?type=Nothing`, bearer(auditor, 1), (m) => {
      if (m.event === 'end') end = m;
      return true;
    });
    expect(short.ended).toBe(true);
    expect(JSON.parse(end?.data ?? '{}')).toEqual({ reason: 'token-expired' });
  });

  it('cuts off a client that stops reading, instead of holding its events in memory', async () => {
    const received = await stopReadingWhileWriting(base);
    const events = eventsIn(received);
    expect(events).toBeGreaterThan(0);
    expect(events).toBeLessThan(4000);
    expect(received).toContain('{"reason":"slow-client"}');
    // …and the operators see it.
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: bearer({ role: 'monitoring' }) });
    expect(metrics.body).toMatch(/cam_feed_ended_total\{reason="slow-client"\} [1-9]/);
    expect(metrics.body).toMatch(/cam_feed_clients \d+/);
  });
});

describe("the live feed's memory budget", () => {
  it('cuts off the client furthest behind once all together leave more unread than the instance allows', async () => {
    // A generous bound per client, a small one for the instance: only the budget can cut.
    const own = await buildServer({
      store,
      key: TEST_KEY,
      logLevel: 'silent',
      feed: { maxBufferedBytes: 64 * 1_048_576, drainTimeoutMs: 60_000, maxTotalBufferedBytes: 256 * 1024 },
    });
    const at = await own.listen({ port: 0, host: '127.0.0.1' });
    try {
      const received = await stopReadingWhileWriting(at);
      // Cut off (its last bytes may never reach it: it was not reading), and counted as too slow.
      const metrics = await own.inject({ method: 'GET', url: '/metrics', headers: bearer({ role: 'monitoring' }) });
      expect(metrics.body).toMatch(/cam_feed_ended_total\{reason="slow-client"\} 1/);
      expect(eventsIn(received)).toBeLessThan(4000);
    } finally {
      await own.close();
    }
  });
});

describe('the live feed across a crash of the service', () => {
  it('resumes after Last-Event-ID on the restarted service with no gap and no duplicate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cam-feed-'));
    const token = serviceToken({ sub: 'auditor', role: 'auditor', app: 'warehouse' });
    const officer = serviceToken({ sub: 'officer', role: 'provincial_officer', province: '68', app: 'lam-dong' });
    let n = 0;
    const register = async (s: RunningService) => {
      n++;
      const r = await fetch(`${s.base}/provinces/68/cooperatives`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          cooperativeId: randomUUID(),
          kind: 'cooperative',
          name: `HTX số ${n}`,
          registrationNumber: `5800${String(n).padStart(6, '0')}`,
          registeredOn: '2026-01-05',
          communeCode: '24781',
          members: { official: 7, associate: 0 },
        }),
      });
      expect(r.status).toBe(201);
    };
    let service = await startService(dir);
    const seen: number[] = [];
    try {
      for (let i = 0; i < 10; i++) await register(service);
      // The app reads while more is written; the service is killed under it.
      const reading = readFeed(`${service.base}/audit/feed`, { authorization: `Bearer ${token}` }, (m) => {
        if (m.id !== undefined) seen.push(Number(m.id));
        return true;
      }).catch(() => ({ status: 0, ended: true }));
      for (let i = 0; i < 10; i++) await register(service);
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(15);
      service.child.kill('SIGKILL');
      await service.exited;
      await reading;
      service = await startService(dir);
      for (let i = 0; i < 5; i++) await register(service);
      const health = (await (await fetch(`${service.base}/health`)).json()) as { store: { headPosition: number } };
      const head = health.store.headPosition;
      expect(head).toBeGreaterThanOrEqual(25);
      await readFeed(
        `${service.base}/audit/feed`,
        { authorization: `Bearer ${token}`, 'last-event-id': String(seen.at(-1)) },
        (m) => {
          if (m.id !== undefined) seen.push(Number(m.id));
          return Number(m.id) < head;
        },
      );
      expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
