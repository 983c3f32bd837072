import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { campaignDashboard, nationalDashboard } from '../projections/dashboard.ts';
import { nationalReport } from '../projections/reports.ts';
import { exportEvents, parseNdjson, toNdjsonLine } from '../src/app/audit.ts';
import { Projector } from '../src/app/projector.ts';
import { catalogAt } from '../src/app/replay.ts';
import { uuidv7 } from '../src/app/ids.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import type { ExportedEvent, NewEvent } from '../src/eventstore/types.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';

const root = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'cam-audit-'));
  dirs.push(d);
  return d;
};
const meta = { actor: 'can-bo', role: 'provincial_officer', province: '67', app: 'test' };
const ev = (type: string, data: object): NewEvent => ({
  id: uuidv7(),
  type,
  data: data as Record<string, unknown>,
  metadata: meta,
});

/** A log of 12 events over 3 streams, recorded a minute apart. */
async function writeLog(path: string): Promise<void> {
  let t = Date.parse('2024-04-01T01:00:00Z');
  const store = await SqliteEventStore.open({ path, now: () => new Date((t += 60_000)) });
  for (let i = 0; i < 12; i++)
    await store.append(`s-${i % 3}`, [ev('Noted', { i, note: `việc ${i}` })], { expectedRevision: 'any' });
  await store.close();
}
async function verify(path: string) {
  const store = await SqliteEventStore.open({ path });
  const r = await store.verifyIntegrity();
  await store.close();
  return r;
}

describe('tamper evidence', () => {
  const base = join(tempDir(), 'clean.sqlite');
  const copy = (name: string) => {
    const p = join(tempDir(), `${name}.sqlite`);
    copyFileSync(base, p);
    return p;
  };

  it('finds nothing wrong with an untouched log', async () => {
    await writeLog(base);
    expect(await verify(base)).toMatchObject({
      ok: true,
      eventsChecked: 12,
      streamsChecked: 3,
      headPosition: 12,
      problems: [],
    });
  });

  it('finds an event edited in the file, at its position', async () => {
    const p = copy('edited');
    new Database(p).prepare(`UPDATE events SET data = '{"i":5,"note":"sửa lén"}' WHERE position = 6`).run();
    const r = await verify(p);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ kind: 'modified', position: 6, stream: 's-2', revision: 1 });
  });

  it('finds an event deleted from the file, at its position', async () => {
    const p = copy('deleted');
    new Database(p).prepare('DELETE FROM events WHERE position = 5').run();
    const r = await verify(p);
    expect(r.problems[0]).toMatchObject({ kind: 'removed', position: 5 });
  });

  it('finds the last event of a stream deleted', async () => {
    const p = copy('tail');
    new Database(p).prepare('DELETE FROM events WHERE position = 12').run();
    const r = await verify(p);
    expect(r.problems[0]).toMatchObject({ kind: 'removed', stream: 's-2', revision: 3 });
  });

  it('finds events reordered in the file, at the first position out of order', async () => {
    const p = copy('reordered');
    const db = new Database(p);
    // Swap the global positions of revisions 1 and 2 of stream s-0 (positions 4 and 7).
    db.transaction(() => {
      db.prepare('UPDATE events SET position = -4 WHERE position = 4').run();
      db.prepare('UPDATE events SET position = 4 WHERE position = 7').run();
      db.prepare('UPDATE events SET position = 7 WHERE position = -4').run();
    })();
    const r = await verify(p);
    expect(r.problems[0]).toMatchObject({ kind: 'reordered', position: 4 });
  });

  it('says so from the command line, with the position, and exits 1', () => {
    const dataDir = tempDir();
    copyFileSync(copy('cli'), join(dataDir, 'events.sqlite'));
    new Database(join(dataDir, 'events.sqlite'))
      .prepare(`UPDATE events SET metadata = '{"actor":"someone-else"}' WHERE position = 3`)
      .run();
    const r = spawnSync(process.execPath, ['dist/src/cli/audit.js', 'verify'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('TAMPERED: first problem at position 3: modified');
  });
});

describe('export and import', () => {
  it('round-trips: a fresh store gets the same events, positions and hashes, and the same dashboards', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    await store.importEvents(parseNdjson(readFileSync(join(root, 'test', 'fixtures', 'events-v1.ndjson'), 'utf8')));
    const exported: ExportedEvent[] = [];
    for await (const e of exportEvents(store)) exported.push(e);
    const text = exported.map(toNdjsonLine).join('');
    const fresh = await SqliteEventStore.open({ path: ':memory:' });
    await fresh.importEvents(parseNdjson(text));
    const again: ExportedEvent[] = [];
    for await (const e of exportEvents(fresh)) again.push(e);
    expect(again).toEqual(exported);
    expect((await fresh.verifyIntegrity()).ok).toBe(true);
    const a = new Projector(store);
    const b = new Projector(fresh);
    await a.start();
    await b.start();
    const now = '2024-12-01T00:00:00+07:00';
    expect(campaignDashboard(b.catalog, '67', 2024, now)).toEqual(campaignDashboard(a.catalog, '67', 2024, now));
    await a.stop();
    await b.stop();
    await store.close();
    await fresh.close();
  });

  it('refuses an export that was changed, before writing anything, and an import into a store that has events', async () => {
    const lines = readFileSync(join(root, 'test', 'fixtures', 'events-v1.ndjson'), 'utf8').replace(
      '"amount":195000000',
      '"amount":295000000',
    );
    const store = await SqliteEventStore.open({ path: ':memory:' });
    await expect(store.importEvents(parseNdjson(lines))).rejects.toThrow(/does not match its hash/);
    expect(await store.headPosition()).toBe(0);
    await store.append('x', [ev('Noted', {})], { expectedRevision: 'any' });
    await expect(store.importEvents([])).rejects.toThrow(/empty store/);
    await store.close();
  });

  it('exports and imports through the command line', () => {
    const from = tempDir();
    const to = tempDir();
    const env = { ...process.env };
    const imp = spawnSync(
      process.execPath,
      ['dist/src/cli/audit.js', 'import', '--in', 'test/fixtures/events-v1.ndjson'],
      { cwd: root, env: { ...env, DATA_DIR: from }, encoding: 'utf8' },
    );
    expect(imp.stdout).toContain('imported 7 events; integrity ok');
    const out = join(from, 'export.ndjson');
    spawnSync(
      process.execPath,
      ['dist/src/cli/audit.js', 'export', '--out', out, '--province', '67', '--year', '2024'],
      { cwd: root, env: { ...env, DATA_DIR: from }, encoding: 'utf8' },
    );
    expect(parseNdjson(readFileSync(out, 'utf8'))).toHaveLength(7);
    const other = join(from, 'other.ndjson');
    spawnSync(process.execPath, ['dist/src/cli/audit.js', 'export', '--out', other, '--province', '72'], {
      cwd: root,
      env: { ...env, DATA_DIR: from },
      encoding: 'utf8',
    });
    expect(readFileSync(other, 'utf8')).toBe('');
    const back = spawnSync(process.execPath, ['dist/src/cli/audit.js', 'import', '--in', out], {
      cwd: root,
      env: { ...env, DATA_DIR: to },
      encoding: 'utf8',
    });
    expect(back.status).toBe(0);
    const csv = spawnSync(process.execPath, ['dist/src/cli/audit.js', 'export', '--format', 'csv'], {
      cwd: root,
      env: { ...env, DATA_DIR: from },
      encoding: 'utf8',
    });
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toBe(
      '\uFEFFvị trí,mã sự kiện,luồng,phiên bản luồng,loại,phiên bản lược đồ,thời điểm ghi (UTC),người ghi,vai trò,tỉnh,ứng dụng,mã tương quan,khóa idempotency,hash,dữ liệu (JSON)',
    );
    // A row an event: its data as JSON in one quoted cell, quotes doubled (RFC 4180); CRLF after the last row.
    expect(rows[1]).toMatch(/^1,[0-9a-f-]{36},[^,]+,0,/);
    expect(rows[1]).toMatch(/,"\{""[^"]/);
    expect(rows.at(-1)).toBe('');
  });
});

describe('events in their first schema version', () => {
  it('replays the committed version-1 fixture through the upcasters into today’s read models', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    await store.importEvents(parseNdjson(readFileSync(join(root, 'test', 'fixtures', 'events-v1.ndjson'), 'utf8')));
    const p = new Projector(store);
    await p.start();
    const campaign = p.catalog.campaigns.get('67-2024');
    expect(campaign).toMatchObject({ provinceId: 'pre2025:67', provinceName: 'Đắk Nông' });
    const d = campaignDashboard(p.catalog, '67', 2024, '2024-12-01T00:00:00+07:00')!;
    expect(d.totals.disbursedVnd).toEqual({ peak: 195_000_000, rest: 0, total: 195_000_000 });
    // Bulletin 44 was recorded as a meeting of format "bulletin": it is read as the publication it is.
    expect(d.totals.meetings.total).toBe(1);
    expect(d.totals.publications.total).toBe(1);
    expect(d.publicationsByKind).toEqual({ bulletin: 1 });
    expect(d.totals.membersAdmitted.total).toBe(5);
    expect(d.membersAdmittedByKind).toEqual({
      official: 5,
      associatesContributing: 0,
      associatesNonContributing: 0,
      associatesUnsplit: 0,
    });
    await p.stop();
    await store.close();
  });
});

describe('history and time travel over HTTP', () => {
  it('serves stream history and the filtered global log to auditors, and answers a dashboard knownAt a past instant as it was then', async () => {
    let clock = new Date('2024-04-01T03:00:00Z');
    const store = await SqliteEventStore.open({ path: ':memory:', now: () => clock });
    const app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', now: () => clock });
    const officer = bearer({ role: 'provincial_officer', province: '68', sub: 'nguyen.van.a' });
    const auditor = bearer({ role: 'auditor', sub: 'kiem-toan' });
    const post = (url: string, body: object) => app.inject({ method: 'POST', url, headers: officer, payload: body });
    expect(
      (
        await post('/provinces/67/campaigns', {
          year: 2024,
          plan: { number: '1', date: '2024-02-27' },
          theme: 'x',
          budgets: [],
        })
      ).statusCode,
    ).toBe(201);
    const meeting = (n: number) => ({
      meetingId: `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
      date: '2024-04-01',
      place: { communeCode: '24611' },
      format: 'conference',
      topics: ['other'],
      attendees: 10 * n,
      organisedBy: 'x',
    });
    expect((await post('/provinces/67/campaigns/2024/outreach-meetings', meeting(1))).statusCode).toBe(201);
    const then = clock.toISOString();
    const before = await app.inject({
      method: 'GET',
      url: '/provinces/67/campaigns/2024/dashboard?minPosition=2',
      headers: officer,
    });
    clock = new Date('2024-04-20T03:00:00Z');
    expect((await post('/provinces/67/campaigns/2024/outreach-meetings', meeting(2))).statusCode).toBe(201);
    const knownAt = await app.inject({
      method: 'GET',
      url: `/provinces/67/campaigns/2024/dashboard?knownAt=${encodeURIComponent(then)}`,
      headers: officer,
    });
    expect(knownAt.headers['x-as-of-position']).toBe('2');
    expect(knownAt.json()).toEqual(before.json());
    const nowView = await app.inject({
      method: 'GET',
      url: '/provinces/67/campaigns/2024/dashboard?minPosition=3',
      headers: officer,
    });
    expect(nowView.json().totals.meetings.total).toBe(2);
    const atPosition = await app.inject({
      method: 'GET',
      url: '/provinces/67/reports/2024/year-end?atPosition=2',
      headers: officer,
    });
    expect(atPosition.json().lines[0].value).toBe(1);

    const history = await app.inject({
      method: 'GET',
      url: '/audit/streams/campaign-67-2024/events',
      headers: auditor,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().items[0]).toMatchObject({
      type: 'CampaignLaunched',
      schemaVersion: 2,
      metadata: { actor: 'nguyen.van.a', role: 'provincial_officer', province: '67', app: 'test-app' },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const log = await app.inject({
      method: 'GET',
      url: `/audit/events?type=OutreachMeetingRecorded&province=67&actor=nguyen.van.a&from=${encodeURIComponent('2024-04-10T00:00:00Z')}`,
      headers: auditor,
    });
    expect(log.json().items.map((e: { position: number }) => e.position)).toEqual([3]);
    expect((await app.inject({ method: 'GET', url: '/audit/verify', headers: auditor })).json()).toMatchObject({
      ok: true,
      eventsChecked: 3,
    });
    const exp = await app.inject({ method: 'GET', url: '/audit/export?province=67&year=2024', headers: auditor });
    expect(exp.headers['content-type']).toContain('application/x-ndjson');
    expect(parseNdjson(exp.body)).toHaveLength(3);
    expect((await app.inject({ method: 'GET', url: '/audit/verify', headers: officer })).statusCode).toBe(403);
    await app.close();
    await store.close();
  });

  it('answers campaign and national dashboards at every past position exactly as folding the log up to it, starting from campaign snapshots', async () => {
    let clock = new Date('2024-03-20T03:00:00Z');
    const store = await SqliteEventStore.open({ path: ':memory:', now: () => clock });
    const app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', now: () => clock, snapshotEvery: 2 });
    const officers = {
      '67': bearer({ role: 'provincial_officer', province: '68', sub: 'nguyen.van.a' }),
      '79': bearer({ role: 'provincial_officer', province: '79', sub: 'tran.thi.b' }),
    };
    const national = bearer({ role: 'national_officer', sub: 'vca' });
    const post = async (code: '67' | '79', url: string, body: object) => {
      clock = new Date(clock.getTime() + 2 * 86_400_000);
      const r = await app.inject({
        method: 'POST',
        url: `/provinces/${code}${url}`,
        headers: officers[code],
        payload: body,
      });
      expect(r.statusCode, `${url}: ${r.body}`).toBeLessThan(300);
    };
    const id = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
    const meeting = (n: number, communeCode: string) => ({
      meetingId: id(n),
      date: `2024-04-${String((n % 20) + 1).padStart(2, '0')}`,
      place: { communeCode },
      format: 'conference',
      topics: ['other'],
      attendees: 10 * n,
      organisedBy: 'x',
    });
    await post('67', '/campaigns', { year: 2024, plan: { number: '1', date: '2024-02-27' }, theme: 'x', budgets: [] });
    for (let n = 1; n <= 5; n++)
      await post('67', '/campaigns/2024/outreach-meetings', meeting(n, ['24631', '24611', '24622'][n % 3] as string));
    await post('79', '/campaigns', { year: 2024, plan: { number: '7', date: '2024-03-01' }, theme: 'y', budgets: [] });
    for (let n = 6; n <= 8; n++)
      await post(n % 2 ? '79' : '67', '/campaigns/2024/outreach-meetings', meeting(n, n % 2 ? '26734' : '24616'));
    // Changes, after later snapshots, to meetings recorded before them.
    await post('67', `/campaigns/2024/outreach-meetings/${id(2)}/corrections`, {
      changes: { attendees: 5, place: { communeCode: '24616' } },
      reason: 'nhầm số liệu',
    });
    await post('67', `/campaigns/2024/outreach-meetings/${id(3)}/retraction`, { reason: 'trùng' });
    await post('79', `/campaigns/2024/outreach-meetings/${id(7)}/corrections`, {
      changes: { attendees: 1 },
      reason: 'nhầm',
    });
    const publication = (n: number) => ({
      publicationId: id(n),
      kind: 'press',
      outlet: 'Báo Đắk Nông',
      date: '2024-04-03',
      title: `Bài ${n}`,
      topics: ['other'],
    });
    await post('67', '/campaigns/2024/publications', publication(9));
    await post('67', '/campaigns/2024/publications', publication(10));
    await post('67', `/campaigns/2024/publications/${id(9)}/retraction`, { reason: 'trùng' });
    const head = await store.headPosition();
    for (let position = 1; position <= head; position++) {
      const full = await catalogAt(store, position);
      const [at] = await store.readAll({ fromPosition: position, maxCount: 1 });
      const then = at?.recordedAt as string;
      const d = await app.inject({
        method: 'GET',
        url: `/provinces/67/campaigns/2024/dashboard?atPosition=${position}`,
        headers: officers['67'],
      });
      expect(d.headers['x-as-of-position']).toBe(String(position));
      expect(d.json(), `campaign, position ${position}`).toEqual(
        JSON.parse(JSON.stringify(campaignDashboard(full, '67', 2024, then))),
      );
      const n = await app.inject({
        method: 'GET',
        url: `/national/dashboards/2024?atPosition=${position}`,
        headers: national,
      });
      expect(n.json(), `national, position ${position}`).toEqual(
        JSON.parse(JSON.stringify(nationalDashboard(full, 2024, then))),
      );
      const r = await app.inject({
        method: 'GET',
        url: `/national/reports/2024?atPosition=${position}`,
        headers: national,
      });
      expect(r.json(), `national report, position ${position}`).toEqual(
        JSON.parse(JSON.stringify(nationalReport(full, 2024, then))),
      );
    }
    await app.close();
    await store.close();
  });
});
