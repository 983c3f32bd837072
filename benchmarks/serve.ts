/**
 * The server the projection and dashboard benchmarks load: the generated log, its read models, and a
 * bare route. The service is the build, as operators run it (built.ts).
 */
import Fastify from 'fastify';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { built } from './built.ts';

const { ReadModelStore } = (await import(
  built('src/app/read-model-store.js')
)) as typeof import('../src/app/read-model-store.ts');
const { mintToken } = (await import(built('src/auth/keys.js'))) as typeof import('../src/auth/keys.ts');
const { SqliteEventStore } = (await import(
  built('src/eventstore/sqlite/store.js')
)) as typeof import('../src/eventstore/sqlite/store.ts');
const { buildServer } = (await import(built('src/server.js'))) as typeof import('../src/server.ts');

const dir = process.argv[2] as string;
const key = { algorithm: 'HS256' as const, secret: randomBytes(32).toString('hex') };
const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
const readModels = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
const app = await buildServer({ store, readModels, key, logLevel: 'silent', rateLimitPerMinute: 100_000_000 });
app.get('/bare', { config: { access: 'public' } }, async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
const token = mintToken(key, { sub: 'bench', role: 'national_officer', app: 'bench' }, 3600);
// A plain fastify in the same process, no plugins or hooks: the floor any route can reach here.
const plain = Fastify({ logger: false });
plain.get('/bare', async () => ({ ok: true }));
// The fair baselines of a dashboard: a plain route sending the very body the service sends for it
// (gzip-compressed when the client accepts it, as the service keeps them), computed once here; and
// one sending the very answer, its headers too (security headers, request id, rate-limit counts,
// ETag: what the service must send, and what costs time to write), the values as one answer had them.
const year = Number(process.argv[3] ?? 2026);
const SET_BY_NODE = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding']);
for (const [name, url] of [
  ['campaign', `/provinces/79/campaigns/${year}/dashboard`],
  ['national', `/national/dashboards/${year}`],
] as const) {
  const headers = { authorization: `Bearer ${token}` };
  const identity = (await app.inject({ method: 'GET', url, headers })).rawPayload;
  const zipped = await app.inject({ method: 'GET', url, headers: { ...headers, 'accept-encoding': 'gzip' } });
  const gzip = zipped.rawPayload;
  const answerHeaders = Object.fromEntries(
    Object.entries(zipped.headers).filter(([k, v]) => !SET_BY_NODE.has(k) && typeof v === 'string'),
  );
  plain.get(`/same/${name}`, async (req, reply) => {
    void reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    if ((req.headers['accept-encoding'] ?? '').includes('gzip'))
      return reply.header('content-encoding', 'gzip').send(gzip);
    return reply.send(identity);
  });
  plain.get(`/full/${name}`, async (_req, reply) => reply.headers(answerHeaders).send(gzip));
}
await plain.listen({ host: '127.0.0.1', port: 0 });
const portOf = (a: ReturnType<typeof app.server.address>): number => (typeof a === 'object' && a ? a.port : 0);
process.send?.({
  port: portOf(app.server.address()),
  plainPort: portOf(plain.server.address()),
  token,
});
process.on('SIGTERM', () => {
  void Promise.all([app.close(), plain.close()]).then(async () => {
    await store.close();
    readModels.close();
    process.exit(0);
  });
});
