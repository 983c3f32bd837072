import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from '../../../test/support/auth.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

interface CommuneView {
  code: string;
  name: string;
  map: string;
  province: { code: string };
  district?: { name: string };
  today: { code: string; name: string }[];
  formedFrom?: { code: string; name: string }[];
}

describe('communes as reference data over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, maxEventLoopDelayMs: 60_000 });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('lists a province’s communes of today to anyone, with an ETag a second request can revalidate', async () => {
    const res = await app.inject({ url: '/reference/communes?province=68' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: CommuneView[] }>().items;
    expect(items).toHaveLength(124);
    expect(items.every((c) => c.map === 'current' && c.province.code === '68')).toBe(true);
    expect(res.headers['cache-control']).toContain('max-age');
    const again = await app.inject({
      url: '/reference/communes?province=68',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('lists the provinces compressed, with an ETag a second request revalidates and a day it may be kept', async () => {
    const res = await app.inject({ url: '/reference/provinces', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const items = (JSON.parse(gunzipSync(res.rawPayload).toString()) as { items: { map: string }[] }).items;
    expect(items.filter((p) => p.map === 'current')).toHaveLength(34);
    expect(items.filter((p) => p.map === 'pre2025')).toHaveLength(63);
    const again = await app.inject({
      url: '/reference/provinces',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const current = await app.inject({ url: '/reference/provinces?map=current' });
    expect(current.headers.etag).not.toBe(res.headers.etag);
    expect(current.json<{ items: unknown[] }>().items).toHaveLength(34);
  });

  it('gives the communes before the reform for an earlier date, each with the commune it became', async () => {
    const res = await app.inject({ url: '/reference/communes?province=80&date=2024-04-11&q=binh thanh' });
    expect(res.statusCode).toBe(200);
    const split = res.json<{ items: CommuneView[] }>().items.find((c) => c.code === '28063');
    expect(split).toMatchObject({ map: 'pre2025', name: 'Xã Bình Thạnh', district: { name: 'Huyện Thủ Thừa' } });
    expect(split?.today.map((t) => t.name)).toEqual(['Xã Thủ Thừa', 'Phường Long An']);
  });

  it('finds names typed without accents', async () => {
    const res = await app.inject({ url: '/reference/communes?province=68&q=da%20lat' });
    const names = res.json<{ items: CommuneView[] }>().items.map((c) => c.name);
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => /Đà Lạt/.test(n))).toBe(true);
  });

  it('shows one commune of today with the communes that formed it', async () => {
    const res = await app.inject({ url: '/reference/communes/current/27694' });
    expect(res.statusCode).toBe(200);
    expect(res.json<CommuneView>().formedFrom?.map((c) => c.name)).toContain('Xã Hướng Thọ Phú');
  });

  it('answers a province that is not on the map of the date, or a map contradicting the date, with 400', async () => {
    const unknown = await app.inject({ url: '/reference/communes?province=67&date=2026-01-01' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ errors: [{ field: 'province' }] });
    const contradicting = await app.inject({ url: '/reference/communes?province=68&map=current&date=2024-01-01' });
    expect(contradicting.statusCode).toBe(400);
    expect((await app.inject({ url: '/reference/communes/current/99999' })).statusCode).toBe(404);
  });
});
