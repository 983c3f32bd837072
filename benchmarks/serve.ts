/** The server the projection benchmark loads: the generated log, its read models, and a bare route. */
import Fastify from 'fastify';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ReadModelStore } from '../src/app/projector.ts';
import { mintToken } from '../src/auth/keys.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';

const dir = process.argv[2] as string;
const key = { algorithm: 'HS256' as const, secret: randomBytes(32).toString('hex') };
const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
const readModels = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
const app = await buildServer({ store, readModels, key, logLevel: 'silent', rateLimitPerMinute: 100_000_000 });
app.get('/bare', { config: { access: 'public' } }, async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
// A plain fastify in the same process, no plugins or hooks: the floor any route can reach here.
const plain = Fastify({ logger: false });
plain.get('/bare', async () => ({ ok: true }));
await plain.listen({ host: '127.0.0.1', port: 0 });
const portOf = (a: ReturnType<typeof app.server.address>): number => (typeof a === 'object' && a ? a.port : 0);
process.send?.({
  port: portOf(app.server.address()),
  plainPort: portOf(plain.server.address()),
  token: mintToken(key, { sub: 'bench', role: 'national_officer', app: 'bench' }, 3600),
});
process.on('SIGTERM', () => {
  void Promise.all([app.close(), plain.close()]).then(async () => {
    await store.close();
    readModels.close();
    process.exit(0);
  });
});
