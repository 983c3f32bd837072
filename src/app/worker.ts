import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Starts a worker from a module URL, whether the service runs from TypeScript sources or built JS. */
export function startWorker(entry: URL, workerData: Record<string, unknown>, options: WorkerOptions = {}): Worker {
  if (entry.pathname.endsWith('.ts')) {
    return new Worker(new URL('./ts-worker-boot.mjs', import.meta.url), {
      ...options,
      workerData: { ...workerData, __entry: entry.href },
    });
  }
  return new Worker(entry, { ...options, workerData });
}
