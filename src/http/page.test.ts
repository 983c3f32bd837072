import type { FastifyInstance } from 'fastify';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import type { EventStore } from '../eventstore/types.ts';
import { buildServer } from '../server.ts';
import { IMMUTABLE, WEB_DIST } from './page.ts';
import { pageFormsDocument } from './page-forms.ts';

let store: EventStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  app = await buildServer({
    store,
    key: { algorithm: 'HS256', secret: 'page-test-secret-0123456789abcdef0123' },
    logLevel: 'silent',
    // Building the API document at start holds the event loop; under a busy machine that reads as overload.
    maxEventLoopDelayMs: 60_000,
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

  it('are kept a year by the browser when their name carries their hash, and every built asset does', async () => {
    const assets = readdirSync(join(WEB_DIST, 'assets'));
    expect(assets.length).toBeGreaterThan(1);
    for (const f of assets) {
      const r = await app.inject({ method: 'GET', url: `/assets/${f}`, headers: { 'accept-encoding': 'br' } });
      expect(r.statusCode, f).toBe(200);
      expect(f, 'vite names each asset with its hash').toMatch(/-[A-Za-z0-9_-]{8}\.(js|css|json)$/);
      expect(r.headers['cache-control'], f).toBe(IMMUTABLE);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('the page itself is asked again on every use and answered 304, without its bytes, while it is unchanged', async () => {
    const first = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'gzip, br' } });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const reload = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'gzip, br', 'if-none-match': etag },
    });
    expect(reload.statusCode).toBe(304);
    expect(reload.rawPayload.length).toBe(0);
    expect(reload.headers.etag).toBe(etag);
    // Another encoding is other bytes: its own validator, so a cached brotli copy is not taken for gzip.
    const gzip = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': etag },
    });
    expect(gzip.statusCode).toBe(200);
    expect(gzip.headers.etag).not.toBe(etag);
    const changed = await app.inject({
      method: 'GET',
      url: '/',
      headers: { 'accept-encoding': 'gzip, br', 'if-none-match': '"an-older-page"' },
    });
    expect(changed.statusCode).toBe(200);
    expect(brotliDecompressSync(changed.rawPayload).toString()).toContain('Đang tải…');
  });

  it('say how people sign in: no identity provider and no development sign-in unless configured', async () => {
    const r = await app.inject({ method: 'GET', url: '/sign-in/config' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ provider: null, development: false });
  });

  // Last: making the API document holds the event loop for a while (the next requests may be told to wait).
  it('the forms’ schemas: every page-form operation of the live API document and the schemas they use, in a tenth of its bytes', async () => {
    const name = readdirSync(join(WEB_DIST, 'assets')).find((f) => /^forms-.+\.json$/.test(f)) as string;
    expect(readFileSync(join(WEB_DIST, 'index.html'), 'utf8')).toContain(
      `<meta name="page-forms" content="/assets/${name}">`,
    );
    const r = await app.inject({ method: 'GET', url: `/assets/${name}`, headers: { 'accept-encoding': 'br' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.headers['cache-control']).toBe(IMMUTABLE);
    const text = brotliDecompressSync(r.rawPayload).toString();
    type Doc = {
      paths: Record<string, Record<string, { operationId?: string; 'x-page-form'?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    const forms = JSON.parse(text) as Doc;
    // The document the service serves at /docs/json, made now from its routes.
    const api = app.swagger() as Doc;
    const withForm = (d: Doc) =>
      Object.values(d.paths)
        .flatMap((ops) => Object.values(ops))
        .filter((o) => o['x-page-form'] !== undefined)
        .map((o) => [o.operationId, o['x-page-form']]);
    expect(withForm(api).length).toBeGreaterThan(10);
    expect(withForm(forms)).toEqual(withForm(api));
    // Built from the current routes (npm run openapi, then npm run build:web, when this fails).
    expect(forms).toEqual(JSON.parse(JSON.stringify(pageFormsDocument(api))));
    for (const [, ref] of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g))
      expect(forms.components.schemas, ref).toHaveProperty(ref as string);
    expect(text.length).toBeLessThan(JSON.stringify(api).length / 10);
    expect(r.rawPayload.length).toBeLessThan(12_000);
  });
});
