import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../domain/shared/decider.ts';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import type { EventStore } from '../eventstore/types.ts';
import { KeyIndex } from './idempotency.ts';
import { StreamCache } from './streams.ts';

type Added = DomainEvent<'Added', { n: number }>;
const counter = {
  initialState: () => ({ total: 0, count: 0 }),
  evolve: (s: { total: number; count: number }, e: Added) => ({ total: s.total + e.data.n, count: s.count + 1 }),
};

let store: SqliteEventStore;
let reads: number;
let counted: EventStore;
const add = (stream: string, n: number, expectedRevision: number) =>
  store.append(stream, [{ id: randomUUID(), type: 'Added', data: { n }, metadata: { actor: 'test' } }], {
    expectedRevision,
  });

beforeEach(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  reads = 0;
  counted = Object.create(store, {
    readStream: { value: (...args: Parameters<EventStore['readStream']>) => ((reads += 1), store.readStream(...args)) },
  }) as EventStore;
});
afterEach(async () => store.close());

describe('the stream cache', () => {
  it('reads a stream once, then only what it gained since; a stream that has not moved is not read', async () => {
    const cache = new StreamCache(counted, new KeyIndex(3_600_000), Date.now);
    await add('c-1', 2, -1);
    await add('c-1', 3, 0);
    expect(await cache.load('c-1', counter)).toMatchObject({ state: { total: 5, count: 2 }, revision: 1 });
    expect(reads).toBe(1);
    expect(await cache.load('c-1', counter)).toMatchObject({ state: { total: 5 }, revision: 1 });
    expect(reads).toBe(1);
    // Another writer (another process, another instance) appends: the next load folds just that.
    await add('c-1', 10, 1);
    expect(await cache.load('c-1', counter)).toMatchObject({ state: { total: 15, count: 3 }, revision: 2 });
    expect(reads).toBe(2);
  });

  it('does not read a stream that has no events, and keeps a state it handed out unchanged', async () => {
    const cache = new StreamCache(counted, new KeyIndex(3_600_000), Date.now);
    const empty = await cache.load('c-new', counter);
    expect(empty).toMatchObject({ state: { total: 0 }, revision: -1 });
    expect(reads).toBe(0);
    const r = await add('c-new', 4, -1);
    cache.advance('c-new', counter, empty, [{ type: 'Added', data: { n: 4 } }], r.revision);
    expect(empty).toMatchObject({ state: { total: 0 }, revision: -1 });
    expect(await cache.load('c-new', counter)).toMatchObject({ state: { total: 4 }, revision: 0 });
    expect(reads).toBe(0);
  });

  it('drops an entry that another write overtook instead of advancing it', async () => {
    const cache = new StreamCache(counted, new KeyIndex(3_600_000), Date.now);
    await add('c-2', 1, -1);
    const seen = await cache.load('c-2', counter);
    await add('c-2', 100, 0); // not through the cache
    const newer = await cache.load('c-2', counter);
    expect(newer.revision).toBe(1);
    cache.advance('c-2', counter, seen, [{ type: 'Added', data: { n: 7 } }], 1);
    expect(await cache.load('c-2', counter)).toMatchObject({ state: { total: 101 }, revision: 1 });
  });

  it('holds at most its bound of streams', async () => {
    const cache = new StreamCache(counted, new KeyIndex(3_600_000), Date.now, 3);
    for (let i = 0; i < 10; i++) {
      await add(`s-${i}`, i, -1);
      await cache.load(`s-${i}`, counter);
    }
    expect(cache.size).toBeLessThanOrEqual(3);
    expect(await cache.load('s-9', counter)).toMatchObject({ state: { total: 9 }, revision: 0 });
  });
});
