import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FilesConfig } from '../config.ts';
import { FolderFileStore } from './folder.ts';
import type { FileStore } from './types.ts';

/**
 * The file store the configuration names (see FilesConfig): the service and the audit CLI open it
 * the same way. PostgreSQL's client is loaded only when configured.
 */
export async function openFileStore(config: FilesConfig): Promise<FileStore> {
  if (config.kind === 'folder') return FolderFileStore.open(config.dir);
  if (config.kind === 'postgres') {
    const { PostgresFileStore } = await import('./postgres.ts');
    return PostgresFileStore.open(config);
  }
  const dir = mkdtempSync(join(tmpdir(), 'cam-files-'));
  const store = await FolderFileStore.open(dir);
  const close = store.close.bind(store);
  return Object.assign(store, {
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
