/**
 * npm run bench:feed — the live feed under load: BENCH_CLIENTS (default 200) clients follow
 * `GET /audit/feed` while events are written at BENCH_RATE (default 1,000 a second) for
 * BENCH_SECONDS (default 10). Each client must receive every event, in order; the delay of each
 * is the time from its append to its arrival at the client (one clock: one machine).
 *
 * The baseline, in the same rounds: a bare `node:http` server that broadcasts the same events to
 * the same number of clients straight from memory (no store, no read, no authorization): the
 * floor of Server-Sent Events on this machine. The clients run in a child process of their own,
 * so that reading 200 streams does not share the server's event loop. BENCH_ROUNDS (default 2)
 * interleaved rounds; min / median / max of each round's p50 and p99 delay; the server's
 * resident memory before the clients connect and at its peak.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const clients = Number(process.env.BENCH_CLIENTS ?? 200);
const rate = Number(process.env.BENCH_RATE ?? 1000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const TICK_MS = 20;
const mbOf = (b: number): number => Math.round(b / 1_048_576);

interface ClientReport {
  received: number;
  inOrder: boolean;
  complete: number;
  p50: number;
  p99: number;
  max: number;
}

/** The client side (a child process): `clients URL N TOKEN EXPECTED`. */
async function runClients(url: string, n: number, token: string, expected: number): Promise<void> {
  const delays: number[] = [];
  let received = 0;
  let inOrder = true;
  let complete = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } });
      if (!res.ok) throw new Error(`feed answered ${res.status}`);
      const reader = (res.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let last = -1;
      let count = 0;
      while (count < expected) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data === undefined) continue;
          const e = JSON.parse(data.slice(6)) as { data: { seq: number; sentAt: number } };
          delays.push(Date.now() - e.data.sentAt);
          if (e.data.seq !== last + 1) inOrder = false;
          last = e.data.seq;
          count++;
          received++;
        }
      }
      if (count === expected) complete++;
      await reader.cancel();
    }),
  );
  delays.sort((a, b) => a - b);
  const at = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))] ?? NaN;
  const report: ClientReport = { received, inOrder, complete, p50: at(0.5), p99: at(0.99), max: delays.at(-1) ?? NaN };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[2] === 'clients') {
  const [, , , url, n, token, expected] = process.argv;
  await runClients(url as string, Number(n), token as string, Number(expected));
  process.exit(0);
}

const { SqliteEventStore } = await import('../src/eventstore/sqlite/store.ts');
const { buildServer } = await import('../src/server.ts');
const { mintToken } = await import('../src/auth/keys.ts');

const KEY = { algorithm: 'HS256' as const, secret: 'bench-feed-secret-0123456789abcdef012345' };
const token = mintToken(KEY, { sub: 'bench', role: 'auditor', app: 'bench' }, 3600);
const total = rate * seconds;

/** Starts the client process; resolves once it has connected (it prints its report at the end). */
function startClients(url: string): { report: Promise<ClientReport> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, 'clients', url, String(clients), token, String(total)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  return {
    report: new Promise((resolve, reject) =>
      child.once('exit', (code) =>
        code === 0 ? resolve(JSON.parse(out) as ClientReport) : reject(new Error(`clients exited ${code}`)),
      ),
    ),
  };
}

/** Writes `total` events at `rate`, calling `emit` for each batch of one tick. */
async function generate(emit: (batch: { seq: number; sentAt: number }[]) => Promise<void>): Promise<void> {
  const perTick = Math.round((rate * TICK_MS) / 1000);
  const start = performance.now();
  for (let seq = 0, tick = 0; seq < total; tick++) {
    const wait = start + tick * TICK_MS - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const batch = Array.from({ length: Math.min(perTick, total - seq) }, (_, i) => ({
      seq: seq + i,
      sentAt: Date.now(),
    }));
    seq += batch.length;
    await emit(batch);
  }
}

/** Samples this process's resident memory (and its JavaScript heap) until stopped; answers the peaks. */
let heapPeak = 0;
let heapBefore = 0;
function sampleRss(): () => number {
  let peak = process.memoryUsage().rss;
  heapBefore = process.memoryUsage().heapUsed;
  heapPeak = heapBefore;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 50);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

async function roundService(): Promise<ClientReport & { rssBefore: number; rssPeak: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cam-bench-feed-'));
  const store = await SqliteEventStore.open({ path: join(dir, 'events.db') });
  const app = await buildServer({ store, key: KEY, logLevel: 'silent', rateLimitPerMinute: 1_000_000 });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const head = await store.headPosition();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const clientsRun = startClients(`${base}/audit/feed?fromPosition=${head}&kind=bench`);
  await new Promise((r) => setTimeout(r, 2000)); // every client connected and caught up
  const peak = sampleRss();
  const stream = `bench-${randomUUID()}`;
  let revision = -1;
  await generate(async (batch) => {
    const r = await store.append(
      stream,
      batch.map((b) => ({
        id: randomUUID(),
        type: 'BenchNoted',
        data: { ...b, pad: 'x'.repeat(200) },
        metadata: { actor: 'bench', province: '68' },
      })),
      { expectedRevision: revision < 0 ? 'no_stream' : revision },
    );
    revision = r.revision;
  });
  const report = await clientsRun.report;
  const rssPeak = peak();
  global.gc?.();
  console.error(
    `feed round: heap ${mbOf(heapBefore)} → peak ${mbOf(heapPeak)} MB, ${mbOf(process.memoryUsage().heapUsed)} MB held after a full GC`,
  );
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { ...report, rssBefore, rssPeak };
}

async function roundBaseline(): Promise<ClientReport & { rssBefore: number; rssPeak: number }> {
  const open = new Set<ServerResponse>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write('retry: 3000\n\n');
    open.add(res);
    res.on('close', () => open.delete(res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const clientsRun = startClients(`http://127.0.0.1:${port}/`);
  await new Promise((r) => setTimeout(r, 2000));
  const peak = sampleRss();
  let position = 0;
  await generate(async (batch) => {
    let text = '';
    for (const b of batch) {
      position++;
      // The same shape and size as the feed's messages: a stored event with its metadata and hash.
      const event = {
        id: randomUUID(),
        stream: 'bench-00000000-0000-0000-0000-000000000000',
        revision: position - 1,
        position,
        type: 'BenchNoted',
        schemaVersion: 1,
        data: { ...b, pad: 'x'.repeat(200) },
        metadata: { actor: 'bench', province: '68' },
        recordedAt: new Date().toISOString(),
        hash: 'f'.repeat(64),
      };
      text += `id: ${position}\nevent: BenchNoted\ndata: ${JSON.stringify(event)}\n\n`;
    }
    for (const res of open) res.write(text);
  });
  const report = await clientsRun.report;
  const rssPeak = peak();
  global.gc?.();
  console.error(
    `baseline round: heap ${mbOf(heapBefore)} → peak ${mbOf(heapPeak)} MB, ${mbOf(process.memoryUsage().heapUsed)} MB held after a full GC`,
  );
  for (const res of open) res.end();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  return { ...report, rssBefore, rssPeak };
}

const results = {
  baseline: [] as Awaited<ReturnType<typeof roundBaseline>>[],
  feed: [] as Awaited<ReturnType<typeof roundService>>[],
};
for (let r = 0; r < rounds; r++) {
  results.baseline.push(await roundBaseline());
  results.feed.push(await roundService());
}
const mmm = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0]} / ${s[Math.floor(s.length / 2)]} / ${s.at(-1)}`;
};
const mb = (b: number) => Math.round(b / 1_048_576);
console.log(
  `${clients} clients, ${rate} events/s for ${seconds} s (${total} events each), ${rounds} interleaved rounds`,
);
for (const [name, list] of Object.entries(results)) {
  const ok = list.every((x) => x.inOrder && x.complete === clients && x.received === clients * total);
  console.log(
    `${name.padEnd(9)} every event to every client, in order: ${ok ? 'yes' : 'NO'}; ` +
      `delay p50 ${mmm(list.map((x) => x.p50))} ms, p99 ${mmm(list.map((x) => x.p99))} ms, max ${mmm(list.map((x) => x.max))} ms; ` +
      `memory ${list.map((x) => `${mb(x.rssBefore)}→${mb(x.rssPeak)}`).join(', ')} MB`,
  );
}
