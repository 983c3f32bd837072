/**
 * npm run bench:commands — durable commands over HTTP against two baselines: a bare fastify JSON
 * echo, and the durable floor (benchmarks/durable.ts: the same fastify appending each body to a
 * SQLite log in WAL with synchronous=FULL, one transaction per event-loop turn, 201 after commit).
 *
 * The service starts exactly as `npm start` starts it (`node dist/src/main.js`, the build) on a fresh
 * DATA_DIR, in its own process; each baseline in another. One load generator loads all three with
 * the same requests: each a new RecordOutreachMeeting (a fresh meetingId, ~400 bytes of JSON) at
 * 64 connections. Rounds alternate echo, floor and service, so drift on a shared machine falls on
 * all. Where `taskset` exists, the servers (every thread) run on CPU 0 and the load generator on
 * CPU 1, so that they do not take each other's time. The only setting changed from the defaults
 * is the rate limit (600 requests a minute per caller would otherwise answer 429).
 *
 * Environment: BENCH_ROUNDS (3), BENCH_SECONDS (10 per phase), BENCH_CONNECTIONS (64),
 * BENCH_LOAD (wrk when installed, `apt-get install wrk`; else autocannon),
 * BENCH_PROFILE=DIR (write a V8 CPU profile of the service to DIR).
 */
import { cpuSeconds, readWrk } from './wrk.ts';
import autocannon from 'autocannon';
import { execFile, fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { resolveKey } from '../src/auth/keys.ts';
import { mintToken } from '../src/auth/keys.ts';
import { launch2026 } from '../test/support/campaign.ts';
import { freePort } from '../test/support/service.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const profileDir = process.env.BENCH_PROFILE;
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const loadTool = process.env.BENCH_LOAD ?? (hasWrk ? 'wrk' : 'autocannon');
const root = join(import.meta.dirname, '..');
const run = promisify(execFile);
const pinned = process.env.BENCH_PIN !== '0' && spawnSync('taskset', ['-c', '0', 'true']).status === 0;

/** Loads a server and notes the CPU it used per answered request: less noisy than req/s on a shared machine. */
async function measured(
  url: string,
  pid: number | undefined,
  token: string,
  duration: number,
  conns: number,
): Promise<Load> {
  const before = cpuSeconds(pid);
  const l = await load(url, token, duration, conns);
  return { ...l, cpuUs: ((cpuSeconds(pid) - before) * 1e6) / Math.max(1, l.ok + l.bad) };
}

/** Runs every thread of a server process on CPU 0 (threads it starts later inherit it). */
function pinServer(child: ChildProcess): void {
  if (pinned && child.pid !== undefined)
    spawnSync('taskset', ['-a', '-p', '-c', '0', String(child.pid)], { stdio: 'ignore' });
}

interface Load {
  /** CPU time (all threads of the server process) per answered request, µs; NaN without /proc. */
  cpuUs?: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
}

async function waitForHealth(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the service did not answer /health within 30 s');
}

/** A body like the wrk script's, for autocannon. */
function meetingBody(prefix: string, n: number): string {
  return JSON.stringify({
    meetingId: `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    date: '2026-04-10',
    place: { communeCode: '24631' },
    format: 'conference',
    topics: ['cooperative-law-2023', 'member-development'],
    attendees: 120,
    cooperativesRepresented: 8,
    organisedBy: 'Liên minh HTX tỉnh',
    activityId: 'outreach',
    title: 'Hội nghị tuyên truyền Luật HTX 2023',
  });
}

async function load(url: string, token: string, duration: number, conns: number): Promise<Load> {
  const prefix = randomBytes(4).toString('hex');
  if (loadTool === 'wrk') {
    const wrk = ['wrk', '-t1'];
    const { stdout } = await run(
      pinned ? 'taskset' : 'wrk',
      [
        ...(pinned ? ['-c', '1', ...wrk] : wrk.slice(1)),
        `-c${conns}`,
        `-d${duration}s`,
        '--latency',
        '-s',
        join(import.meta.dirname, 'commands.lua'),
        url,
        '--',
        prefix,
        token,
      ],
      { encoding: 'utf8' },
    );
    const { p50, p99, rps, bad, total } = readWrk(stdout);
    return { rps, p50, p99, ok: total - bad, bad };
  }
  let n = 0;
  const res = await autocannon({
    url,
    connections: conns,
    duration,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (r: Record<string, unknown>) => ({ ...r, body: meetingBody(prefix, ++n) }) }],
  });
  return {
    rps: res.requests.average,
    p50: res.latency.p50,
    p99: res.latency.p99,
    ok: res['2xx'],
    bad: res.non2xx + res.errors,
  };
}

const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (v: number): string => v.toFixed(2);
  return `min ${f(s[0] ?? NaN)}  median ${f(s[Math.floor(s.length / 2)] ?? NaN)}  max ${f(s[s.length - 1] ?? NaN)}`;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cam-bench-commands-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `bench:commands — node ${process.version}, ${loadTool}, ${connections} connections, ${rounds} rounds of ${seconds} s, DATA_DIR ${dataDir}, ${pinned ? 'servers on CPU 0, load on CPU 1' : 'not pinned (no taskset)'}`,
  );

  const service = spawn(
    process.execPath,
    [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), '--enable-source-maps', 'dist/src/main.js'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PORT: String(port),
        STORE: 'sqlite',
        RATE_LIMIT_PER_MINUTE: '1000000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  pinServer(service);
  const echo = fork(join(import.meta.dirname, 'echo.ts'), ['0'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const floor = fork(join(import.meta.dirname, 'durable.ts'), ['0', dataDir], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pinServer(echo);
  pinServer(floor);
  const portOf = (child: ChildProcess) =>
    new Promise<number>((resolve) => child.once('message', (m) => resolve((m as { port: number }).port)));
  try {
    const [echoPort, floorPort] = await Promise.all([portOf(echo), portOf(floor)]);
    await waitForHealth(base, service);
    const key = resolveKey({ kind: 'dev' }, dataDir);
    const token = mintToken(
      key,
      { sub: 'bench-officer-68', role: 'provincial_officer', province: '68', app: 'bench' },
      3600,
    );
    const launched = await fetch(`${base}/provinces/68/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(launch2026),
    });
    if (launched.status !== 201)
      throw new Error(`launching the campaign answered ${launched.status}: ${await launched.text()}`);

    const targets = {
      echo: `http://127.0.0.1:${echoPort}/echo`,
      floor: `http://127.0.0.1:${floorPort}/durable`,
      command: `${base}/provinces/68/campaigns/2026/outreach-meetings`,
    };
    for (const url of Object.values(targets)) await load(url, token, 3, 8); // warm-up: JIT, caches, files
    const results: { echo: Load; floor: Load; command: Load }[] = [];
    let acknowledged = 0;
    for (let r = 1; r <= rounds; r++) {
      const e = await measured(targets.echo, echo.pid, token, seconds, connections);
      const f = await measured(targets.floor, floor.pid, token, seconds, connections);
      const c = await measured(targets.command, service.pid, token, seconds, connections);
      acknowledged += c.ok;
      results.push({ echo: e, floor: f, command: c });
      const line = (name: string, x: Load): string =>
        `${name} ${Math.round(x.rps).toLocaleString('en-US').padStart(7)} req/s  p50 ${x.p50.toFixed(2).padStart(6)} ms  p99 ${x.p99.toFixed(2).padStart(6)} ms  CPU ${Math.round(x.cpuUs ?? Number.NaN)} µs/req  non-2xx/errors ${x.bad}`;
      console.log(`round ${r}: ${line('echo   ', e)}\n         ${line('floor  ', f)}\n         ${line('command', c)}`);
    }
    const health = (await (await fetch(`${base}/health`)).json()) as Record<string, unknown>;
    console.log(
      `throughput ratio (command / echo req/s):  ${stats(results.map((x) => x.command.rps / x.echo.rps))}   target: median >= 0.35`,
    );
    console.log(
      `throughput ratio (command / floor req/s): ${stats(results.map((x) => x.command.rps / x.floor.rps))}   target: median >= 0.4`,
    );
    console.log(`floor / echo req/s:                       ${stats(results.map((x) => x.floor.rps / x.echo.rps))}`);
    console.log(
      `CPU per request, command / floor:         ${stats(results.map((x) => (x.command.cpuUs ?? Number.NaN) / (x.floor.cpuUs ?? Number.NaN)))}`,
    );
    console.log(
      `p99 ratio (command / echo p99):           ${stats(results.map((x) => x.command.p99 / x.echo.p99))}   target: <= 3`,
    );
    console.log(
      `commands acknowledged in the measured rounds: ${acknowledged.toLocaleString('en-US')}; service health: ${JSON.stringify(health)}`,
    );
    // How many appends a group commit carried: each commit is one hand-off to the writer thread and one fsync.
    const monitor = mintToken(key, { sub: 'bench-monitor', role: 'monitoring', app: 'bench' }, 3600);
    const metrics = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${monitor}` } })).text();
    const metric = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const [appends, commits] = [metric('cam_append_batch_size_sum'), metric('cam_append_batch_size_count')];
    console.log(`group commits: ${commits.toLocaleString('en-US')}, ${(appends / commits).toFixed(1)} appends each`);
  } finally {
    for (const child of [service, echo, floor]) child.kill('SIGTERM');
    await Promise.all(
      [service, echo, floor].map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))),
    );
    rmSync(dataDir, { recursive: true, force: true });
    if (profileDir) console.log(`CPU profile of the service written to ${profileDir}`);
  }
}

await main();
