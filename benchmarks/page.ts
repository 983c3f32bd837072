/**
 * npm run bench:page — how long the officials' page takes to show its sign-in on a slow
 * connection, as a commune official on a slow mobile link meets it: Debian's Chromium (or
 * CHROMIUM_PATH) with its network throttled (BENCH_DOWN_KBPS, default 400 kbit/s down, 400 ms round
 * trip: Chromium's "slow 3G"), the built service on this machine.
 *
 * The baseline, in the same rounds: the same page asked for without compression
 * (`Accept-Encoding: identity`), as it was served before its files were compressed. BENCH_ROUNDS
 * (default 5) interleaved rounds of each, a fresh browser context every time (nothing cached);
 * prints min/median/max of the time to the sign-in button and the bytes the page's files took.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const downKbps = Number(process.env.BENCH_DOWN_KBPS ?? 400);
const root = join(import.meta.dirname, '..');
const executable = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => p !== undefined && p !== '' && existsSync(p),
);
if (executable === undefined) {
  console.error('bench:page needs Chromium: apt-get install chromium, or set CHROMIUM_PATH');
  process.exit(2);
}

const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const dir = mkdtempSync(join(tmpdir(), 'cam-bench-page-'));
const service = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
  env: { ...process.env, DATA_DIR: dir, PORT: String(port), NODE_ENV: 'development', LOG_LEVEL: 'error' },
  stdio: 'inherit',
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${base}/health/ready`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 300) throw new Error('the service did not start');
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({
  executablePath: executable,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});

/** One load of the page on the throttled link: ms to the sign-in button, bytes of its files. */
async function load(compressed: boolean): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext({
    ...(compressed ? {} : { extraHTTPHeaders: { 'accept-encoding': 'identity' } }),
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: (downKbps * 1000) / 8,
    uploadThroughput: (downKbps * 1000) / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => void (bytes += e.encodedDataLength));
  const started = performance.now();
  await page.goto(base);
  await page.locator('#dev-sign-in').waitFor({ timeout: 120_000 });
  const ms = performance.now() - started;
  await context.close();
  return { ms, bytes };
}

const results = { identity: [] as { ms: number; bytes: number }[], compressed: [] as { ms: number; bytes: number }[] };
try {
  for (let r = 0; r < rounds; r++) {
    results.identity.push(await load(false));
    results.compressed.push(await load(true));
  }
} finally {
  await browser.close();
  service.kill('SIGTERM');
  await new Promise((r) => service.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] as number, median: s[Math.floor(s.length / 2)] as number, max: s.at(-1) as number };
};
console.log(`page to its sign-in at ${downKbps} kbit/s, 400 ms round trip; ${rounds} interleaved rounds`);
for (const [name, list] of Object.entries(results)) {
  const t = stats(list.map((x) => x.ms));
  const b = stats(list.map((x) => x.bytes));
  console.log(
    `${name.padEnd(10)} ${(t.min / 1000).toFixed(1)} / ${(t.median / 1000).toFixed(1)} / ${(t.max / 1000).toFixed(1)} s` +
      `  (${Math.round(b.median / 1024)} KiB on the wire)`,
  );
}
const ratio = stats(results.identity.map((x, i) => x.ms / (results.compressed[i] as { ms: number }).ms));
console.log(
  `uncompressed / compressed, per round: ${ratio.min.toFixed(2)} / ${ratio.median.toFixed(2)} / ${ratio.max.toFixed(2)} ×`,
);
