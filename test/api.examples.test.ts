import { describe, expect, it } from 'vitest';
import { EXAMPLES_BESIDE_STORY, EXAMPLE_STORY, EXAMPLE_WEBHOOK_HOST } from '../src/http/examples.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { openapiDocument } from './support/declared.ts';

type Doc = {
  paths: Record<
    string,
    Record<string, { operationId?: string; requestBody?: { content?: Record<string, { example?: unknown }> } }>
  >;
};
const doc = openapiDocument<Doc>();
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method, op })),
);

describe('the example bodies of the OpenAPI document', () => {
  it('give an example for every command', () => {
    const commands = operations.filter(({ op }) => op.requestBody?.content?.['application/json'] !== undefined);
    expect(commands.length).toBeGreaterThan(30);
    expect(
      commands
        .filter(({ op }) => op.requestBody?.content?.['application/json']?.example === undefined)
        .map(({ op }) => op.operationId),
    ).toEqual([]);
  });

  it('are accepted by a fresh service when sent in the order of their story (the Lâm Đồng campaign of 2026)', async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const app = await buildServer({
      store,
      logLevel: 'silent',
      key: TEST_KEY,
      now: () => new Date('2026-12-21T03:00:00Z'),
      webhooks: { allowHosts: [EXAMPLE_WEBHOOK_HOST], deliver: false },
    });
    try {
      const headers = bearer({ role: 'provincial_officer', province: '68', app: 'lam-dong-app' });
      const national = bearer({ role: 'national_officer', app: 'vca-app' });
      for (const step of EXAMPLE_STORY) {
        const found = operations.find(({ op }) => op.operationId === step.operationId);
        expect(found, step.operationId).toBeDefined();
        const url = (found?.path ?? '').replace(/\{(\w+)\}/g, (_, name: string) => String(step.path[name]));
        const res = await app.inject({
          method: 'POST',
          url,
          headers: step.admin ? bearer({ role: 'admin' }) : step.national ? national : headers,
          payload: step.body,
        });
        expect([200, 201], `${step.operationId} ${url}: ${res.body}`).toContain(res.statusCode);
      }
      // The document shows the first example of each command: the ones just sent.
      for (const { op } of operations) {
        const shown = op.requestBody?.content?.['application/json']?.example;
        if (shown !== undefined)
          expect(shown).toEqual(
            EXAMPLE_STORY.find((s) => s.operationId === op.operationId)?.body ??
              EXAMPLES_BESIDE_STORY[op.operationId ?? ''],
          );
      }
      const dashboard = await app.inject({ method: 'GET', url: '/provinces/68/campaigns/2026/dashboard', headers });
      expect(dashboard.statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
