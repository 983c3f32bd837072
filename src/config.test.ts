import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, offersDevSignIn } from './config.ts';

describe('configuration from the environment', () => {
  it('offers the development sign-in only on a development machine without a configured key', () => {
    expect(offersDevSignIn(loadConfig({}))).toBe(true);
    expect(offersDevSignIn(loadConfig({ JWT_SECRET: 'a-secret-of-enough-length-0123456789' }))).toBe(false);
    expect(
      offersDevSignIn(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-secret-of-enough-length-0123456789' })),
    ).toBe(false);
    expect(offersDevSignIn(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
  });
  it('uses defaults that run the embedded store under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', store: 'sqlite', env: 'development' });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads PORT, HOST and DATA_DIR', () => {
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: '/var/lib/cam' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/cam',
    });
  });

  it('names every invalid variable and its rule at once', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: '70000', STORE: 'mongo', LOG_LEVEL: 'loud' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const problems = (err as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT="70000": must be a port number 0–65535');
    expect(problems).toContain('STORE="mongo"');
    expect(problems).toContain('LOG_LEVEL="loud"');
  });
});
