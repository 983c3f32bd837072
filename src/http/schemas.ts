/** The schemas the routes share: command results, problems, command headers, read and page queries. */
import { z } from 'zod';
import { LocalDate } from '../../domain/shared/time.ts';
import { ProblemSchema } from './problems.ts';

export const CommandResultSchema = z
  .object({
    stream: z.string(),
    revision: z.number().int().describe('the stream revision after the command: the ETag of the resource'),
    position: z
      .number()
      .int()
      .describe('global position of the last event written; pass it as minPosition to read your write'),
    events: z.array(z.object({ id: z.string(), type: z.string() })),
    location: z.string().optional(),
  })
  .meta({ id: 'CommandResult' });

/** The problems a read can answer (429 and 503 for every route are added to the document by api-document.ts). */
export const readProblems = {
  400: ProblemSchema.describe('invalid request: every failing field and rule'),
  401: ProblemSchema.describe('no valid bearer token'),
  403: ProblemSchema.describe("the token's role or province does not allow this"),
  404: ProblemSchema.describe('not found'),
  503: ProblemSchema.describe(
    'not served now, nothing was done: starting, overloaded, or (with minPosition) the read models are behind; ' +
      'retry after Retry-After',
  ),
};

/** The problems a command can answer (429, 413 and 415 are added to the document by api-document.ts). */
export const commandProblems = {
  ...readProblems,
  409: ProblemSchema.describe(
    'conflicting write, or the Idempotency-Key is in use by a request still running (retry after Retry-After)',
  ),
  412: ProblemSchema.describe('If-Match does not match the current revision'),
  422: ProblemSchema.describe('a rule of the record was broken, or an Idempotency-Key was reused with another body'),
  503: ProblemSchema.describe(
    'the event store cannot take writes now (nothing was stored), or the outcome of the write is unknown, or the ' +
      'instance is starting or overloaded; retry after Retry-After, with the same Idempotency-Key',
  ),
};

export const CommandHeaders = z.object({
  'if-match': z.string().optional().describe('ETag of the resource (its stream revision) the command is based on'),
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      'a retry with the same key and body gets the first answer (kept 24 h); the key and the answer are stored ' +
        'with the events',
    ),
});

export const ReadQuery = z.object({
  minPosition: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('wait (up to 2 s) until the read models include this global position'),
});

export const PageQuery = ReadQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional().describe('nextCursor of the previous page'),
});

/** The days a list is cut to: records dated from `from` to `to`, both days included. */
export const Period = z.object({
  from: LocalDate.optional().describe('only records dated on or after this day (yyyy-MM-dd)'),
  to: LocalDate.optional().describe('only records dated on or before this day (yyyy-MM-dd)'),
});
/** Whether a record of this day is within the query's `from` and `to` (a record with no day is not). */
export const inPeriod = (q: { from?: string | undefined; to?: string | undefined }, day: string | undefined): boolean =>
  (q.from === undefined && q.to === undefined) ||
  (day !== undefined && (q.from === undefined || day >= q.from) && (q.to === undefined || day <= q.to));

export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

/** `include=predecessors` on a current province's lists: also the records of the pre-2025 provinces that became part of it. */
export const IncludePredecessors = z
  .enum(['predecessors'])
  .optional()
  .describe(
    'predecessors: also the records of the pre-2025 provinces that became part of this one (68: 60 and 67), each with its province as recorded',
  );
