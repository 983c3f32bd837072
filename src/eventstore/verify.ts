import { z } from 'zod';
import { eventHash } from './hash.ts';
import type { IntegrityProblem, IntegrityReport, VerifyOptions } from './types.ts';

const Row = z.object({
  position: z.number().int(),
  id: z.string(),
  stream: z.string(),
  revision: z.number().int(),
  type: z.string(),
  schema_version: z.number().int(),
  data: z.string(),
  metadata: z.string(),
  recorded_at: z.string(),
  hash: z.string(),
});
const StreamRow = z.object({ stream: z.string(), revision: z.number().int(), last_hash: z.string() });
const LogRow = z.object({
  position: z.number().int(),
  stream: z.string(),
  revision: z.number().int(),
  recorded_at: z.string(),
});

/** What the check reads, from any store: its rows as stored, in three orders. */
export interface LogSource {
  /** Every event, ordered by stream, then revision. */
  byStream(): AsyncIterable<unknown>;
  /** The stream table: stream, revision, last_hash. */
  streams(): AsyncIterable<unknown>;
  /** position, stream, revision, recorded_at of every event, by position. */
  byPosition(): AsyncIterable<unknown>;
  head(): Promise<number>;
  /** False for stores whose positions rise but skip numbers (KurrentDB's $all positions). */
  contiguousPositions?: boolean;
}

/**
 * Checks an event log from its own bytes: every stream's hash chain (a modified event breaks
 * its hash), revisions without gaps and positions rising with revisions (a removed or reordered
 * event shows), the global positions without gaps, and each stream's last event against the
 * stream table (a removed last event shows).
 */
export async function verifyLog(source: LogSource, options: VerifyOptions = {}): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const { events, streams, seenStreams } = await checkChains(source, problems, options);
  await checkStreamTable(source, seenStreams, problems);
  // Positions are given out one after another by one writer with one clock: a hole is a removed
  // event, and a recorded-at instant earlier than the one before it is an event moved in the log.
  const head = await source.head();
  await checkGlobalLog(source, problems);
  problems.sort((a, b) => a.position - b.position);
  return { ok: problems.length === 0, eventsChecked: events, streamsChecked: streams, headPosition: head, problems };
}

/** A stream's last event as the chains were read. */
type LastEvent = { revision: number; hash: string; position: number };

/**
 * Every stream's hash chain, its revisions without gaps and its positions rising with them; the events
 * and streams read, and the last event of each stream.
 */
async function checkChains(
  source: LogSource,
  problems: IntegrityProblem[],
  options: VerifyOptions,
): Promise<{ events: number; streams: number; seenStreams: Map<string, LastEvent> }> {
  let events = 0;
  let streams = 0;
  let current: { stream: string; revision: number; position: number; hash: string } | null = null;
  const seenStreams = new Map<string, LastEvent>();
  for await (const raw of source.byStream()) {
    const r = Row.parse(raw);
    events++;
    if (events % 5000 === 0) options.onProgress?.(events);
    if (current === null || current.stream !== r.stream) {
      streams++;
      if (r.revision !== 0)
        problems.push({
          kind: 'removed',
          position: r.position,
          stream: r.stream,
          revision: r.revision,
          detail: `stream starts at revision ${r.revision}: revisions 0–${r.revision - 1} are missing`,
        });
      current = null;
    } else {
      if (r.revision !== current.revision + 1) {
        problems.push({
          kind: 'removed',
          position: r.position,
          stream: r.stream,
          revision: r.revision,
          detail: `revision ${current.revision + 1} is missing before this event`,
        });
      }
      if (r.position < current.position) {
        problems.push({
          kind: 'reordered',
          position: r.position,
          stream: r.stream,
          revision: r.revision,
          detail: `position ${r.position} comes before revision ${current.revision} at position ${current.position}`,
        });
      }
    }
    const expected = eventHash(current === null ? null : current.hash, {
      id: r.id,
      stream: r.stream,
      revision: r.revision,
      type: r.type,
      schemaVersion: r.schema_version,
      recordedAt: r.recorded_at,
      dataText: r.data,
      metadataText: r.metadata,
    });
    // A break right after a reported gap is that gap's consequence, not a second finding.
    const afterGap = problems.at(-1)?.stream === r.stream && problems.at(-1)?.revision === r.revision;
    if (expected !== r.hash && !afterGap) {
      problems.push({
        kind: 'modified',
        position: r.position,
        stream: r.stream,
        revision: r.revision,
        detail: 'the stored hash does not match the event and its predecessor',
      });
    }
    current = { stream: r.stream, revision: r.revision, position: r.position, hash: r.hash };
    seenStreams.set(r.stream, { revision: r.revision, hash: r.hash, position: r.position });
  }
  return { events, streams, seenStreams };
}

/** Each stream's last event against the stream table: a removed last event shows. */
async function checkStreamTable(
  source: LogSource,
  seenStreams: Map<string, LastEvent>,
  problems: IntegrityProblem[],
): Promise<void> {
  for await (const raw of source.streams()) {
    const s = StreamRow.parse(raw);
    const last = seenStreams.get(s.stream);
    if (last === undefined) {
      problems.push({
        kind: 'removed',
        position: 0,
        stream: s.stream,
        revision: 0,
        detail: `every event of the stream (up to revision ${s.revision}) is missing`,
      });
    } else if (last.revision < s.revision) {
      problems.push({
        kind: 'removed',
        position: last.position + 1,
        stream: s.stream,
        revision: last.revision + 1,
        detail: `the stream ends at revision ${last.revision} but recorded ${s.revision}`,
      });
    } else if (last.hash !== s.last_hash && last.revision === s.revision) {
      problems.push({
        kind: 'modified',
        position: last.position,
        stream: s.stream,
        revision: last.revision,
        detail: 'the last event differs from the one the stream table recorded',
      });
    }
  }
}

/** The global log: positions without holes, and recorded-at instants that never go back. */
async function checkGlobalLog(source: LogSource, problems: IntegrityProblem[]): Promise<void> {
  let expectedPosition = 1;
  let lastRecorded = '';
  for await (const raw of source.byPosition()) {
    const r = LogRow.parse(raw);
    if (
      source.contiguousPositions !== false &&
      r.position !== expectedPosition &&
      !problems.some((x) => x.kind === 'removed' && x.position === expectedPosition)
    ) {
      problems.push({
        kind: 'removed',
        position: expectedPosition,
        stream: '',
        revision: -1,
        detail: `positions ${expectedPosition}–${r.position - 1} are missing from the global log`,
      });
    }
    if (r.recorded_at < lastRecorded && !problems.some((x) => x.kind === 'reordered' && x.position === r.position)) {
      problems.push({
        kind: 'reordered',
        position: r.position,
        stream: r.stream,
        revision: r.revision,
        detail: `recorded at ${r.recorded_at}, before the event preceding it in the log (${lastRecorded})`,
      });
    }
    if (r.recorded_at > lastRecorded) lastRecorded = r.recorded_at;
    expectedPosition = r.position + 1;
  }
}
