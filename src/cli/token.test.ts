import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'cam-token-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npm run token -- …` from the sources, with only the environment given (and PATH). */
function token(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/token.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const STACK_LINE = /^\s+at /m;

describe('npm run token', () => {
  it('prints its usage on stdout and exits 0 when asked for --help or -h', () => {
    for (const flag of ['--help', '-h']) {
      const r = token([flag]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^usage: npm run -s token -- --role ROLE/);
      expect(r.stdout).toContain('--province');
      expect(r.stdout).not.toMatch(STACK_LINE);
      expect(r.stderr).toBe('');
    }
  });

  it('refuses an unknown option with exit 2, a one-line reason naming it and the usage, and no stack trace', () => {
    const r = token(['--role', 'auditor', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe("token: unknown option '--bogus'");
    expect(r.stderr).toContain('usage: npm run -s token');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a bad value with exit 2 and says which option is wrong', () => {
    const hours = token(['--role', 'auditor', '--hours', 'eight']);
    expect(hours.code).toBe(2);
    expect(hours.stderr.split('\n')[0]).toMatch(/^token: --hours "eight": must be a positive number/);
    const province = token(['--role', 'provincial_officer']);
    expect(province.code).toBe(2);
    expect(province.stderr.split('\n')[0]).toMatch(/^token: --province: /);
    for (const r of [hours, province]) {
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('prints exactly one line, a JWT, and nothing else on stdout when JWT_SECRET is set', () => {
    const r = token(['--role', 'provincial_officer', '--province', '68', '--sub', 'nguyen.van.a'], {
      JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const payload = JSON.parse(Buffer.from(lines[0]!.split('.')[1]!, 'base64url').toString('utf8'));
    expect(payload).toMatchObject({ sub: 'nguyen.van.a', role: 'provincial_officer', province: '68', app: 'cli' });
    expect(payload.exp - payload.iat).toBe(8 * 3600);
  });

  it('says in one line, exit 78, that it has no key to sign with when production has only the identity provider', () => {
    const r = token(['--role', 'auditor'], {
      NODE_ENV: 'production',
      OIDC_ISSUER: 'https://sso.example.vn/realms/htx',
      OIDC_AUDIENCE: 'htx-api',
    });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^token: no local key: set JWT_SECRET/);
  });
});
