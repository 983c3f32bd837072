/**
 * npm run bench:attachments — a 20 MB file attached to a meeting (POST …/attachments, multipart),
 * against the baseline of a 1 KB file attached the same way, in interleaved rounds
 * (BENCH_ROUNDS, default 5; BENCH_MB sets the large file's size, default 20). The service runs
 * in a child process of its own (the SQLite log in memory, the files in a temporary folder); the
 * client streams each file from disk, so only the service's memory is measured.
 *
 * Measured per upload: the service's peak resident memory above its resident memory just before
 * the upload (Linux: the peak is reset by writing 5 to /proc/<pid>/clear_refs, then read as
 * VmHWM after the answer), and the wall time to the 201.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const largeMb = Number(process.env.BENCH_MB ?? 20);
const MEETING = '0191d6a0-0000-7000-8000-000000000001';

/** The service side (a child process): prints its port, then serves until stdin closes. */
async function serve(): Promise<void> {
  const { TEST_KEY, bearer } = await import('../test/support/auth.ts');
  const { launch2026 } = await import('../test/support/campaign.ts');
  const { SqliteEventStore } = await import('../src/eventstore/sqlite/store.ts');
  const { FolderFileStore } = await import('../src/files/folder.ts');
  const { buildServer } = await import('../src/server.ts');
  const dir = mkdtempSync(join(tmpdir(), 'cam-bench-files-'));
  const store = await SqliteEventStore.open({ path: ':memory:' });
  const files = await FolderFileStore.open(dir);
  const app = await buildServer({
    store,
    files,
    logLevel: 'silent',
    key: TEST_KEY,
    rateLimitPerMinute: 1_000_000,
    attachmentMaxBytes: 64 * 1024 * 1024,
  });
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'bench' });
  for (const [url, payload] of [
    ['/provinces/68/campaigns', launch2026],
    [
      '/provinces/68/campaigns/2026/outreach-meetings',
      {
        meetingId: MEETING,
        date: '2026-04-11',
        place: { communeCode: '24781' },
        format: 'conference',
        topics: ['other'],
        attendees: 40,
        organisedBy: 'x',
      },
    ],
  ] as const) {
    const r = await app.inject({ method: 'POST', url, headers: officer, payload });
    if (r.statusCode !== 201) throw new Error(r.body);
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${(app.server.address() as { port: number }).port} ${officer.authorization}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void app.close().then(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

const kb = (line: string, field: string): number =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(line)?.[1] ?? NaN) * 1024;

/** Uploads a file from disk as multipart/form-data, streamed; resolves with the status. */
function upload(port: number, authorization: string, path: string, name: string): Promise<number> {
  const boundary = `----cam${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(path).size;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/provinces/68/records/outreach-meetings/${MEETING}/attachments`,
        headers: {
          authorization,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + size + tail.length),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(head);
    const body = createReadStream(path);
    body.on('end', () => req.end(tail));
    body.pipe(req, { end: false });
  });
}

/** A PDF of `bytes` bytes, its first line different each time (each upload is a new file). */
function pdfFile(dir: string, bytes: number, tag: string): string {
  const path = join(dir, `${tag}.pdf`);
  const head = Buffer.from(`%PDF-1.4\n% ${tag}\n`);
  const body = Buffer.alloc(Math.max(0, bytes - head.length - 6), 0x20);
  for (let i = 0; i < body.length; i += 4096) body[i] = 0x30 + (i % 10);
  writeFileSync(path, Buffer.concat([head, body, Buffer.from('\n%%EOF')]));
  return path;
}

const stats = (xs: number[], f: (n: number) => string): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${f(s[0] ?? NaN)}  median ${f(s[Math.floor(s.length / 2)] ?? NaN)}  max ${f(s.at(-1) ?? NaN)}`;
};
const mb = (b: number): string => `${(b / 1_048_576).toFixed(1)} MB`;
const ms = (t: number): string => `${t.toFixed(0)} ms`;

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).once('line', (l) => resolve(l)),
  );
  const [portText, ...auth] = first.split(' ');
  const port = Number(portText);
  const authorization = auth.join(' ');
  const status = `/proc/${child.pid}/status`;
  const dir = mkdtempSync(join(tmpdir(), 'cam-bench-uploads-'));
  const results: Record<'baseline' | 'large', { growth: number[]; time: number[] }> = {
    baseline: { growth: [], time: [] },
    large: { growth: [], time: [] },
  };
  const measure = async (kind: 'baseline' | 'large', bytes: number, round: number): Promise<void> => {
    const path = pdfFile(dir, bytes, `${kind}-${round}`);
    writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
    const before = kb(readFileSync(status, 'utf8'), 'VmRSS');
    const t0 = performance.now();
    const code = await upload(port, authorization, path, `${kind}-${round}.pdf`);
    const time = performance.now() - t0;
    if (code !== 201) throw new Error(`${kind} round ${round}: ${code}`);
    const peak = kb(readFileSync(status, 'utf8'), 'VmHWM');
    results[kind].growth.push(peak - before);
    results[kind].time.push(time);
    rmSync(path);
  };
  // A first upload of each kind warms the code paths (not counted).
  await measure('baseline', 1024, 0);
  await measure('large', largeMb * 1_000_000, 0);
  results.baseline = { growth: [], time: [] };
  results.large = { growth: [], time: [] };
  for (let r = 1; r <= rounds; r++) {
    await measure('baseline', 1024, r);
    await measure('large', largeMb * 1_000_000, r);
  }
  child.stdin.end();
  rmSync(dir, { recursive: true, force: true });
  console.log(`bench:attachments — ${rounds} interleaved rounds, the service in its own process`);
  console.log(`  1 KB file (baseline)  RSS growth ${stats(results.baseline.growth, mb)}`);
  console.log(`                        time       ${stats(results.baseline.time, ms)}`);
  console.log(`  ${largeMb} MB file           RSS growth ${stats(results.large.growth, mb)}`);
  console.log(`                        time       ${stats(results.large.time, ms)}`);
}

if (process.argv[2] === 'serve') await serve();
else await main();
