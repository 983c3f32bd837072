/**
 * npm run bench:startup — how long the service takes to start on a large log, as an operator
 * starts it (`node dist/src/main.js`, the build), against a bare fastify process started the same
 * way in the same rounds (the floor: Node, module loading and a listening socket).
 *
 * Generates BENCH_EVENTS (default 1,000,000) campaign events, saves their read models with
 * `projections:rebuild`, then for BENCH_ROUNDS (default 3) interleaved rounds starts and stops
 * (SIGTERM) the bare process and the service, timing the first 200 of /health/live (listening) and
 * of /health/ready (caught up, taking requests), with the peak resident memory (VmHWM). Once more
 * without saved read models (they are folded from the log). The service's own 'service ready'
 * log line gives its phases. BENCH_DIR reuses a generated folder; BENCH_KEEP keeps a new one.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from './campaign-log.ts';

const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const root = join(import.meta.dirname, '..');
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'cam-bench-start-'));
const env = {
  ...process.env,
  NODE_ENV: 'production',
  JWT_SECRET: 'bench-startup-secret-0123456789abcdef',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
};
const mb = (bytes: number): string => `${Math.round(bytes / 1_048_576)} MB`;

interface Start {
  liveMs: number;
  readyMs: number;
  peakKb: number;
  phases: Record<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextPort = 39_400;

/** Starts `args` with DATA_DIR=data, polls until /health/live and `readyPath` answer 200, stops it. */
async function start(args: string[], data: string, readyPath: string): Promise<Start> {
  const port = nextPort++;
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, DATA_DIR: data, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  const ok = (path: string) =>
    fetch(`http://127.0.0.1:${port}${path}`).then(
      (r) => r.ok,
      () => false,
    );
  let liveMs = Number.NaN;
  let peakKb = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? peakKb);
    if (Number.isNaN(liveMs) && (await ok('/health/live'))) liveMs = performance.now() - t0;
    if (!Number.isNaN(liveMs) && (await ok(readyPath))) break;
    await sleep(10);
  }
  const readyMs = performance.now() - t0;
  peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? peakKb);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const ready = out.split('\n').find((l) => l.includes('"service ready"'));
  const phases = ready ? ((JSON.parse(ready) as { phases?: Record<string, number> }).phases ?? {}) : {};
  return { liveMs, readyMs, peakKb, phases };
}

const stats = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `${Math.round(s[0] as number)} / ${Math.round(s[Math.floor(s.length / 2)] as number)} / ${Math.round(s.at(-1) as number)}`;
};

async function main(): Promise<void> {
  const data = join(dir, 'data');
  const log = join(data, 'events.sqlite');
  if (!existsSync(log)) {
    mkdirSync(data, { recursive: true });
    let t = performance.now();
    generate(log, total);
    console.log(
      `generated ${total.toLocaleString('en-US')} events in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    execFileSync(process.execPath, ['dist/src/cli/rebuild.js'], {
      cwd: root,
      env: { ...env, DATA_DIR: data },
      stdio: 'ignore',
    });
    console.log(`saved read models (projections:rebuild) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  console.log(
    `bench:startup — node ${process.version}, ${dir}: log ${mb(statSync(log).size)}, read models ${mb(statSync(join(data, 'readmodels.sqlite')).size)}`,
  );
  const bare = join(dir, 'bare.mjs');
  writeFileSync(
    bare,
    `import Fastify from '${join(root, 'node_modules', 'fastify', 'fastify.js')}';\nconst app = Fastify();\napp.get('/health/live', async () => ({ ok: true }));\nawait app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });\nprocess.on('SIGTERM', () => process.exit(0));\n`,
  );
  const rows: { bare: Start[]; service: Start[] } = { bare: [], service: [] };
  for (let r = 0; r < rounds; r++) {
    rows.bare.push(await start([bare], data, '/health/live'));
    rows.service.push(await start(['--enable-source-maps', 'dist/src/main.js'], data, '/health/ready'));
  }
  console.log('min / median / max over', rounds, 'interleaved rounds:');
  console.log(
    `  bare fastify process, first 200                 ${stats(rows.bare.map((s) => s.readyMs))} ms, peak ${stats(rows.bare.map((s) => s.peakKb / 1024))} MB`,
  );
  console.log(`  service, /health/live 200 (listening)           ${stats(rows.service.map((s) => s.liveMs))} ms`);
  console.log(
    `  service, /health/ready 200 (saved read models)  ${stats(rows.service.map((s) => s.readyMs))} ms, peak ${stats(rows.service.map((s) => s.peakKb / 1024))} MB`,
  );
  console.log(
    `  ratio ready / bare (median)                     ${((rows.service.map((s) => s.readyMs).sort((a, b) => a - b)[Math.floor(rounds / 2)] as number) / (rows.bare.map((s) => s.readyMs).sort((a, b) => a - b)[Math.floor(rounds / 2)] as number)).toFixed(1)}x`,
  );
  console.log(`  phases of the last start (ms since process start): ${JSON.stringify(rows.service.at(-1)?.phases)}`);
  console.log(`  each round, ready ms: ${rows.service.map((s) => Math.round(s.readyMs)).join(', ')}`);
  if (process.env.BENCH_COLD !== '0') {
    const cold = join(dir, 'cold');
    rmSync(cold, { recursive: true, force: true });
    mkdirSync(cold);
    cpSync(log, join(cold, 'events.sqlite'));
    const c = await start(['--enable-source-maps', 'dist/src/main.js'], cold, '/health/ready');
    console.log(
      `  without saved read models: live ${Math.round(c.liveMs)} ms, ready ${Math.round(c.readyMs)} ms, peak ${Math.round(c.peakKb / 1024)} MB; phases ${JSON.stringify(c.phases)}`,
    );
    rmSync(cold, { recursive: true, force: true });
  }
  if (process.env.BENCH_DIR === undefined && process.env.BENCH_KEEP === undefined)
    rmSync(dir, { recursive: true, force: true });
}

await main();
