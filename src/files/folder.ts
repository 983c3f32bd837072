import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileStoreFault, requireKey, type FileStore } from './types.ts';

/**
 * Files in a folder (DATA_DIR/files beside the SQLite log): `ab/<key>` where ab are the key's
 * first two hex digits. A file goes in by a rename of a complete, fsynced file in the same folder
 * tree, then the folder is fsynced: a crash leaves either the whole file or none, never half.
 */
export class FolderFileStore implements FileStore {
  readonly kind = 'folder';
  readonly incoming: string;

  private constructor(readonly root: string) {
    this.incoming = join(root, '.incoming');
  }

  static async open(root: string): Promise<FolderFileStore> {
    const store = new FolderFileStore(root);
    await mkdir(store.incoming, { recursive: true });
    // Uploads a crash interrupted: never part of the store.
    for (const name of await readdir(store.incoming)) await rm(join(store.incoming, name), { force: true });
    return store;
  }

  private pathOf(key: string): string {
    requireKey(key);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, path: string): Promise<void> {
    const target = this.pathOf(key);
    if ((await this.size(key)) !== undefined) return;
    const dir = join(this.root, key.slice(0, 2));
    // A file not already in the store's tree is copied into it first, so that the rename stays on one disk.
    const staged = path.startsWith(this.incoming) ? path : join(this.incoming, `${randomUUID()}.part`);
    try {
      if (staged !== path) await copyFile(path, staged);
      await fsyncPath(staged, 'r+');
      await mkdir(dir, { recursive: true });
      await rename(staged, target);
      await fsyncPath(dir, 'r');
    } catch (err) {
      if (staged !== path) await rm(staged, { force: true });
      throw fileStoreFault(err, 'keep the file');
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return undefined;
      throw fileStoreFault(err, 'read the file');
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.pathOf(key);
    // Opened before the answer starts, so that a missing file is an error and not a cut stream.
    const handle = await open(path, 'r').catch((err: unknown) => {
      throw fileStoreFault(err, 'read the file');
    });
    return handle.createReadStream(range ?? {});
  }

  async *keys(): AsyncIterable<string> {
    for (const dir of (await readdir(this.root)).sort()) {
      if (!/^[0-9a-f]{2}$/.test(dir)) continue;
      for (const name of (await readdir(join(this.root, dir))).sort()) if (name.startsWith(dir)) yield name;
    }
  }

  async close(): Promise<void> {}
}

async function fsyncPath(path: string, flags: 'r' | 'r+'): Promise<void> {
  const h = await open(path, flags);
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}
