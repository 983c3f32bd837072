import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';
import { problem } from './support/problem.ts';

const dir = mkdtempSync(join(tmpdir(), 'cam-idem-'));
const HOUR = 3_600_000;
let clock = Date.parse('2026-04-10T02:00:00Z');
let store: SqliteEventStore;
let app: FastifyInstance;

/** A server as after a restart: nothing cached, only the log. */
async function restart(): Promise<void> {
  await app?.close();
  app = await buildServer({
    store,
    key: TEST_KEY,
    logLevel: 'silent',
    now: () => new Date(clock),
    idempotencyTtlMs: 24 * HOUR,
    rateLimitPerMinute: 100_000,
  });
}

const officer = bearer({ role: 'provincial_officer', province: '68', app: 'lam-dong-app' });
const uuid = (n: number): string => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const post = (url: string, body: unknown, key?: string) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...officer, ...(key !== undefined ? { 'idempotency-key': key } : {}) },
    payload: body as object,
  });
const meeting = (n: number, attendees = 40) => ({
  meetingId: uuid(n),
  date: '2026-04-10',
  place: { communeCode: '24631' },
  format: 'conference',
  topics: ['cooperative-law-2023'],
  attendees,
  organisedBy: 'Liên minh HTX tỉnh',
});
const meetings = '/provinces/68/campaigns/2026/outreach-meetings';

async function eventsWithKey(key: string) {
  return (await store.readAll({ maxCount: 10_000 })).filter((e) => e.metadata.idempotencyKey === key);
}

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), now: () => new Date(clock) });
  await restart();
  const launched = await post('/provinces/68/campaigns', launch2026);
  expect(launched.statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Idempotency-Key, recorded with the events', () => {
  it('keeps the answer in the metadata of the command’s last event, in the same append', async () => {
    const first = await post(meetings, meeting(1), 'k-1');
    expect(first.statusCode).toBe(201);
    const [event] = await eventsWithKey('k-1');
    expect(event?.metadata.idempotency).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      status: 201,
      location: `${meetings}/${uuid(1)}`,
      types: ['OutreachMeetingRecorded'],
    });
    expect(JSON.parse(first.body)).toEqual({
      stream: event?.stream,
      revision: 0,
      position: event?.position,
      events: [{ id: event?.id, type: 'OutreachMeetingRecorded' }],
      location: `${meetings}/${uuid(1)}`,
    });
  });

  it('answers a retry after a restart with the first answer, byte for byte, even when the retry would now break a rule', async () => {
    const first = await post(
      `${meetings}/${uuid(1)}/corrections`,
      { changes: { attendees: 55 }, reason: 'đếm lại' },
      'k-2',
    );
    expect(first.statusCode).toBe(200);
    await restart();
    // Decided again, this correction would change nothing (422 nothing-to-correct): the log knows it was applied.
    const retry = await post(
      `${meetings}/${uuid(1)}/corrections`,
      { changes: { attendees: 55 }, reason: 'đếm lại' },
      'k-2',
    );
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await eventsWithKey('k-2')).toHaveLength(1);
  });

  it('applies a command once when its retries race each other: the others wait for it (409 with Retry-After) or replay it', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(meetings, meeting(2), 'k-race')));
    const ok = answers.filter((a) => a.statusCode === 201);
    const busy = answers.filter((a) => a.statusCode === 409);
    expect(ok.length + busy.length).toBe(8);
    expect(ok.length).toBeGreaterThan(0);
    expect(new Set(ok.map((a) => a.body)).size).toBe(1);
    for (const b of busy) {
      expect(b.headers['retry-after']).toBe('1');
      expect(JSON.parse(b.body)).toMatchObject({ type: problem('idempotency-key-in-use') });
    }
    const later = await post(meetings, meeting(2), 'k-race');
    expect(later.body).toBe(ok[0]?.body);
    expect(await eventsWithKey('k-race')).toHaveLength(1);
  });

  it('refuses the same key with another request, also after a restart and on another stream, and writes nothing', async () => {
    expect((await post(meetings, meeting(3), 'k-3')).statusCode).toBe(201);
    const head = await store.headPosition();
    const sameStream = await post(meetings, meeting(3, 41), 'k-3');
    expect(sameStream.statusCode).toBe(422);
    expect(JSON.parse(sameStream.body)).toMatchObject({ type: problem('idempotency-key-reused') });
    // After a restart the service knows the key from the log before it reads the key's stream.
    await restart();
    expect(JSON.parse((await post(meetings, meeting(4), 'k-3')).body)).toMatchObject({
      type: problem('idempotency-key-reused'),
    });
    expect(JSON.parse((await post(meetings, meeting(3, 42), 'k-3')).body)).toMatchObject({
      type: problem('idempotency-key-reused'),
    });
    expect(await store.headPosition()).toBe(head);
  });

  it('keeps no answer for a rejected request: a retry is decided again', async () => {
    const early = await post(meetings, { ...meeting(5), date: '2025-04-10' }, 'k-5');
    expect(early.statusCode).toBe(422);
    expect(await eventsWithKey('k-5')).toHaveLength(0);
    expect((await post(meetings, { ...meeting(5), date: '2025-04-10' }, 'k-5')).statusCode).toBe(422);
  });

  it('forgets keys after their time, yet never applies a command twice: its own id or its key’s event ids stop it', async () => {
    expect((await post(meetings, meeting(6), 'k-6')).statusCode).toBe(201);
    const counts = { members: { official: 30, associate: 2 }, asOf: '2026-04-10' };
    const coop = {
      cooperativeId: uuid(7),
      kind: 'cooperative',
      name: 'HTX Quảng Khê',
      registrationNumber: '6801000123',
      registeredOn: '2019-05-10',
      communeCode: '24781',
      members: { official: 25, associate: 0 },
    };
    expect((await post('/provinces/68/cooperatives', coop)).statusCode).toBe(201);
    const update = await post(`/provinces/68/cooperatives/${uuid(7)}/member-counts`, counts, 'k-7');
    expect(update.statusCode).toBe(200);
    const head = await store.headPosition();
    clock += 25 * HOUR;
    await restart();
    // The meeting carries its own id: the domain refuses to record it again.
    const again = await post(meetings, meeting(6), 'k-6');
    expect(JSON.parse(again.body)).toMatchObject({ type: problem('meeting-already-recorded') });
    // A member count update would apply again: the ids derived from the key are in the log already.
    const replayed = await post(`/provinces/68/cooperatives/${uuid(7)}/member-counts`, counts, 'k-7');
    expect(replayed.statusCode).toBe(422);
    expect(JSON.parse(replayed.body)).toMatchObject({ type: problem('idempotency-key-expired') });
    expect(await store.headPosition()).toBe(head);
    // The expired key may be used again for another request.
    expect(
      (await post(`/provinces/68/cooperatives/${uuid(7)}/member-counts`, { ...counts, asOf: '2026-04-11' }, 'k-7'))
        .statusCode,
    ).toBe(200);
  });
});
