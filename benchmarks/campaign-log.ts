import { uuidv7 } from '../src/app/ids.ts';
import type { AppendRequest } from '../src/eventstore/group-commit.ts';
import { openDatabase } from '../src/eventstore/sqlite/database.ts';
import { SqliteWriter } from '../src/eventstore/sqlite/writer.ts';
import type { ValidNewEvent } from '../src/eventstore/types.ts';
import { communesOf, type Commune } from '../domain/shared/communes.ts';
import { currentProvinces } from '../domain/shared/units.ts';

/** The campaign year of the generated log. */
export const YEAR = 2026;

/** The place of the i-th meeting of a province: its communes in turn. */
function placeOf(communes: readonly Commune[], i: number): { commune: string; communeCode: string } {
  const c = communes[Math.floor(i / 34) % communes.length] as Commune;
  return { commune: c.name, communeCode: c.code };
}

/** Writes a realistic mix for the 34 provinces' 2026 campaigns straight through the store's writer. */
export function generate(path: string, total: number): void {
  const db = openDatabase(path);
  db.pragma('synchronous = OFF'); // generation only; the store itself always commits with FULL
  const writer = new SqliteWriter(db);
  const provinces = currentProvinces().map((p) => p.code);
  // Meetings are spread over every one of the 3,321 communes, named as the deciders name them.
  const communes = currentProvinces().map((p) => communesOf(p));
  const revisions = new Map<string, number>();
  const metadata = { actor: 'bench', role: 'provincial_officer', app: 'bench' };
  let batch: AppendRequest[] = [];
  let written = 0;
  const recordedAt = new Date(Date.UTC(YEAR, 3, 10)).toISOString();
  const push = (stream: string, type: string, data: Record<string, unknown>): void => {
    const rev = revisions.get(stream) ?? -1;
    revisions.set(stream, rev + 1);
    const e: ValidNewEvent = { id: uuidv7(), type, schemaVersion: 1, data, metadata };
    batch.push({ stream, events: [e], expectedRevision: rev, recordedAt });
    written++;
    if (batch.length >= 5000) {
      writer.commitBatch(batch);
      batch = [];
    }
  };
  for (const code of provinces) {
    push(`campaign-${code}-${YEAR}`, 'CampaignLaunched', {
      organiser: code,
      year: YEAR,
      provinceId: `current:${code}`,
      plan: { number: `${code}/KH`, date: `${YEAR}-02-01` },
      theme: 'Vì HTX',
      peak: { from: `${YEAR}-03-29`, to: `${YEAR}-04-29` },
      activities: [
        {
          id: 'outreach',
          kind: 'outreach-conference',
          title: 'Hội nghị',
          window: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
          targets: [
            { metric: 'meetings', value: 1000 },
            { metric: 'attendees', value: 50000 },
          ],
        },
      ],
      budgets: [{ fund: 'provincial-support-fund', amount: 9_000_000_000_000 }],
    });
  }
  let i = 0;
  const approvals: string[][] = provinces.map(() => []);
  while (written < total) {
    const p = i % provinces.length;
    const code = provinces[p] as string;
    const scope = { organiser: code, year: YEAR };
    const day = `${YEAR}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const r = i % 20;
    if (r < 14) {
      const meetingId = uuidv7();
      push(`outreach-${code}-${YEAR}-${meetingId}`, 'OutreachMeetingRecorded', {
        ...scope,
        meetingId,
        date: day,
        place: placeOf(communes[p] as readonly Commune[], i),
        format: i % 7 === 0 ? 'press' : 'conference',
        topics: ['cooperative-law-2023'],
        attendees: 20 + (i % 180),
        cooperativesRepresented: i % 9,
        cooperativeIds: [],
        organisedBy: 'Liên minh HTX',
        activityId: 'outreach',
      });
    } else if (r < 16) {
      const approvalId = uuidv7();
      approvals[p]?.push(approvalId);
      push(`support-${code}-${YEAR}`, 'SupportApproved', {
        ...scope,
        approvalId,
        decision: { number: `${i}/QĐ`, date: day },
        cooperativeId: uuidv7(),
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 50_000_000,
      });
    } else if (r < 18 && (approvals[p]?.length ?? 0) > 0) {
      const list = approvals[p] as string[];
      push(`support-${code}-${YEAR}`, 'SupportDisbursed', {
        ...scope,
        disbursementId: uuidv7(),
        approvalId: list[i % list.length],
        amount: 1_000_000,
        date: day,
        reference: `UNC ${i}`,
        cooperativeId: uuidv7(),
        fund: 'provincial-support-fund',
      });
    } else if (r < 19) {
      push(`dialogue-${code}-${YEAR}`, 'PetitionRecorded', {
        ...scope,
        petitionId: uuidv7(),
        submittedBy: 'HTX',
        submittedOn: day,
        topic: 'credit',
        subject: 'Vốn',
        content: 'Đề nghị',
        addressedTo: 'Sở Tài chính',
      });
    } else {
      push(`membership-${code}-${YEAR}`, 'MemberAdmissionRoundRecorded', {
        ...scope,
        roundId: uuidv7(),
        round: i,
        date: day,
        admitted: { cooperatives: 1, cooperativeUnions: 0, cooperativeGroups: 0, associates: 1 },
        cooperativeIds: [],
      });
    }
    i++;
  }
  if (batch.length > 0) writer.commitBatch(batch);
  db.close();
}
