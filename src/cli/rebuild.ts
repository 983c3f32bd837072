/**
 * npm run projections:rebuild — folds the whole event log in DATA_DIR again into fresh read
 * models. Run it with the service stopped; while the service runs, use POST
 * /admin/projections/rebuild instead (the service holds the read-model file).
 */
import { join } from 'node:path';
import { Projector } from '../app/projector.ts';
import { ReadModelStore } from '../app/read-model-store.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { openConfiguredStore } from '../app/open-store.ts';
import { progress } from './progress.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.store === 'memory') throw new Error('STORE=memory has nothing to rebuild');
  const readModels = ReadModelStore.open(join(config.dataDir, 'readmodels.sqlite'), { exclusive: true });
  const store = await openConfiguredStore(config);
  const projector = new Projector(store, { readModels });
  const bar = progress('rebuild (log positions folded)', await store.headPosition());
  let folded = 0;
  // Nothing else reads or writes the read models meanwhile: written in bulk.
  const r = await projector.rebuild(
    (position) => {
      bar.tick(position - folded);
      folded = position;
    },
    { bulk: true },
  );
  bar.done();
  await projector.stop();
  readModels.close();
  await store.close();
  const perSecond = Math.round(r.events / Math.max(r.seconds, 1e-9)).toLocaleString('en-US');
  process.stdout.write(
    `rebuilt the read models from ${r.events.toLocaleString('en-US')} events in ${r.seconds.toFixed(2)} s ` +
      `(${perSecond} events/s)\n`,
  );
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  if (/locked|busy/i.test(message)) {
    process.stderr.write(
      'the read models are in use by the running service: ' +
        'stop it, or call POST /admin/projections/rebuild as an admin\n',
    );
  } else {
    process.stderr.write(`${message}\n`);
  }
  process.exitCode = 1;
});
