import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { problem } from './support/problem.ts';

const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the event loop is held, as by a burst of work the service cannot keep up with
  }
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('load shedding', () => {
  it('answers 503 overloaded with Retry-After while the event loop lags, keeps /health and /metrics answering, and recovers', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', maxEventLoopDelayMs: 50 });
    const officer = bearer({ role: 'provincial_officer', province: '68' });
    try {
      const launch = { year: 2026, plan: { number: '1/KH', date: '2026-02-01' }, theme: 'x' };
      // Held for long enough that the next samples see the lag.
      for (let i = 0; i < 4; i++) {
        busy(300);
        await tick(30);
      }
      const refused = await app.inject({ method: 'POST', url: '/provinces/68/campaigns', headers: officer, payload: launch });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json()).toMatchObject({ type: problem('overloaded'), status: 503 });
      expect(refused.json().detail).toMatch(/event loop lags \d+ ms/);
      expect(await store.headPosition()).toBe(0);
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'degraded', load: { shedding: true } });
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
      // Once the loop is idle again the service takes requests as before.
      let recovered = 0;
      for (let i = 0; i < 40 && recovered !== 201; i++) {
        await tick(100);
        const r = await app.inject({ method: 'POST', url: '/provinces/68/campaigns', headers: officer, payload: launch });
        recovered = r.statusCode;
      }
      expect(recovered).toBe(201);
      expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'ok', load: { shedding: false } });
    } finally {
      await app.close();
      await store.close();
    }
  }, 30_000);
});
