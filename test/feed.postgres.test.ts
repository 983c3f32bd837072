import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../src/eventstore/postgres/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, tokenFor } from './support/auth.ts';
import { startTestPostgres } from './support/postgres.ts';
import { readFeed } from './support/feed.ts';

const db = await startTestPostgres();
if ('skip' in db) console.log(`feed on PostgreSQL skipped: ${db.skip}`);

describe.skipIf('skip' in db)('the live feed on PostgreSQL, several instances', () => {
  const closing: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closing.reverse()) await c();
    if (!('skip' in db)) await db.stop();
  });

  it('gives one instance’s readers what another writes, and never skips a transaction that commits late', async () => {
    if ('skip' in db) return;
    const schema = `feed_${randomUUID().slice(0, 8)}`;
    // Two instances of the service on one log: A serves the feed, B takes the writes.
    const a = await PostgresEventStore.open({ connectionString: db.url, schema });
    const b = await PostgresEventStore.open({ connectionString: db.url, schema });
    const app: FastifyInstance = await buildServer({ store: a, key: TEST_KEY, logLevel: 'silent' });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    closing.push(
      () => b.close(),
      () => a.close(),
      () => app.close(),
    );
    const note = (stream: string, n: number) =>
      b.append(
        stream,
        Array.from({ length: n }, (_, i) => ({
          id: randomUUID(),
          type: 'Noted',
          data: { i },
          metadata: { actor: 'b', province: '68' },
        })),
        { expectedRevision: 'any' },
      );
    await note('outreach-68-a', 3);

    const seen: { position: number; stream: string }[] = [];
    const reading = readFeed(
      `${base}/audit/feed`,
      { authorization: `Bearer ${tokenFor({ role: 'auditor' })}` },
      (m) => {
        const e = JSON.parse(m.data) as { position: number; stream: string };
        seen.push({ position: e.position, stream: e.stream });
        return seen.length < 3 + 1 + 5;
      },
    );
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(3);

    // A writer takes the next position and holds its transaction open, as a slow commit would;
    // B's appends queue behind it and commit after it, with the positions after its one.
    const slow = new pg.Client({ connectionString: db.url });
    await slow.connect();
    closing.push(() => slow.end());
    await slow.query('BEGIN');
    const head = Number((await slow.query(`SELECT position FROM ${schema}.log_head FOR UPDATE`)).rows[0].position);
    await slow.query(
      `INSERT INTO ${schema}.events (position, id, stream, revision, type, schema_version, data, metadata, recorded_at, hash)
       VALUES ($1, $2, 'outreach-68-slow', 0, 'Noted', 1, '{"slow":true}', '{"actor":"slow","province":"68"}', $3, $4)`,
      [head + 1, randomUUID(), new Date().toISOString(), 'f'.repeat(64)],
    );
    await slow.query(`INSERT INTO ${schema}.streams (stream, revision, last_hash) VALUES ('outreach-68-slow', 0, $1)`, [
      'f'.repeat(64),
    ]);
    await slow.query(`UPDATE ${schema}.log_head SET position = $1`, [head + 1]);
    const queued = note('outreach-68-b', 5);
    await new Promise((r) => setTimeout(r, 800));
    expect(seen.length).toBe(3); // nothing passes the open transaction
    await slow.query("COMMIT; SELECT pg_notify('cam_events', '')");
    await queued;
    await reading;
    expect(seen.map((s) => s.position)).toEqual(Array.from({ length: 9 }, (_, i) => i + 1));
    expect(seen[3]?.stream).toBe('outreach-68-slow');
  }, 60_000);
});
