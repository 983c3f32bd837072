/**
 * npm run bench:units — what a look-up in the administrative map costs, against the floor of a
 * plain Map look-up of the same keys in the same rounds: a commune by its code on the map of a
 * date (every command with a place), the check a command runs (`requireCommune`), today's
 * commune(s) of an old one (every roll-up row), and a free-text place resolved to its commune (the
 * read side, memoised). Keys cycle through all 10,047 + 3,321 communes. BENCH_ROUNDS (7), BENCH_N
 * (1,000,000 look-ups per round).
 */
import { commune, communeOn, requireCommune, todayOf, type Commune } from '../domain/shared/communes.ts';
import { resolvePlace } from '../domain/shared/place.ts';
import { PROVINCES, type Province } from '../domain/shared/units.ts';
import { communesOf } from '../domain/shared/communes.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const n = Number(process.env.BENCH_N ?? 1_000_000);

const all: Commune[] = [...PROVINCES.values()].flatMap((p) => [...communesOf(p)]);
const keys = all.map((c) => ({ code: c.code, date: c.map === 'pre2025' ? '2024-04-11' : '2026-04-11', c }));
const plain = new Map(all.map((c) => [`${c.map}:${c.code}`, c]));
let sink = 0;

const cases: Record<string, (i: number) => void> = {
  'plain Map.get (floor)': (i) => {
    const k = keys[i % keys.length]!;
    sink += plain.get(`${k.c.map}:${k.code}`) === undefined ? 0 : 1;
  },
  'communeOn(code, date)': (i) => {
    const k = keys[i % keys.length]!;
    sink += communeOn(k.code, k.date) === undefined ? 0 : 1;
  },
  'requireCommune (a command’s check)': (i) => {
    const k = keys[i % keys.length]!;
    sink += requireCommune('place.communeCode', k.code, k.date, k.c.province as Province).code.length;
  },
  'todayOf (roll-up)': (i) => {
    const k = keys[i % keys.length]!;
    sink += todayOf(commune(k.c.map, k.code)!).length;
  },
  'resolvePlace of free text (memoised)': (i) => {
    const k = keys[i % keys.length]!;
    sink += resolvePlace({ commune: k.c.name }, k.c.province.code, k.c.map === 'pre2025' ? 2024 : 2026, k.date) ? 1 : 0;
  },
};

const ns: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (const f of Object.values(cases)) for (let i = 0; i < 100_000; i++) f(i); // warm up
for (let r = 0; r < rounds; r++)
  for (const [name, f] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f(i + r);
    (ns[name] as number[]).push(Number(process.hrtime.bigint() - t) / n);
  }
const stat = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return [s[0], s[Math.floor(s.length / 2)], s.at(-1)].map((x) => (x as number).toFixed(0)).join(' / ');
};
const floor = (ns['plain Map.get (floor)'] as number[]).slice().sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
console.log(
  `bench:units — node ${process.version}, ${all.length} communes, ${rounds} rounds × ${n.toLocaleString('en-US')} look-ups`,
);
console.log('| look-up | ns (min / median / max) | median / floor |');
console.log('| --- | --- | --- |');
for (const [name, xs] of Object.entries(ns)) {
  const median = xs.slice().sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
  console.log(`| ${name} | ${stat(xs)} | ${(median / floor).toFixed(1)} |`);
}
if (sink === 0) console.log('(nothing found)');
