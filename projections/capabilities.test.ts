import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from './capabilities.ts';
import { CAMPAIGN_KINDS, CATALOG_KINDS, emptyCatalog } from './catalog.ts';
import { campaignStreams, ledgerStreams } from './fold.ts';

describe('the registered capabilities', () => {
  it('fold every event type in exactly one capability', () => {
    const types = CAPABILITIES.flatMap((c) => c.events);
    expect(new Set(types).size).toBe(types.length);
  });

  it('give the catalog one map per kind they declare, in the order of the kind codes', () => {
    expect(CATALOG_KINDS).toEqual([
      'campaigns',
      'records',
      'meetings',
      'publications',
      'nationalEvents',
      'steering',
      'cooperatives',
      'approvals',
      'disbursements',
      'nominations',
      'petitions',
      'tasks',
      'consultations',
    ]);
    const c = emptyCatalog({ track: false }) as unknown as Record<string, unknown>;
    for (const kind of CATALOG_KINDS) expect(c[kind]).toBeInstanceOf(Map);
  });

  it('index per campaign exactly the kinds whose documents belong to one campaign', () => {
    expect(CAMPAIGN_KINDS).toEqual([
      'meetings',
      'publications',
      'approvals',
      'disbursements',
      'nominations',
      'petitions',
    ]);
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
    expect(campaignStreams('68', 2024)).toEqual([
      'campaign-68-2024',
      'outreach-68-2024-',
      'publication-68-2024-',
      'membership-68-2024',
      'dialogue-68-2024',
      'national-events-68-2024',
      'support-68-2024',
      'nominations-68-2024',
      'task-68-',
      'reports-68-2024-',
    ]);
  });
});
