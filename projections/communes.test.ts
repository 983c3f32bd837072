import { describe, expect, it } from 'vitest';
import { campaignDecider, type LaunchCampaign } from '../domain/campaign/campaign.ts';
import { DAK_NONG_2024 } from '../domain/scenarios/dak-nong-2024.ts';
import { outreachDecider, type RecordOutreachMeeting } from '../domain/outreach/outreach.ts';
import { fold, type DomainEvent } from '../domain/shared/decider.ts';
import { emptyCatalog, type AnyDomainEvent, type Catalog } from './catalog.ts';
import { applyToCatalog } from './fold.ts';
import { communeTable } from './communes.ts';
import { campaignDashboard } from './dashboard.ts';

const u = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

function catalogOf(events: readonly DomainEvent[]): Catalog {
  const c = emptyCatalog();
  events.forEach((e, i) =>
    applyToCatalog(c, e as AnyDomainEvent, {
      stream: 's',
      revision: i,
      position: i + 1,
      recordedAt: '2026-06-01T03:00:00.000Z',
    }),
  );
  return c;
}

/** Launches a campaign of `organiser` for `year` and records meetings through the deciders. */
function campaignWith(
  organiser: string,
  year: number,
  meetings: [number, string, string | { commune: string; district?: string }, number][],
): DomainEvent[] {
  const plan: LaunchCampaign = {
    ...DAK_NONG_2024,
    organiser,
    year,
    plan: { ...DAK_NONG_2024.plan, date: `${year}-02-27` },
    peak: { from: `${year}-03-29`, to: `${year}-04-29` },
    activities: [],
    budgets: [],
  };
  const launched = campaignDecider.decide({ type: 'LaunchCampaign', ...plan }, campaignDecider.initialState(), {});
  const campaign = fold(campaignDecider, launched);
  const out: DomainEvent[] = [...launched];
  for (const [n, date, place, attendees] of meetings) {
    const m: RecordOutreachMeeting = {
      meetingId: u(n),
      date,
      place: { communeCode: typeof place === 'string' ? place : '00000' },
      format: 'conference',
      topics: ['cooperative-law-2023'],
      attendees,
      cooperativesRepresented: 0,
      cooperativeIds: [],
      organisedBy: 'Liên minh HTX tỉnh',
    };
    if (typeof place === 'string')
      out.push(
        ...outreachDecider.decide({ type: 'RecordOutreachMeeting', ...m }, outreachDecider.initialState(), {
          campaign,
        }),
      );
    // A meeting recorded before places were commune codes: free text, as typed then.
    else out.push({ type: 'OutreachMeetingRecorded', data: { organiser, year, ...m, place } });
  }
  return out;
}

describe('meetings by commune across years', () => {
  // Phường 2 of Đà Lạt (24781 before 1/7/2025) is part of Phường Xuân Hương - Đà Lạt (24781 since);
  // so is Phường 1 (24784). Xã Bình Thạnh of Long An was split (Xã Thủ Thừa and Phường Long An).
  const events = [
    ...campaignWith('68', 2024, [
      [1, '2024-04-11', '24781', 100],
      [2, '2024-04-12', '24784', 40],
      [3, '2024-05-02', { commune: 'Lộc Bắc', district: 'Bảo Lâm' }, 30],
      [4, '2024-05-03', { commune: 'Thôn 3, gần chợ' }, 20],
    ]),
    ...campaignWith('67', 2024, [[5, '2024-04-20', '24631', 60]]),
    ...campaignWith('68', 2026, [[6, '2026-04-11', '24781', 80]]),
    ...campaignWith('80', 2024, [[7, '2024-04-11', '28063', 50]]),
  ];
  const c = catalogOf(events);

  it('counts a 2024 meeting in an old ward and a 2026 meeting in the ward it became together under the new ward, and apart as recorded', () => {
    const t = communeTable(c, '68', 2024, 2026)!;
    const xuanHuong = t.today.find((r) => r.code === '24781');
    expect(xuanHuong).toMatchObject({
      kind: 'commune',
      name: 'Phường Xuân Hương - Đà Lạt',
      meetings: 3,
      attendees: 220,
    });
    expect(xuanHuong?.recordedAs.sort()).toEqual(['Phường 1', 'Phường 2', 'Phường Xuân Hương - Đà Lạt']);
    const recorded = t.asRecorded
      .filter((r) => r.today[0]?.code === '24781')
      .map((r) => [r.year, r.commune, r.meetings]);
    expect(recorded).toEqual([
      [2024, 'Phường 1', 1],
      [2024, 'Phường 2', 1],
      [2026, 'Phường Xuân Hương - Đà Lạt', 1],
    ]);
  });

  it('counts the campaigns of the provinces today’s province was formed from, and leaves others out', () => {
    const t = communeTable(c, '68', 2024, 2026)!;
    expect(t.campaigns.map((x) => `${x.organiser}/${x.year}`)).toEqual(['67/2024', '68/2024', '68/2026']);
    expect(t.today.find((r) => r.code === '24631')?.meetings).toBe(1);
    expect(t.today.some((r) => r.code === '27694' || r.splitInto !== undefined)).toBe(false);
  });

  it('maps free text naming one commune, keeps unnamed free text as recorded, and its communes sum to the province', () => {
    const t = communeTable(c, '68', 2024, 2026)!;
    // Xã Lộc Bắc (huyện Bảo Lâm) is part of Xã Bảo Lâm 5 since 1 July 2025.
    expect(t.today.find((r) => r.code === '25057')).toMatchObject({ kind: 'commune', recordedAs: ['Lộc Bắc'] });
    expect(t.today.find((r) => r.kind === 'unmapped')).toMatchObject({ name: 'Thôn 3, gần chợ', meetings: 1 });
    expect(t.today.reduce((n, r) => n + r.meetings, 0)).toBe(t.total.meetings);
    expect(t.total.meetings).toBe(6);
    const d2024 = campaignDashboard(c, '68', 2024, '2024-06-01T00:00:00+07:00')!;
    expect(d2024.byCommuneToday.reduce((n, r) => n + r.meetings, 0)).toBe(d2024.totals.meetings.total);
  });

  it('shows an old commune that was split as split, never dropped or guessed', () => {
    const t = communeTable(c, '80', 2024, 2026)!;
    expect(t.today).toEqual([
      expect.objectContaining({
        kind: 'split',
        code: null,
        name: 'Xã Bình Thạnh',
        splitInto: [
          { code: '28036', name: 'Xã Thủ Thừa' },
          { code: '27694', name: 'Phường Long An' },
        ],
        meetings: 1,
      }),
    ]);
    expect(t.total.meetings).toBe(1);
  });
});
