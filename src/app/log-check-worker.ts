import { parentPort, workerData } from 'node:worker_threads';
import { checkSqliteFile } from './startup.ts';

/**
 * SQLite's quick check of the whole event log reads every page (about a second per 800 MB): it
 * runs on this thread while the main one loads the read models, and answers the StartupError's
 * message and exit code, or null when the file passed.
 */
const { path } = workerData as { path: string };
try {
  checkSqliteFile(path);
  parentPort?.postMessage(null);
} catch (err) {
  parentPort?.postMessage({ message: (err as Error).message, exitCode: (err as { exitCode?: number }).exitCode ?? 1 });
}
