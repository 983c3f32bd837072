import { PROVINCES } from './shared/units.ts';

/**
 * Event schema versions. An event is stored in the version current when it was recorded and is
 * read in the current version: each upcaster lifts data from one version to the next. Old events
 * are never rewritten (the hash covers what was stored). `test/fixtures/events-v1.ndjson` holds
 * events in their first version and is replayed by the tests for as long as the project lives.
 */
export const CURRENT_SCHEMA: Readonly<Record<string, number>> = {
  // v2 (2026-11): the province's name as recorded, next to its id, so history keeps the name
  // the province had then even after the unit tables change.
  CampaignLaunched: 2,
  // v2 (2026-11): associates admitted in a round split into those who contribute capital and
  // those who do not (Law on Cooperatives 2023); v1 associates keep their count, kind unknown.
  MemberAdmissionRoundRecorded: 2,
};

type Data = Record<string, unknown>;
const UPCASTERS: Readonly<Record<string, Readonly<Record<number, (d: Data) => Data>>>> = {
  MemberAdmissionRoundRecorded: {
    1: (d) => {
      const { associates, ...admitted } = (d.admitted ?? {}) as Data & { associates?: number };
      const unsplit = typeof associates === 'number' && associates > 0 ? { associatesUnsplit: associates } : {};
      return { ...d, admitted: { ...admitted, associatesContributing: 0, associatesNonContributing: 0, ...unsplit } };
    },
  },
  CampaignLaunched: {
    1: (d) => ({
      ...d,
      provinceName: typeof d.provinceId === 'string' ? (PROVINCES.get(d.provinceId)?.name ?? null) : null,
    }),
  },
};

export function currentSchemaVersion(type: string): number {
  return CURRENT_SCHEMA[type] ?? 1;
}

/** The data of a stored event in the current version of its type. */
export function upcast(type: string, schemaVersion: number, data: Data): Data {
  const target = currentSchemaVersion(type);
  let d = data;
  for (let v = schemaVersion; v < target; v++) {
    const step = UPCASTERS[type]?.[v];
    if (step === undefined) throw new Error(`no upcaster for ${type} from version ${v}`);
    d = step(d);
  }
  return d;
}
