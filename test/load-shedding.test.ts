import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { EventLoopDelay } from '../src/http/load-shedding.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { problem } from './support/problem.ts';

/** Holds the event loop, as a burst of work the service cannot keep up with would. */
const block = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the event-loop delay measure', () => {
  it('reads a pause without samples as its length, never as infinite', async () => {
    const delay = new EventLoopDelay(100);
    try {
      await tick(150);
      expect(delay.ms()).toBeLessThan(100);
      block(400);
      // Overdue now: the pause is measured while it lasts.
      expect(delay.ms()).toBeGreaterThanOrEqual(290);
      expect(delay.ms()).toBeLessThan(600);
      await tick(5);
      expect(Number.isFinite(delay.ms())).toBe(true);
      expect(delay.ms()).toBeLessThan(600);
      // The next samples on an idle loop read small again.
      await tick(250);
      expect(delay.ms()).toBeLessThan(100);
    } finally {
      delay.stop();
    }
  });
});

describe('load shedding', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68' });
  const launch = (year: number) => ({ year, plan: { number: `${year}/KH`, date: `${year}-02-01` }, theme: 'x' });
  const post = (year: number) =>
    app.inject({ method: 'POST', url: '/provinces/68/campaigns', headers: officer, payload: launch(year) });

  beforeEach(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', maxEventLoopDelayMs: 1000 });
    await tick(150);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  it('sheds nothing after a 400 ms pause under a 1,000 ms limit', async () => {
    block(400);
    const during = post(2026);
    await tick(300);
    const after = post(2027);
    expect((await during).statusCode).toBe(201);
    expect((await after).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('sheds a request that waited through a 1,500 ms pause with 503 overloaded and Retry-After, writes nothing, and recovers', async () => {
    block(1500);
    const refused = await post(2026);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('2');
    expect(refused.json()).toMatchObject({ type: problem('overloaded'), status: 503 });
    const lag = Number(/event loop lags (\d+) ms \(limit 1000 ms\)/.exec(refused.json().detail)?.[1]);
    expect(lag).toBeGreaterThan(1000);
    expect(lag).toBeLessThan(5000);
    expect(await store.headPosition()).toBe(0);
    // Health and metrics answer while shedding, and say why.
    block(1500);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not-ready', checks: { load: false }, load: { shedding: true } });
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    // Once the loop is idle again the service takes requests as before.
    await tick(250);
    expect((await post(2026)).statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({
      status: 'ok',
      load: { shedding: false },
    });
  });
});
