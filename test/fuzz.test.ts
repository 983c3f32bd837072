import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { bearer } from './support/auth.ts';
import { TEST_KEY } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string }[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}

const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op })),
);

let store: SqliteEventStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await SqliteEventStore.open({ path: ':memory:' });
  app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', rateLimitPerMinute: 10_000_000 });
  // Something to find, so that malformed requests also reach the deeper rules.
  const launched = await app.inject({
    method: 'POST',
    url: '/provinces/68/campaigns',
    headers: bearer({ role: 'provincial_officer', province: '68' }),
    payload: launch2026,
  });
  expect(launched.statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** Strings a path segment or query value may hold, nasty ones weighted in. */
const nasty = fc.oneof(
  // Values that pass authorization and parsing, so that the rest reaches validation and the rules.
  {
    weight: 4,
    arbitrary: fc.constantFrom('68', '2026', '0191d6a0-0000-7000-8000-000000000001', '1', '3', 'half-year', 'year-end'),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '67',
      '99',
      '00',
      'VN',
      '2024',
      '-1',
      '0',
      '1e309',
      '99999999999999999999',
      '__proto__',
      'constructor',
      'toString',
      '%00',
      '..',
      'null',
      'true',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
const bodies = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.object({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      'year',
      'meetingId',
      'date',
      'place',
      'amount',
      'changes',
      'reason',
      '__proto__',
      'constructor',
      'fund',
      'cooperativeId',
    ),
    fc.anything({ maxDepth: 2 }),
  ),
);
const personas = fc.constantFrom(
  bearer({ role: 'provincial_officer', province: '68' }),
  bearer({ role: 'national_officer' }),
  bearer({ role: 'admin' }),
  bearer({ role: 'auditor' }),
  {},
  { authorization: 'Bearer x.y.z' },
);

/** encodeURIComponent, with what it cannot encode (lone surrogates) replaced. */
/** Requests per operation (FUZZ_RUNS to go further). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const encode = (s: string): string => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

describe('every operation of openapi.json, driven with malformed input', () => {
  it('never answers 5xx, answers every 4xx as problem+json, and writes nothing it refused', async () => {
    const started = performance.now();
    const statuses = new Map<number, number>();
    for (const op of operations) {
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(...pathParams.map(() => nasty)),
          fc.dictionary(fc.constantFrom(...queryParams, 'x', '__proto__'), nasty, { maxKeys: 3 }),
          bodies,
          fc.constantFrom('application/json', 'text/plain', 'application/json; charset=latin1'),
          personas,
          async (values, query, body, contentType, persona) => {
            let url = op.path;
            pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, encode(values[i] as string))));
            // A live feed that accepts the request never ends by itself: these end once caught up.
            const stream = JSON.stringify(op.responses?.['200'] ?? {}).includes('text/event-stream');
            const qs = [
              ...Object.entries(query).map(([k, v]) => `${encode(k)}=${encode(v)}`),
              ...(stream ? ['follow=false'] : []),
            ].join('&');
            const head = await store.headPosition();
            const res = await app.inject({
              method: op.method as 'GET',
              url: qs === '' ? url : `${url}?${qs}`,
              headers: { ...persona, ...(op.method === 'POST' ? { 'content-type': contentType } : {}) },
              ...(op.method === 'POST' && body !== undefined ? { payload: JSON.stringify(body) ?? 'null' } : {}),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const where = `${op.method} ${url}?${qs} ${JSON.stringify(body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
            expect(res.statusCode, where).toBeLessThan(500);
            if (res.statusCode >= 400) {
              expect(res.headers['content-type'], where).toContain('application/problem+json');
              expect(await store.headPosition(), where).toBe(head);
            }
          },
        ),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
      );
    }
    console.log(
      `fuzzed ${operations.length} operations × ${RUNS} requests in ${((performance.now() - started) / 1000).toFixed(1)} s; answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    // The requests got past authentication and into validation and the rules, not only 401s.
    for (const status of [200, 400, 401, 403, 404])
      expect(statuses.get(status) ?? 0, `answers ${status}`).toBeGreaterThan(0);
  }, 120_000);
});
