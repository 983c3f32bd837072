/**
 * npm run bench:page — the officials' page on a slow connection, as a commune or provincial
 * official on a slow mobile link meets it: Debian's Chromium (or CHROMIUM_PATH) with its network
 * throttled (BENCH_DOWN_KBPS, default 400 kbit/s both ways, 400 ms round trip: Chromium's
 * "slow 3G"), the built service on this machine with the demonstration data (npm run demo).
 *
 * Three loads, each timed in the page's own clock from the start of its navigation:
 * - first visit: nothing cached, not signed in — the first paint (with this page, the header and
 *   its "Đang tải…" sign) and the sign-in button;
 * - signed in, nothing cached (the development sign-in's token already in the tab): the
 *   dashboard of Lâm Đồng 2026 drawn, every chart included;
 * - reload of that dashboard, with what the browser kept: the dashboard drawn again.
 * For each, the bytes on the wire (headers included): all of them, and the page's own files (the
 * HTML and /assets/, not the API's answers).
 *
 * The baseline, in the same rounds: the service and page of BENCH_BASELINE (a git commit, default
 * the one before the page was made light; `none` to skip), taken with `git archive` and built in a
 * temporary folder, on a copy of the same data. BENCH_ROUNDS (default 5) interleaved rounds; prints
 * min / median / max.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const downKbps = Number(process.env.BENCH_DOWN_KBPS ?? 400);
const baselineRef = process.env.BENCH_BASELINE ?? '39a71de';
const root = join(import.meta.dirname, '..');
const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);
if (executable === undefined) {
  console.error('bench:page needs Chromium: apt-get install chromium, or set CHROMIUM_PATH');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'cam-bench-page-'));
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** The page's service built from `tree` (its dist/), on `data`, in development (the development sign-in). */
async function startService(tree: string, data: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(tree, 'dist', 'src', 'main.js')], {
    cwd: tree,
    env: {
      ...process.env,
      DATA_DIR: data,
      PORT: String(port),
      NODE_ENV: 'development',
      JWT_SECRET: '',
      LOG_LEVEL: 'error',
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 1200) throw new Error(`the service of ${tree} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, child };
}

// The demonstration data, once; the baseline gets a copy (two services do not share a folder).
const data = join(scratch, 'data');
execFileSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'demo.js')], {
  cwd: root,
  env: { ...process.env, DATA_DIR: data, NODE_ENV: 'development', JWT_SECRET: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const services: { name: string; base: string; child: ChildProcess }[] = [];
if (baselineRef !== 'none') {
  const tree = join(scratch, 'baseline');
  execFileSync('sh', ['-c', `mkdir -p "${tree}" && git -C "${root}" archive "${baselineRef}" | tar -x -C "${tree}"`]);
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: tree,
      stdio: 'inherit',
    },
  );
  cpSync(data, join(scratch, 'data-baseline'), { recursive: true });
  services.push({ name: `before (${baselineRef})`, ...(await startService(tree, join(scratch, 'data-baseline'))) });
}
services.push({ name: 'after (this tree)', ...(await startService(root, data)) });

const browser = await chromium.launch({
  executablePath: executable,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});

/** A page on the throttled link, counting the bytes its requests take on the wire. */
async function throttled(context: BrowserContext): Promise<{
  page: Page;
  bytes: () => { all: number; files: number; byPath: Map<string, number> };
  reset: () => void;
}> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (downKbps * 1000) / 8,
    uploadThroughput: (downKbps * 1000) / 8,
  });
  const urls = new Map<string, string>();
  let all = 0;
  let files = 0;
  let byPath = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) =>
    urls.set(e.requestId, e.request.url),
  );
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    all += e.encodedDataLength;
    const path = new URL(urls.get(e.requestId) ?? 'http://x/api').pathname;
    byPath.set(path, (byPath.get(path) ?? 0) + e.encodedDataLength);
    if (path === '/' || path.startsWith('/assets/')) files += e.encodedDataLength;
  });
  return {
    page,
    bytes: () => ({ all, files, byPath }),
    reset: () => {
      all = 0;
      files = 0;
      byPath = new Map();
    },
  };
}

/** Every chart of the dashboard drawn by Chart.js (it sizes its canvas as it draws). */
const dashboardDrawn = `(() => {
  const canvases = [...document.querySelectorAll('.grid .card canvas')];
  return canvases.length >= 7 && canvases.every((c) => c.style.boxSizing === 'border-box');
})()`;
const firstPaint = (page: Page) =>
  page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN);
const now = (page: Page) => page.evaluate(() => performance.now());

interface Load {
  paint: number;
  ready: number;
  all: number;
  files: number;
  /** What each address took (bytes), for the breakdown of the last round. */
  byPath: Map<string, number>;
}

async function firstVisit(base: string): Promise<Load> {
  const context = await browser.newContext();
  const t = await throttled(context);
  await t.page.goto(base, { waitUntil: 'commit' });
  await t.page.locator('#dev-sign-in').waitFor({ timeout: 120_000 });
  const ready = await now(t.page);
  const load = { paint: await firstPaint(t.page), ready, ...t.bytes() };
  await context.close();
  return load;
}

/** The dashboard with nothing cached, then reloaded with what the browser kept. */
async function dashboard(base: string, token: string): Promise<{ cold: Load; reload: Load }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
  await context.addInitScript((t) => sessionStorage.setItem('cam.dev-token', t), token);
  const t = await throttled(context);
  await t.page.goto(`${base}/#/tinh/68/2026`, { waitUntil: 'commit' });
  await t.page.waitForFunction(dashboardDrawn, undefined, { timeout: 120_000, polling: 50 });
  const cold = { paint: await firstPaint(t.page), ready: await now(t.page), ...t.bytes() };
  // Let the map (fetched once its card is in view) and anything else in flight finish first.
  await t.page.waitForLoadState('networkidle');
  t.reset();
  await t.page.reload({ waitUntil: 'commit' });
  await t.page.waitForFunction(dashboardDrawn, undefined, { timeout: 120_000, polling: 50 });
  const reload = { paint: await firstPaint(t.page), ready: await now(t.page), ...t.bytes() };
  await context.close();
  return { cold, reload };
}

const tokens = new Map<string, string>();
for (const s of services) {
  const r = await fetch(`${s.base}/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'provincial_officer', province: '68' }),
  });
  tokens.set(s.name, ((await r.json()) as { token: string }).token);
}

type Results = { visit: Load[]; cold: Load[]; reload: Load[] };
const results = new Map<string, Results>(services.map((s) => [s.name, { visit: [], cold: [], reload: [] }]));
try {
  for (let r = 0; r < rounds; r++)
    for (const s of services) {
      const out = results.get(s.name) as Results;
      out.visit.push(await firstVisit(s.base));
      const d = await dashboard(s.base, tokens.get(s.name) as string);
      out.cold.push(d.cold);
      out.reload.push(d.reload);
    }
} finally {
  await browser.close();
  for (const s of services) {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
  }
  rmSync(scratch, { recursive: true, force: true });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[0] as number, s[Math.floor(s.length / 2)] as number, s.at(-1) as number];
};
const secs = (xs: number[]) =>
  stats(xs)
    .map((x) => (x / 1000).toFixed(2))
    .join(' / ');
const kb = (xs: number[]) =>
  stats(xs)
    .map((x) => (x / 1000).toFixed(1))
    .join(' / ');
console.log(
  `the page at ${downKbps} kbit/s, 400 ms round trip; ${rounds} interleaved rounds; min / median / max; kB = 1000 bytes on the wire`,
);
for (const [name, r] of results) {
  console.log(`\n${name}`);
  console.log(
    `  first visit      first paint ${secs(r.visit.map((x) => x.paint))} s · sign-in ${secs(r.visit.map((x) => x.ready))} s · ${kb(r.visit.map((x) => x.all))} kB`,
  );
  console.log(
    `  dashboard, cold  first paint ${secs(r.cold.map((x) => x.paint))} s · drawn ${secs(r.cold.map((x) => x.ready))} s · ${kb(r.cold.map((x) => x.all))} kB (page files ${kb(r.cold.map((x) => x.files))} kB)`,
  );
  console.log(
    `  reload           first paint ${secs(r.reload.map((x) => x.paint))} s · drawn ${secs(r.reload.map((x) => x.ready))} s · ${kb(r.reload.map((x) => x.all))} kB (page files ${kb(r.reload.map((x) => x.files))} kB)`,
  );
}

// Where the bytes of the last round's loads went, address by address (the largest first).
for (const [name, r] of results)
  for (const [what, loads] of [
    ['dashboard, cold', r.cold],
    ['reload', r.reload],
  ] as const) {
    const last = loads.at(-1);
    if (last === undefined) continue;
    const parts = [...last.byPath]
      .sort((a, b) => b[1] - a[1])
      .map(([path, bytes]) => `${path} ${(bytes / 1000).toFixed(1)}`)
      .join(', ');
    console.log(`\n${name}, ${what}, last round (kB): ${parts}`);
  }
