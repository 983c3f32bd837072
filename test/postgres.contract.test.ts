import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../src/eventstore/postgres/store.ts';
import { eventStoreContract } from './eventstore.contract.ts';
import { startTestPostgres, type TestPostgres } from './support/postgres.ts';

// The server is started before the suite is declared: the contract needs to know whether to run.
const pg = await startTestPostgres();
if ('skip' in pg) {
  console.log(`PostgreSQL contract suite skipped: ${pg.skip}`);
  describe('event store contract: PostgreSQL', () => it.skip(pg.skip, () => undefined));
} else {
  console.log(`PostgreSQL contract suite runs against a real server: ${pg.how}`);
  const server: TestPostgres = pg;
  afterAll(() => server.stop());
  let n = 0;
  eventStoreContract(`PostgreSQL (${server.how})`, () => {
    // A schema of its own for each test: a fresh, empty log on the same server.
    const schema = `contract_${process.pid}_${++n}`;
    return { persistent: true, open: (now) => PostgresEventStore.open({ connectionString: server.url, schema, poolSize: 8, pollIntervalMs: 50, ...(now ? { now } : {}) }) };
  });
}

if (!('skip' in pg)) {
  const server = pg;
  describe('PostgreSQL under contention from several instances', () => {
    it('delivers to a live subscription every acknowledged event exactly once, in order, with no position skipped', async () => {
      const schema = `contention_${process.pid}`;
      const open = () => PostgresEventStore.open({ connectionString: server.url, schema, poolSize: 4, pollIntervalMs: 20, maxBatch: 16 });
      const writers = await Promise.all([open(), open(), open()]);
      const reader = await open();
      const seen: number[] = [];
      const ids: string[] = [];
      const sub = reader.subscribe({ handler: (e) => void (seen.push(e.position), ids.push(e.id)) });
      await sub.caughtUp();
      // 3 instances × 24 writers, each appending to streams of its own and to shared ones.
      const acked: string[] = [];
      await Promise.all(writers.flatMap((store, w) => Array.from({ length: 24 }, async (_, k) => {
        for (let i = 0; i < 25; i++) {
          const id = randomUUID();
          const shared = i % 5 === 0;
          try {
            await store.append(shared ? `shared-${k % 3}` : `w-${w}-${k}`, [{ id, type: 'Tested', data: { w, k, i }, metadata: { actor: 'test' } }], { expectedRevision: 'any' });
            acked.push(id);
          } catch (err) {
            throw new Error(`append failed: ${String(err)}`);
          }
        }
      })));
      const head = await reader.headPosition();
      expect(head).toBe(acked.length);
      for (let i = 0; i < 200 && seen.length < head; i++) await new Promise((r) => setTimeout(r, 25));
      await sub.stop();
      expect(seen).toEqual(Array.from({ length: head }, (_, i) => i + 1));
      expect(new Set(ids)).toEqual(new Set(acked));
      expect((await reader.verifyIntegrity()).problems).toEqual([]);
      await Promise.all([...writers, reader].map((s) => s.close()));
    });
  });
}
