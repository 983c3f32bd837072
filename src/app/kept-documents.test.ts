import { describe, expect, it } from 'vitest';
import {
  CATALOG_KINDS,
  campaignDocuments,
  emptyCatalog,
  type AnyDomainEvent,
  type Catalog,
} from '../../projections/catalog.ts';
import { campaignDashboard, cooperativeProfile } from '../../projections/dashboard.ts';
import { applyToCatalog } from '../../projections/fold.ts';
import { KeptDocuments } from './kept-documents.ts';
import { ReadModelStore } from './read-model-store.ts';

const scope = { organiser: '67', year: 2024 };
const u = (n: number): string => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const COOP = u(900);

/** A campaign's events: meetings (some naming the cooperative, corrected, retracted), support, petitions. */
function events(from: number, to: number): AnyDomainEvent[] {
  const out: AnyDomainEvent[] = [];
  if (from === 0) {
    out.push({
      type: 'CooperativeRegistered',
      data: {
        cooperativeId: COOP,
        kind: 'cooperative',
        name: 'HTX Quảng Khê',
        registrationNumber: '6702001',
        registeredOn: '2020-01-02',
        provinceCode: '67',
        commune: 'Quảng Khê',
        members: { official: 10, associate: 0 },
      },
    } as never);
    out.push({
      type: 'SupportApproved',
      data: {
        ...scope,
        approvalId: u(800),
        decision: { number: '1', date: '2024-03-12' },
        cooperativeId: COOP,
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 900_000_000,
      },
    } as never);
  }
  for (let i = from; i < to; i++) {
    const meetingId = u(i);
    out.push({
      type: 'OutreachMeetingRecorded',
      data: {
        ...scope,
        meetingId,
        date: '2024-04-02',
        place: { commune: `Xã ${i % 3}` },
        format: i % 5 === 0 ? 'press' : 'conference',
        topics: ['other'],
        attendees: i,
        cooperativesRepresented: 1,
        cooperativeIds: i % 4 === 0 ? [COOP] : [],
        organisedBy: 'x',
      },
    } as never);
    if (i % 3 === 0)
      out.push({
        type: 'OutreachMeetingCorrected',
        data: { ...scope, meetingId, changes: { attendees: i + 1000 }, previous: { attendees: i }, reason: 'x' },
      } as never);
    if (i % 7 === 0)
      out.push({ type: 'OutreachMeetingRetracted', data: { ...scope, meetingId, reason: 'trùng' } } as never);
    // Each tranche reads the approval back (from the file once it is saved) and changes it.
    out.push({
      type: 'SupportDisbursed',
      data: {
        ...scope,
        disbursementId: u(1000 + i),
        approvalId: u(800),
        amount: 1_000_000,
        date: '2024-04-10',
        reference: `UNC ${i}`,
        cooperativeId: COOP,
        fund: 'provincial-support-fund',
      },
    } as never);
    if (i % 2 === 0)
      out.push({
        type: 'PetitionRecorded',
        data: {
          ...scope,
          petitionId: u(2000 + i),
          submittedBy: 'HTX',
          submittedOn: '2024-04-03',
          topic: 'credit',
          subject: 'Vốn',
          content: 'x',
          addressedTo: 'Sở',
        },
      } as never);
  }
  return out;
}

function fold(c: Catalog, list: AnyDomainEvent[], from: number): number {
  let position = from;
  for (const e of list)
    applyToCatalog(c, e, { stream: 's', revision: 0, position: ++position, recordedAt: '2024-04-10T03:00:00.000Z' });
  return position;
}

/** Everything a reader sees of a catalog, as plain data. */
function seen(c: Catalog) {
  const docs = Object.fromEntries(
    CATALOG_KINDS.map((k) => [k, Object.fromEntries([...c[k].entries()].sort(([a], [b]) => a.localeCompare(b)))]),
  );
  const lists = Object.fromEntries(
    (['meetings', 'approvals', 'disbursements', 'petitions'] as const).map((k) => [
      k,
      [...campaignDocuments(c, '67', 2024, k)],
    ]),
  );
  return {
    docs,
    lists,
    profile: cooperativeProfile(c, COOP),
    dashboard: campaignDashboard(c, '67', 2024, '2024-12-01T00:00:00+07:00'),
  };
}

describe('read models kept on file', () => {
  it('serves the saved campaign records from the file, holding in memory only what changed since the last save', async () => {
    const inMemory = emptyCatalog({ track: false });
    const rm = ReadModelStore.open(':memory:');
    let c = rm.load();
    let at = fold(c, events(0, 60), 0);
    let atInMemory = fold(inMemory, events(0, 60), 0);
    await rm.save(c);
    // Loaded again (a restart): the campaign documents stay on file.
    c = rm.load();
    const meetings = c.meetings as unknown as KeptDocuments<unknown>;
    expect(meetings).toBeInstanceOf(KeptDocuments);
    expect(meetings.unsaved()).toBe(0);
    expect(seen(c)).toEqual(seen(inMemory));

    // Later events change saved documents (the approval each tranche adds to) and add new ones.
    at = fold(c, events(60, 90), at);
    atInMemory = fold(inMemory, events(60, 90), atInMemory);
    expect(at).toBe(atInMemory);
    expect(meetings.unsaved()).toBe(30);
    expect(seen(c)).toEqual(seen(inMemory));
    await rm.save(c);
    expect(meetings.unsaved()).toBe(0);
    expect(seen(rm.load())).toEqual(seen(inMemory));
    expect(seen(c).profile?.meetings).toHaveLength(seen(inMemory).profile?.meetings.length ?? -1);
    expect(c.approvals.get(u(800))).toMatchObject({ disbursed: 90_000_000 });
    rm.close();
  });

  it('pages a campaign list from the index without reading the records before the cursor', async () => {
    const rm = ReadModelStore.open(':memory:');
    const saved = rm.load();
    fold(saved, events(0, 50), 0);
    await rm.save(saved);
    const c = rm.load();
    const meetings = c.meetings as unknown as KeptDocuments<unknown>;
    const all = [...campaignDocuments(c, '67', 2024, 'meetings')];
    expect(all).toHaveLength(50);
    const before = meetings.readsFromFile;
    const after = (all[39] as { position: number }).position;
    const rest = [...campaignDocuments(c, '67', 2024, 'meetings', after)];
    expect(rest).toEqual(all.slice(40));
    expect(meetings.readsFromFile - before).toBe(10);
    rm.close();
  });
});
