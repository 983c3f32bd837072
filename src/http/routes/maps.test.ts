import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { PROVINCES } from '../../../domain/shared/units.ts';
import { TEST_KEY } from '../../../test/support/auth.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import { buildServer } from '../../server.ts';

interface AreaMap {
  type: string;
  objects: { areas: { geometries: { id: string; properties: { name: string } }[] } };
}

describe('maps as reference data over HTTP', () => {
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

  it('draws the 34 provinces for anyone, small, compressed, with an ETag a second request revalidates', async () => {
    const res = await app.inject({ url: '/reference/maps/provinces' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const map = res.json<AreaMap>();
    expect(map.type).toBe('Topology');
    expect(map.objects.areas.geometries).toHaveLength(34);
    expect(map.objects.areas.geometries.find((g) => g.id === '68')?.properties.name).toBe('Lâm Đồng');
    expect(res.rawPayload.length).toBeLessThan(100_000);

    const zipped = await app.inject({ url: '/reference/maps/provinces', headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(30_000);
    expect(gunzipSync(zipped.rawPayload).equals(res.rawPayload)).toBe(true);

    const again = await app.inject({
      url: '/reference/maps/provinces',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('draws the communes of every province of today by their codes, each file under 150 KB (50 KB compressed)', async () => {
    const etags = new Set<string>();
    for (const p of [...PROVINCES.values()].filter((x) => x.map === 'current')) {
      const res = await app.inject({
        url: `/reference/maps/communes/${p.code}`,
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(res.statusCode, p.name).toBe(200);
      expect(res.rawPayload.length, p.name).toBeLessThan(50_000);
      const bytes = gunzipSync(res.rawPayload);
      expect(bytes.length, p.name).toBeLessThan(150_000);
      const ids = (JSON.parse(bytes.toString('utf8')) as AreaMap).objects.areas.geometries.map((g) => g.id);
      expect(ids.every((id) => /^\d{5}$/.test(id))).toBe(true);
      etags.add(String(res.headers.etag));
    }
    expect(etags.size).toBe(34);
    const lamDong = await app.inject({ url: '/reference/maps/communes/68' });
    const names = lamDong.json<AreaMap>().objects.areas.geometries.map((g) => g.properties.name);
    expect(names).toHaveLength(124);
    expect(names).toContain('Phường Xuân Hương - Đà Lạt');
    const again = await app.inject({
      url: '/reference/maps/communes/68',
      headers: { 'if-none-match': String(lamDong.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 for a province that is not one of today’s, 400 for what is not a province code', async () => {
    const old = await app.inject({ url: '/reference/maps/communes/67', headers: { 'accept-language': 'en' } });
    expect(old.statusCode).toBe(404);
    expect(old.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: '/reference/maps/communes/6' })).statusCode).toBe(400);
  });
});
