import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import type { EventStore } from '../eventstore/types.ts';

/**
 * The event store the configuration names: the SQLite file in DATA_DIR, a throwaway one in
 * memory, the PostgreSQL log at DATABASE_URL or the KurrentDB one at KURRENTDB_URL. The service
 * and the CLIs open it the same way.
 * The server stores' clients (pg; KurrentDB's gRPC client) are loaded only when configured: they
 * are a good part of the start-up time of a service that does not use them.
 */
export async function openConfiguredStore(
  config: Config,
  hooks: { afterCommit?: () => void } = {},
): Promise<EventStore> {
  if (config.store === 'memory') return SqliteEventStore.open({ path: ':memory:' });
  if (config.kurrentdbUrl !== undefined) {
    const { KurrentEventStore } = await import('../eventstore/kurrentdb/store.ts');
    return KurrentEventStore.open({ connectionString: config.kurrentdbUrl });
  }
  if (config.postgres !== undefined) {
    const { url, poolSize, schema } = config.postgres;
    const { PostgresEventStore } = await import('../eventstore/postgres/store.ts');
    return PostgresEventStore.open({ connectionString: url, poolSize, schema, ...hooks });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteEventStore.open({ path: join(config.dataDir, 'events.sqlite'), ...hooks });
}
