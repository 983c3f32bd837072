/** The server the projection benchmark loads: the generated log, its read models, and a bare route. */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ReadModelStore } from '../src/app/projector.ts';
import { mintToken } from '../src/cli/token.ts';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';

const dir = process.argv[2] as string;
const key = { algorithm: 'HS256' as const, secret: randomBytes(32).toString('hex') };
const store = await SqliteEventStore.open({ path: join(dir, 'events.sqlite') });
const readModels = ReadModelStore.open(join(dir, 'readmodels.sqlite'));
const app = await buildServer({ store, readModels, key, logLevel: 'silent', rateLimitPerMinute: 100_000_000 });
app.get('/bare', { config: { access: 'public' } }, async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address();
process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0, token: mintToken(key, { sub: 'bench', role: 'national_officer', app: 'bench' }, 3600) });
process.on('SIGTERM', () => {
  void app.close().then(async () => {
    await store.close();
    readModels.close();
    process.exit(0);
  });
});
