import { eventHash, storedEventHash } from './hash.ts';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  OutcomeUnknownError,
  WrongExpectedRevisionError,
  errorToPayload,
  payloadToError,
  type AppendResult,
  type ErrorPayload,
  type ExpectedRevision,
  type ExportedEvent,
  type ValidNewEvent,
} from './types.ts';

/** One append as handed to a writer: already validated, with its recorded-at instant. */
export interface AppendRequest {
  stream: string;
  events: ValidNewEvent[];
  expectedRevision: ExpectedRevision;
  recordedAt: string;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: ErrorPayload };

export function revisionMatches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'exists':
      return current >= 0;
    default:
      return expected === current;
  }
}

/** A stored event as a batch planner needs it: where an id already is. */
export interface IdRow {
  stream: string;
  revision: number;
  position: number;
}

/** A row to insert, with its position, revision and chained hash worked out. */
export interface PlannedRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: string;
  hash: string;
}

/**
 * Plans a group commit against what is stored, for a store that assigns positions itself under
 * a lock (PostgreSQL): each append is checked in full before any of its rows is planned (a retry
 * of a committed append returns its first result; otherwise the expected revision must match and
 * no id may be stored), so a refused append writes nothing and fails alone. `ids` and `streams`
 * hold what the store has for the batch's ids and streams; they are updated as the plan goes, so
 * two appends of one batch see each other.
 */
export function planBatch(
  requests: readonly AppendRequest[],
  head: number,
  ids: Map<string, IdRow>,
  streams: Map<string, { revision: number; lastHash: string }>,
): {
  outcomes: AppendOutcome[];
  rows: PlannedRow[];
  streams: Map<string, { revision: number; lastHash: string }>;
  head: number;
} {
  const rows: PlannedRow[] = [];
  const touched = new Map<string, { revision: number; lastHash: string }>();
  const stored: Stored = { idRow: (id) => ids.get(id), revisionOf: (stream) => streams.get(stream)?.revision ?? -1 };
  const outcomes = requests.map((req): AppendOutcome => {
    try {
      const checked = checkAppend(req, stored);
      if (typeof checked !== 'number') return { ok: true, result: checked };
      const current = streams.get(req.stream);
      const revision = checked;
      let prevHash = current?.lastHash ?? null;
      let rev = revision;
      const firstPosition = head + 1;
      for (const e of req.events) {
        rev += 1;
        head += 1;
        const data = JSON.stringify(e.data);
        const metadata = JSON.stringify(e.metadata);
        const hash = eventHash(prevHash, {
          id: e.id,
          stream: req.stream,
          revision: rev,
          type: e.type,
          schemaVersion: e.schemaVersion,
          recordedAt: req.recordedAt,
          dataText: data,
          metadataText: metadata,
        });
        rows.push({
          position: head,
          id: e.id,
          stream: req.stream,
          revision: rev,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data,
          metadata,
          recordedAt: req.recordedAt,
          hash,
        });
        ids.set(e.id, { stream: req.stream, revision: rev, position: head });
        prevHash = hash;
      }
      const after = { revision: rev, lastHash: prevHash as string };
      streams.set(req.stream, after);
      touched.set(req.stream, after);
      return {
        ok: true,
        result: { stream: req.stream, revision: rev, firstPosition, position: head, duplicate: false },
      };
    } catch (err) {
      return { ok: false, error: errorToPayload(err) };
    }
  });
  return { outcomes, rows, streams: touched, head };
}

/** How an append is checked against what a store holds: where an id is stored, a stream's revision (-1: none). */
export interface Stored {
  idRow(id: string): IdRow | undefined;
  revisionOf(stream: string): number;
}

/**
 * Checks an append against what is stored, the same for every store: a retry of a committed
 * append (its first id is stored) gets its first result back, duplicate; otherwise the expected
 * revision must match and none of its ids may be stored. Returns the stream's current revision
 * when the append may be written; throws the refusal.
 */
export function checkAppend(
  req: { stream: string; expectedRevision: ExpectedRevision; events: readonly { id: string }[] },
  stored: Stored,
): AppendResult | number {
  const first = req.events[0];
  if (first === undefined) throw new Error('an append needs at least one event');
  const seen = stored.idRow(first.id);
  if (seen !== undefined) return replayed(req, seen, stored);
  const current = stored.revisionOf(req.stream);
  if (!revisionMatches(req.expectedRevision, current))
    throw new WrongExpectedRevisionError(req.stream, req.expectedRevision, current);
  for (let i = 1; i < req.events.length; i++) {
    const id = (req.events[i] as { id: string }).id;
    const row = stored.idRow(id);
    if (row !== undefined)
      throw new DuplicateEventIdError(id, `is already stored in stream "${row.stream}" at revision ${row.revision}`);
  }
  return current;
}

/** Every id already stored, in this stream and in this order: the retry of a committed append. */
function replayed(
  req: { stream: string; events: readonly { id: string }[] },
  first: IdRow,
  stored: Stored,
): AppendResult {
  let last = first;
  req.events.forEach((e, i) => {
    const row = i === 0 ? first : stored.idRow(e.id);
    if (row === undefined || row.stream !== req.stream || row.revision !== first.revision + i) {
      throw new DuplicateEventIdError(
        e.id,
        row === undefined
          ? 'is new while earlier ids of the same append are already stored'
          : `is already stored in stream "${row.stream}" at revision ${row.revision}`,
      );
    }
    last = row;
  });
  return {
    stream: req.stream,
    revision: last.revision,
    firstPosition: first.position,
    position: last.position,
    duplicate: true,
  };
}

interface Pending {
  request: AppendRequest;
  resolve: (r: AppendResult) => void;
  reject: (e: Error) => void;
}

/** Called after every group commit, in any store of this process: for metrics. */
export type CommitObserver = (batchSize: number, seconds: number, ok: boolean) => void;
export const commitObservers = new Set<CommitObserver>();

/**
 * Group commit: appends queue while a commit is in flight and the next commit takes them all (up
 * to `maxBatch`). `commit` reports one outcome per append; if it throws, the outcome of the whole
 * batch is unknown (a retry with the same event ids is safe: it is written then, or recognised).
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly commit: (requests: AppendRequest[]) => Promise<AppendOutcome[]>,
    private readonly options: { maxBatch: number; afterCommit?: (() => void) | undefined; onWritten: () => void },
  ) {}

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.inFlight === null) this.inFlight = this.drain();
    });
  }

  /** Resolves once nothing is queued or being committed. */
  async idle(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight;
  }

  private async drain(): Promise<void> {
    // Let appends issued in the same tick join the first batch.
    await new Promise<void>((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      let outcomes: AppendOutcome[];
      const started = performance.now();
      try {
        outcomes = await this.commit(batch.map((p) => p.request));
        for (const o of commitObservers) o(batch.length, (performance.now() - started) / 1000, true);
      } catch (err) {
        for (const o of commitObservers) o(batch.length, (performance.now() - started) / 1000, false);
        const e =
          err instanceof OutcomeUnknownError
            ? err
            : new OutcomeUnknownError(err instanceof Error ? err.message : String(err));
        for (const p of batch) p.reject(e);
        continue;
      }
      this.options.afterCommit?.();
      let wrote = false;
      batch.forEach((p, i) => {
        const o = outcomes[i];
        if (o === undefined) p.reject(new Error('the writer returned no outcome'));
        else if (o.ok) {
          wrote ||= !o.result.duplicate;
          p.resolve(o.result);
        } else p.reject(payloadToError(o.error));
      });
      if (wrote) this.options.onWritten();
    }
    this.inFlight = null;
  }
}

/**
 * Refuses an export that is not whole, untampered streams before anything is written: each
 * stream's revisions from 0 without gaps, and every hash recomputed from the event. (A filtered
 * export skips positions; the importing store numbers the events anew, in the same order.)
 */
export function checkExport(sorted: readonly ExportedEvent[]): void {
  const last = new Map<string, { revision: number; hash: string }>();
  sorted.forEach((e, i) => {
    if (i > 0 && e.position === sorted[i - 1]?.position)
      throw new InvalidAppendError(`position ${e.position} appears twice in the export`);
    const prev = last.get(e.stream);
    if (e.revision !== (prev?.revision ?? -1) + 1)
      throw new InvalidAppendError(`the export skips revisions of stream "${e.stream}" before position ${e.position}`);
    const hash = storedEventHash(prev?.hash ?? null, e);
    if (hash !== e.hash)
      throw new InvalidAppendError(
        `the event at exported position ${e.position} does not match its hash: the export was changed`,
      );
    last.set(e.stream, { revision: e.revision, hash });
  });
}

/**
 * Loads exported events through a store's batch commit, in export order, keeping their ids,
 * revisions and recorded-at instants (so positions and hashes come out as exported). Refuses an
 * export that is not whole, untampered streams before writing anything.
 */
export async function importInBatches(
  events: readonly ExportedEvent[],
  commit: (requests: AppendRequest[]) => Promise<AppendOutcome[]>,
  validate: (e: ExportedEvent) => Omit<AppendRequest, 'recordedAt'>,
): Promise<void> {
  const sorted = [...events].sort((a, b) => a.position - b.position);
  checkExport(sorted);
  for (let i = 0; i < sorted.length; i += 2000) {
    const outcomes = await commit(sorted.slice(i, i + 2000).map((e) => ({ ...validate(e), recordedAt: e.recordedAt })));
    const failed = outcomes.findIndex((o) => !o.ok);
    if (failed >= 0) {
      const o = outcomes[failed] as { ok: false; error: ErrorPayload };
      throw new InvalidAppendError(
        `import stopped at exported position ${sorted[i + failed]?.position}: ${payloadToError(o.error).message}`,
      );
    }
  }
}
