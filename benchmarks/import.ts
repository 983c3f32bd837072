/**
 * npm run bench:import — a 10,000-row meetings workbook checked and applied through
 * POST /provinces/68/campaigns/2026/imports/meetings, against the baseline of the same 10,000
 * meetings sent as JSON commands one by one (what a client without the import would do), in
 * the same process; with the process's peak resident memory before and after (VmHWM, RssAnon).
 * BENCH_ROWS sets the rows (10,000).
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
const memory = (): string =>
  readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .filter((l) => /^(VmHWM|RssAnon)/.test(l))
    .map((l) => l.replace(/\s+/g, ' '))
    .join(', ');
const officer = bearer({ role: 'provincial_officer', province: '68', app: 'bench' });

async function server() {
  const store = await SqliteEventStore.open({ path: ':memory:' });
  const app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, rateLimitPerMinute: 1_000_000 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const launched = await fetch(`${base}/provinces/68/campaigns`, {
    method: 'POST',
    headers: { ...officer, 'content-type': 'application/json' },
    body: JSON.stringify(launch2026),
  });
  if (launched.status !== 201) throw new Error(await launched.text());
  return { store, app, base };
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
console.log(
  `bench:import — node ${process.version}, ${rows.toLocaleString('en-US')} rows, workbook ${(file.length / 1024).toFixed(0)} KB; before: ${memory()}`,
);

const a = await server();
let t = performance.now();
const form = new FormData();
form.append('file', new Blob([file]), 'hoi-nghi.xlsx');
const res = await fetch(`${a.base}/provinces/68/campaigns/2026/imports/meetings?mode=apply`, {
  method: 'POST',
  headers: officer,
  body: form,
});
const report = (await res.json()) as { rows: number; applied: number; problems: unknown[] };
const importMs = performance.now() - t;
console.log(
  `import (check + apply): ${res.status}, ${report.rows} rows, ${report.applied} applied, ${report.problems.length} problems in ${(importMs / 1000).toFixed(1)} s; ${memory()}`,
);
await a.app.close();
await a.store.close();

const b = await server();
t = performance.now();
for (let i = 0; i < rows; i++) {
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
  const body = {
    meetingId: crypto.randomUUID(),
    date: `${y}-${m}-${d}`,
    place: { communeCode: (communes.find((c) => c.name === commune) as Commune).code },
    format: 'conference',
    topics: ['cooperative-law-2023'],
    attendees,
    cooperativesRepresented: reps,
    organisedBy,
    title,
  };
  const r = await fetch(`${b.base}/provinces/68/campaigns/2026/outreach-meetings`, {
    method: 'POST',
    headers: { ...officer, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(await r.text());
}
const oneByOneMs = performance.now() - t;
console.log(
  `baseline, the same meetings as JSON commands one by one over HTTP: ${(oneByOneMs / 1000).toFixed(1)} s; ${memory()}`,
);
console.log(
  `ratio import / one by one: ${(importMs / oneByOneMs).toFixed(2)} (the import also checks every row first)`,
);
await b.app.close();
await b.store.close();
