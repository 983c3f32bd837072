import { EventMetadataSchema, type EventMetadata, type ReplayedEvent, type StoredEvent } from './types.ts';

/**
 * Turns stored rows into events. The columns are `position, id, stream, revision, type, schema_version,
 * data, metadata, recorded_at, hash`; the stores' tables type the columns; what crosses the boundary
 * unchecked by it is the JSON: `data` must be an object and `metadata` must match its zod schema.
 * Metadata repeats across events (one command, one actor), so each distinct metadata text is parsed
 * and validated once and the frozen result is reused.
 */
export class RowDecoder {
  private readonly metadataCache = new Map<string, EventMetadata>();

  decode(r: unknown[]): StoredEvent {
    return {
      position: r[0] as number,
      id: r[1] as string,
      stream: r[2] as string,
      revision: r[3] as number,
      type: r[4] as string,
      schemaVersion: r[5] as number,
      data: parseData(r[6] as string, r[0] as number),
      metadata: this.metadata(r[7] as string),
      recordedAt: r[8] as string,
      hash: r[9] as string,
    };
  }

  private metadata(text: string): EventMetadata {
    let m = this.metadataCache.get(text);
    if (m === undefined) {
      m = Object.freeze(EventMetadataSchema.parse(JSON.parse(text)));
      if (this.metadataCache.size >= 4096) this.metadataCache.clear();
      this.metadataCache.set(text, m);
    }
    return m;
  }
}

export function parseData(text: string, position: number): Record<string, unknown> {
  const v: unknown = JSON.parse(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new Error(`stored event at position ${position} has data that is not a JSON object`);
  }
  return v as Record<string, unknown>;
}

/** A row of `position, stream, revision, type, schema_version, data, recorded_at` as a ReplayedEvent. */
export function decodeReplay(r: unknown[]): ReplayedEvent {
  return {
    position: r[0] as number,
    stream: r[1] as string,
    revision: r[2] as number,
    type: r[3] as string,
    schemaVersion: r[4] as number,
    data: parseData(r[5] as string, r[0] as number),
    recordedAt: r[6] as string,
  };
}
