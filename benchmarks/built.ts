import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The URL of a module of the build (`dist/`, `npm run build`), for benchmarks that measure the
 * service as operators run it: code loaded through tsx carries its helpers (a `__name` call per
 * closure made), which the build does not. Import it typed from its source:
 * `(await import(built('src/server.js'))) as typeof import('../src/server.ts')`.
 */
export const built = (path: string): string => pathToFileURL(join(import.meta.dirname, '..', 'dist', path)).href;
