// Starts a TypeScript worker under tsx (tests and tools run the sources): workers do not inherit the parent's module hooks.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.__entry);
