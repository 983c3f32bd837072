import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.ts';
import { PROJECT_ROOT } from '../../paths.ts';
import { freePort } from '../../../test/support/service.ts';
import { KURRENTDB_SCHEMES, KurrentEventStore, kurrentClient } from './store.ts';

/** Every KurrentDB address an operator can copy: README, docs, compose, the config's own hint. */
function documentedAddresses(): { file: string; url: string }[] {
  const files = [
    'README.md',
    'docker-compose.yml',
    'src/config.ts',
    ...readdirSync(join(PROJECT_ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const found: { file: string; url: string }[] = [];
  for (const file of files) {
    const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
    for (const m of text.matchAll(/\b(?:kurrentdb|kurrent|kdb|esdb)(?:\+discover)?:\/\/[^\s"'`)|,]+/g))
      found.push({ file, url: m[0] });
  }
  return found;
}

afterEach(() => vi.restoreAllMocks());

describe('KurrentDB connection strings', () => {
  it('finds the addresses the README, the docs and compose give', () => {
    const files = new Set(documentedAddresses().map((a) => a.file));
    expect(files).toContain('README.md');
    expect(files).toContain('docker-compose.yml');
  });

  it('accepts every documented address in the configuration and builds the real client from it', async () => {
    for (const { file, url } of documentedAddresses()) {
      const config = loadConfig({ STORE: 'kurrentdb', KURRENTDB_URL: url });
      expect(config.kurrentdbUrl, `${file}: ${url}`).toBe(url);
      const client = kurrentClient(url);
      expect(client.connectionName, `${file}: ${url}`).toBeTypeOf('string');
      await client.dispose();
    }
  });

  it('builds the client for every scheme the configuration accepts, without deprecation warnings', async () => {
    const warn = vi.spyOn(console, 'warn');
    for (const scheme of KURRENTDB_SCHEMES) {
      const url = `${scheme}://kurrentdb.example:2113?tls=false`;
      expect(loadConfig({ STORE: 'kurrentdb', KURRENTDB_URL: url }).kurrentdbUrl).toBe(url);
      await kurrentClient(url).dispose();
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('refuses an address of another kind at start-up, naming the variable', () => {
    expect(() => loadConfig({ STORE: 'kurrentdb', KURRENTDB_URL: 'http://kurrentdb:2113' })).toThrow(
      /KURRENTDB_URL="http:\/\/kurrentdb:2113": must be a kurrentdb:\/\/host:2113 connection string/,
    );
  });

  it('reaches the network with a documented address: no server there is "unavailable", not a parse error', async () => {
    const port = await freePort();
    const open = KurrentEventStore.open({
      connectionString: `kurrentdb://127.0.0.1:${port}?tls=false&maxDiscoverAttempts=1&discoveryInterval=10&gossipTimeout=1`,
    });
    await expect(open).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  });
});
