import { emptyCatalog, type CampaignIndex, type Catalog, type CatalogKind } from '../../projections/catalog.ts';
import { IdList } from './id-list.ts';

/**
 * Where the shell keeps document kinds it does not hold in memory (saved read models read on
 * demand, kept-documents.ts). `map` is asked once per kind and answers undefined for a kind kept in
 * memory; such a map must note writes as `noteWrite` does. `campaignIndex` gives a campaign's saved
 * ids, once per campaign, the first time the catalog needs them.
 */
export interface DocumentKeeper {
  map(kind: CatalogKind, c: Catalog): Map<string, unknown> | undefined;
  campaignIndex(campaign: string): CampaignIndex;
}

/** The campaign index, filled per campaign from the keeper (if any) the first time it is asked. */
class CampaignIndexes extends Map<string, CampaignIndex> {
  constructor(private readonly saved?: (campaign: string) => CampaignIndex) {
    super();
  }
  override get(campaign: string): CampaignIndex | undefined {
    const ix = super.get(campaign);
    if (ix !== undefined || this.saved === undefined) return ix;
    const loaded = this.saved(campaign);
    super.set(campaign, loaded);
    return loaded;
  }
}

/**
 * A catalog as the service keeps it: campaign ids in compact lists (a large log's index is a
 * million ids), and, with a keeper, campaign documents on file. `track` notes changed documents
 * for saving (off when the read models live in memory only).
 */
export function shellCatalog(options: { track?: boolean; keeper?: DocumentKeeper } = {}): Catalog {
  const { keeper } = options;
  return emptyCatalog({
    ...(options.track !== undefined ? { track: options.track } : {}),
    index: new CampaignIndexes(keeper === undefined ? undefined : (campaign) => keeper.campaignIndex(campaign)),
    newIdIndex: () => new IdList(),
    ...(keeper !== undefined ? { map: (kind: CatalogKind, c: Catalog) => keeper.map(kind, c) } : {}),
  });
}
