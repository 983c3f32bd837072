import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** The production sources of a folder: its .ts files but the tests. */
function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(folder, f));
}

/** The modules a source file imports (static, dynamic and type-only). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g)].map((m) => m[1] as string);
}

describe('folder boundaries', () => {
  it('ships no test support: nothing in src/, domain/ or projections/ but tests imports vitest or test/', () => {
    const offending: string[] = [];
    for (const file of ['src', 'domain', 'projections'].flatMap(sources))
      for (const spec of importsOf(file)) {
        const target = spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec;
        if (target === 'vitest' || target.startsWith('vitest/') || target.startsWith('test/'))
          offending.push(`${file} imports ${spec}`);
      }
    expect(offending).toEqual([]);
  });

  it('keeps domain/ and projections/ pure: no Node modules, no clock, no randomness', () => {
    const offending: string[] = [];
    for (const file of ['domain', 'projections'].flatMap(sources)) {
      for (const spec of importsOf(file)) if (spec.startsWith('node:')) offending.push(`${file} imports ${spec}`);
      const text = readFileSync(join(root, file), 'utf8');
      for (const call of text.match(/Date\.now\(|new Date\(\)|Math\.random\(|crypto\./g) ?? [])
        offending.push(`${file} calls ${call}`);
    }
    expect(offending).toEqual([]);
  });
});
