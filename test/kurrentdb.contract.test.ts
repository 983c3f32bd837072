import { describe, it } from 'vitest';
import { KurrentEventStore } from '../src/eventstore/kurrentdb/store.ts';
import { eventStoreContract } from './eventstore.contract.ts';

/**
 * KurrentDB runs where a Docker engine answers (testcontainers, image KURRENTDB_IMAGE) or where
 * KURRENTDB_URL names a server; otherwise the suite is skipped and says so.
 */
async function server(): Promise<{ url: string; how: string; stop: () => Promise<void> } | { skip: string }> {
  if (process.env.KURRENTDB_URL)
    return { url: process.env.KURRENTDB_URL, how: 'KURRENTDB_URL', stop: async () => undefined };
  const { spawnSync } = await import('node:child_process');
  if (spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status !== 0) {
    return {
      skip: 'no Docker engine answers and KURRENTDB_URL is not set: the KurrentDB adapter is not tested against a server here (its mappings are, in src/eventstore/kurrentdb/mapping.test.ts)',
    };
  }
  const { GenericContainer, Wait } = await import('testcontainers');
  const image = process.env.KURRENTDB_IMAGE ?? 'kurrentplatform/kurrentdb:26.1.1';
  const c = await new GenericContainer(image)
    .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None', EVENTSTORE_INSECURE: 'true' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .start();
  return {
    url: `kurrentdb://${c.getHost()}:${c.getMappedPort(2113)}?tls=false`,
    how: `testcontainers (${image})`,
    stop: async () => void (await c.stop()),
  };
}

const kdb = await server();
if ('skip' in kdb) {
  console.log(`KurrentDB contract suite skipped: ${kdb.skip}`);
  describe('event store contract: KurrentDB', () => it.skip(kdb.skip, () => undefined));
} else {
  console.log(`KurrentDB contract suite runs against a real server: ${kdb.how}`);
  let n = 0;
  // One server for every test; each test's log is a namespace of its own on it.
  eventStoreContract(
    `KurrentDB (${kdb.how})`,
    () => {
      const namespace = `contract${process.pid}x${++n}`;
      return {
        persistent: true,
        open: (now) =>
          KurrentEventStore.open({
            connectionString: kdb.url,
            namespace,
            pollIntervalMs: 100,
            ...(now ? { now } : {}),
          }),
      };
    },
    { sparsePositions: true },
  );
}
