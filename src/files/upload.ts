import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { fileStoreFault } from './types.ts';

/** ATTACHMENT_MAX_BYTES by default: 25 MiB. */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** An upload as it arrived: a temporary file, its SHA-256 and size. The caller removes `path`. */
export interface Received {
  path: string;
  sha256: string;
  size: number;
}

/** The upload is larger than the limit; nothing was kept. */
export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Streams an upload into a new file in `incoming`, hashing it on the way: never held whole in
 * memory. More than `maxBytes` stops the copy (FileTooLargeError); a write the disk refuses is the
 * store's fault (StoreUnavailableError). Either way the temporary file is removed.
 */
export async function receive(source: Readable, incoming: string, maxBytes: number): Promise<Received> {
  // A body that ended in the middle of the file: the multipart parser destroyed the part already.
  if (source.destroyed) throw new Error('the body ended in the middle of the file');
  const path = join(incoming, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof FileTooLargeError) throw err;
    // @fastify/multipart's own limit, which stops the part's stream.
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new FileTooLargeError(maxBytes);
    if (typeof (err as { syscall?: unknown }).syscall === 'string') throw fileStoreFault(err, 'take the upload');
    throw err;
  }
  return { path, sha256: hash.digest('hex'), size };
}

/** A type the service keeps: its media type and usual extension. */
export interface Detected {
  mediaType: string;
  extension: string;
}

/** What file-type reads from the bytes, for the types taken: documents, spreadsheets, slides and photos. */
const ALLOWED: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/** Legacy Office files are one container (CFB) to the bytes: the name tells a document from a workbook. */
const LEGACY_OFFICE: Readonly<Record<string, string>> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Every media type an attached file may have. */
export const ATTACHMENT_TYPES: readonly string[] = [...Object.values(ALLOWED), ...Object.values(LEGACY_OFFICE)];

/** Types the service takes, as people say them (for the refusal and the docs). */
export const ALLOWED_TYPES_TEXT = 'PDF, JPEG, PNG, WebP, GIF, HEIC, DOCX/XLSX/PPTX, DOC/XLS/PPT, ODT/ODS/ODP';

/** The type read from the file's bytes (never from its name), or what it was read as when it is not taken. */
export async function detectType(path: string, name: string): Promise<Detected | { refused: string }> {
  const t = await fileTypeFromFile(path);
  if (t === undefined) return { refused: 'unknown (no known signature in its bytes)' };
  const ext = t.ext as string;
  const media = ALLOWED[ext];
  if (media !== undefined) return { mediaType: media, extension: ext };
  if (ext === 'cfb') {
    const byName = extname(name).slice(1).toLowerCase();
    const legacy = LEGACY_OFFICE[byName];
    return legacy !== undefined
      ? { mediaType: legacy, extension: byName }
      : { refused: 'application/x-cfb (a compound file not named .doc, .xls or .ppt)' };
  }
  return { refused: `${t.mime} (.${ext})` };
}

/** Whether a type is an image a preview can be made of. */
export const PREVIEWABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic']);
