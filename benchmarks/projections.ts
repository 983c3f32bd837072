/**
 * npm run bench:projections — read-model rebuild speed over generated events, and dashboard GET
 * latency under 64 concurrent connections next to a bare fastify route in the same server.
 *
 * Options (environment): BENCH_EVENTS (default 1,000,000), BENCH_SECONDS (per load phase, default 10; 0: rebuilds only),
 * BENCH_KEEP (keep the generated files), BENCH_LOAD (wrk or autocannon; default wrk when it is installed: `apt-get install wrk`).
 * Requests say `accept-encoding: gzip`, as browsers and HTTP client libraries do.
 *
 * The load generator shares the two cores with the server. wrk (C, one thread) leaves the server
 * most of a core; autocannon (Node) needs a core of its own, so its figures include its queueing.
 */
import { wrk, type Load } from './wrk.ts';
import autocannon from 'autocannon';
import { execFileSync, fork, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YEAR, generate } from './campaign-log.ts';
import { built } from './built.ts';

const { Projector } = (await import(built('src/app/projector.js'))) as typeof import('../src/app/projector.ts');
const { ReadModelStore } = (await import(
  built('src/app/read-model-store.js')
)) as typeof import('../src/app/read-model-store.ts');
const { SqliteEventStore } = (await import(
  built('src/eventstore/sqlite/store.js')
)) as typeof import('../src/eventstore/sqlite/store.ts');

const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const dir = mkdtempSync(join(tmpdir(), 'cam-bench-proj-'));
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const loadTool = process.env.BENCH_LOAD ?? (hasWrk ? 'wrk' : 'autocannon');

async function cannon(url: string, connections: number, duration: number, token: string): Promise<Load> {
  const res = await autocannon({
    url,
    connections,
    duration,
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
  });
  return { p50: res.latency.p50, p99: res.latency.p99, rps: res.requests.average, bad: res.non2xx + res.errors };
}

const load = (url: string, connections: number, duration: number, token: string): Promise<Load> =>
  loadTool === 'wrk'
    ? Promise.resolve(wrk(url, connections, duration, token))
    : cannon(url, connections, duration, token);

async function main(): Promise<void> {
  console.log(
    `bench:projections — node ${process.version}, ${fmt(total)} events, ${seconds}s per load phase, dir ${dir}`,
  );
  const path = join(dir, 'events.sqlite');
  let t = performance.now();
  generate(path, total);
  console.log(`  (generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  const rows: [string, string, string][] = [];
  const store = await SqliteEventStore.open({ path });
  const head = await store.headPosition();

  // Baseline: reading the log alone, as the projector's subscription catching up does.
  t = performance.now();
  let n = 0;
  const sub = store.subscribeReplay({ batchSize: 5000, handler: () => void n++ });
  await sub.caughtUp();
  await sub.stop();
  rows.push([
    'read the log only (subscribeReplay catch-up, baseline)',
    `${fmt(n / ((performance.now() - t) / 1000))} events/s`,
    `${fmt(n)} events`,
  ]);

  {
    // In a block: its catalog (a million documents) is garbage before the saved rebuilds fold theirs.
    t = performance.now();
    const memory = new Projector(store);
    await memory.start();
    await memory.stop();
    rows.push([
      'rebuild, read models in memory',
      `${fmt(head / ((performance.now() - t) / 1000))} events/s`,
      `${fmt(memory.catalog.meetings.size)} meetings`,
    ]);
  }

  // Saved, as `projections:rebuild` does it with the service stopped (in bulk, the file opened
  // exclusively), then as POST /admin/projections/rebuild does it while the service answers.
  for (const [name, bulk] of [
    ['rebuild, read models saved, service stopped (npm run projections:rebuild)', true],
    ['rebuild, read models saved, service running (POST /admin/projections/rebuild)', false],
  ] as const) {
    const rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'), { exclusive: bulk });
    const durable = new Projector(store, { readModels: rm });
    t = performance.now();
    const r = await durable.rebuild(undefined, { bulk });
    rows.push([
      name,
      `${fmt(head / ((performance.now() - t) / 1000))} events/s`,
      `${fmt(r.events)} events, checkpoint ${fmt(rm.checkpoint())}`,
    ]);
    await durable.stop();
    rm.close();
  }
  await store.close();

  if (seconds === 0) return finish(rows);
  // Dashboard GETs against a server in another process (so the load generator does not share its event loop).
  const child = fork(join(import.meta.dirname, 'serve.ts'), [dir, String(YEAR)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<{ port: number; plainPort: number; token: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { port: number; plainPort: number; token: string })),
  );
  const base = `http://127.0.0.1:${info.port}`;
  for (const [name, url] of [
    ['plain fastify, no plugins (floor)', `http://127.0.0.1:${info.plainPort}/bare`],
    ['bare route in the same server (baseline)', `${base}/bare`],
    ["plain fastify sending the campaign dashboard's bytes", `http://127.0.0.1:${info.plainPort}/same/campaign`],
    ['campaign dashboard GET (Hồ Chí Minh 2026)', `${base}/provinces/79/campaigns/${YEAR}/dashboard`],
    ["plain fastify sending the national dashboard's bytes", `http://127.0.0.1:${info.plainPort}/same/national`],
    ['national dashboard GET (34 provinces)', `${base}/national/dashboards/${YEAR}`],
  ] as const) {
    await load(url, 8, 2, info.token); // warm-up
    const res = await load(url, 64, seconds, info.token);
    rows.push([
      `${name}, 64 connections (${loadTool})`,
      `p50 ${res.p50.toFixed(2)} ms, p99 ${res.p99.toFixed(2)} ms`,
      `${fmt(res.rps)} req/s, errors or non-2xx ${res.bad}`,
    ]);
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  finish(rows);
}

function finish(rows: [string, string, string][]): void {
  const w = Math.max(...rows.map((x) => x[0].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w)}  ${b.padStart(26)}  ${c}`);
  if (process.env.BENCH_KEEP === undefined) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir} (BENCH_KEEP)`);
}

await main();
