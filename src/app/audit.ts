import { createInterface } from 'node:readline';
import { format } from '@fast-csv/format';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { vnDateOf } from '../../domain/shared/time.ts';
import { EventMetadataSchema, type EventStore, type ExportedEvent, type StoredEvent } from '../eventstore/types.ts';
import { logPages } from '../eventstore/pages.ts';

export interface ExportFilter {
  /** Province code: events recorded for it (metadata) or organised by it (data). */
  province?: string;
  /** Campaign year (data.year), else the Vietnam year of recording. */
  year?: number;
}

function matches(e: StoredEvent, f: ExportFilter): boolean {
  if (f.province !== undefined && e.metadata.province !== f.province && e.data.organiser !== f.province) return false;
  if (f.year !== undefined) {
    const y = typeof e.data.year === 'number' ? e.data.year : Number(vnDateOf(e.recordedAt).slice(0, 4));
    if (y !== f.year) return false;
  }
  return true;
}

/** Every event of the log in global order, with all it carries, optionally filtered. */
export async function* exportEvents(store: EventStore, filter: ExportFilter = {}): AsyncGenerator<ExportedEvent> {
  for await (const page of logPages((o) => store.readAll(o), { pageSize: 5000 }))
    for (const e of page) if (matches(e, filter)) yield e;
}

export const ExportedEventSchema = z.object({
  id: z.uuid(),
  stream: z.string().min(1),
  revision: z.number().int().nonnegative(),
  position: z.number().int().positive(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()),
  metadata: EventMetadataSchema,
  recordedAt: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** One JSON event per line. */
export function toNdjsonLine(e: ExportedEvent): string {
  const line = {
    id: e.id,
    stream: e.stream,
    revision: e.revision,
    position: e.position,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
    hash: e.hash,
  };
  return `${JSON.stringify(line)}\n`;
}

/** One line of an NDJSON export as an event, or an error naming the line and the field. */
function parseLine(line: string, n: number): ExportedEvent {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`line ${n}: not JSON`);
  }
  const parsed = ExportedEventSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`line ${n}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  return parsed.data;
}

/** Reads an NDJSON export line by line from a stream (a file is never read whole into one string). */
export async function* readNdjson(input: NodeJS.ReadableStream): AsyncGenerator<ExportedEvent> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = raw.trim();
    if (line !== '') yield parseLine(line, n);
  }
}

export function parseNdjson(text: string): ExportedEvent[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => parseLine(line, n));
}

export const CSV_HEADER = [
  'vị trí',
  'mã sự kiện',
  'luồng',
  'phiên bản luồng',
  'loại',
  'phiên bản lược đồ',
  'thời điểm ghi (UTC)',
  'người ghi',
  'vai trò',
  'tỉnh',
  'ứng dụng',
  'mã tương quan',
  'khóa idempotency',
  'hash',
  'dữ liệu (JSON)',
];

/** One event as the cells of a CSV row, in the order of CSV_HEADER. */
export function csvRow(e: ExportedEvent): (string | number)[] {
  const m = e.metadata;
  return [
    e.position,
    e.id,
    e.stream,
    e.revision,
    e.type,
    e.schemaVersion,
    e.recordedAt,
    m.actor,
    m.role ?? '',
    m.province ?? '',
    m.app ?? '',
    m.correlationId ?? '',
    m.idempotencyKey ?? '',
    e.hash,
    JSON.stringify(e.data),
  ];
}

/**
 * Events as CSV (@fast-csv/format): Vietnamese headings, UTF-8 with a byte-order mark so that
 * spreadsheet programs read Vietnamese, CRLF rows, quoting as RFC 4180 asks. Rows streamed.
 */
export function csvOf(events: AsyncIterable<ExportedEvent>): Readable {
  return Readable.from(
    (async function* () {
      for await (const e of events) yield csvRow(e);
    })(),
    { objectMode: true },
  ).pipe(format({ headers: CSV_HEADER, writeBOM: true, rowDelimiter: '\r\n', includeEndRowDelimiter: true }));
}
