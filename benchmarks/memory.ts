/**
 * npm run bench:memory — the service's memory at a large log, settled: started as operators start
 * it on a data directory (BENCH_DIR/data: `npm run bench:startup` leaves 1,000,000 events and their
 * saved read models there), then every campaign of the year read as an official would (its
 * dashboard and the first page of meetings, approvals and publications), then 30 s idle. Prints
 * RSS (anonymous and file-backed) from /proc at ready and settled, and the peak (VmHWM), beside a
 * bare fastify process started the same way.
 *
 * Environment: BENCH_DIR (default /tmp/bstart), BENCH_SETTLE_S (30).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YEAR } from './campaign-log.ts';

const root = join(import.meta.dirname, '..');
const data = join(process.env.BENCH_DIR ?? '/tmp/bstart', 'data');
const settleSeconds = Number(process.env.BENCH_SETTLE_S ?? 30);
const secret = 'bench-memory-secret-0123456789abcdef';
const env = {
  ...process.env,
  NODE_ENV: 'production',
  JWT_SECRET: secret,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  RATE_LIMIT_PER_MINUTE: '100000',
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS, RssAnon, RssFile and VmHWM of a process, in MB. */
function memory(pid: number): Record<'rss' | 'anon' | 'file' | 'peak', number> {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile'), peak: kb('VmHWM') };
}
const show = (m: ReturnType<typeof memory>): string =>
  `RSS ${Math.round(m.rss)} MB (anon ${Math.round(m.anon)}, file ${Math.round(m.file)}), peak ${Math.round(m.peak)} MB`;

async function started(args: string[], port: number, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...env, DATA_DIR: data, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    await sleep(100);
    const ok = await fetch(`http://127.0.0.1:${port}${ready}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

const bare = await started(
  [
    '--input-type=module',
    '-e',
    `import Fastify from '${join(root, 'node_modules', 'fastify', 'fastify.js')}';\nconst app = Fastify();\napp.get('/health/live', async () => ({ ok: true }));\nawait app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });\nprocess.on('SIGTERM', () => process.exit(0));\n`,
  ],
  39_501,
  '/health/live',
);
console.log(`bench:memory — node ${process.version}, data ${data}, settle ${settleSeconds} s`);
console.log(`  bare fastify, listening             ${show(memory(bare.pid as number))}`);
await stop(bare);

const port = 39_502;
const service = await started(['dist/src/main.js'], port, '/health/ready');
const pid = service.pid as number;
console.log(`  service, ready                      ${show(memory(pid))}`);
const token = spawnSync(process.execPath, ['dist/src/cli/token.js', '--role', 'national_officer'], {
  cwd: root,
  env,
  encoding: 'utf8',
}).stdout.trim();
const get = async (path: string): Promise<{ status: number; ms: number; body: string }> => {
  const t0 = performance.now();
  const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await r.text();
  return { status: r.status, ms: performance.now() - t0, body };
};
const national = await get(`/national/dashboards/${YEAR}`);
if (national.status !== 200) throw new Error(`national dashboard: ${national.status} ${national.body.slice(0, 200)}`);
const organisers = (JSON.parse(national.body) as { provinces: { organiser: string }[] }).provinces.map(
  (p) => p.organiser,
);
let slowest = 0;
let failed = 0;
for (const code of organisers) {
  const base = `/provinces/${code}/campaigns/${YEAR}`;
  for (const path of [
    `${base}/dashboard`,
    `${base}/outreach-meetings`,
    `${base}/support-approvals`,
    `${base}/publications`,
  ]) {
    const r = await get(path);
    slowest = Math.max(slowest, r.ms);
    if (r.status !== 200) failed += 1;
  }
}
console.log(
  `  read ${organisers.length} campaigns (${organisers.length * 4} requests, ${failed} not 200, slowest ${Math.round(slowest)} ms)`,
);
console.log(`  service, after reading              ${show(memory(pid))}`);
await sleep(settleSeconds * 1000);
console.log(
  `  service, settled (${settleSeconds} s idle)          ${show(memory(pid))}   targets: RSS <= 400 MB settled, peak <= 600 MB`,
);
await stop(service);
