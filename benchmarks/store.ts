/**
 * npm run bench:store — durable append throughput and replay speed of the SQLite event store,
 * next to raw better-sqlite3 doing the same work in the same run (the baseline).
 *
 * Options (environment): BENCH_SECONDS (per append phase, default 5), BENCH_REPLAY (events, default 1,000,000).
 * `npm run bench:store -- --store postgres` measures the PostgreSQL store instead (store-postgres.ts).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { event } from './fixtures.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const replayCount = Number(process.env.BENCH_REPLAY ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'cam-bench-'));
const rows: [string, string, string][] = [];
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function rawTable(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, UNIQUE(stream, revision))`);
  return db;
}

function rawInserts(batch: number): number {
  const db = rawTable(join(dir, `raw-${batch}.db`));
  const insert = db.prepare(
    'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
  );
  // Same shape as the store phase: 32 streams, each growing by one event per append.
  const tx = db.transaction((n: number, base: number) => {
    for (let k = 0; k < n; k++) {
      const e = event(base + k);
      insert.run(
        e.id,
        `campaign-${(base + k) % 32}`,
        Math.floor((base + k) / 32),
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      );
    }
  });
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    tx(batch, done);
    done += batch;
  }
  const rate = done / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

async function storeAppends(
  concurrency: number,
  mode: 'thread' | 'inline',
): Promise<{ rate: number; p50: number; p99: number; loopP99: number; readP99: number }> {
  const store = await SqliteEventStore.open({ path: join(dir, `store-${mode}-c${concurrency}.db`), writer: mode });
  const latencies: number[] = [];
  const reads: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let done = 0;
  let stop = false;
  const start = performance.now();
  // Each writer owns one stream (as a province owns its campaign) and appends with its exact revision.
  const writer = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const t = performance.now();
      await store.append(`campaign-${w}`, [event(i)], { expectedRevision: i - 1 });
      latencies.push(performance.now() - t);
      done++;
    }
  };
  // A reader issuing a stream read every 5 ms, as an HTTP GET would, to see what a write load does to reads.
  const reader = async (): Promise<void> => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, 5));
      const t = performance.now();
      await store.readStream('campaign-0', { maxCount: 20 });
      reads.push(performance.now() - t);
    }
  };
  loop.enable();
  const timer = setTimeout(() => (stop = true), seconds * 1000);
  await Promise.all([...Array.from({ length: concurrency }, (_, w) => writer(w)), reader()]);
  clearTimeout(timer);
  loop.disable();
  const rate = done / ((performance.now() - start) / 1000);
  await store.close();
  return {
    rate,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    loopP99: loop.percentile(99) / 1e6,
    readP99: pct(reads, 99),
  };
}

async function replay(): Promise<void> {
  const path = join(dir, 'replay.db');
  const store = await SqliteEventStore.open({ path });
  const perAppend = 500;
  const fillStart = performance.now();
  for (let i = 0; i < replayCount; i += perAppend * 8) {
    await Promise.all(
      Array.from({ length: 8 }, (_, k) =>
        store.append(
          `campaign-${i + k}`,
          Array.from({ length: perAppend }, (_, j) => event(i + k * perAppend + j)),
          {
            expectedRevision: 'any',
          },
        ),
      ),
    );
  }
  const head = await store.headPosition();
  console.log(`  (filled ${fmt(head)} events in ${((performance.now() - fillStart) / 1000).toFixed(1)} s)`);

  // Baselines that do the store's work and no more: the same columns, in the same pages of 10,000
  // by position, on a memory-mapped connection like the store's, raw rows, the same JSON parsed.
  const raw = new Database(path, { readonly: true });
  raw.pragma('mmap_size = 1073741824');
  raw.pragma('cache_size = -65536');
  const rawPages = (columns: string, parse: (r: unknown[]) => void): number => {
    const page = raw
      .prepare(`SELECT ${columns} FROM events WHERE position >= ? ORDER BY position ASC LIMIT 10000`)
      .raw(true);
    let n = 0;
    for (let from = 1; ;) {
      const rows = page.all(from) as unknown[][];
      for (const r of rows) parse(r);
      n += rows.length;
      if (rows.length < 10_000) return n;
      from = (rows[rows.length - 1]?.[0] as number) + 1;
    }
  };
  const storePages = async (
    read: (o: { fromPosition: number; maxCount: number }) => Promise<{ position: number }[]>,
  ): Promise<number> => {
    let n = 0;
    for (let from = 1; ;) {
      const page = await read({ fromPosition: from, maxCount: 10_000 });
      n += page.length;
      if (page.length < 10_000) return n;
      from = (page[page.length - 1]?.position ?? from) + 1;
    }
  };
  const rate = async (run: () => number | Promise<number>): Promise<number> => {
    const t = performance.now();
    const n = await run();
    return n / ((performance.now() - t) / 1000);
  };
  const rates: Record<'rawReplay' | 'replay' | 'rawAll' | 'all', number[]> = {
    rawReplay: [],
    replay: [],
    rawAll: [],
    all: [],
  };
  for (let round = 0; round < 3; round++) {
    rates.rawReplay.push(
      await rate(() =>
        rawPages('position, stream, revision, type, schema_version, data, recorded_at', (r) =>
          JSON.parse(r[5] as string),
        ),
      ),
    );
    rates.replay.push(await rate(() => storePages((o) => store.readReplay(o))));
    rates.rawAll.push(
      await rate(() =>
        rawPages('position, id, stream, revision, type, schema_version, data, metadata, recorded_at, hash', (r) => {
          JSON.parse(r[6] as string);
          JSON.parse(r[7] as string);
        }),
      ),
    );
    rates.all.push(await rate(() => storePages((o) => store.readAll(o))));
  }
  raw.close();
  const spread = (xs: number[]): string => {
    const s = [...xs].sort((a, b) => a - b);
    return `median ${fmt(s[1] ?? 0)} events/s (${fmt(s[0] ?? 0)} – ${fmt(s[2] ?? 0)})`;
  };
  const ratio = (a: number[], b: number[]): string =>
    spread(a.map((x, i) => (100 * x) / (b[i] ?? 1))).replaceAll(' events/s', ' %');
  rows.push([
    'replay: raw, projection columns, pages of 10,000, mmap (baseline)',
    spread(rates.rawReplay),
    '3 interleaved rounds',
  ]);
  rows.push([
    'replay: store.readReplay, the same pages',
    spread(rates.replay),
    `${ratio(rates.replay, rates.rawReplay)} of baseline`,
  ]);
  rows.push([
    'replay: raw, all columns, pages of 10,000, mmap (baseline)',
    spread(rates.rawAll),
    '3 interleaved rounds',
  ]);
  rows.push([
    'replay: store.readAll (metadata zod-checked), the same pages',
    spread(rates.all),
    `${ratio(rates.all, rates.rawAll)} of baseline`,
  ]);

  let t = performance.now();
  let subCount = 0;
  const sub = store.subscribe({ batchSize: 5000, handler: () => void subCount++ });
  await sub.caughtUp();
  await sub.stop();
  const subRate = subCount / ((performance.now() - t) / 1000);

  t = performance.now();
  let replaySubCount = 0;
  const replaySub = store.subscribeReplay({ batchSize: 5000, handler: () => void replaySubCount++ });
  await replaySub.caughtUp();
  await replaySub.stop();
  const replaySubRate = replaySubCount / ((performance.now() - t) / 1000);
  await store.close();

  rows.push(['replay: subscription catch-up from 0', `${fmt(subRate)} events/s`, `${fmt(subCount)} events`]);
  rows.push([
    'replay: subscribeReplay catch-up from 0 (what projections use)',
    `${fmt(replaySubRate)} events/s`,
    `${fmt(replaySubCount)} events`,
  ]);
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function main(): Promise<void> {
  console.log(
    `bench:store — node ${process.version}, ${seconds}s per append phase, replay over ${fmt(replayCount)} events, dir ${dir}`,
  );
  rows.push(['raw better-sqlite3, 1 insert per durable commit (baseline)', `${fmt(rawInserts(1))} appends/s`, '']);
  rows.push(['raw better-sqlite3, 32 inserts per durable commit (baseline)', `${fmt(rawInserts(32))} appends/s`, '']);
  for (const [c, mode] of [
    [1, 'thread'],
    [32, 'thread'],
    [1, 'inline'],
    [32, 'inline'],
  ] as const) {
    const r = await storeAppends(c, mode);
    rows.push([
      `store.append, ${mode} writer, concurrency ${c}`,
      `${fmt(r.rate)} appends/s`,
      `latency p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms; read p99 ${r.readP99.toFixed(2)} ms; event-loop delay p99 ${r.loopP99.toFixed(2)} ms`,
    ]);
  }
  await replay();
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(20)}  ${c}`);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.slice(2).join(' ').includes('postgres')) {
  rmSync(dir, { recursive: true, force: true });
  await (await import('./store-postgres.ts')).benchPostgres();
} else await main();
