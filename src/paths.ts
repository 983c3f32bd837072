import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's root folder, the nearest one above this module with a package.json: the same
 * folder whether the service runs from its sources (src/) or from the build (dist/src/).
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = projectRoot(import.meta.dirname);
