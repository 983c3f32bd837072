import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import sharp from 'sharp';
import type { FileStore } from './types.ts';

/** Previews are this wide (at most: a smaller image is not enlarged), in WebP. */
export const PREVIEW_WIDTH = 320;

export const previewKey = (sha256: string): string => `${sha256}-w${PREVIEW_WIDTH}.webp`;

/** The image could not be read (a HEIC this build of libvips cannot decode, a damaged file): no preview. */
export class NoPreviewError extends Error {
  constructor(reason: string) {
    super(`no preview can be made of this image: ${reason}`);
    this.name = 'NoPreviewError';
  }
}

/**
 * The preview of an image, made on first request and kept in the file store beside the original,
 * under the original's hash: made once, then read like any file. Returns its key.
 */
export async function ensurePreview(files: FileStore, sha256: string): Promise<string> {
  const key = previewKey(sha256);
  if ((await files.size(key)) !== undefined) return key;
  const path = join(files.incoming, `${randomUUID()}.preview`);
  try {
    const resize = sharp({ failOn: 'error' })
      .rotate()
      .resize({ width: PREVIEW_WIDTH, withoutEnlargement: true })
      .webp({ quality: 70 });
    try {
      await pipeline(await files.read(sha256), resize, createWriteStream(path));
    } catch (err) {
      if (
        typeof (err as { syscall?: unknown }).syscall === 'string' ||
        (err as { name?: string }).name === 'StoreUnavailableError'
      )
        throw err;
      throw new NoPreviewError((err as Error).message);
    }
    await files.put(key, path);
    return key;
  } finally {
    await rm(path, { force: true });
  }
}
