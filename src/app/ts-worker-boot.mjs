// Starts a TypeScript worker under tsx: Node 20 does not pass the parent's module hooks to workers.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.__entry);
