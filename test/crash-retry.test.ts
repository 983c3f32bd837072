import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { StoredEvent } from '../src/eventstore/types.ts';
import { serviceToken, startService, type RunningService } from './support/service.ts';
import { launch2026 } from './support/campaign.ts';

const dir = mkdtempSync(join(tmpdir(), 'cam-crash-retry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROUNDS = 20;
const campaign = '/provinces/68/campaigns/2026';
const token = serviceToken({ sub: 'officer-68', role: 'provincial_officer', province: '68', app: 'crash-test' });

interface Answer {
  status: number;
  body: string;
  etag: string | null;
  replayed: boolean;
}

/** One logical request, sent again after every crash with the same key and body until answered. */
interface Sent {
  key: string;
  path: string;
  body: Record<string, unknown>;
  kind: 'record' | 'correct';
  meetingId: string;
  answers: Answer[];
  /** Rounds in which it got no answer (the service died first). */
  unanswered: number;
  /** Sent once more after its first answer, to see that answer replayed. */
  verified: boolean;
}

async function send(base: string, r: Sent): Promise<void> {
  try {
    const res = await fetch(`${base}${r.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': r.key },
      body: JSON.stringify(r.body),
    });
    r.answers.push({
      status: res.status,
      body: await res.text(),
      etag: res.headers.get('etag'),
      replayed: res.headers.get('idempotent-replayed') === 'true',
    });
  } catch {
    r.unanswered += 1; // the connection died with the service
  }
}

const meeting = (meetingId: string, attendees: number): Record<string, unknown> => ({
  meetingId,
  date: '2026-04-10',
  place: { communeCode: '24631' },
  format: 'conference',
  topics: ['cooperative-law-2023'],
  attendees,
  organisedBy: 'Liên minh HTX tỉnh',
  activityId: 'outreach',
});

async function readLog(path: string): Promise<StoredEvent[]> {
  const store = await SqliteEventStore.open({ path });
  try {
    return await store.readAll({ maxCount: 10_000 });
  } finally {
    await store.close();
  }
}

describe('a service killed between a commit and its answer', () => {
  it('answers every retry with the first answer and applies each command exactly once, over 20 crashes at random points', async () => {
    let svc: RunningService = await startService(dir);
    const launched = await fetch(`${svc.base}/provinces/68/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(launch2026),
    });
    expect(launched.status).toBe(201);
    svc.child.kill('SIGKILL');
    await svc.exited;

    const all: Sent[] = [];
    let attendees = 100;
    let kills = 0;
    for (let round = 1; round <= ROUNDS + 1; round++) {
      const last = round > ROUNDS;
      // Every round but the last dies right after its first (or, one time in four, its second) group
      // commit, before answering it; which requests that commit holds is up to timing.
      svc = await startService(dir, last ? {} : { FAULT_KILL_AFTER_COMMITS: String(Math.random() < 0.75 ? 1 : 2) });
      // Retries of everything not answered yet, and one more retry of what was answered last round.
      const batch = all.filter((r) => r.answers.length === 0 || !r.verified);
      for (const r of batch) if (r.answers.length > 0) r.verified = true;
      if (!last) {
        for (let i = 0; i < 4; i++) {
          const id = randomUUID();
          const r: Sent = {
            key: `record-${id}`,
            path: `${campaign}/outreach-meetings`,
            body: meeting(id, attendees++),
            kind: 'record',
            meetingId: id,
            answers: [],
            unanswered: 0,
            verified: false,
          };
          all.push(r);
          batch.push(r);
        }
        // Corrections of meetings already recorded, none of which has a correction in flight.
        const busy = new Set(all.filter((r) => r.kind === 'correct' && r.answers.length === 0).map((r) => r.meetingId));
        const recorded = all.filter(
          (r) => r.kind === 'record' && r.answers.some((a) => a.status === 201) && !busy.has(r.meetingId),
        );
        for (const m of recorded.slice(-3)) {
          const r: Sent = {
            key: `correct-${randomUUID()}`,
            path: `${campaign}/outreach-meetings/${m.meetingId}/corrections`,
            body: { changes: { attendees: attendees++ }, reason: 'số liệu đếm lại' },
            kind: 'correct',
            meetingId: m.meetingId,
            answers: [],
            unanswered: 0,
            verified: false,
          };
          all.push(r);
          batch.push(r);
        }
      }
      await Promise.all(batch.map((r) => send(svc.base, r)));
      if (last) {
        // Whatever is still unanswered after the last crash is retried until it is answered.
        for (let i = 0; i < 3 && all.some((r) => r.answers.length === 0); i++)
          await Promise.all(all.filter((r) => r.answers.length === 0).map((r) => send(svc.base, r)));
        svc.child.kill('SIGTERM');
        await svc.exited;
      } else {
        // Requests fail as the connection drops, a moment before the exit is seen.
        const how = await Promise.race([svc.exited, new Promise<string>((r) => setTimeout(() => r('running'), 1000))]);
        if (how === 'SIGKILL') kills += 1;
        else svc.child.kill('SIGKILL'); // it made fewer commits than its limit
        await svc.exited;
      }
    }

    // Every request was answered 2xx, and every answer to one key is the first answer, byte for byte.
    for (const r of all) {
      expect(r.answers.length, r.key).toBeGreaterThan(0);
      const first = r.answers[0] as Answer;
      expect([200, 201], `${r.key}: ${first.body}`).toContain(first.status);
      for (const a of r.answers.slice(1)) expect({ ...a, replayed: true }, r.key).toEqual({ ...first, replayed: true });
      for (const a of r.answers.slice(1)) expect(a.replayed, r.key).toBe(true);
    }
    // The crashes fell between commit and answer: some requests first answered only after a restart, as replays.
    expect(kills).toBeGreaterThanOrEqual(ROUNDS / 2);
    expect(all.filter((r) => r.unanswered > 0 && r.answers[0]?.replayed === true).length).toBeGreaterThan(0);

    // Each command applied exactly once: one event per key, one recording per meeting.
    const log = await readLog(join(dir, 'events.sqlite'));
    const byKey = new Map<string, number>();
    for (const e of log)
      if (e.metadata.idempotencyKey !== undefined)
        byKey.set(e.metadata.idempotencyKey, (byKey.get(e.metadata.idempotencyKey) ?? 0) + 1);
    for (const r of all) expect(byKey.get(r.key), r.key).toBe(1);
    const recordings = log.filter((e) => e.type === 'OutreachMeetingRecorded').map((e) => e.data.meetingId);
    expect(new Set(recordings).size).toBe(recordings.length);
    expect(recordings.length).toBe(all.filter((r) => r.kind === 'record').length);
  }, 240_000);
});
