/**
 * npm run bench:documents — a province's year-end report as a document (Word, PDF, HTML) at a large
 * log, against the fair baseline: the same report as JSON (GET /provinces/79/reports/2026/year-end),
 * which reads the same read models and sums the same figures; the document then lays them out and
 * draws the file (on the document worker), and hashes it. Also the Word document drawn at a past
 * log position (time travel: the campaign rebuilt at atPosition), against the JSON report at the
 * same position. Target: the year-end document in ≤ 1 s at 1,000,000 events.
 *
 * The service is the build (`npm run build`), in this process, over `inject` (no sockets: the
 * request's own cost). Rounds interleave the baseline and each document; each request runs
 * BENCH_RUNS times (5) per round; BENCH_ROUNDS rounds (3). BENCH_EVENTS events (1,000,000) are
 * generated as bench:startup generates them (34 provinces' 2026 campaigns), or BENCH_DIR's
 * events.sqlite is reused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { built } from './built.ts';
import { YEAR, generate } from './campaign-log.ts';

const total = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'cam-bench-documents-'));
const path = join(dir, 'events.sqlite');

const { mintToken } = (await import(built('src/auth/keys.js'))) as typeof import('../src/auth/keys.ts');
const { SqliteEventStore } = (await import(
  built('src/eventstore/sqlite/store.js')
)) as typeof import('../src/eventstore/sqlite/store.ts');
const { buildServer } = (await import(built('src/server.js'))) as typeof import('../src/server.ts');

let t = performance.now();
if (!existsSync(path)) {
  generate(path, total);
  console.log(`generated ${total.toLocaleString('en-US')} events in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}
t = performance.now();
const store = await SqliteEventStore.open({ path });
const key = { algorithm: 'HS256' as const, secret: randomBytes(32).toString('hex') };
const app = await buildServer({
  store,
  key,
  logLevel: 'silent',
  rateLimitPerMinute: 100_000_000,
  maxEventLoopDelayMs: 60_000,
  now: () => new Date(`${YEAR}-12-20T03:00:00Z`),
});
const head = await store.headPosition();
console.log(
  `bench:documents — node ${process.version}, ${head.toLocaleString('en-US')} events, read models folded in ` +
    `${((performance.now() - t) / 1000).toFixed(0)} s; ${rounds} rounds × ${runs} requests each`,
);
const headers = {
  authorization: `Bearer ${mintToken(key, { sub: 'bench', role: 'provincial_officer', province: '79', app: 'bench' }, 3600)}`,
};
// The official's narrative, so that the document carries one.
const written = await app.inject({
  method: 'POST',
  url: `/provinces/79/documents/${YEAR}/year-end/narrative`,
  headers,
  payload: {
    sections: {
      results: 'Các chỉ tiêu của Tháng hành động vì Hợp tác xã đều đạt và vượt kế hoạch. '.repeat(20),
      shortcomings: 'Công tác phối hợp giữa các sở, ngành còn chậm. '.repeat(20),
      proposals: 'Đề nghị Liên minh HTX Việt Nam hỗ trợ tập huấn. '.repeat(10),
    },
    number: '120/BC-LMHTX',
  },
});
// Written already in a reused BENCH_DIR (422: the same again): the log's head is then the position.
if (written.statusCode !== 200 && written.statusCode !== 422)
  throw new Error(`narrative: ${written.statusCode} ${written.body}`);
const position =
  written.statusCode === 200 ? (written.json() as { position: number }).position : await store.headPosition();
const past = Math.floor(position * 0.75);
const q = `asOf=${YEAR}-12-20&date=${YEAR}-12-20`;
const cases = [
  { name: 'year-end report, JSON (baseline)', url: `/provinces/79/reports/${YEAR}/year-end?${q}` },
  { name: 'year-end document, Word', url: `/provinces/79/documents/${YEAR}/year-end?format=docx&${q}` },
  { name: 'year-end document, PDF', url: `/provinces/79/documents/${YEAR}/year-end?format=pdf&${q}` },
  { name: 'year-end document, HTML', url: `/provinces/79/documents/${YEAR}/year-end?format=html&${q}` },
  {
    name: `year-end report, JSON, at position ${past} (baseline)`,
    url: `/provinces/79/reports/${YEAR}/year-end?atPosition=${past}&${q}`,
  },
  {
    name: `year-end document, Word, at position ${past}`,
    url: `/provinces/79/documents/${YEAR}/year-end?format=docx&atPosition=${past}&${q}`,
  },
];
const once = async (url: string): Promise<{ ms: number; bytes: number }> => {
  const t0 = performance.now();
  const r = await app.inject({ method: 'GET', url, headers });
  const ms = performance.now() - t0;
  if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return { ms, bytes: r.rawPayload.length };
};
// Warm up: the worker started, the fonts read, the code compiled.
for (const c of cases) console.log(`  warm-up: ${c.name} ${(await once(c.url)).ms.toFixed(0)} ms`);
const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
const sizes = new Map<string, number>();
for (let r = 1; r <= rounds; r++) {
  for (const c of cases)
    for (let i = 0; i < runs; i++) {
      const { ms, bytes } = await once(c.url);
      times.get(c.name)?.push(ms);
      sizes.set(c.name, bytes);
    }
}
const mmm = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0] ?? NaN, median: s[Math.floor(s.length / 2)] ?? NaN, max: s[s.length - 1] ?? NaN };
};
const base = mmm(times.get(cases[0]?.name ?? '') ?? []).median;
const pastBase = mmm(times.get(cases[4]?.name ?? '') ?? []).median;
for (const [i, c] of cases.entries()) {
  const m = mmm(times.get(c.name) ?? []);
  const against = i >= 4 ? pastBase : base;
  console.log(
    `  ${c.name.padEnd(48)} min ${m.min.toFixed(0).padStart(5)} ms  median ${m.median.toFixed(0).padStart(5)} ms  max ${m.max
      .toFixed(0)
      .padStart(
        5,
      )} ms  ${String(sizes.get(c.name) ?? 0).padStart(7)} bytes  median / baseline ${(m.median / against).toFixed(1)}`,
  );
}
const worst = Math.max(...cases.slice(1, 4).map((c) => mmm(times.get(c.name) ?? []).max));
console.log(`slowest year-end document: ${worst.toFixed(0)} ms (target ≤ 1000 ms at 1,000,000 events)`);
await app.close();
await store.close();
if (process.env.BENCH_DIR === undefined) rmSync(dir, { recursive: true, force: true });
