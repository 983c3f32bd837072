import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { exportEvents, parseNdjson, toNdjsonLine } from '../src/app/audit.ts';
import { PostgresEventStore } from '../src/eventstore/postgres/store.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
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
    return {
      persistent: true,
      open: (now) =>
        PostgresEventStore.open({
          connectionString: server.url,
          schema,
          poolSize: 8,
          pollIntervalMs: 50,
          ...(now ? { now } : {}),
        }),
    };
  });
}

if (!('skip' in pg)) {
  const server = pg;
  describe('PostgreSQL under contention from several instances', () => {
    it('delivers to a live subscription every acknowledged event exactly once, in order, with no position skipped', async () => {
      const schema = `contention_${process.pid}`;
      const open = () =>
        PostgresEventStore.open({
          connectionString: server.url,
          schema,
          poolSize: 4,
          pollIntervalMs: 20,
          maxBatch: 16,
        });
      const writers = await Promise.all([open(), open(), open()]);
      const reader = await open();
      const seen: number[] = [];
      const ids: string[] = [];
      const sub = reader.subscribe({ handler: (e) => void (seen.push(e.position), ids.push(e.id)) });
      await sub.caughtUp();
      // 3 instances × 24 writers, each appending to streams of its own and to shared ones.
      const acked: string[] = [];
      await Promise.all(
        writers.flatMap((store, w) =>
          Array.from({ length: 24 }, async (_, k) => {
            for (let i = 0; i < 25; i++) {
              const id = randomUUID();
              const shared = i % 5 === 0;
              try {
                await store.append(
                  shared ? `shared-${k % 3}` : `w-${w}-${k}`,
                  [{ id, type: 'Tested', data: { w, k, i }, metadata: { actor: 'test' } }],
                  { expectedRevision: 'any' },
                );
                acked.push(id);
              } catch (err) {
                throw new Error(`append failed: ${String(err)}`);
              }
            }
          }),
        ),
      );
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

if (!('skip' in pg)) {
  const server = pg;
  describe('moving history from SQLite to PostgreSQL', () => {
    it('imports an export of the SQLite log with every position, revision and hash unchanged, and audit:verify is ok', async () => {
      const sqlite = await SqliteEventStore.open({ path: ':memory:' });
      for (let i = 0; i < 60; i++) {
        await sqlite.append(
          `campaign-${i % 4}`,
          [
            {
              id: randomUUID(),
              type: 'Tested',
              data: { i, text: 'Hội nghị tuyên truyền' },
              metadata: { actor: 'officer', province: '68' },
            },
          ],
          { expectedRevision: 'any' },
        );
      }
      let ndjson = '';
      for await (const e of exportEvents(sqlite)) ndjson += toNdjsonLine(e);
      const before = await sqlite.readAll({ maxCount: 10_000 });
      await sqlite.close();

      const target = await PostgresEventStore.open({ connectionString: server.url, schema: `moved_${process.pid}` });
      await target.importEvents(parseNdjson(ndjson));
      const after = await target.readAll({ maxCount: 10_000 });
      expect(after.map((e) => [e.position, e.stream, e.revision, e.hash])).toEqual(
        before.map((e) => [e.position, e.stream, e.revision, e.hash]),
      );
      expect(after).toEqual(before);
      const report = await target.verifyIntegrity();
      expect(report).toMatchObject({ ok: true, eventsChecked: 60, streamsChecked: 4, headPosition: 60 });
      await target.close();
    });
  });
}
