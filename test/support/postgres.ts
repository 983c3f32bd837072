import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './service.ts';

/** A PostgreSQL server for the tests, and how it was had. */
export interface TestPostgres {
  url: string;
  /** "testcontainers", "local binaries (…)" or "PG_URL". */
  how: string;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL for the tests, the first that works of: a testcontainers container where a Docker
 * engine answers; a throwaway cluster from PostgreSQL server binaries found on this machine
 * (initdb in a temp dir, its own port, run as the `postgres` user when we are root, stopped
 * afterwards); PG_URL. Otherwise a reason to skip, saying what to install.
 */
export async function startTestPostgres(options: { fsync?: boolean } = {}): Promise<TestPostgres | { skip: string }> {
  if (dockerAnswers()) {
    try {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const c = await new PostgreSqlContainer('postgres:16-alpine').start();
      return {
        url: c.getConnectionUri(),
        how: 'testcontainers (postgres:16-alpine)',
        stop: async () => void (await c.stop()),
      };
    } catch {
      // fall through to local binaries
    }
  }
  const bin = localBinaries();
  if (bin !== undefined) return startCluster(bin, options.fsync ?? false);
  if (process.env.PG_URL) return { url: process.env.PG_URL, how: 'PG_URL', stop: async () => undefined };
  return { skip: 'no Docker engine, no PostgreSQL server binaries (apt-get install postgresql) and no PG_URL' };
}

function dockerAnswers(): boolean {
  if (process.env.DOCKER_HOST === undefined && !existsSync('/var/run/docker.sock')) return false;
  return spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

/** The newest PostgreSQL server binaries of Debian's layout (/usr/lib/postgresql/N/bin), or PG_BIN. */
function localBinaries(): string | undefined {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

async function startCluster(bin: string, fsync: boolean): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cam-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  // The server refuses to run as root: as root, the cluster belongs to the `postgres` user.
  const run = (cmd: string, args: string[]): void => {
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe', cwd: dir });
    else execFileSync(join(bin, cmd), args, { stdio: 'pipe', cwd: dir });
  };
  if (asRoot) {
    chmodSync(dir, 0o755);
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c max_connections=200',
    ...(fsync ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  run('pg_ctl', ['-D', data, '-o', settings.join(' '), '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    how: `local binaries (${bin}${fsync ? '' : ', fsync off for speed'})`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
