/**
 * npm run bench:import — a BENCH_ROWS-row (default 10,000) meetings workbook checked and applied
 * in one upload, POST /provinces/68/campaigns/2026/imports/meetings?mode=apply, against the
 * baseline of the same meetings sent as JSON commands to POST …/outreach-meetings (what a client
 * without the import does): one by one (each sent when the last is answered), and
 * BENCH_CONCURRENCY (default 6, what a browser keeps open to one host over HTTP/1.1) at a time.
 * Both over keep-alive connections (fetch's own pool), each run on a fresh in-memory service in
 * this process. BENCH_ROUNDS (default 3) interleaved rounds, the order turning each round; the
 * ratios are per round (baseline time / import time), min / median / max, of the time on the
 * clock and of the CPU time this process spent (client and service alike; steadier than the clock
 * on a machine others share). BENCH_ONLY=import
 * runs the import only (for a CPU profile: node --cpu-prof --import tsx benchmarks/import.ts).
 * BENCH_BEFORE=DIR adds, in the same rounds, the import of another checkout of the service (an
 * earlier commit: `git worktree add DIR <commit>`), so that before and after meet the same load.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { TEST_KEY, bearer } from '../test/support/auth.ts';
import { launch2026 } from '../test/support/campaign.ts';
import { IMPORT_SPECS } from '../src/app/imports.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { communesOf, type Commune } from '../domain/shared/communes.ts';
import { province, type Province } from '../domain/shared/units.ts';

const rows = Number(process.env.BENCH_ROWS ?? 10_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 6);
const only = process.env.BENCH_ONLY;
const memory = (): string =>
  readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .filter((l) => /^(VmHWM|RssAnon)/.test(l))
    .map((l) => l.replace(/\s+/g, ' '))
    .join(', ');
const officer = bearer({ role: 'provincial_officer', province: '68', app: 'bench' });

/** A POST as a client sends it: again after Retry-After while the service sheds load (503) — counted in its time. */
async function post(url: string, init: RequestInit): Promise<Response> {
  for (;;) {
    const r = await fetch(url, init);
    if (r.status !== 503) return r;
    await r.arrayBuffer();
    await new Promise((wake) => setTimeout(wake, 1000 * Number(r.headers.get('retry-after') ?? 1)));
  }
}

/** The service of this checkout, or of BENCH_BEFORE's. */
interface Service {
  open: typeof SqliteEventStore.open;
  build: typeof buildServer;
}
const here: Service = { open: (o) => SqliteEventStore.open(o), build: buildServer };
const beforeDir = process.env.BENCH_BEFORE;
const before: Service | undefined =
  beforeDir === undefined
    ? undefined
    : {
        open: (
          (await import(
            `${beforeDir}/src/eventstore/sqlite/store.ts`
          )) as typeof import('../src/eventstore/sqlite/store.ts')
        ).SqliteEventStore.open,
        build: ((await import(`${beforeDir}/src/server.ts`)) as typeof import('../src/server.ts')).buildServer,
      };

async function server(service: Service = here) {
  const store = await service.open({ path: ':memory:' });
  const app = await service.build({ store, logLevel: 'silent', key: TEST_KEY, rateLimitPerMinute: 1_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const launched = await post(`${base}/provinces/68/campaigns`, {
    method: 'POST',
    headers: { ...officer, 'content-type': 'application/json' },
    body: JSON.stringify(launch2026),
  });
  if (launched.status !== 201) throw new Error(await launched.text());
  return {
    base,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

// The rows name 90 of Lâm Đồng's communes, as officials type them.
const communes = communesOf(province('current', '68') as Province).slice(0, 90);
const row = (i: number) => [
  `${String(1 + (i % 28)).padStart(2, '0')}/04/2026`,
  (communes[i % communes.length] as Commune).name,
  '',
  'Hội nghị',
  'Luật Hợp tác xã năm 2023',
  50 + (i % 100),
  i % 9,
  'Liên minh HTX tỉnh',
  '',
  `Hội nghị ${i}`,
];
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('Hội nghị');
ws.addRow(IMPORT_SPECS.meetings.columns.map((c) => c.header));
for (let i = 0; i < rows; i++) ws.addRow(row(i));
const file = Buffer.from(await wb.xlsx.writeBuffer());

/** The JSON command a client would send for row i (made before the clock starts). */
const commandOf = (i: number) => {
  const [date, commune, , , , attendees, reps, organisedBy, , title] = row(i) as [
    string,
    string,
    string,
    string,
    string,
    number,
    number,
    string,
    string,
    string,
  ];
  const [d, m, y] = date.split('/');
  return JSON.stringify({
    meetingId: crypto.randomUUID(),
    date: `${y}-${m}-${d}`,
    place: { communeCode: (communes.find((c) => c.name === commune) as Commune).code },
    format: 'conference',
    topics: ['cooperative-law-2023'],
    attendees,
    cooperativesRepresented: reps,
    organisedBy,
    title,
  });
};

interface Timing {
  /** On the clock, ms. */
  ms: number;
  /** CPU time of this process (user and system), ms. */
  cpu: number;
}
const clock = () => {
  const t = performance.now();
  const c = process.cpuUsage();
  return (): Timing => {
    const u = process.cpuUsage(c);
    return { ms: performance.now() - t, cpu: (u.user + u.system) / 1000 };
  };
};

/** The upload: every row checked, then recorded. */
async function importRun(service: Service = here): Promise<Timing> {
  const s = await server(service);
  try {
    const stop = clock();
    const form = new FormData();
    form.append('file', new Blob([file]), 'hoi-nghi.xlsx');
    const res = await post(`${s.base}/provinces/68/campaigns/2026/imports/meetings?mode=apply`, {
      method: 'POST',
      headers: officer,
      body: form,
    });
    const report = (await res.json()) as { rows: number; applied: number; problems: unknown[] };
    const took = stop();
    if (res.status !== 200 || report.applied !== rows)
      throw new Error(`the import answered ${res.status}: ${JSON.stringify(report).slice(0, 500)}`);
    return took;
  } finally {
    await s.close();
  }
}

/** The same meetings as JSON commands, `inFlight` at a time. */
async function commandsRun(inFlight: number): Promise<Timing> {
  const s = await server();
  try {
    const bodies = Array.from({ length: rows }, (_, i) => commandOf(i));
    const url = `${s.base}/provinces/68/campaigns/2026/outreach-meetings`;
    const headers = { ...officer, 'content-type': 'application/json' };
    const stop = clock();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < rows) {
          const body = bodies[next++] as string;
          const r = await post(url, { method: 'POST', headers, body });
          if (r.status !== 201) throw new Error(await r.text());
          await r.arrayBuffer();
        }
      }),
    );
    return stop();
  } finally {
    await s.close();
  }
}

console.log(
  `bench:import — node ${process.version}, ${rows.toLocaleString('en-US')} rows, workbook ${(file.length / 1024).toFixed(0)} KB, ` +
    `${rounds} rounds, baseline one by one and ${concurrency} at a time; ${memory()}`,
);
const s = (t: Timing): string => `${(t.ms / 1000).toFixed(2)} s (CPU ${(t.cpu / 1000).toFixed(2)} s)`;
const stats = (xs: number[]): string => {
  const v = [...xs].sort((a, b) => a - b);
  const f = (x: number | undefined): string => (x ?? NaN).toFixed(2);
  return `min ${f(v[0])}  median ${f(v[Math.floor(v.length / 2)])}  max ${f(v.at(-1))}`;
};
if (only === 'import') {
  for (let r = 1; r <= rounds; r++) console.log(`round ${r}: import ${s(await importRun())}; ${memory()}`);
} else {
  const runs = {
    import: () => importRun(),
    one: () => commandsRun(1),
    many: () => commandsRun(concurrency),
    ...(before !== undefined ? { before: () => importRun(before) } : {}),
  };
  type Run = keyof typeof runs | 'before';
  const order = Object.keys(runs) as Run[];
  const label: Record<Run, string> = {
    import: 'import',
    one: 'one by one',
    many: `${concurrency} at a time`,
    before: 'import before',
  };
  const results: Partial<Record<Run, Timing>>[] = [];
  for (let r = 0; r < rounds; r++) {
    const round: Partial<Record<Run, Timing>> = {};
    for (let k = 0; k < order.length; k++) {
      const which = order[(k + r) % order.length] as Run;
      round[which] = await (runs[which as keyof typeof runs] as () => Promise<Timing>)();
    }
    results.push(round);
    console.log(`round ${r + 1}: ${order.map((k) => `${label[k]} ${s(round[k] as Timing)}`).join(', ')}; ${memory()}`);
  }
  const ratio = (of: (x: Record<Run, Timing>) => number) => stats(results.map((x) => of(x as Record<Run, Timing>)));
  for (const contender of before !== undefined ? (['import', 'before'] as const) : (['import'] as const)) {
    const name = contender === 'import' ? 'import' : 'import before';
    console.log(`speed-up, one by one / ${name}, clock: ${ratio((x) => x.one.ms / x[contender].ms)}   target >= 3`);
    console.log(`speed-up, one by one / ${name}, CPU:   ${ratio((x) => x.one.cpu / x[contender].cpu)}`);
    console.log(`speed-up, ${concurrency} at a time / ${name}, clock: ${ratio((x) => x.many.ms / x[contender].ms)}`);
    console.log(`speed-up, ${concurrency} at a time / ${name}, CPU:   ${ratio((x) => x.many.cpu / x[contender].cpu)}`);
  }
  console.log(`import (s): ${ratio((x) => x.import.ms / 1000)}`);
  if (before !== undefined) console.log(`import before (s): ${ratio((x) => x.before.ms / 1000)}`);
}
