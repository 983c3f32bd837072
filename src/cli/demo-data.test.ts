import { describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../test/support/auth.ts';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import { buildServer } from '../server.ts';
import { DEMO_CAMPAIGNS } from './demo-data.ts';

describe('the demonstration data', () => {
  it('is accepted by a fresh service in its order, each campaign present once recorded', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', rateLimitPerMinute: 1_000_000 });
    try {
      const refused: string[] = [];
      for (const { name, present, commands } of DEMO_CAMPAIGNS) {
        const before = await app.inject({ method: 'GET', url: present.url, headers: bearer(present.by) });
        expect(before.statusCode, name).toBe(404);
        for (const { url, by, body } of commands) {
          const r = await app.inject({ method: 'POST', url, headers: bearer(by), payload: body });
          if (r.statusCode >= 300) refused.push(`${url}: ${r.statusCode} ${r.body}`);
        }
        const after = await app.inject({ method: 'GET', url: present.url, headers: bearer(present.by) });
        expect(after.statusCode, name).toBe(200);
      }
      expect(refused).toEqual([]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
