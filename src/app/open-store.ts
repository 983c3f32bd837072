import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { KurrentEventStore } from '../eventstore/kurrentdb/store.ts';
import { PostgresEventStore } from '../eventstore/postgres/store.ts';
import { SqliteEventStore } from '../eventstore/sqlite/store.ts';
import type { EventStore } from '../eventstore/types.ts';

/**
 * The event store the configuration names: the SQLite file in DATA_DIR, a throwaway one in
 * memory, the PostgreSQL log at DATABASE_URL or the KurrentDB one at KURRENTDB_URL. The service and the CLIs open it the same way.
 */
export async function openConfiguredStore(config: Config, hooks: { afterCommit?: () => void } = {}): Promise<EventStore> {
  if (config.store === 'memory') return SqliteEventStore.open({ path: ':memory:' });
  if (config.kurrentdbUrl !== undefined) return KurrentEventStore.open({ connectionString: config.kurrentdbUrl });
  if (config.postgres !== undefined) {
    const { url, poolSize, schema } = config.postgres;
    return PostgresEventStore.open({ connectionString: url, poolSize, schema, ...hooks });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return SqliteEventStore.open({ path: join(config.dataDir, 'events.sqlite'), ...hooks });
}
