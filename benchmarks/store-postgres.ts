/**
 * npm run bench:store -- --store postgres — durable appends and replay of the PostgreSQL store,
 * next to raw `pg` doing one INSERT per transaction at the same concurrency (the baseline).
 *
 * The server: DATABASE_URL when set, else a throwaway cluster from the machine's PostgreSQL
 * binaries with its default durability (fsync on, synchronous_commit on). Options
 * (environment): BENCH_SECONDS (per phase, default 5), BENCH_ROUNDS (3), BENCH_REPLAY (200,000).
 */
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { PostgresEventStore } from '../src/eventstore/postgres/store.ts';
import { startTestPostgres } from '../test/support/postgres.ts';
import { event } from './fixtures.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const replayCount = Number(process.env.BENCH_REPLAY ?? 200_000);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Runs `concurrency` loops of `step` for the phase's time; returns completions a second. */
async function phase(concurrency: number, step: (worker: number, i: number) => Promise<void>): Promise<number> {
  let done = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        await step(w, i);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/** Baseline: what a hand-written append does without checks, hashing or batching. */
async function rawInserts(url: string, schema: string, concurrency: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}; CREATE TABLE IF NOT EXISTS ${schema}.events (position bigserial PRIMARY KEY, id text NOT NULL UNIQUE,
    stream text NOT NULL, revision integer NOT NULL, type text NOT NULL, data text NOT NULL, metadata text NOT NULL, UNIQUE (stream, revision))`);
  const rate = await phase(concurrency, async (w, i) => {
    const client = await pool.connect();
    try {
      const e = event(i);
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO ${schema}.events (id, stream, revision, type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)`,
        [e.id, `campaign-${w}`, i, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });
  await pool.end();
  return rate;
}

async function storeAppends(url: string, schema: string, concurrency: number): Promise<number> {
  const store = await PostgresEventStore.open({
    connectionString: url,
    schema,
    poolSize: Math.max(2, Math.min(concurrency, 10)),
  });
  // Each writer owns one stream and appends with its exact expected revision, as in bench:store.
  const rate = await phase(
    concurrency,
    async (w, i) => void (await store.append(`campaign-${w}`, [event(i)], { expectedRevision: i - 1 })),
  );
  await store.close();
  return rate;
}

const spread = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${fmt(s[Math.floor(s.length / 2)] ?? 0)} (${fmt(s[0] ?? 0)} – ${fmt(s[s.length - 1] ?? 0)})`;
};

export async function benchPostgres(): Promise<void> {
  const server =
    process.env.DATABASE_URL !== undefined
      ? { url: process.env.DATABASE_URL, how: 'DATABASE_URL', stop: async () => undefined }
      : await startTestPostgres({ fsync: true });
  if ('skip' in server) {
    console.log(`bench:store --store postgres: no server (${server.skip}); set DATABASE_URL`);
    return;
  }
  console.log(
    `bench:store --store postgres — node ${process.version}, ${server.how}, ${rounds} interleaved rounds of ${seconds} s a phase`,
  );
  try {
    const rates: Record<string, number[]> = {};
    const add = (k: string, v: number): void => void (rates[k] ??= []).push(v);
    for (let r = 0; r < rounds; r++) {
      for (const c of [1, 32]) {
        add(`raw${c}`, await rawInserts(server.url, `raw_${r}_${c}`, c));
        add(`store${c}`, await storeAppends(server.url, `store_${r}_${c}`, c));
      }
    }
    const rows: [string, string, string][] = [];
    for (const c of [1, 32]) {
      const raw = rates[`raw${c}`] ?? [];
      const store = rates[`store${c}`] ?? [];
      rows.push([`raw pg, 1 INSERT per transaction, concurrency ${c} (baseline)`, `${spread(raw)} appends/s`, '']);
      rows.push([
        `store.append, concurrency ${c}`,
        `${spread(store)} appends/s`,
        `ratio ${spread(store.map((x, i) => (100 * x) / (raw[i] ?? 1)))} %`,
      ]);
    }
    // Replay: the store's pages against raw pg reading the same columns in the same pages.
    const store = await PostgresEventStore.open({ connectionString: server.url, schema: 'replay' });
    for (let i = 0; i < replayCount; i += 4000) {
      await Promise.all(
        Array.from({ length: 8 }, (_, k) =>
          store.append(
            `campaign-${i + k}`,
            Array.from({ length: 500 }, (_, j) => event(i + k * 500 + j)),
            { expectedRevision: 'any' },
          ),
        ),
      );
    }
    const head = await store.headPosition();
    const pool = new pg.Pool({ connectionString: server.url, max: 2 });
    const rawRates: number[] = [];
    const storeRates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      let t = performance.now();
      for (let from = 1; ;) {
        const { rows: page } = await pool.query({
          text: 'SELECT position, stream, revision, type, schema_version, data, recorded_at FROM replay.events WHERE position >= $1 ORDER BY position LIMIT 10000',
          values: [from],
          rowMode: 'array',
        });
        for (const row of page as unknown[][]) JSON.parse(row[5] as string);
        if (page.length < 10_000) break;
        from = Number((page[page.length - 1] as unknown[])[0]) + 1;
      }
      rawRates.push(head / ((performance.now() - t) / 1000));
      t = performance.now();
      for (let from = 1; ;) {
        const page = await store.readReplay({ fromPosition: from, maxCount: 10_000 });
        if (page.length < 10_000) break;
        from = (page[page.length - 1]?.position ?? from) + 1;
      }
      storeRates.push(head / ((performance.now() - t) / 1000));
    }
    await pool.end();
    await store.close();
    rows.push([
      `replay raw pg, projection columns, pages of 10,000 (baseline)`,
      `${spread(rawRates)} events/s`,
      `${fmt(head)} events`,
    ]);
    rows.push([
      `replay store.readReplay, the same pages`,
      `${spread(storeRates)} events/s`,
      `ratio ${spread(storeRates.map((x, i) => (100 * x) / (rawRates[i] ?? 1)))} %`,
    ]);
    const w = Math.max(...rows.map((x) => x[0].length));
    for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(34)}  ${c}`);
  } finally {
    await server.stop();
  }
}
