import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG_KINDS, emptyCatalog, type AnyDomainEvent, type Catalog } from '../projections/catalog.ts';
import { applyToCatalog } from '../projections/fold.ts';
import { campaignDashboard, nationalDashboard } from '../projections/dashboard.ts';
import { uuidv7 } from '../src/app/ids.ts';
import { Projector } from '../src/app/projector.ts';
import { ReadModelStore } from '../src/app/read-model-store.ts';
import { catalogAt } from '../src/app/replay.ts';
import { campaignCatalogAsOf, campaignCatalogFromSnapshot } from '../src/app/timetravel.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { NewEvent } from '../src/eventstore/types.ts';
import { waitFor } from './eventstore.contract.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cam-proj-'));
  dirs.push(d);
  return d;
}

const meta = { actor: 'officer', role: 'provincial_officer', province: '67', app: 'test' };
const ev = (type: string, data: object): NewEvent => ({
  id: uuidv7(),
  type,
  data: data as Record<string, unknown>,
  metadata: meta,
});
const scope = { organiser: '67', year: 2024 };

async function writeCampaign(store: SqliteEventStore, meetings: number, from = 0): Promise<void> {
  if (from === 0) {
    await store.append(
      'campaign-67-2024',
      [
        ev('CampaignLaunched', {
          ...scope,
          provinceId: 'pre2025:67',
          plan: { number: '1', date: '2024-02-01' },
          theme: 'x',
          peak: { from: '2024-03-29', to: '2024-04-29' },
          activities: [
            {
              id: 'o',
              kind: 'outreach-conference',
              title: 'x',
              window: { from: '2024-01-01', to: '2024-12-31' },
              targets: [{ metric: 'meetings', value: 100 }],
            },
          ],
          budgets: [],
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
  }
  for (let i = from; i < from + meetings; i++) {
    const id = `0191d6a0-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const date = `2024-${String(3 + (i % 4)).padStart(2, '0')}-${String(10 + (i % 19)).padStart(2, '0')}`;
    await store.append(
      `outreach-67-2024-${id}`,
      [
        ev('OutreachMeetingRecorded', {
          ...scope,
          meetingId: id,
          date,
          place: { commune: `Xã ${i % 5}` },
          format: 'conference',
          topics: ['other'],
          attendees: i,
          cooperativesRepresented: 1,
          cooperativeIds: [],
          organisedBy: 'x',
          activityId: 'o',
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
    if (i % 3 === 0) {
      await store.append(
        `outreach-67-2024-${id}`,
        [
          ev('OutreachMeetingCorrected', {
            ...scope,
            meetingId: id,
            changes: { attendees: i + 1000 },
            previous: { attendees: i },
            reason: 'x',
          }),
        ],
        { expectedRevision: 0 },
      );
    }
  }
}

/** The read models as plain data, for comparing two catalogs. */
function snapshot(c: Catalog) {
  const docs = Object.fromEntries(
    CATALOG_KINDS.map((k) => [k, Object.fromEntries([...c[k].entries()].sort(([a], [b]) => a.localeCompare(b)))]),
  );
  return {
    position: c.position,
    docs,
    dashboard: campaignDashboard(c, '67', 2024, '2024-12-01T00:00:00+07:00'),
    national: nationalDashboard(c, 2024, '2024-12-01T00:00:00+07:00'),
  };
}

describe('time travel', () => {
  it('rebuilds one campaign as of any position exactly as folding the whole log up to it', async () => {
    let t = Date.parse('2024-03-20T00:00:00Z');
    const store = await SqliteEventStore.open({ path: ':memory:', now: () => new Date((t += 6 * 3_600_000)) });
    await writeCampaign(store, 30);
    const m = (i: number) => `0191d6a0-0000-7000-8000-${String(i).padStart(12, '0')}`;
    await store.append(
      `outreach-67-2024-${m(5)}`,
      [ev('OutreachMeetingRetracted', { ...scope, meetingId: m(5), reason: 'x' })],
      { expectedRevision: 'any' },
    );
    await store.append(
      'support-67-2024',
      [
        ev('SupportApproved', {
          ...scope,
          approvalId: m(900),
          decision: { number: '1', date: '2024-04-02' },
          cooperativeId: m(901),
          fund: 'provincial-budget',
          form: 'grant',
          amount: 5_000_000,
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      `task-67-${m(902)}`,
      [
        ev('TaskAssigned', {
          organiser: '67',
          taskId: m(902),
          plan: { number: '1', date: '2024-01-02' },
          title: 'x',
          leadAgencies: ['LM'],
          coordinatingAgencies: [],
          due: { kind: 'quarter', year: 2024, quarter: 2 },
        }),
      ],
      { expectedRevision: 'any' },
    );
    const course = {
      ...scope,
      trainingId: m(903),
      title: 'Tập huấn Luật HTX 2023',
      from: '2024-04-09',
      place: { communeCode: '24611' },
      audiences: ['director'],
      topics: ['cooperative-law-2023'],
      participants: 30,
      cooperativesRepresented: 12,
      organisedBy: 'LM',
    };
    await store.append(`training-67-2024-${m(903)}`, [ev('TrainingRecorded', course)], { expectedRevision: 'any' });
    await writeCampaign(store, 10, 30);
    await store.append(
      `training-67-2024-${m(903)}`,
      [ev('TrainingRetracted', { ...scope, trainingId: m(903), reason: 'x' })],
      { expectedRevision: 'any' },
    );
    await store.append(
      `outreach-67-2024-${m(7)}`,
      [
        ev('OutreachMeetingCorrected', {
          ...scope,
          meetingId: m(7),
          changes: { attendees: 5 },
          previous: { attendees: 7 },
          reason: 'x',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      `task-67-${m(902)}`,
      [ev('TaskCompleted', { organiser: '67', taskId: m(902), completedOn: '2024-05-01' })],
      { expectedRevision: 'any' },
    );
    const head = await store.headPosition();
    const live = new Projector(store);
    await live.start();
    const now = '2024-06-01T00:00:00+07:00';
    for (const position of [1, 2, 10, 25, 44, 46, 47, 48, 55, head - 1, head]) {
      const fast = await campaignCatalogAsOf(store, live.catalog, '67', 2024, position);
      const full = await catalogAt(store, position);
      expect(campaignDashboard(fast, '67', 2024, now), `position ${position}`).toEqual(
        campaignDashboard(full, '67', 2024, now),
      );
      // Documents kept in a stream each (a training course, a task) are as the whole log had them.
      expect([...fast.trainings.values()], `position ${position}`).toEqual([...full.trainings.values()]);
      expect([...fast.tasks.values()], `position ${position}`).toEqual([...full.tasks.values()]);
    }
    await live.stop();
    await store.close();
  });

  it('starts from the nearest campaign snapshot and gives exactly what folding the whole log up to the position gives', async () => {
    let t = Date.parse('2024-03-20T00:00:00Z');
    const store = await SqliteEventStore.open({ path: ':memory:', now: () => new Date((t += 6 * 3_600_000)) });
    const m = (i: number) => `0191d6a0-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const approval = m(900);
    const cooperative = m(901);
    await writeCampaign(store, 12);
    await store.append(
      'support-67-2024',
      [
        ev('SupportApproved', {
          ...scope,
          approvalId: approval,
          decision: { number: '1', date: '2024-04-02' },
          cooperativeId: cooperative,
          fund: 'provincial-budget',
          form: 'grant',
          amount: 5_000_000,
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'support-67-2024',
      [
        ev('SupportDisbursed', {
          ...scope,
          disbursementId: m(903),
          approvalId: approval,
          cooperativeId: cooperative,
          fund: 'provincial-budget',
          amount: 2_000_000,
          date: '2024-04-10',
          reference: 'UNC 1',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'nominations-67-2024',
      [
        ev('ExemplaryCoopNominated', {
          ...scope,
          nominationId: m(904),
          cooperativeId: cooperative,
          nominatedBy: { level: 'province', name: 'LM' },
          nominatedOn: '2024-04-12',
          category: 'x',
          achievements: 'x',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'dialogue-67-2024',
      [
        ev('PetitionRecorded', {
          ...scope,
          petitionId: m(905),
          submittedBy: 'HTX',
          submittedOn: '2024-04-15',
          topic: 'credit',
          subject: 'x',
          content: 'x',
          addressedTo: 'UBND',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      `task-67-${m(902)}`,
      [
        ev('TaskAssigned', {
          organiser: '67',
          taskId: m(902),
          plan: { number: '1', date: '2024-01-02' },
          title: 'x',
          leadAgencies: ['LM'],
          coordinatingAgencies: [],
          due: { kind: 'quarter', year: 2024, quarter: 2 },
        }),
      ],
      { expectedRevision: 'any' },
    );
    await writeCampaign(store, 10, 12);
    // Changes after later snapshots to records of before them.
    await store.append(
      `outreach-67-2024-${m(4)}`,
      [ev('OutreachMeetingRetracted', { ...scope, meetingId: m(4), reason: 'x' })],
      { expectedRevision: 'any' },
    );
    await store.append(
      `outreach-67-2024-${m(3)}`,
      [
        ev('OutreachMeetingCorrected', {
          ...scope,
          meetingId: m(3),
          changes: { attendees: 2, place: { communeCode: '24616' } },
          previous: { attendees: 1003 },
          reason: 'x',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'support-67-2024',
      [
        ev('DisbursementReversed', {
          ...scope,
          disbursementId: m(903),
          approvalId: approval,
          cooperativeId: cooperative,
          fund: 'provincial-budget',
          amount: 2_000_000,
          date: '2024-05-01',
          reason: 'x',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'nominations-67-2024',
      [
        ev('NominationShortlisted', {
          ...scope,
          nominationId: m(904),
          cooperativeId: cooperative,
          shortlistedOn: '2024-05-02',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'dialogue-67-2024',
      [
        ev('PetitionAnswered', {
          ...scope,
          petitionId: m(905),
          respondedBy: 'UBND',
          respondedOn: '2024-05-03',
          response: 'x',
          resolved: true,
        }),
      ],
      { expectedRevision: 'any' },
    );
    await store.append(
      'campaign-67-2024',
      [
        ev('CampaignPlanAmended', {
          ...scope,
          amendment: { number: '2', date: '2024-05-04' },
          reason: 'x',
          peak: { from: '2024-04-01', to: '2024-05-31' },
        }),
      ],
      { expectedRevision: 'any' },
    );
    await writeCampaign(store, 6, 22);
    await store.append(
      `task-67-${m(902)}`,
      [ev('TaskCompleted', { organiser: '67', taskId: m(902), completedOn: '2024-06-01' })],
      { expectedRevision: 'any' },
    );
    const head = await store.headPosition();
    const live = new Projector(store, { snapshotEvery: 4 });
    await live.start();
    const now = '2024-06-15T00:00:00+07:00';
    let fromSnapshots = 0;
    for (let position = 1; position <= head; position++) {
      const snapshot = live.snapshotAt('67', 2024, position);
      const full = await catalogAt(store, position);
      if (snapshot === undefined) continue;
      fromSnapshots += 1;
      expect(snapshot.position).toBeLessThanOrEqual(position);
      const fast = await campaignCatalogFromSnapshot(store, snapshot, position);
      expect(
        campaignDashboard(fast, '67', 2024, now),
        `position ${position} from the snapshot at ${snapshot.position}`,
      ).toEqual(campaignDashboard(full, '67', 2024, now));
      expect(fast.records.get('67-2024')).toEqual(full.records.get('67-2024'));
    }
    // Snapshots were taken all along the campaign, not only at its end.
    expect(fromSnapshots).toBeGreaterThan(head - 10);
    await live.stop();
    await store.close();
  });
});

describe('projection runner', () => {
  it('refolds from the log a read-model file written in another layout, instead of trusting it', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await writeCampaign(store, 12);
    const head = await store.headPosition();
    // The first layout: a WITHOUT ROWID documents table, no layout version, and a checkpoint at the head.
    const old = new Database(join(dir, 'readmodels.sqlite'));
    old.exec(`CREATE TABLE documents (kind TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (kind, id)) STRICT, WITHOUT ROWID;
              CREATE TABLE checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) STRICT;`);
    old.prepare('INSERT INTO checkpoints (name, position) VALUES (?, ?)').run('catalog', head);
    old.close();
    const rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    expect(rm.checkpoint()).toBe(0);
    const live = new Projector(store, { readModels: rm });
    await live.start();
    expect(live.catalog.meetings.size).toBe(12);
    expect(campaignDashboard(live.catalog, '67', 2024, '2024-12-01T00:00:00+07:00')?.totals.meetings.total).toBe(12);
    await live.stop();
    rm.close();
    await store.close();
  });

  it('keeps campaign snapshots with the saved read models across a restart, and a rebuild writes them again', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    let rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    let live = new Projector(store, { readModels: rm, snapshotEvery: 10 });
    await live.start();
    await writeCampaign(store, 30);
    const head = await store.headPosition();
    await waitFor(() => live.catalog.position === head);
    const before = live.snapshotAt('67', 2024, head);
    expect(before?.position).toBeGreaterThan(head - 10);
    await live.stop();
    rm.close();
    rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    live = new Projector(store, { readModels: rm, snapshotEvery: 10 });
    await live.start();
    expect(live.snapshotAt('67', 2024, head)).toEqual(before);
    expect(live.snapshotAt('67', 2024, 5)).toBeUndefined();
    // A rebuild replaces them with snapshots of the fresh fold, at the same places.
    rm.replaceAll([]);
    expect(live.snapshotAt('67', 2024, head)).toBeUndefined();
    await live.rebuild();
    expect(live.snapshotAt('67', 2024, head)).toEqual(before);
    const fast = await campaignCatalogFromSnapshot(store, before as NonNullable<typeof before>, head);
    expect(campaignDashboard(fast, '67', 2024, '2024-12-01T00:00:00+07:00')).toEqual(
      campaignDashboard(live.catalog, '67', 2024, '2024-12-01T00:00:00+07:00'),
    );
    await live.stop();
    rm.close();
    await store.close();
  });

  it('gives exactly the same read models rebuilt from zero as kept up to date event by event, also after a restart', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    let rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    let live = new Projector(store, { readModels: rm, saveEvery: 7 });
    await live.start();
    await writeCampaign(store, 40);
    const firstHead = await store.headPosition();
    await waitFor(() => live.catalog.position === firstHead);
    // Restart: the saved read models are loaded and the runner goes on from the checkpoint.
    await live.stop();
    rm.close();
    rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    expect(rm.checkpoint()).toBe(firstHead);
    live = new Projector(store, { readModels: rm, saveEvery: 7 });
    await live.start();
    await writeCampaign(store, 20, 40);
    const head = await store.headPosition();
    await waitFor(() => live.catalog.position === head);
    const incremental = snapshot(live.catalog);

    const rebuilt = new Projector(store);
    await rebuilt.start();
    expect(snapshot(rebuilt.catalog)).toEqual(incremental);
    expect(incremental.dashboard?.totals.meetings.total).toBe(60);

    // The admin rebuild gives the same too, and saves it.
    await live.rebuild();
    expect(snapshot(live.catalog)).toEqual(incremental);
    expect(snapshot(rm.load())).toEqual(incremental);
    // Later events are saved into the new tables as before.
    await writeCampaign(store, 5, 60);
    const later = await store.headPosition();
    await waitFor(() => live.catalog.position === later);
    await live.stop();
    await rebuilt.stop();
    expect(snapshot(rm.load())).toEqual(snapshot(live.catalog));
    expect(rm.load().meetings.size).toBe(65);
    rm.close();
    await store.close();
  });

  it('rebuilds with the service stopped into the same file as a rebuild while it runs, without growing it, and refolds a rebuild cut off halfway', async () => {
    const dir = tempDir();
    const path = join(dir, 'readmodels.sqlite');
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await writeCampaign(store, 40);
    const rows = (): unknown[] => {
      const db = new Database(path, { readonly: true });
      const all = [
        db.prepare('SELECT kind, id, campaign, position, json FROM documents ORDER BY kind, id').all(),
        db.prepare('SELECT kind, id, cooperative FROM document_refs ORDER BY 1, 2, 3').all(),
        db.prepare('SELECT campaign, position, version FROM snapshots ORDER BY 1, 2').all(),
        db.prepare('SELECT position FROM checkpoints').all(),
        db.pragma('user_version', { simple: true }),
      ];
      db.close();
      return all;
    };
    const pages = (): number => {
      const db = new Database(path, { readonly: true });
      const n = db.pragma('page_count', { simple: true }) as number;
      db.close();
      return n;
    };
    let rm = ReadModelStore.open(path);
    let live = new Projector(store, { readModels: rm, snapshotEvery: 10 });
    await live.start();
    await live.rebuild();
    const whileRunning = rows();
    const expected = snapshot(live.catalog);
    await live.stop();
    rm.close();

    rm = ReadModelStore.open(path, { exclusive: true });
    live = new Projector(store, { readModels: rm, snapshotEvery: 10 });
    await live.rebuild(undefined, { bulk: true });
    expect(snapshot(live.catalog)).toEqual(expected);
    await live.stop();
    rm.close();
    expect(rows()).toEqual(whileRunning);
    const size = pages();
    rm = ReadModelStore.open(path, { exclusive: true });
    live = new Projector(store, { readModels: rm, snapshotEvery: 10 });
    await live.rebuild(undefined, { bulk: true });
    await live.stop();
    rm.close();
    expect(pages()).toBeLessThanOrEqual(size);

    // A bulk rebuild that fails halfway (here, a document that cannot be written) leaves a file the next start folds again.
    rm = ReadModelStore.open(path, { exclusive: true });
    const broken = await catalogAt(store, await store.headPosition());
    broken.meetings.set('broken', { ...[...broken.meetings.values()][0], meetingId: 'broken', attendees: 1n } as never);
    await expect(rm.replace(broken, [], { bulk: true })).rejects.toThrow(/BigInt/);
    rm.close();
    rm = ReadModelStore.open(path);
    expect(rm.checkpoint()).toBe(0);
    live = new Projector(store, { readModels: rm });
    await live.start();
    expect(snapshot(live.catalog)).toEqual(expected);
    await live.stop();
    rm.close();
    await store.close();
  });

  it('keeps a meeting in a compact row (kind as a number, id as 16 bytes, no value twice) and reads it back whole', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await writeCampaign(store, 3);
    const id = '0191d6a0-0000-7000-8000-000000000001';
    let rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    let live = new Projector(store, { readModels: rm });
    await live.start();
    const before = JSON.stringify(live.catalog.meetings.get(id));
    await live.stop();
    rm.close();
    const db = new Database(join(dir, 'readmodels.sqlite'), { readonly: true });
    const row = db.prepare('SELECT kind, id, json FROM documents WHERE campaign IS NOT NULL').get() as {
      kind: unknown;
      id: unknown;
      json: string;
    };
    db.close();
    expect(typeof row.kind).toBe('number');
    expect(Buffer.isBuffer(row.id) && row.id.length).toBe(16);
    expect(row.json).not.toMatch(/0191d6a0|"67"|2024,/);
    rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    live = new Projector(store, { readModels: rm });
    await live.start();
    expect(JSON.stringify(live.catalog.meetings.get(id))).toBe(before);
    expect([...live.catalog.meetings.keys()]).toContain(id);
    await live.stop();
    rm.close();
    await store.close();
  });

  it('refuses to load a read-model file holding a document of an unknown kind', () => {
    const path = join(tempDir(), 'readmodels.sqlite');
    ReadModelStore.open(path).close();
    const db = new Database(path);
    db.prepare('INSERT INTO documents (kind, id, json) VALUES (?, ?, ?)').run(99, 'x', '{}');
    db.close();
    const rm = ReadModelStore.open(path);
    expect(() => rm.load()).toThrow(/kind 99/);
    rm.close();
  });

  it('saves rebuilt read models a few thousand rows at a time, so the service keeps answering meanwhile', async () => {
    const rm = ReadModelStore.open(join(tempDir(), 'readmodels.sqlite'));
    const c = emptyCatalog({ track: false });
    for (let i = 0; i < 9000; i++) {
      const e = ev('OutreachMeetingRecorded', {
        ...scope,
        meetingId: uuidv7(),
        date: '2024-04-01',
        place: { commune: 'Xã 1' },
        format: 'conference',
        topics: ['other'],
        attendees: i,
        cooperativesRepresented: 0,
        cooperativeIds: [],
        organisedBy: 'x',
      });
      applyToCatalog(c, { type: e.type, data: e.data } as AnyDomainEvent, {
        stream: `outreach-67-2024-${i}`,
        revision: 0,
        position: i + 1,
        recordedAt: '2024-04-01T03:00:00.000Z',
      });
    }
    let turns = 0;
    let stop = false;
    const spin = (): void => {
      turns += 1;
      if (!stop) setImmediate(spin);
    };
    setImmediate(spin);
    await rm.replace(c, []);
    stop = true;
    // 9,000 meetings and their ledger: written in chunks of 2,000, each followed by a turn of the event loop.
    expect(turns).toBeGreaterThanOrEqual(4);
    expect(rm.load().meetings.size).toBe(9000);
    expect(rm.checkpoint()).toBe(9000);
    rm.close();
  });

  it('runs one rebuild at a time: a second request joins the running one, while writes go on', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await writeCampaign(store, 200);
    const rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    const live = new Projector(store, { readModels: rm });
    await live.start();
    const [first, second] = await Promise.all([live.rebuild(), live.rebuild(), writeCampaign(store, 20, 200)]);
    expect(second).toBe(first);
    const head = await store.headPosition();
    await waitFor(() => live.catalog.position === head);
    const reference = new Projector(store);
    await reference.start();
    expect(snapshot(live.catalog)).toEqual(snapshot(reference.catalog));
    await live.stop();
    await reference.stop();
    rm.close();
    await store.close();
  });

  it('saves less often during a long catch-up, then as often as before once caught up', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await writeCampaign(store, 60);
    const head = await store.headPosition();
    const start = async (longCatchUp: { behind: number; saveEvery: number }, name: string) => {
      const rm = ReadModelStore.open(join(dir, `${name}.sqlite`));
      const saves: number[] = [];
      const p = new Projector(store, {
        readModels: rm,
        saveEvery: 10,
        longCatchUp,
        beforeCommit: () => void saves.push(p.catalog.position),
      });
      await p.start();
      const at = await store.headPosition();
      await waitFor(() => rm.checkpoint() === at);
      return { rm, p, saves };
    };
    // Far behind: one save per 50 events while catching up, and one when caught up.
    const long = await start({ behind: 20, saveEvery: 50 }, 'long');
    expect(long.saves).toEqual([50, head]);
    // Then every 10 events again.
    await writeCampaign(store, 25, 60);
    const later = await store.headPosition();
    await waitFor(() => long.rm.checkpoint() === later);
    expect(long.saves.filter((position) => position > head).length).toBeGreaterThanOrEqual(2);
    await long.p.stop();
    expect(snapshot(long.p.catalog).dashboard?.totals.meetings.total).toBe(85);
    long.rm.close();
    // Not far enough behind to count as long: every 10 events throughout.
    const short = await start({ behind: 1_000, saveEvery: 50 }, 'short');
    expect(short.saves).toEqual([...Array.from({ length: Math.floor(later / 10) }, (_, i) => 10 * (i + 1)), later]);
    await short.p.stop();
    short.rm.close();
    await store.close();
  });

  it('does not count twice the events between the last checkpoint and a crash', async () => {
    const dir = tempDir();
    const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
    await writeCampaign(store, 30);
    const head = await store.headPosition();
    let saves = 0;
    let rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    // From the third save on, saves fail inside their transaction, after the documents were
    // written, before commit (a power cut, then the process dies).
    const crashing = new Projector(store, {
      readModels: rm,
      saveEvery: 10,
      beforeCommit: () => {
        if (++saves >= 3) throw new Error('power cut');
      },
    });
    await crashing.start().catch(() => undefined);
    await waitFor(() => crashing.failure !== null);
    expect(crashing.catalog.position).toBeGreaterThan(20); // in memory it had folded past the checkpoint
    expect(rm.checkpoint()).toBe(20); // on disk: the second save, all of it, nothing of the third
    await crashing.stop();
    expect(rm.checkpoint()).toBe(20);
    rm.close();

    rm = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
    const restarted = new Projector(store, { readModels: rm });
    await restarted.start();
    const reference = new Projector(store);
    await reference.start();
    expect(restarted.catalog.position).toBe(head);
    expect(snapshot(restarted.catalog)).toEqual(snapshot(reference.catalog));
    expect(snapshot(restarted.catalog).dashboard?.totals.meetings.total).toBe(30);
    await restarted.stop();
    await reference.stop();
    rm.close();
    await store.close();
  });
});
