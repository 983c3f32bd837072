import { describe, expect, it } from 'vitest';
import { progress } from './progress.ts';

/** A stream that is not a terminal, keeping what is written. */
function sink(): NodeJS.WriteStream & { text: string } {
  const s = {
    isTTY: false,
    text: '',
    write(chunk: string) {
      s.text += chunk;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { text: string };
}

describe('progress on long CLI work', () => {
  it('prints plain lines with done, total, percent and rate when not on a terminal, and a last line when done', () => {
    const out = sink();
    const p = progress('rebuild', 10_000, { stream: out, everyMs: 0 });
    p.tick(2500);
    p.tick(2500);
    p.done();
    const lines = out.text.trim().split('\n');
    expect(lines[0]).toMatch(/^rebuild: 2,500 of 10,000 \(25%\), [\d,]+\/s/);
    expect(lines[1]).toMatch(/^rebuild: 5,000 of 10,000 \(50%\)/);
    expect(lines.at(-1)).toMatch(/^rebuild: 5,000 of 10,000 \(50%\), [\d,]+\/s, done in \d+\.\d s$/);
  });
  it('stays quiet between lines', () => {
    const out = sink();
    const p = progress('export', 0, { stream: out, everyMs: 60_000 });
    for (let i = 0; i < 1000; i++) p.tick();
    expect(out.text).toBe('');
    p.done();
    expect(out.text).toMatch(/^export: 1,000, [\d,]+\/s, done in/);
  });
});
