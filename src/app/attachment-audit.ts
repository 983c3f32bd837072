import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { logPages } from '../eventstore/pages.ts';
import type { EventStore, ExportedEvent } from '../eventstore/types.ts';
import type { FileStore } from '../files/types.ts';

/** A file the log says a record has: its hash and size, where it was recorded. */
export interface AttachedFileRef {
  sha256: string;
  size: number;
  name: string;
  stream: string;
  position: number;
}

/** A file the log records that the file store does not hold as recorded. */
export interface FileProblem extends AttachedFileRef {
  kind: 'missing' | 'changed';
  detail: string;
}

/** The files a list of events records as attached (FileAttached), each hash once, first recorded first. */
export function attachedIn(events: Iterable<ExportedEvent>): AttachedFileRef[] {
  const seen = new Map<string, AttachedFileRef>();
  for (const e of events) {
    if (e.type !== 'FileAttached') continue;
    const { sha256, size, name } = e.data as { sha256: string; size: number; name: string };
    if (!seen.has(sha256)) seen.set(sha256, { sha256, size, name, stream: e.stream, position: e.position });
  }
  return [...seen.values()];
}

/** Every file the log records as attached, each hash once. */
export async function attachedFiles(store: EventStore): Promise<AttachedFileRef[]> {
  const events: ExportedEvent[] = [];
  for await (const page of logPages((o) => store.readAll(o), { pageSize: 5000, filter: { types: ['FileAttached'] } }))
    events.push(...page);
  return attachedIn(events);
}

/** SHA-256 and size of a readable's bytes, streamed. */
async function digest(source: AsyncIterable<Buffer>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Checks that every file the log records is in the file store and that its bytes hash to the
 * SHA-256 recorded (audit:verify): a missing or changed file is a problem, with where it was recorded.
 */
export async function verifyFiles(
  store: EventStore,
  files: FileStore,
  onFile: () => void = () => undefined,
): Promise<{ checked: number; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const all = await attachedFiles(store);
  for (const f of all) {
    onFile();
    const size = await files.size(f.sha256);
    if (size === undefined) {
      problems.push({ ...f, kind: 'missing', detail: `no file ${f.sha256} in the file store` });
      continue;
    }
    const got = await digest((await files.read(f.sha256)) as AsyncIterable<Buffer>);
    if (got.sha256 !== f.sha256 || got.size !== f.size)
      problems.push({
        ...f,
        kind: 'changed',
        detail: `its bytes hash to ${got.sha256} (${got.size} bytes), not to the ${f.size} bytes recorded`,
      });
  }
  return { checked: all.length, problems };
}

/** The folder an export's files go in, beside it: `<export>.files/`, each file named by its SHA-256. */
export const filesBeside = (exportPath: string): string => `${exportPath}.files`;

/** Copies the files the exported events record into `dir`, each named by its SHA-256. */
export async function exportFiles(refs: AttachedFileRef[], files: FileStore, dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  for (const f of refs) {
    const target = join(dir, f.sha256);
    if (existsSync(target)) continue;
    await pipeline(await files.read(f.sha256), createWriteStream(`${target}.part`));
    await rename(`${target}.part`, target);
  }
  return refs.length;
}

/**
 * Puts the files an import's events record into the file store, from `dir`, each checked against
 * its recorded SHA-256 first: the problems (missing or changed in `dir`) are answered, and such
 * files are not kept.
 */
export async function importFiles(refs: AttachedFileRef[], files: FileStore, dir: string): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (const f of refs) {
    const path = join(dir, f.sha256);
    if (!existsSync(path)) {
      problems.push({ ...f, kind: 'missing', detail: `no file ${f.sha256} beside the export (${dir})` });
      continue;
    }
    const got = await digest(createReadStream(path) as AsyncIterable<Buffer>);
    if (got.sha256 !== f.sha256) {
      problems.push({ ...f, kind: 'changed', detail: `the file beside the export hashes to ${got.sha256}` });
      continue;
    }
    // The store takes its own copy (a folder store copies a file that is not on its disk).
    const staged = join(files.incoming, `${f.sha256}.import`);
    await pipeline(createReadStream(path), createWriteStream(staged));
    try {
      await files.put(f.sha256, staged);
    } finally {
      await rm(staged, { force: true });
    }
  }
  return problems;
}
