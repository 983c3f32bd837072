import { z } from 'zod';
import {
  ExpectedRevisionSchema,
  InvalidAppendError,
  NewEventSchema,
  StreamNameSchema,
  type AppendOptions,
  type ExpectedRevision,
  type ExportedEvent,
  type NewEvent,
  type ValidNewEvent,
} from './types.ts';

const AppendSchema = z.object({
  stream: StreamNameSchema,
  events: z.array(NewEventSchema).min(1, 'an append needs at least one event').max(10_000),
  expectedRevision: ExpectedRevisionSchema,
});

export interface ValidAppend {
  stream: string;
  events: ValidNewEvent[];
  expectedRevision: ExpectedRevision;
}

/** Checks an append at the storage boundary; every adapter calls it before writing anything. */
export function validateAppend(stream: string, events: readonly NewEvent[], options: AppendOptions): ValidAppend {
  const parsed = AppendSchema.safeParse({ stream, events, expectedRevision: options.expectedRevision });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new InvalidAppendError(`invalid append: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  }
  const ids = new Set<string>();
  for (const e of parsed.data.events) {
    if (ids.has(e.id)) throw new InvalidAppendError(`invalid append: event id ${e.id} appears twice`);
    ids.add(e.id);
  }
  return parsed.data;
}

/** An exported event as an append at its own revision (for imports). */
export function validateExported(e: ExportedEvent): ValidAppend {
  return validateAppend(
    e.stream,
    [{ id: e.id, type: e.type, schemaVersion: e.schemaVersion, data: e.data, metadata: e.metadata }],
    { expectedRevision: e.revision - 1 },
  );
}
