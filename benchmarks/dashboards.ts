/**
 * npm run bench:dashboards — the campaign and national dashboards over HTTP at a large log, each
 * against plain fastify routes (no plugins) that send the very same body, and the same body with
 * the same headers: the fair baselines, doing the sending the service does and nothing else. The
 * server (benchmarks/serve.ts) runs on CPU 0 and wrk on CPU 1 where `taskset` exists; rounds
 * interleave baselines and service.
 *
 * Data: BENCH_DIR/data with events.sqlite and readmodels.sqlite, as `npm run bench:startup`
 * leaves them (1,000,000 events). Environment: BENCH_DIR (/tmp/bstart), BENCH_ROUNDS (3),
 * BENCH_SECONDS (8), BENCH_CONNECTIONS (64).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { YEAR } from './campaign-log.ts';
import { cpuSeconds, wrk, type Load } from './wrk.ts';

const data = join(process.env.BENCH_DIR ?? '/tmp/bstart', 'data');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
if (!existsSync(join(data, 'readmodels.sqlite')))
  throw new Error(`no read models in ${data}: run npm run bench:startup with BENCH_DIR first`);
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;

const serve = join(import.meta.dirname, 'serve.ts');
const args = ['--import', 'tsx', serve, data, String(YEAR)];
const child = pinned
  ? spawn('taskset', ['-c', '0', process.execPath, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  : spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const info = await new Promise<{ port: number; plainPort: number; token: string }>((resolve) =>
  child.once('message', (m) => resolve(m as { port: number; plainPort: number; token: string })),
);
const plain = `http://127.0.0.1:${info.plainPort}`;
const service = `http://127.0.0.1:${info.port}`;
const views = [
  {
    name: 'campaign dashboard (Hồ Chí Minh)',
    baseline: `${plain}/same/campaign`,
    full: `${plain}/full/campaign`,
    url: `${service}/provinces/79/campaigns/${YEAR}/dashboard`,
  },
  {
    name: 'national dashboard (34 provinces)',
    baseline: `${plain}/same/national`,
    full: `${plain}/full/national`,
    url: `${service}/national/dashboards/${YEAR}`,
  },
];
/** A load phase, with the server's CPU per answered request (steadier than req/s on a shared machine). */
const run = (url: string, s = seconds): Load & { cpuUs: number } => {
  const before = cpuSeconds(child.pid);
  const l = wrk(url, connections, s, info.token, pinned ? 1 : undefined);
  return { ...l, cpuUs: ((cpuSeconds(child.pid) - before) * 1e6) / (l.rps * s) };
};

console.log(
  `bench:dashboards — node ${process.version}, wrk, ${connections} connections, ${rounds} rounds of ${seconds} s, ${data}, ${pinned ? 'server on CPU 0, wrk on CPU 1' : 'not pinned'}`,
);
for (const v of views) {
  run(v.baseline, 2);
  run(v.full, 2);
  run(v.url, 2);
}
type Ratios = { rps: number[]; p99: number[]; cpu: number[] };
const ratios = new Map<string, Ratios>(views.map((v) => [v.name, { rps: [], p99: [], cpu: [] }]));
const fullRatios = new Map<string, Ratios>(views.map((v) => [v.name, { rps: [], p99: [], cpu: [] }]));
const line = (label: string, l: Load & { cpuUs: number }): string =>
  `  ${label.padEnd(44)} ${Math.round(l.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${l.p50.toFixed(2).padStart(6)} ms  p99 ${l.p99.toFixed(2).padStart(6)} ms  CPU ${Math.round(l.cpuUs)} µs/req  bad ${l.bad}`;
for (let r = 1; r <= rounds; r++) {
  console.log(`round ${r}`);
  for (const v of views) {
    const base = run(v.baseline);
    const full = run(v.full);
    const got = run(v.url);
    console.log(line(`plain fastify, same body as the ${v.name.split(' ')[0]}`, base));
    console.log(line(`plain fastify, same body and headers`, full));
    console.log(line(v.name, got));
    for (const [to, m] of [
      [base, ratios],
      [full, fullRatios],
    ] as const) {
      m.get(v.name)?.rps.push(got.rps / to.rps);
      m.get(v.name)?.p99.push(got.p99 / to.p99);
      m.get(v.name)?.cpu.push(got.cpuUs / to.cpuUs);
    }
  }
}
const mmm = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${(s[0] ?? NaN).toFixed(2)}  median ${(s[Math.floor(s.length / 2)] ?? NaN).toFixed(2)}  max ${(s[s.length - 1] ?? NaN).toFixed(2)}`;
};
for (const [label, m] of [
  ['same body', ratios],
  ['same body and headers', fullRatios],
] as const) {
  for (const [name, x] of m) {
    console.log(
      `${name} against the plain route with the ${label}: throughput ratio ${mmm(x.rps)} (target >= 0.6); p99 ratio ${mmm(x.p99)} (target <= 2); CPU per request, service / baseline ${mmm(x.cpu)}`,
    );
  }
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
