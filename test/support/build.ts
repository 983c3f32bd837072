import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest global set-up: compile the service (`npm run build`) before any test runs, so that the
 * tests that start it as `npm start` does run the current sources' build. Incremental: a build
 * that is up to date costs a few seconds.
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
}
