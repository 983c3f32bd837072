import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from './capabilities.ts';
import { CAMPAIGN_KINDS, CATALOG_KINDS, CATALOG_SLICES, emptyCatalog } from './catalog.ts';
import { campaignStreams, ledgerStreams } from './fold.ts';

describe('the registered capabilities', () => {
  it('fold every event type in exactly one capability', () => {
    const types = CAPABILITIES.flatMap((c) => c.events);
    expect(new Set(types).size).toBe(types.length);
  });

  it('give the catalog one map per kind they declare, each with its own code, in the order of the codes', () => {
    const codes = CATALOG_SLICES.map(([, s]) => s.code);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
    expect(new Set(codes).size).toBe(codes.length);
    expect(CATALOG_KINDS.slice(0, 3)).toEqual(['campaigns', 'records', 'meetings']);
    const c = emptyCatalog({ track: false }) as unknown as Record<string, unknown>;
    for (const kind of CATALOG_KINDS) expect(c[kind]).toBeInstanceOf(Map);
  });

  it('index per campaign exactly the kinds whose documents belong to one campaign, by the id field they name', () => {
    expect(CAMPAIGN_KINDS).toEqual(CATALOG_SLICES.filter(([, s]) => s.inCampaign).map(([kind]) => kind));
    expect(CAMPAIGN_KINDS).toEqual(expect.arrayContaining(['meetings', 'publications', 'nominations', 'trainings']));
    expect(CAMPAIGN_KINDS).not.toContain('campaigns');
    expect(CAMPAIGN_KINDS).not.toContain('tasks');
  });

  it("name a campaign's ledger streams for time travel, and filter its log by them and by its records' prefixes", () => {
    expect(ledgerStreams('68', 2024)).toEqual([
      'campaign-68-2024',
      'membership-68-2024',
      'dialogue-68-2024',
      'national-events-68-2024',
      'support-68-2024',
      'nominations-68-2024',
      'reports-68-2024-half-year',
      'reports-68-2024-year-end',
    ]);
    const prefixes = campaignStreams('68', 2024);
    for (const stream of ['outreach-68-2024-', 'publication-68-2024-', 'training-68-2024-', 'task-68-'])
      expect(prefixes).toContain(stream);
    for (const ledger of ledgerStreams('68', 2024))
      expect(
        prefixes.some((p) => ledger.startsWith(p)),
        ledger,
      ).toBe(true);
  });
});
