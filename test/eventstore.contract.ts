import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { storedEventHash as eventHash } from '../src/eventstore/hash.ts';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  WrongExpectedRevisionError,
  type EventStore,
  type NewEvent,
  type StoredEvent,
} from '../src/eventstore/types.ts';

export interface StoreHarness {
  /** Opens the store (for a persistent adapter, the same storage as the previous open). */
  open(now?: () => Date): Promise<EventStore>;
  /** True when the storage outlives close() (files, servers). */
  persistent: boolean;
}

const meta = { actor: 'officer-67', role: 'provincial_officer', province: '67', app: 'dak-nong-app' };

export function ev(type = 'Tested', data: Record<string, unknown> = {}, id: string = randomUUID()): NewEvent {
  return { id, type, data, metadata: meta };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

/** The semantics every event store adapter must have. */
export interface ContractOptions {
  /** Positions rise but skip numbers (KurrentDB's $all): tests of exact position numbers are skipped. */
  sparsePositions?: boolean;
}

export function eventStoreContract(name: string, makeHarness: () => StoreHarness, options: ContractOptions = {}): void {
  const exact = options.sparsePositions === true ? it.skip : it;
  describe(`event store contract: ${name}`, () => {
    const opened: EventStore[] = [];
    let harness: StoreHarness;
    const open = async (now?: () => Date): Promise<EventStore> => {
      const s = await harness.open(now);
      opened.push(s);
      return s;
    };
    const fresh = (): Promise<EventStore> => {
      harness = makeHarness();
      return open();
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('expected revision', () => {
      it('appends to a new stream with no_stream and refuses a second no_stream append', async () => {
        const store = await fresh();
        const r = await store.append('campaign-67-2024', [ev(), ev()], { expectedRevision: 'no_stream' });
        expect(r).toMatchObject({ stream: 'campaign-67-2024', revision: 1, duplicate: false });
        if (options.sparsePositions) expect(r.position).toBeGreaterThan(r.firstPosition);
        else expect(r.position - r.firstPosition).toBe(1);
        const err = await rejection(store.append('campaign-67-2024', [ev()], { expectedRevision: 'no_stream' }));
        expect(err).toBeInstanceOf(WrongExpectedRevisionError);
        expect(err).toMatchObject({ stream: 'campaign-67-2024', expected: 'no_stream', actual: 1 });
      });

      it('refuses exists on a missing stream and accepts it once the stream has events', async () => {
        const store = await fresh();
        const err = await rejection(store.append('s-1', [ev()], { expectedRevision: 'exists' }));
        expect(err).toMatchObject({ actual: -1 });
        await store.append('s-1', [ev()], { expectedRevision: 'any' });
        await expect(store.append('s-1', [ev()], { expectedRevision: 'exists' })).resolves.toMatchObject({
          revision: 1,
        });
      });

      it('accepts any whatever the stream holds', async () => {
        const store = await fresh();
        await store.append('s-1', [ev()], { expectedRevision: 'any' });
        await expect(store.append('s-1', [ev()], { expectedRevision: 'any' })).resolves.toMatchObject({ revision: 1 });
      });

      it('accepts an exact revision, treats -1 as an empty stream and refuses a stale one', async () => {
        const store = await fresh();
        await store.append('s-1', [ev()], { expectedRevision: -1 });
        await store.append('s-1', [ev()], { expectedRevision: 0 });
        const err = await rejection(store.append('s-1', [ev()], { expectedRevision: 0 }));
        expect(err).toMatchObject({ expected: 0, actual: 1 });
        expect(await store.streamRevision('s-1')).toBe(1);
        expect(await store.streamRevision('nothing-here')).toBe(-1);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of many writers win each revision of one stream', async () => {
        const store = await fresh();
        await store.append('hot', [ev()], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 32 }, () => store.append('hot', [ev()], { expectedRevision: 0 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const losers = results.filter((r) => r.status === 'rejected');
        expect(losers).toHaveLength(31);
        for (const l of losers) expect((l as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(await store.streamRevision('hot')).toBe(1);
      });

      it('keeps revisions gap-free when writers retry their conflicts', async () => {
        const store = await fresh();
        const writer = async (w: number): Promise<void> => {
          for (let i = 0; i < 10;) {
            const rev = await store.streamRevision('contended');
            try {
              await store.append('contended', [ev('Written', { w, i })], { expectedRevision: rev });
              i++;
            } catch (err) {
              if (!(err instanceof WrongExpectedRevisionError)) throw err;
            }
          }
        };
        await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
        const events = await store.readStream('contended');
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 80 }, (_, i) => i));
        for (let w = 0; w < 8; w++) {
          expect(events.filter((e) => e.data.w === w).map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        }
      });

      it('fails a conflicting append alone while the appends committed with it succeed', async () => {
        const store = await fresh();
        await store.append('taken', [ev()], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled([
          store.append('a', [ev()], { expectedRevision: 'no_stream' }),
          store.append('taken', [ev()], { expectedRevision: 'no_stream' }),
          store.append('b', [ev(), ev()], { expectedRevision: 'no_stream' }),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.streamRevision('a')).toBe(0);
        expect(await store.streamRevision('b')).toBe(1);
        expect(await store.streamRevision('taken')).toBe(0);
      });
    });

    describe('idempotent append', () => {
      it('treats a retried append with the same event ids as a no-op returning the first result', async () => {
        const store = await fresh();
        const events = [ev('A'), ev('B')];
        const first = await store.append('s-1', events, { expectedRevision: 'no_stream' });
        await store.append('other', [ev()], { expectedRevision: 'any' });
        const again = await store.append('s-1', events, { expectedRevision: 'no_stream' });
        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.readStream('s-1')).toHaveLength(2);
      });

      it('writes once when the same append is sent twice at the same moment', async () => {
        const store = await fresh();
        const events = [ev('A')];
        const [x, y] = await Promise.all([
          store.append('s-1', events, { expectedRevision: 'no_stream' }),
          store.append('s-1', events, { expectedRevision: 'no_stream' }),
        ]);
        expect(x?.position).toBe(y?.position);
        expect(await store.headPosition()).toBe(1);
      });

      it('refuses an append that reuses some stored ids with new ones, and writes none of it', async () => {
        const store = await fresh();
        const a = ev('A');
        await store.append('s-1', [a], { expectedRevision: 'any' });
        const err = await rejection(store.append('s-1', [a, ev('B')], { expectedRevision: 'any' }));
        expect(err).toBeInstanceOf(DuplicateEventIdError);
        const err2 = await rejection(store.append('s-2', [ev('C'), a], { expectedRevision: 'any' }));
        expect(err2).toBeInstanceOf(DuplicateEventIdError);
        expect((err2 as DuplicateEventIdError).eventId).toBe(a.id);
        expect(await store.headPosition()).toBe(1);
        expect(await store.streamRevision('s-2')).toBe(-1);
      });
    });

    describe('a failed append writes nothing', () => {
      it('rejects invalid input before anything is written', async () => {
        const store = await fresh();
        const bad: NewEvent[] = [
          ev(),
          { id: 'not-a-uuid', type: 'X', data: {}, metadata: meta },
          { id: randomUUID(), type: '', data: {}, metadata: { actor: '' } },
        ];
        const err = await rejection(store.append('s-1', bad, { expectedRevision: 'any' }));
        expect(err).toBeInstanceOf(InvalidAppendError);
        expect((err as InvalidAppendError).issues.map((i) => i.path)).toEqual(
          expect.arrayContaining(['events.1.id', 'events.2.type', 'events.2.metadata.actor']),
        );
        await expect(store.append('s-1', [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
        await expect(store.append(' bad name', [ev()], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        const twice = ev();
        await expect(store.append('s-1', [twice, twice], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidAppendError,
        );
        expect(await store.headPosition()).toBe(0);
      });

      it('writes no event of a multi-event append whose revision check fails', async () => {
        const store = await fresh();
        await store.append('s-1', [ev()], { expectedRevision: 'any' });
        await expect(store.append('s-1', [ev(), ev(), ev()], { expectedRevision: 5 })).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readAll()).toHaveLength(1);
      });
    });

    describe('integrity walk', () => {
      it('reports how many events it has checked while it walks a long log, and checks them all', async () => {
        const store = await fresh();
        for (let b = 0; b < 11; b++)
          await store.append(
            `long-${b % 3}`,
            Array.from({ length: 500 }, (_, i) => ev('N', { b, i })),
            { expectedRevision: 'any' },
          );
        const seen: number[] = [];
        const r = await store.verifyIntegrity({ onProgress: (n) => seen.push(n) });
        expect(r).toMatchObject({ ok: true, eventsChecked: 5500 });
        expect(seen).toEqual([5000]);
      }, 60_000);
    });

    describe('reads', () => {
      it('reads a stream forwards and backwards from a revision, with a page size', async () => {
        const store = await fresh();
        await store.append(
          's-1',
          Array.from({ length: 5 }, (_, i) => ev('N', { i })),
          { expectedRevision: 'any' },
        );
        const revs = (es: StoredEvent[]): number[] => es.map((e) => e.revision);
        expect(revs(await store.readStream('s-1'))).toEqual([0, 1, 2, 3, 4]);
        expect(revs(await store.readStream('s-1', { fromRevision: 2, maxCount: 2 }))).toEqual([2, 3]);
        expect(revs(await store.readStream('s-1', { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(revs(await store.readStream('s-1', { direction: 'backwards', fromRevision: 1 }))).toEqual([1, 0]);
        expect(await store.readStream('missing')).toEqual([]);
      });

      it('stores every field of an event with the recorded-at instant of the store clock', async () => {
        const at = new Date('2024-04-11T02:30:00.000Z');
        harness = makeHarness();
        const store = await open(() => at);
        const e = ev('OutreachMeetingRecorded', { attendees: 120, commune: 'Quảng Khê', amount: 195_000_000 });
        await store.append('outreach-67', [e], { expectedRevision: 'any' });
        const [stored] = await store.readStream('outreach-67');
        expect(stored).toEqual({
          id: e.id,
          stream: 'outreach-67',
          revision: 0,
          position: 1,
          type: 'OutreachMeetingRecorded',
          schemaVersion: 1,
          data: { attendees: 120, commune: 'Quảng Khê', amount: 195_000_000 },
          metadata: meta,
          recordedAt: '2024-04-11T02:30:00.000Z',
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      });

      it('reads the global log in commit order, forwards and backwards, filtered by type and stream prefix', async () => {
        const store = await fresh();
        const r1 = await store.append('campaign-67', [ev('CampaignLaunched')], { expectedRevision: 'any' });
        const r2 = await store.append('outreach-67', [ev('MeetingRecorded'), ev('MeetingRecorded')], {
          expectedRevision: 'any',
        });
        const r3 = await store.append('campaign-72', [ev('CampaignLaunched')], { expectedRevision: 'any' });
        expect(r1.position).toBeLessThan(r2.firstPosition);
        expect(r2.position).toBeLessThan(r3.firstPosition);
        const all = await store.readAll();
        expect(all.map((e) => e.stream)).toEqual(['campaign-67', 'outreach-67', 'outreach-67', 'campaign-72']);
        expect(all.map((e) => e.position)).toEqual([1, 2, 3, 4]);
        expect((await store.readAll({ filter: { types: ['CampaignLaunched'] } })).map((e) => e.stream)).toEqual([
          'campaign-67',
          'campaign-72',
        ]);
        expect((await store.readAll({ filter: { streamPrefix: 'outreach-' } })).map((e) => e.position)).toEqual([2, 3]);
        expect((await store.readAll({ fromPosition: 3, maxCount: 1 })).map((e) => e.position)).toEqual([3]);
        expect((await store.readAll({ direction: 'backwards', maxCount: 2 })).map((e) => e.position)).toEqual([4, 3]);
        expect(await store.headPosition()).toBe(4);
      });

      it('replays the log with what projections need, equal to the full read less id, metadata and hash', async () => {
        const store = await fresh();
        await store.append('a', [ev('A', { n: 1 }), ev('B', { n: 2 })], { expectedRevision: 'any' });
        await store.append('b', [ev('A', { n: 3 })], { expectedRevision: 'any' });
        const full = await store.readAll({ filter: { types: ['A'] } });
        const replay = await store.readReplay({ filter: { types: ['A'] } });
        expect(replay).toEqual(
          full.map(({ stream, revision, position, type, schemaVersion, data, recordedAt }) => ({
            stream,
            revision,
            position,
            type,
            schemaVersion,
            data,
            recordedAt,
          })),
        );
        const seen: number[] = [];
        const sub = store.subscribeReplay({ fromCheckpoint: 1, handler: (e) => void seen.push(e.position) });
        await sub.caughtUp();
        await sub.stop();
        expect(seen).toEqual([2, 3]);
      });

      exact(
        'filters the log by province, actor, recorded-at range, stream prefixes and an upper position',
        async () => {
          let t = Date.parse('2024-04-01T00:00:00Z');
          harness = makeHarness();
          const store = await open(() => new Date((t += 60_000)));
          await store.append('outreach-67-2024-x', [{ ...ev('M'), metadata: { actor: 'a', province: '67' } }], {
            expectedRevision: 'any',
          });
          await store.append('outreach-72-2024-y', [{ ...ev('M'), metadata: { actor: 'b', province: '72' } }], {
            expectedRevision: 'any',
          });
          await store.append('support-67-2024', [{ ...ev('S'), metadata: { actor: 'b', province: '67' } }], {
            expectedRevision: 'any',
          });
          const positions = async (filter: object) => (await store.readAll({ filter })).map((e) => e.position);
          expect(await positions({ province: '67' })).toEqual([1, 3]);
          expect(await positions({ actor: 'b' })).toEqual([2, 3]);
          expect(await positions({ recordedFrom: '2024-04-01T00:02:00Z', recordedTo: '2024-04-01T00:02:59Z' })).toEqual(
            [2],
          );
          expect(await positions({ streamPrefixes: ['outreach-67-', 'support-67-'] })).toEqual([1, 3]);
          expect(await positions({ toPosition: 2 })).toEqual([1, 2]);
        },
      );

      exact('gives concurrent appends distinct contiguous positions matching the log order', async () => {
        const store = await fresh();
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => store.append(`s-${i % 7}`, [ev(), ev()], { expectedRevision: 'any' })),
        );
        const positions = results.flatMap((r) => [r.firstPosition, r.position]);
        expect(new Set(positions).size).toBe(100);
        for (const r of results) expect(r.position).toBe(r.firstPosition + 1);
        const log = await store.readAll();
        expect(log.map((e) => e.position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      });
    });

    describe('hash chain', () => {
      it('chains each event to the previous one of its stream with a recomputable SHA-256', async () => {
        const store = await fresh();
        await store.append('s-1', [ev('A', { n: 1 }), ev('B', { n: 2 })], { expectedRevision: 'any' });
        await store.append('s-2', [ev('C')], { expectedRevision: 'any' });
        await store.append('s-1', [ev('D', { nested: { z: 1, a: [1, 2] } })], { expectedRevision: 'any' });
        const events = await store.readStream('s-1');
        let prev: string | null = null;
        for (const e of events) {
          expect(e.hash).toBe(eventHash(prev, e));
          prev = e.hash;
        }
        const [other] = await store.readStream('s-2');
        expect(other?.hash).toBe(eventHash(null, other as StoredEvent));
        // The chain binds order: the same content hashed after another predecessor differs.
        expect(eventHash(events[0]?.hash ?? null, events[2] as StoredEvent)).not.toBe(events[2]?.hash);
      });
    });

    describe('subscriptions', () => {
      it('catches up, goes live, and resumes from a checkpoint without gaps or repeats', async () => {
        const store = await fresh();
        for (let i = 0; i < 60; i++) await store.append(`s-${i % 3}`, [ev('N', { i })], { expectedRevision: 'any' });
        const seen: number[] = [];
        let stopAt = 0;
        let sub = store.subscribe({
          fromCheckpoint: 0,
          batchSize: 16,
          handler: (e) => {
            seen.push(e.position);
          },
        });
        await sub.caughtUp();
        expect(seen).toHaveLength(60);
        // Live: appends made while subscribed arrive, some concurrently.
        await Promise.all(
          Array.from({ length: 40 }, (_, i) => store.append('live', [ev('L', { i })], { expectedRevision: 'any' })),
        );
        await waitFor(() => seen.length === 100);
        await sub.stop();
        stopAt = sub.checkpoint;
        expect(stopAt).toBe(100);

        // Written while nobody listened, then a restart from the checkpoint (and a reopened store when persistent).
        await Promise.all(Array.from({ length: 25 }, () => store.append('later', [ev()], { expectedRevision: 'any' })));
        let target = store;
        if (harness.persistent) {
          await store.close();
          target = await open();
        }
        sub = target.subscribe({ fromCheckpoint: stopAt, handler: (e) => void seen.push(e.position) });
        await target.append('after-restart', [ev()], { expectedRevision: 'any' });
        await waitFor(() => seen.length === 126);
        await sub.stop();
        expect(seen).toEqual((await target.readAll()).map((e) => e.position));
        if (!options.sparsePositions) expect(seen).toEqual(Array.from({ length: 126 }, (_, i) => i + 1));
      });

      it('hands over events one at a time, in order, waiting for a slow handler', async () => {
        const store = await fresh();
        let busy = false;
        const order: number[] = [];
        const sub = store.subscribe({
          handler: async (e) => {
            expect(busy).toBe(false);
            busy = true;
            await new Promise((r) => setTimeout(r, 2));
            order.push(e.position);
            busy = false;
          },
        });
        await Promise.all(Array.from({ length: 20 }, () => store.append('x', [ev()], { expectedRevision: 'any' })));
        await waitFor(() => order.length === 20);
        await sub.stop();
        expect(order).toEqual([...order].sort((a, b) => a - b));
      });

      it('delivers only events that match its filter', async () => {
        const store = await fresh();
        const got: string[] = [];
        const sub = store.subscribe({ filter: { types: ['Wanted'] }, handler: (e) => void got.push(e.type) });
        await store.append('x', [ev('Wanted'), ev('Other'), ev('Wanted')], { expectedRevision: 'any' });
        await waitFor(() => got.length === 2);
        await sub.stop();
        expect(got).toEqual(['Wanted', 'Wanted']);
      });

      it('ends with the error, not silently, when its handler throws', async () => {
        const store = await fresh();
        await store.append('x', [ev(), ev()], { expectedRevision: 'any' });
        const sub = store.subscribe({
          handler: (e) => {
            if (e.position === 2) throw new Error('projection failed');
          },
        });
        await expect(sub.done).rejects.toThrow('projection failed');
        expect(sub.checkpoint).toBe(1);
      });
    });

    describe('durability', () => {
      it.runIf(makeHarness().persistent)('keeps acknowledged appends across a close and reopen', async () => {
        const store = await fresh();
        const results = await Promise.all(
          Array.from({ length: 64 }, (_, i) => store.append(`d-${i}`, [ev()], { expectedRevision: 'no_stream' })),
        );
        await store.close();
        const again = await open();
        expect(await again.headPosition()).toBe(64);
        for (const r of results) expect(await again.streamRevision(r.stream)).toBe(0);
      });
    });
  });
}

export async function waitFor(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
