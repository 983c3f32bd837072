import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from './sqlite/store.ts';

describe('a filtered subscription', () => {
  it('moves its checkpoint past the events its filter leaves out, so that it never reads them again', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const note = (stream: string, n: number) =>
      store.append(
        stream,
        Array.from({ length: n }, () => ({ id: randomUUID(), type: 'Noted', data: {}, metadata: { actor: 't' } })),
        { expectedRevision: 'any' },
      );
    const got: number[] = [];
    const sub = store.subscribe({ filter: { streamPrefix: 'webhook-' }, handler: (e) => void got.push(e.position) });
    try {
      await note('outreach-68-x', 5);
      await note('webhook-1', 1);
      await note('outreach-68-x', 3);
      await expect.poll(() => sub.checkpoint).toBe(9);
      expect(got).toEqual([6]);
      // Reads after it start at the head: what other streams add costs a read of that alone.
      const reads: number[] = [];
      const readAll = store.readAll.bind(store);
      store.readAll = (o) => (reads.push(o?.fromPosition ?? 0), readAll(o));
      await note('outreach-68-x', 2);
      await expect.poll(() => sub.checkpoint).toBe(11);
      expect(Math.min(...reads)).toBe(10);
    } finally {
      await sub.stop();
      await store.close();
    }
  });
});
