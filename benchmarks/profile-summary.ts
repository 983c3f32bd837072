/**
 * npm run bench:profile -- FILE.cpuprofile [N] — where a V8 CPU profile spends its time: self
 * time by package or source file, then the N hottest functions. Used for docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '25'] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: npm run bench:profile -- FILE.cpuprofile [N]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (url: string): string => {
  if (url === '') return '(native, GC, idle)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  if (url.startsWith('node:')) return 'node internals';
  const own = /\/(src|domain|projections)\/(.*)$/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url;
};
const buckets = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, us] of self) {
  const n = byId.get(id);
  if (n === undefined) continue;
  const { functionName, url, lineNumber } = n.callFrame;
  const b =
    functionName === '(idle)'
      ? '(idle)'
      : functionName === '(garbage collector)'
        ? '(garbage collector)'
        : functionName === '(program)'
          ? '(program)'
          : where(url);
  buckets.set(b, (buckets.get(b) ?? 0) + us);
  const f = `${functionName || '(anonymous)'}  ${where(url)}:${lineNumber + 1}`;
  fns.set(f, (fns.get(f) ?? 0) + us);
}
const pct = (us: number): string => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled`);
console.log('self time by package or file:');
for (const [b, us] of [...buckets].sort((a, c) => c[1] - a[1]).slice(0, 20)) console.log(`  ${pct(us)}  ${b}`);
console.log(`hottest ${top} functions (self time):`);
for (const [f, us] of [...fns].sort((a, c) => c[1] - a[1]).slice(0, Number(top))) console.log(`  ${pct(us)}  ${f}`);

// Inclusive time of the functions named in BENCH_INCLUSIVE (comma-separated), counted once per sample.
const names = (process.env.BENCH_INCLUSIVE ?? '').split(',').filter((x) => x !== '');
if (names.length > 0) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const busy = total - (buckets.get('(idle)') ?? 0);
  console.log('inclusive time (share of busy time):');
  for (const name of names) {
    let us = 0;
    for (const [id, t] of self) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur)?.callFrame.functionName === name) {
          us += t;
          break;
        }
      }
    }
    console.log(`  ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${name}`);
  }
}

// BENCH_CHILDREN=name: where the time under that function goes, by the callee just below it.
const under = process.env.BENCH_CHILDREN;
if (under !== undefined) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const below = new Map<string, number>();
  let all = 0;
  for (const [id, t] of self) {
    let child: number | undefined;
    for (let cur: number | undefined = id; cur !== undefined; child = cur, cur = parent.get(cur)) {
      if (byId.get(cur)?.callFrame.functionName !== under) continue;
      const c =
        child === undefined
          ? '(self)'
          : (() => {
              const f = (byId.get(child) as Node).callFrame;
              return `${f.functionName || '(anonymous)'}  ${where(f.url)}:${f.lineNumber + 1}`;
            })();
      below.set(c, (below.get(c) ?? 0) + t);
      all += t;
      break;
    }
  }
  console.log(`under ${under} (${(all / 1000).toFixed(0)} ms):`);
  for (const [c, us] of [...below].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${((100 * us) / all).toFixed(1).padStart(5)} %  ${c}`);
}

// BENCH_TREE=depth: the call tree top-down, nodes of at least 0.5 % of busy time, merged by name.
const depth = Number(process.env.BENCH_TREE ?? 0);
if (depth > 0) {
  const busy = total - (buckets.get('(idle)') ?? 0);
  const inclusive = new Map<number, number>();
  const sum = (id: number): number => {
    const n = byId.get(id) as Node;
    const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + sum(c), 0);
    inclusive.set(id, t);
    return t;
  };
  const root = profile.nodes[0] as Node;
  sum(root.id);
  const label = (n: Node): string =>
    `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const show = (ids: number[], level: number): void => {
    if (level > depth) return;
    const merged = new Map<string, { t: number; kids: number[] }>();
    for (const id of ids) {
      const n = byId.get(id) as Node;
      if (n.callFrame.functionName === '(idle)') continue;
      const m = merged.get(label(n)) ?? { t: 0, kids: [] };
      m.t += inclusive.get(id) ?? 0;
      m.kids.push(...(n.children ?? []));
      merged.set(label(n), m);
    }
    for (const [l, m] of [...merged].sort((a, b) => b[1].t - a[1].t)) {
      if (m.t < busy * 0.005) continue;
      console.log(`${'  '.repeat(level)}${((100 * m.t) / busy).toFixed(1).padStart(5)} %  ${l}`);
      show(m.kids, level + 1);
    }
  };
  console.log('call tree (share of busy time):');
  show(root.children ?? [], 0);
}
