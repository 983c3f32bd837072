import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'cam-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a crash of the service process', () => {
  it('loses no acknowledged append, leaves no half-written append, and keeps every hash chain intact', async () => {
    const path = join(dir, 'events.sqlite');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'support', 'crash-writer.ts'), path],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const acked: string[] = [];
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      acked.push(...lines);
    });
    // Let it write for a while, then kill it without warning, in the middle of its commits.
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (acked.length >= 3000) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const store = await SqliteEventStore.open({ path });
    const stored = new Set<string>();
    for (let from = 1; ;) {
      const page = await store.readAll({ fromPosition: from, maxCount: 10_000 });
      if (page.length === 0) break;
      for (const e of page) stored.add(e.id);
      from = (page.at(-1)?.position ?? from) + 1;
    }
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    const report = await store.verifyIntegrity();
    expect(report.problems).toEqual([]);
    expect(report.eventsChecked).toBeGreaterThanOrEqual(acked.length);
    // Each writer's stream has revisions 0…n without a gap.
    for (let w = 0; w < 16; w++) {
      const events = await store.readStream(`w-${w}`);
      expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    }
    await store.close();
  });
});
