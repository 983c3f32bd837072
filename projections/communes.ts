/**
 * A province's meetings by commune across campaign years: as recorded (each year's communes on
 * that year's map, free text as typed) and rolled up to today's communes, so a 2024 meeting in an
 * old ward and a 2026 meeting in the ward it became count together under the new ward. The
 * province is one of today's; its predecessors' campaigns (Đắk Nông 67 and Bình Thuận 60 for
 * Lâm Đồng 68) count too.
 */
import { z } from 'zod';
import { PROVINCES, province, rollUp } from '../domain/shared/units.ts';
import { campaignKey } from './capability.ts';
import type { Catalog } from './catalog.ts';
import { CampaignDashboard, communeRow, communesToday, type CommuneRow } from './dashboard.ts';
import { splitKey } from './series.ts';

const Unit = z.object({ code: z.string(), name: z.string() });
export const CommuneTable = z
  .object({
    province: Unit,
    from: z.number().int(),
    to: z.number().int(),
    campaigns: z
      .array(z.object({ organiser: z.string(), year: z.number().int(), province: z.string() }))
      .describe('the campaigns counted: the province’s and, before 2026, those of the provinces it was formed from'),
    total: z.object({ meetings: z.number(), attendees: z.number() }),
    today: CampaignDashboard.shape.byCommuneToday,
    asRecorded: z.array(
      CampaignDashboard.shape.byCommune.element.extend({ organiser: z.string(), year: z.number().int() }),
    ),
  })
  .meta({ id: 'CommuneTable' });
export type CommuneTable = z.infer<typeof CommuneTable>;

const sum = (days: Record<string, number> | undefined): number => {
  let n = 0;
  for (const d in days) n += days[d] as number;
  return n;
};

/** The commune rows of one campaign's series, over its whole year. */
export function communeRowsOf(series: Record<string, Record<string, number>>): CommuneRow[] {
  const total = (key: string): number => sum(series[key]);
  const rows: CommuneRow[] = [];
  for (const key in series) {
    const parts = splitKey(key);
    if (parts[0] !== 'commune' || parts[4] !== 'm') continue;
    const row = communeRow(parts, total);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/** The table for today's province `code`, campaign years `from`–`to`; undefined when `code` is not one of the 34. */
export function communeTable(c: Catalog, code: string, from: number, to: number): CommuneTable | undefined {
  const p = province('current', code);
  if (p === undefined) return undefined;
  const campaigns: CommuneTable['campaigns'] = [];
  const asRecorded: CommuneTable['asRecorded'] = [];
  for (const campaign of c.campaigns.values()) {
    if (campaign.year < from || campaign.year > to || campaign.provinceId === null) continue;
    const unit = PROVINCES.get(campaign.provinceId);
    if (unit === undefined || rollUp(unit).id !== p.id) continue;
    campaigns.push({ organiser: campaign.organiser, year: campaign.year, province: unit.name });
    const series = c.records.get(campaignKey(campaign.organiser, campaign.year))?.series ?? {};
    for (const row of communeRowsOf(series))
      asRecorded.push({ ...row, organiser: campaign.organiser, year: campaign.year });
  }
  campaigns.sort((x, y) => x.year - y.year || x.organiser.localeCompare(y.organiser));
  asRecorded.sort((x, y) => x.year - y.year || y.meetings - x.meetings || x.commune.localeCompare(y.commune, 'vi'));
  const today = communesToday(asRecorded);
  return {
    province: { code: p.code, name: p.name },
    from,
    to,
    campaigns,
    total: {
      meetings: asRecorded.reduce((n, r) => n + r.meetings, 0),
      attendees: asRecorded.reduce((n, r) => n + r.attendees, 0),
    },
    today,
    asRecorded,
  };
}
