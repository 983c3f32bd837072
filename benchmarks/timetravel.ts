/**
 * npm run bench:timetravel — a campaign dashboard "as of" a past instant, computed by replaying
 * the campaign's events up to it, for a campaign of 100,000 events (BENCH_EVENTS) among other
 * provinces' events. Baseline in the same run: the live dashboard from the read models.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignDashboard, nationalDashboard } from '../projections/dashboard.ts';
import { uuidv7 } from '../src/app/ids.ts';
import { Projector } from '../src/app/projector.ts';
import { ReadModelStore } from '../src/app/read-model-store.ts';
import { catalogAt } from '../src/app/replay.ts';
import { campaignCatalogAsOf, campaignCatalogFromSnapshot, yearCatalogAt } from '../src/app/timetravel.ts';
import { openDatabase } from '../src/eventstore/sqlite/database.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { SqliteWriter } from '../src/eventstore/sqlite/writer.ts';
import type { AppendRequest } from '../src/eventstore/group-commit.ts';

const total = Number(process.env.BENCH_EVENTS ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'cam-bench-tt-'));
const path = join(dir, 'events.sqlite');
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// One big campaign (Hồ Chí Minh 2026) interleaved with the same number of events of other provinces.
const db = openDatabase(path);
db.pragma('synchronous = OFF');
const writer = new SqliteWriter(db);
const metadata = { actor: 'bench', role: 'provincial_officer', app: 'bench' };
let batch: AppendRequest[] = [];
const day0 = Date.UTC(2026, 0, 1);
let i = 0;
const put = (stream: string, type: string, data: Record<string, unknown>, revision: number, at: number) => {
  batch.push({
    stream,
    events: [{ id: uuidv7(), type, schemaVersion: 1, data, metadata }],
    expectedRevision: revision - 1,
    recordedAt: new Date(at).toISOString(),
  });
  if (batch.length >= 5000) {
    writer.commitBatch(batch);
    batch = [];
  }
};
for (const code of ['79', '01']) {
  put(
    `campaign-${code}-2026`,
    'CampaignLaunched',
    {
      organiser: code,
      year: 2026,
      provinceId: `current:${code}`,
      plan: { number: '1', date: '2026-01-05' },
      theme: 'x',
      peak: { from: '2026-03-29', to: '2026-04-29' },
      activities: [],
      budgets: [],
    },
    0,
    day0,
  );
}
for (; i < total; i++) {
  const at = day0 + Math.floor((i / total) * 360 * 86_400_000);
  const date = new Date(at + 7 * 3_600_000).toISOString().slice(0, 10);
  for (const code of ['79', '01']) {
    const meetingId = uuidv7();
    put(
      `outreach-${code}-2026-${meetingId}`,
      'OutreachMeetingRecorded',
      {
        organiser: code,
        year: 2026,
        meetingId,
        date,
        place: { commune: `Phường ${i % 50}` },
        format: 'conference',
        topics: ['other'],
        attendees: 10 + (i % 90),
        cooperativesRepresented: 1,
        cooperativeIds: [],
        organisedBy: 'x',
      },
      0,
      at,
    );
  }
}
if (batch.length) writer.commitBatch(batch);
db.close();

const store = await SqliteEventStore.open({ path });
const head = await store.headPosition();
// Read models saved as the service saves them: the snapshots are read back from readmodels.sqlite.
const readModels = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
const live = new Projector(store, { readModels });
await live.start();
const now = '2026-12-31T00:00:00+07:00';
const prefixes = [
  'campaign-79-2026',
  'outreach-79-2026-',
  'support-79-2026',
  'nominations-79-2026',
  'membership-79-2026',
  'dialogue-79-2026',
  'task-79-',
];
const time = (f: () => Promise<unknown> | unknown) => async () => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const measure = async (f: () => Promise<number>) => {
  const xs: number[] = [];
  for (let r = 0; r < runs; r++) xs.push(await f());
  return { p50: pct(xs, 50), max: Math.max(...xs) };
};
const liveT = await measure(time(() => campaignDashboard(live.catalog, '79', 2026, now)));
// The route's method: the nearest snapshot (taken every 5,000 events of the campaign), then the events after it.
const fromSnapshot = (position: number) => async () => {
  const snapshot = live.snapshotAt('79', 2026, position);
  if (snapshot === undefined) throw new Error(`no snapshot at or before ${position}`);
  return campaignDashboard(await campaignCatalogFromSnapshot(store, snapshot, position), '79', 2026, now);
};
const worst = (live.snapshotAt('79', 2026, head)?.position ?? 0) - 1; // just before a snapshot: the most events to fold
{
  const stored = live.snapshots.latest('79-2026', worst);
  if (stored) {
    const t0 = performance.now();
    for (let r = 0; r < 5; r++) JSON.parse(stored.json);
    const t1 = performance.now();
    for (let r = 0; r < 5; r++) live.snapshotAt('79', 2026, worst);
    const t2 = performance.now();
    console.log(
      `newest snapshot before the end: ${fmt(stored.json.length)} characters at position ${fmt(stored.position)}; JSON.parse ${((t1 - t0) / 5).toFixed(1)} ms, parse and check ${((t2 - t1) / 5).toFixed(1)} ms`,
    );
  }
}
const asOfEnd = await measure(time(fromSnapshot(head)));
const asOfMid = await measure(time(fromSnapshot(Math.floor(head / 2))));
const asOfWorst = await measure(time(fromSnapshot(worst)));
const keptEnd = await measure(
  time(async () =>
    campaignDashboard(await campaignCatalogAsOf(store, live.catalog, '79', 2026, head), '79', 2026, now),
  ),
);
const nationalMid = await measure(
  time(async () => nationalDashboard(await yearCatalogAt(store, live, 2026, Math.floor(head / 2)), 2026, now)),
);
const nationalFold = await measure(
  time(async () => nationalDashboard(await catalogAt(store, Math.floor(head / 2)), 2026, now)),
);
const replayEnd = await measure(
  time(async () => campaignDashboard(await catalogAt(store, head, prefixes), '79', 2026, now)),
);
console.log(
  `bench:timetravel — node ${process.version}, campaign 79/2026 with ${fmt(total + 1)} events in a log of ${fmt(head)}, ${runs} runs each`,
);
console.log(
  `live dashboard from the read models (baseline)      p50 ${liveT.p50.toFixed(1)} ms  max ${liveT.max.toFixed(1)} ms`,
);
console.log(
  `dashboard asOf the end of the year (all ${fmt(total + 1)})  p50 ${asOfEnd.p50.toFixed(1)} ms  max ${asOfEnd.max.toFixed(1)} ms`,
);
console.log(
  `dashboard asOf mid-year (half of them)              p50 ${asOfMid.p50.toFixed(1)} ms  max ${asOfMid.max.toFixed(1)} ms`,
);
console.log(
  `dashboard asOf just before a snapshot (position ${fmt(worst)}) p50 ${asOfWorst.p50.toFixed(1)} ms  max ${asOfWorst.max.toFixed(1)} ms`,
);
console.log(
  `asOf the end, without snapshots (ledgers + unchanged meetings) p50 ${keptEnd.p50.toFixed(1)} ms  max ${keptEnd.max.toFixed(1)} ms`,
);
console.log(
  `national dashboard asOf mid-year, from snapshots (2 campaigns) p50 ${nationalMid.p50.toFixed(1)} ms  max ${nationalMid.max.toFixed(1)} ms`,
);
console.log(
  `same, folding the log up to mid-year (no shortcut)  p50 ${nationalFold.p50.toFixed(1)} ms  max ${nationalFold.max.toFixed(1)} ms`,
);
console.log(
  `same, folding every event up to the end (no shortcut) p50 ${replayEnd.p50.toFixed(1)} ms  max ${replayEnd.max.toFixed(1)} ms`,
);
await live.stop();
readModels.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
