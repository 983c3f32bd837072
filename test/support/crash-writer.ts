// Appends events as fast as it can and prints each acknowledged append; the test kills it with SIGKILL.
import { uuidv7 } from '../../src/app/ids.ts';
import { SqliteEventStore } from '../../src/eventstore/sqlite/store.ts';

const store = await SqliteEventStore.open({ path: process.argv[2] as string });
const metadata = { actor: 'crash-test' };
await Promise.all(
  Array.from({ length: 16 }, async (_, w) => {
    for (let i = 0; ; i++) {
      const id = uuidv7();
      await store.append(`w-${w}`, [{ id, type: 'Acked', data: { w, i }, metadata }], { expectedRevision: i - 1 });
      process.stdout.write(`${id}\n`);
    }
  }),
);
