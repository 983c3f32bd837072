/**
 * npm run demo — loads demonstration data into the configured store (service stopped), so that
 * the page at / shows something on first start: the Đắk Nông 2024 plan and its records, the
 * Tây Ninh 2023 steering committee and tasks, and 2026 campaigns of six other provinces made
 * up in the same shape, with the national alliance's 2026 honouring conference (demo-data.ts).
 * Every record goes through the API's own commands (validated and decided as any client's); a
 * campaign that is already there is left as it is, so running it twice adds nothing.
 */
import { randomBytes } from 'node:crypto';
import { openConfiguredStore } from '../app/open-store.ts';
import { mintToken, type VerifyKey } from '../auth/keys.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { buildServer } from '../server.ts';
import { DEMO_CAMPAIGNS, DEMO_SOURCES, type Caller } from './demo-data.ts';
import { progress } from './progress.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.store === 'memory')
    throw new Error(
      'STORE=memory keeps nothing: run the demo against the store the service uses ' +
        '(the default SQLite file in DATA_DIR)',
    );
  const store = await openConfiguredStore(config);
  // A key of its own for this process: the demo signs its requests to its own in-process service.
  const key: VerifyKey = { algorithm: 'HS256', secret: randomBytes(32).toString('hex') };
  const app = await buildServer({ store, key, logLevel: 'warn', rateLimitPerMinute: 1_000_000 });
  const tokens = new Map<string, string>();
  const headers = ({ role, province }: Caller) => {
    const sub = `demo-${role}${province ? `-${province}` : ''}`;
    let token = tokens.get(sub);
    if (token === undefined)
      tokens.set(sub, (token = mintToken(key, { sub, role, ...(province ? { province } : {}), app: 'demo' }, 3600)));
    return { authorization: `Bearer ${token}` };
  };
  let count = 0;
  const bar = progress('demo records', 0);
  const skipped: string[] = [];
  try {
    for (const campaign of DEMO_CAMPAIGNS) {
      const { url, by } = campaign.present;
      if ((await app.inject({ method: 'GET', url, headers: headers(by) })).statusCode === 200) {
        skipped.push(campaign.name);
        continue;
      }
      for (const { url, by, body } of campaign.commands) {
        const r = await app.inject({ method: 'POST', url, headers: headers(by), payload: body });
        if (r.statusCode >= 300) throw new Error(`POST ${url}: ${r.statusCode} ${r.body}`);
        count++;
        bar.tick();
      }
    }
  } finally {
    bar.done();
    await app.close();
    await store.close();
  }
  const alreadyThere = skipped.length ? `; already there, left as they were: ${skipped.join(', ')}` : '';
  process.stdout.write(`demo: ${count.toLocaleString('en-US')} records written${alreadyThere}\n`);
  process.stdout.write(`demo: ${DEMO_SOURCES}\n`);
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(
    /locked|busy/i.test(message)
      ? 'the event log is in use by the running service: stop it (Ctrl+C), run npm run demo, then npm start again\n'
      : `${message}\n`,
  );
  process.exitCode = 1;
});
