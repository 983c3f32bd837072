import type { FastifyInstance } from 'fastify';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import type { EventStore } from '../eventstore/types.ts';
import { buildServer } from '../server.ts';
import { WEB_DIST } from './page.ts';

let store: EventStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  app = await buildServer({
    store,
    key: { algorithm: 'HS256', secret: 'page-test-secret-0123456789abcdef0123' },
    logLevel: 'silent',
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe("the officials' page files", () => {
  it('are sent compressed to a browser that takes brotli or gzip, the same bytes once decompressed', async () => {
    const script = readdirSync(join(WEB_DIST, 'assets')).find((f) => f.endsWith('.js') && f.startsWith('app'));
    const url = `/assets/${script as string}`;
    const original = readFileSync(join(WEB_DIST, 'assets', script as string));
    const br = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(original.length / 2.5);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);
    const gz = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);
    const plain = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original)).toBe(true);
  });

  it('say how people sign in: no identity provider and no development sign-in unless configured', async () => {
    const r = await app.inject({ method: 'GET', url: '/sign-in/config' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ provider: null, development: false });
  });
});
