import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Whether this process runs the built JavaScript (dist/) rather than the TypeScript sources. */
const BUILT = import.meta.url.endsWith('.js');

/**
 * Starts a worker from a module URL written as its source (`new URL('./x.ts', import.meta.url)`):
 * from the build, the compiled `x.js` beside it; from the sources (tests, tools), the `.ts` file
 * under tsx, since workers do not inherit the parent's module hooks.
 */
export function startWorker(entry: URL, workerData: Record<string, unknown>, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { ...options, workerData });
  if (BUILT) return new Worker(new URL(entry.href.replace(/\.ts$/, '.js')), { ...options, workerData });
  return new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
    ...options,
    workerData: { ...workerData, __entry: entry.href },
  });
}
