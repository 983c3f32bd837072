/**
 * Regenerates the administrative map the service checks places against
 * (domain/shared/admin-units/*.json) from two public data sets:
 *
 * - the units before 1 July 2025 (63 provinces, their districts and 10,047 communes, as of
 *   1/3/2025): `data/dvhcvn.json` of github.com/daohoangson/dvhcvn;
 * - the 34 provinces and 3,321 communes since 1 July 2025 (codes of the statistics office's
 *   letters 915/CTK-CSCL and 1027/CTK-CSCL) and which old communes, whole or in part, form each
 *   new one (resolutions 1654–1687/NQ-UBTVQH15): `mapping/merges.json`, `mapping/splits.json` and
 *   `input/docs/1027_CTK-CSCL.md` of github.com/dvhcvn/20250701.
 *
 * The old→new map was built with machine help; every mapping that leaves the old commune's
 * successor province is checked against the resolution's text, and corrections (with the
 * article they come from) are listed below. The script refuses to write when a check fails.
 *
 *   npm run data:units -- --old <dvhcvn checkout> --mapping <20250701 checkout>
 *
 * (for exported trees rather than checkouts, add --old-commit and --mapping-commit).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PROVINCES } from '../domain/shared/units.ts';

const { values } = parseArgs({
  options: {
    old: { type: 'string' },
    mapping: { type: 'string' },
    out: { type: 'string' },
    // The commits the two folders hold, when they are exported trees rather than git checkouts.
    'old-commit': { type: 'string' },
    'mapping-commit': { type: 'string' },
  },
});
if (values.old === undefined || values.mapping === undefined) {
  console.error('usage: npm run data:units -- --old <dvhcvn checkout> --mapping <20250701 checkout> [--out <dir>]');
  process.exit(2);
}
const out = values.out ?? join(import.meta.dirname, '../domain/shared/admin-units');

const Old = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      name: z.string(),
      level2s: z.array(
        z.object({
          level2_id: z.string(),
          name: z.string(),
          level3s: z.array(z.object({ level3_id: z.string(), name: z.string() })),
        }),
      ),
    }),
  ),
});
const Merges = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      name: z.string(),
      level2s: z.array(
        z.object({
          level2_id: z.string(),
          name: z.string(),
          merges: z.array(z.object({ old_id: z.string(), name: z.string(), type: z.enum(['full', 'partial']) })),
        }),
      ),
    }),
  ),
});
const Splits = z.object({
  data: z.array(
    z.object({
      level1_id: z.string(),
      level3s: z.array(
        z.object({ level3_id: z.string(), name: z.string(), splits: z.array(z.object({ new_id: z.string() })) }),
      ),
    }),
  ),
});

/**
 * Mappings of the source that its own resolutions contradict. 30622 is xã Tân Phú of huyện
 * Châu Thành in An Giang; the source sent it to xã Tân Phú Trung of Đồng Tháp, confusing it with
 * xã Tân Phú of huyện Châu Thành in Đồng Tháp (1663/NQ-UBTVQH15, art. 1). 1654/NQ-UBTVQH15
 * (An Giang), art. 1 clause 31: "thị trấn Vĩnh Bình, xã Tân Phú và xã Vĩnh An thành xã mới có
 * tên gọi là xã Vĩnh An".
 */
const CORRECTIONS: Record<string, { to: string[]; source: string }> = {
  '30622': { to: ['30604'], source: '1654/NQ-UBTVQH15, Điều 1 khoản 31' },
};

function git(dir: string, args: string[]): string {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
const read = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

const old = Old.parse(read(join(values.old, 'data/dvhcvn.json'))).data;
const oldDate = readFileSync(join(values.old, 'data/date.txt'), 'utf8').trim();
const merges = Merges.parse(read(join(values.mapping, 'mapping/merges.json'))).data;
const splits = Splits.parse(read(join(values.mapping, 'mapping/splits.json'))).data;
const letter = readFileSync(join(values.mapping, 'input/docs/1027_CTK-CSCL.md'), 'utf8');

const problems: string[] = [];
const check = (ok: boolean, what: string): void => {
  if (!ok) problems.push(what);
};

// The 34 provinces and 3,321 communes, checked against the statistics office's letter.
const current: [string, string, string][] = [];
const currentProvince = new Map<string, string>();
for (const p of merges) {
  check(PROVINCES.has(`current:${p.level1_id}`), `province ${p.level1_id} is not one of the 34`);
  for (const c of p.level2s) {
    current.push([c.level2_id, c.name, p.level1_id]);
    currentProvince.set(c.level2_id, p.level1_id);
  }
}
const listed = new Map(
  [...letter.matchAll(/^\|\s*\d+\s*\|\s*(\d{5})\s*\|\s*([^|]+?)\s*\|/gm)].map((m) => [
    m[1] as string,
    (m[2] as string).replace(/<br>/g, ' ').replace(/\s+/g, ' '),
  ]),
);
check(listed.size === current.length, `1027/CTK-CSCL lists ${listed.size} communes, the mapping ${current.length}`);
for (const [code, name] of current)
  check(listed.get(code) === name, `${code} ${name}: 1027/CTK-CSCL says ${listed.get(code)}`);

// The 63 provinces, 696 districts and 10,047 communes before, each with the commune(s) it became.
const successorsOf = new Map<string, string[]>();
for (const p of splits)
  for (const c of p.level3s)
    successorsOf.set(
      c.level3_id,
      c.splits.map((s) => s.new_id),
    );
// Districts without communes (the island districts) became special zones whole.
const districtSuccessors = new Map<string, string[]>();
for (const p of merges)
  for (const c of p.level2s)
    for (const m of c.merges)
      if (m.old_id.length === 3)
        districtSuccessors.set(m.old_id, [...(districtSuccessors.get(m.old_id) ?? []), c.level2_id]);
const districts: [string, string, string, string[]][] = [];
const pre: [string, string, string, string[]][] = [];
const corrected: string[] = [];
for (const p of old) {
  const successorProvince = PROVINCES.get(`pre2025:${p.level1_id}`)?.successor?.slice('current:'.length);
  check(successorProvince !== undefined, `old province ${p.level1_id} is not one of the 63`);
  for (const d of p.level2s) {
    const whole = districtSuccessors.get(d.level2_id) ?? [];
    check(
      (d.level3s.length === 0) === whole.length > 0,
      `district ${d.level2_id} ${d.name}: ${d.level3s.length} communes, formed ${whole.join(', ') || 'nothing'} whole`,
    );
    districts.push([d.level2_id, d.name, p.level1_id, whole]);
    for (const c of d.level3s) {
      const fix = CORRECTIONS[c.level3_id];
      if (fix) corrected.push(`${c.level3_id} → ${fix.to.join(', ')} (${fix.source})`);
      const to = fix?.to ?? successorsOf.get(c.level3_id) ?? [];
      check(to.length > 0, `${c.level3_id} ${c.name} has no successor`);
      for (const n of to)
        check(
          currentProvince.get(n) === successorProvince,
          `${c.level3_id} ${c.name} (${p.level1_id}) → ${n}, outside province ${successorProvince}`,
        );
      pre.push([c.level3_id, c.name, d.level2_id, to]);
    }
  }
}
// Every new commune is formed from at least one old one.
const formed = new Set([...pre.flatMap((c) => c[3]), ...districts.flatMap((d) => d[3])]);
for (const [code, name] of current) check(formed.has(code), `${code} ${name} is formed from no old commune`);

if (problems.length > 0) {
  console.error(`${problems.length} check(s) failed:\n${problems.slice(0, 50).join('\n')}`);
  process.exit(1);
}

const byCode = (a: [string, ...unknown[]], b: [string, ...unknown[]]): number => a[0].localeCompare(b[0]);
const rows = (list: unknown[]): string => list.map((r) => JSON.stringify(r)).join(',\n    ');
const oldCommit = values['old-commit'] ?? git(values.old, ['rev-parse', 'HEAD']);
const mapCommit = values['mapping-commit'] ?? git(values.mapping, ['rev-parse', 'HEAD']);

writeFileSync(
  join(out, 'current.json'),
  `{
  "about": "Communes (xã, phường, đặc khu) in force since 1 July 2025: [code, name, province code]. Codes of the statistics office (1027/CTK-CSCL, 25/6/2025).",
  "source": "github.com/dvhcvn/20250701 mapping/merges.json at ${mapCommit}, checked against its input/docs/1027_CTK-CSCL.md",
  "generatedBy": "npm run data:units (scripts/admin-units.ts)",
  "communes": [
    ${rows(current.sort(byCode))}
  ]
}
`,
);
writeFileSync(
  join(out, 'pre2025.json'),
  `{
  "about": "Districts [code, name, province code, [the special zone it became, for a district without communes]] and communes [code, name, district code, [codes of the communes since 1/7/2025 it became part of]] in force until 30 June 2025 (as of ${oldDate}). A commune with more than one successor was split (resolutions 1654–1687/NQ-UBTVQH15).",
  "source": "github.com/daohoangson/dvhcvn data/dvhcvn.json at ${oldCommit}; successors from github.com/dvhcvn/20250701 mapping/splits.json at ${mapCommit}",
  "corrections": ${JSON.stringify(corrected)},
  "generatedBy": "npm run data:units (scripts/admin-units.ts)",
  "districts": [
    ${rows(districts.sort(byCode))}
  ],
  "communes": [
    ${rows(pre.sort(byCode))}
  ]
}
`,
);
console.log(
  `wrote ${current.length} current communes, ${districts.length} districts and ${pre.length} earlier communes ` +
    `(${pre.filter((c) => c[3].length > 1).length} split) to ${out}`,
);
