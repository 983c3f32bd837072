/**
 * npm run audit:verify                      — walk every hash chain, and check every attached file
 *                                              is kept with the bytes recorded; exit 1 at a problem
 * npm run audit:export -- [--out FILE] [--format ndjson|csv] [--province 67] [--year 2024]
 *                                            — with --out (NDJSON), the attached files go beside it,
 *                                              in FILE.files/, each named by its SHA-256
 * npm run audit:import -- --in FILE         — load an NDJSON export into an empty store, and the
 *                                              files in FILE.files/ into the file store
 *
 * They use the event log the service is configured with (STORE: events.sqlite in DATA_DIR, or
 * the PostgreSQL log at DATABASE_URL), and its file store (src/files/).
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { csvOf, exportEvents, readNdjson, toNdjsonLine } from '../app/audit.ts';
import type { EventStore, ExportedEvent } from '../eventstore/types.ts';
import { progress } from './progress.ts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../config.ts';
import { openConfiguredStore } from '../app/open-store.ts';
import {
  attachedIn,
  exportFiles,
  filesBeside,
  importFiles,
  verifyFiles,
  type AttachedFileRef,
  type FileProblem,
} from '../app/attachment-audit.ts';
import { openFileStore } from '../files/open.ts';
import type { FileStore } from '../files/types.ts';
import { existsSync } from 'node:fs';

type Options = { out?: string; in?: string; format: string; province?: string; year?: string };

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      in: { type: 'string' },
      format: { type: 'string', default: 'ndjson' },
      province: { type: 'string' },
      year: { type: 'string' },
    },
  });
  const config = loadConfig();
  if (config.store === 'memory') throw new Error('STORE=memory has no log to audit');
  const store = await openConfiguredStore(config);
  const files = await openFileStore(config.files);
  try {
    switch (command) {
      case 'verify': {
        const log = await verify(store);
        return Math.max(log, await verifyAttached(store, files));
      }
      case 'export':
        return await exportLog(store, files, values);
      case 'import':
        return await importLog(store, files, values);
      default:
        throw new Error(
          'usage: audit verify | export [--out FILE] [--format ndjson|csv] [--province NN] [--year YYYY] ' +
            '| import --in FILE',
        );
    }
  } finally {
    await files.close();
    await store.close();
  }
}

/** Says which attached files are missing or changed. */
function reportFiles(problems: FileProblem[]): void {
  for (const p of problems)
    process.stdout.write(
      `FILE ${p.kind.toUpperCase()}: "${p.name}" (sha256 ${p.sha256}, attached at position ${p.position}, ` +
        `stream "${p.stream}"): ${p.detail}\n`,
    );
}

/** Every attached file is in the file store with the bytes recorded: 0, or 1 with each one that is not. */
async function verifyAttached(store: EventStore, files: FileStore): Promise<number> {
  const r = await verifyFiles(store, files);
  if (r.problems.length === 0) {
    process.stdout.write(`ok: ${r.checked.toLocaleString('en-US')} attached files, each as recorded\n`);
    return 0;
  }
  reportFiles(r.problems);
  return 1;
}

/** Walks every hash chain: 0 when the log is intact, 1 with the problems found. */
async function verify(store: EventStore): Promise<number> {
  const bar = progress('verify (events checked)', await store.headPosition());
  let checked = 0;
  const r = await store.verifyIntegrity({
    onProgress: (n) => {
      bar.tick(n - checked);
      checked = n;
    },
  });
  bar.tick(r.eventsChecked - checked);
  bar.done();
  if (r.ok) {
    const events = r.eventsChecked.toLocaleString('en-US');
    const streams = r.streamsChecked.toLocaleString('en-US');
    process.stdout.write(`ok: ${events} events in ${streams} streams, head position ${r.headPosition}\n`);
    return 0;
  }
  const first = r.problems[0];
  process.stdout.write(
    `TAMPERED: first problem at position ${first?.position}: ${first?.kind} — ${first?.detail} ` +
      `(stream "${first?.stream}", revision ${first?.revision})\n`,
  );
  for (const p of r.problems.slice(1))
    process.stdout.write(`  also at position ${p.position}: ${p.kind} — ${p.detail}\n`);
  return 1;
}

/** Writes the log (or one province's or year's records) as NDJSON or CSV, to --out or standard output. */
async function exportLog(store: EventStore, files: FileStore, values: Options): Promise<number> {
  if (values.format !== 'ndjson' && values.format !== 'csv') throw new Error('--format is ndjson or csv');
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  let n = 0;
  const filter = {
    ...(values.province ? { province: values.province } : {}),
    ...(values.year ? { year: Number(values.year) } : {}),
  };
  const head = await store.headPosition();
  const bar = progress('export (log positions read)', head);
  const attached: ExportedEvent[] = [];
  const counted = async function* () {
    let read = 0;
    for await (const e of exportEvents(store, filter)) {
      n++;
      if (e.type === 'FileAttached') attached.push(e);
      bar.tick(e.position - read);
      read = e.position;
      yield e;
    }
    bar.tick(head - read);
    bar.done();
  };
  const ndjson = async function* () {
    for await (const e of counted()) yield toNdjsonLine(e);
  };
  await pipeline(values.format === 'csv' ? csvOf(counted()) : Readable.from(ndjson()), out, {
    end: out !== process.stdout,
  });
  process.stderr.write(`exported ${n.toLocaleString('en-US')} events\n`);
  const refs: AttachedFileRef[] = attachedIn(attached);
  if (refs.length > 0 && values.out !== undefined && values.format === 'ndjson') {
    const dir = filesBeside(values.out);
    await exportFiles(refs, files, dir);
    process.stderr.write(`exported ${refs.length.toLocaleString('en-US')} attached files to ${dir}\n`);
  } else if (refs.length > 0)
    process.stderr.write(
      `${refs.length} attached files not exported: they go beside an NDJSON export written with --out\n`,
    );
  return 0;
}

/** Loads an NDJSON export into an empty store, then checks it: 0 when intact. */
async function importLog(store: EventStore, files: FileStore, values: Options): Promise<number> {
  if (!values.in) throw new Error('--in FILE is required');
  // Streamed line by line; the events are then checked whole (every chain) before anything is written.
  const events: ExportedEvent[] = [];
  const size = statSync(values.in).size;
  const bar = progress('import (bytes read)', size);
  const input = createReadStream(values.in);
  input.on('data', (chunk) => bar.tick(chunk.length));
  for await (const e of readNdjson(input)) events.push(e);
  bar.done();
  await store.importEvents(events);
  const r = await store.verifyIntegrity();
  process.stdout.write(
    `imported ${events.length.toLocaleString('en-US')} events; integrity ${r.ok ? 'ok' : 'FAILED'}\n`,
  );
  const refs = attachedIn(events);
  if (refs.length === 0) return r.ok ? 0 : 1;
  const dir = filesBeside(values.in);
  const problems = existsSync(dir)
    ? await importFiles(refs, files, dir)
    : refs.map((f): FileProblem => ({ ...f, kind: 'missing', detail: `no folder ${dir} beside the export` }));
  process.stdout.write(`imported ${refs.length - problems.length} of ${refs.length} attached files\n`);
  reportFiles(problems);
  return r.ok && problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
