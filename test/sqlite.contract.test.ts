import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { eventStoreContract } from './eventstore.contract.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

eventStoreContract('SQLite file (writer thread, WAL, synchronous=FULL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cam-store-'));
  dirs.push(dir);
  const path = join(dir, 'events.db');
  return { persistent: true, open: (now) => SqliteEventStore.open({ path, now, pollIntervalMs: 50 }) };
});

eventStoreContract('SQLite file (inline writer)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cam-store-'));
  dirs.push(dir);
  const path = join(dir, 'events.db');
  return {
    persistent: true,
    open: (now) => SqliteEventStore.open({ path, now, pollIntervalMs: 50, writer: 'inline' }),
  };
});

eventStoreContract('SQLite in memory', () => ({
  persistent: false,
  open: (now) => SqliteEventStore.open({ path: ':memory:', now }),
}));
