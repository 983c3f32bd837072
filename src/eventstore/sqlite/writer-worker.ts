import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './database.ts';
import { SqliteWriter, type WriterRequest } from './writer.ts';

/** The writer thread: owns the write connection so that fsync never blocks the HTTP event loop. */
const port = parentPort;
if (port === null) throw new Error('writer-worker must run as a worker thread');
const { path } = workerData as { path: string };
const db = openDatabase(path);
const writer = new SqliteWriter(db);

port.on('message', (msg: { seq: number; requests: WriterRequest[] } | { close: true }) => {
  if ('close' in msg) {
    db.close();
    port.close();
    return;
  }
  port.postMessage({ seq: msg.seq, outcomes: writer.commitBatch(msg.requests) });
});
port.postMessage({ ready: true });
