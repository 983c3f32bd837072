import { createHash } from 'node:crypto';

/** The parts of an event its hash covers, with data and metadata as the exact JSON text stored. */
export interface HashInput {
  id: string;
  stream: string;
  revision: number;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  dataText: string;
  metadataText: string;
}

/**
 * The chained hash of one event: SHA-256 over the previous event's hash (of the same stream, empty
 * for revision 0) and the event's content, one field a line. No field can hold a raw line break
 * (ids, stream names, types and instants are validated; JSON text escapes them), so the framing
 * is unambiguous. The hash is taken over the JSON text as stored, so a store recomputes it from
 * its own bytes without re-serialising. The global position is left out on purpose: a store
 * assigns it at commit, after the writer has computed the hash under optimistic concurrency.
 */
export function eventHash(prevHash: string | null, e: HashInput): string {
  return createHash('sha256')
    .update(
      `${prevHash ?? ''}\n${e.id}\n${e.stream}\n${e.revision}\n${e.type}\n` +
        `${e.schemaVersion}\n${e.recordedAt}\n${e.dataText}\n${e.metadataText}`,
    )
    .digest('hex');
}

/** The hash of an event as read back, from its parsed data and metadata. */
export function storedEventHash(
  prevHash: string | null,
  e: Omit<HashInput, 'dataText' | 'metadataText'> & { data: unknown; metadata: unknown },
): string {
  return eventHash(prevHash, { ...e, dataText: JSON.stringify(e.data), metadataText: JSON.stringify(e.metadata) });
}
