import type { Readable } from 'node:stream';
import { StoreUnavailableError } from '../eventstore/types.ts';

/**
 * Where attached files' bytes are kept (src/files/): once each, under their SHA-256 (a preview
 * under its original's hash and its size). The event log records which file a record has; this
 * store holds the bytes. Putting a file that is there already keeps the one there.
 */
export interface FileStore {
  readonly kind: 'folder' | 'postgres';
  /** A folder on the same disk as the store's folder (if any), where uploads are written while they arrive. */
  readonly incoming: string;
  /** Keeps the file at `path` under `key`: fsynced, whole or not at all. The file at `path` is used up or left for the caller to remove. */
  put(key: string, path: string): Promise<void>;
  /** The size of the file kept under `key`, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** The bytes of `key` from `start` to `end` inclusive (the whole file by default). */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Every key kept (for exports). */
  keys(): AsyncIterable<string>;
  close(): Promise<void>;
}

/** A key: a SHA-256 in hex, with a suffix for what is made from it (a preview: `-w320.webp`). */
export const FILE_KEY = /^[0-9a-f]{64}(-[a-z0-9.]{1,40})?$/;

export function requireKey(key: string): void {
  if (!FILE_KEY.test(key)) throw new Error(`not a file key: ${key}`);
}

/** The file store cannot take or give files now (disk full, read-only, database down): a 503, nothing half-written. */
export function fileStoreFault(err: unknown, what: string): StoreUnavailableError {
  const code = (err as { code?: unknown } | null)?.code;
  return new StoreUnavailableError(
    `the file store cannot ${what}${typeof code === 'string' ? ` (${code})` : ''}: ${(err as Error).message}`,
  );
}
