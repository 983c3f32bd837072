import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { mintToken } from '../../src/auth/keys.ts';

/** The project's root and what `npm start` runs there: the build (test/support/build.ts compiles it first). */
export const ROOT = join(import.meta.dirname, '..', '..');
export const SERVICE_MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** The key the child services of the tests sign tokens with. */
export const SERVICE_SECRET = 'reliability-tests-secret-0123456789abcdef';

export function serviceToken(claims: { sub: string; role: string; province?: string; app?: string }): string {
  return mintToken({ algorithm: 'HS256', secret: SERVICE_SECRET }, claims, 3600);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningService {
  base: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  stderr: () => string;
}

/** Starts the service as `npm start` does (the built dist/src/main.js) and waits until /health/ready says ready. */
export async function startService(dataDir: string, env: Record<string, string> = {}): Promise<RunningService> {
  // A service started again on the port it had (env.PORT), as after a restart; a free port otherwise.
  const port = env.PORT !== undefined ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', SERVICE_MAIN], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      JWT_SECRET: SERVICE_SECRET,
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => void (err += d.toString()));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited at start-up: ${err}`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`the service did not become ready: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base, child, exited, stderr: () => err };
}
