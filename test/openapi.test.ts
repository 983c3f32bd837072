import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../scripts/openapi.ts';

describe('openapi/', () => {
  it('holds the document and types generated from the current routes (run npm run openapi when this fails)', async () => {
    const { json, types } = await generate();
    expect(readFileSync(join(import.meta.dirname, '..', 'openapi', 'openapi.json'), 'utf8')).toBe(json);
    expect(readFileSync(join(import.meta.dirname, '..', 'openapi', 'schema.ts'), 'utf8')).toBe(types);
  });

  it('documents every route with an operation id, and every command with its problem responses', async () => {
    const doc = JSON.parse((await generate()).json) as {
      paths: Record<
        string,
        Record<string, { operationId?: string; requestBody?: unknown; responses: Record<string, unknown> }>
      >;
    };
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        // A webhook's registration creates a subscription, not a revision of a record: it takes no If-Match (412).
        if (method === 'post' && op.requestBody !== undefined)
          expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
            expect.arrayContaining(['400', '409', ...(path === '/admin/webhooks' ? [] : ['412']), '422']),
          );
        // Command bodies are closed: every object in them says additionalProperties: false (or types its extra keys).
        const open: string[] = [];
        const walk = (node: unknown, at: string): void => {
          if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
          if (typeof node !== 'object' || node === null) return;
          const o = node as Record<string, unknown>;
          if (o.type === 'object' && o.properties !== undefined && o.additionalProperties === undefined) open.push(at);
          for (const [k, v] of Object.entries(o)) walk(v, `${at}/${k}`);
        };
        walk(op.requestBody, `${method} ${path}`);
        expect(open).toEqual([]);
        // Problems are declared as application/problem+json, so generated clients tell them apart.
        for (const [status, response] of Object.entries(
          op.responses as Record<string, { content?: Record<string, unknown> }>,
        )) {
          if (Number(status) >= 400 && response.content !== undefined)
            expect(Object.keys(response.content), `${method} ${path} ${status}`).toEqual(['application/problem+json']);
        }
      }
    }
  });
});
