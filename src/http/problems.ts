import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, RULES } from '../../domain/shared/errors.ts';
import { IdempotencyKeyExpiredError, IdempotencyKeyReusedError, PreconditionFailedError } from '../app/commands.ts';
import { TEXTS_VI, fieldMessageVi, ruleDetailVi, titleEn, type Lang } from './problem-texts.ts';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  OutcomeUnknownError,
  StoreClosedError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  storeFaultOf,
} from '../eventstore/types.ts';

/**
 * Problem types are absolute URIs, `<origin>/problems/<code>`, and GET on one describes its rule.
 * The origin is PUBLIC_URL when configured, else the one the request was sent to.
 */
export const problemType = (code: string, origin = ''): string => `${origin}/problems/${code}`;

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    rule: z.string().optional(),
    errors: z.array(z.object({ in: z.string(), field: z.string(), rule: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

/** An HTTP-level failure with a stable problem type. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** Problems of the HTTP layer itself, beside the domain RULES. */
export const HTTP_PROBLEMS: Record<string, string> = {
  validation: 'the request does not match the schema of this operation',
  'not-found': 'the resource does not exist',
  unauthorized:
    'a valid bearer token is required (expired, malformed, wrongly signed or wrong-algorithm tokens are refused)',
  forbidden: "the token's role and province do not allow this operation on this province",
  'rate-limited': 'too many requests from this caller; retry after the time in Retry-After',
  'revision-conflict': 'another write changed the resource at the same time; read it again and retry',
  'precondition-failed': 'If-Match named a revision the resource is no longer at',
  'invalid-if-match': 'If-Match holds one ETag: the quoted stream revision',
  'idempotency-key-reused': 'an Idempotency-Key is bound to the first request body sent with it',
  'idempotency-key-in-use':
    'a request with this Idempotency-Key is still being processed; retry after Retry-After for its answer',
  'idempotency-key-expired':
    'the request was applied with this Idempotency-Key longer ago than keys are kept (24 h by default); it is not applied again',
  'projection-lagging': 'the read models have not reached the requested position yet; retry shortly',
  'duplicate-event-id': 'events with these ids were already written elsewhere',
  'payload-too-large': 'the request body is larger than the service accepts',
  'unsupported-media-type': 'requests carry application/json',
  'store-unavailable':
    'the event store cannot take writes now (disk full, read-only, stopping); nothing was stored; retry after Retry-After',
  overloaded: 'the service is shedding load (its event loop lags); nothing was done; retry after Retry-After',
  starting:
    'the instance is still catching up with the event log (read models, idempotency keys); nothing was done; retry after Retry-After',
  'outcome-unknown':
    'the write may or may not have been stored; retry with the same Idempotency-Key to get its outcome',
  internal: 'the service failed; the request id in the response identifies it in the logs',
  'import-not-workbook': 'an import takes an Excel workbook (.xlsx), such as the template of its kind',
  'import-columns-missing': "an import's first row names every required column of its template",
  'import-too-many-rows': 'an import takes at most 20,000 rows; split the file',
  'import-empty': 'an import needs a heading row and at least one record',
  'import-rows-invalid':
    'an all-or-nothing import writes nothing while any row breaks a rule; each problem names its row and column',
};

export function problemCatalogue(): Record<string, string> {
  return { ...HTTP_PROBLEMS, ...RULES };
}

/** A problem type's title and rule in both languages (GET /problems/{code}); undefined for an unknown code. */
export function problemTexts(code: string): Record<Lang, { title: string; rule: string }> | undefined {
  const catalogue = problemCatalogue();
  // Only the catalogue's own entries: "constructor" or "__proto__" are not problem types.
  const rule = Object.hasOwn(catalogue, code) ? catalogue[code] : undefined;
  const vi = Object.hasOwn(TEXTS_VI, code) ? TEXTS_VI[code] : undefined;
  if (rule === undefined || vi === undefined) return undefined;
  return { en: { title: titleEn(code), rule }, vi };
}

const capitalised = (s: string): string => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

/**
 * Maps any error to a problem document and status, in the caller's language (English unless
 * `lang` is 'vi': title, detail, rule and each field error's message); nothing internal leaks into it.
 */
export function toProblem(
  err: unknown,
  instance?: string,
  origin = '',
  lang: Lang = 'en',
): { status: number; problem: Problem; headers: Record<string, string> } {
  const p = problemInEnglish(err, instance, origin);
  if (lang !== 'vi') return p;
  const code = p.problem.type.slice(p.problem.type.lastIndexOf('/') + 1);
  const vi = TEXTS_VI[code];
  if (vi === undefined) return p;
  const problem: Problem = { ...p.problem, title: vi.title, detail: capitalised(vi.rule) };
  if (err instanceof DomainError) {
    problem.detail = capitalised(ruleDetailVi(code, err.details));
    problem.rule = vi.rule;
  }
  if (p.problem.errors !== undefined) {
    const issues = validationIssues(err);
    problem.errors = p.problem.errors.map((e, i) => ({ ...e, message: fieldMessageVi(e.message, issues?.[i]) }));
    problem.detail = problem.errors.map((e) => `${e.in}${e.field ? `.${e.field}` : ''}: ${e.message}`).join('; ');
  }
  return { ...p, problem };
}

/** The zod issues behind a schema validation error, in the order of its field errors. */
function validationIssues(err: unknown): Record<string, unknown>[] | undefined {
  if (!hasZodFastifySchemaValidationErrors(err)) return undefined;
  return err.validation.map((v) => ({
    ...(v.params as Record<string, unknown>),
    code: v.keyword,
    path: v.instancePath.split('/').filter((s: string) => s !== ''),
  }));
}

const MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance']);
const withoutMembers = (extra: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(extra).filter(([k]) => !MEMBERS.has(k)));

function problemInEnglish(
  err: unknown,
  instance?: string,
  origin = '',
): { status: number; problem: Problem; headers: Record<string, string> } {
  const make = (status: number, code: string, title: string, detail?: string, extra: Record<string, unknown> = {}) => ({
    status,
    // The members RFC 9457 defines always mean what it says, whatever a rule's details are called.
    problem: {
      type: problemType(code, origin),
      title,
      status,
      ...(detail !== undefined ? { detail } : {}),
      ...(instance ? { instance } : {}),
      ...withoutMembers(extra),
    },
    headers: {} as Record<string, string>,
  });
  if (err instanceof HttpProblem) {
    const p = make(err.status, err.code, err.title, err.message, err.extra);
    p.headers = err.headers;
    return p;
  }
  if (err instanceof DomainError) {
    return make(422, err.code, titleEn(err.code), err.message, { rule: err.rule, ...err.details });
  }
  if (err instanceof IdempotencyKeyReusedError)
    return make(422, 'idempotency-key-reused', 'Idempotency-Key reused', err.message);
  if (err instanceof IdempotencyKeyExpiredError)
    return make(422, 'idempotency-key-expired', 'Idempotency-Key expired', err.message);
  if (err instanceof PreconditionFailedError) {
    return make(412, 'precondition-failed', 'Precondition failed', err.message, {
      expectedRevision: err.expected,
      currentRevision: err.actual,
    });
  }
  if (err instanceof WrongExpectedRevisionError) {
    return make(
      409,
      'revision-conflict',
      'Conflicting write',
      'the resource kept changing while this command was decided; retry',
      { currentRevision: err.actual },
    );
  }
  if (err instanceof DuplicateEventIdError) return make(409, 'duplicate-event-id', 'Duplicate event id', err.message);
  const fault =
    err instanceof StoreUnavailableError || err instanceof OutcomeUnknownError || err instanceof StoreClosedError
      ? err
      : storeFaultOf(err);
  if (fault instanceof OutcomeUnknownError) {
    const p = make(
      503,
      'outcome-unknown',
      'Outcome unknown',
      'the write may or may not have been stored; retry with the same Idempotency-Key to learn which',
    );
    p.headers = { 'retry-after': '2' };
    return p;
  }
  if (fault instanceof StoreUnavailableError || fault instanceof StoreClosedError) {
    const p = make(
      503,
      'store-unavailable',
      'Event store unavailable',
      'the event store cannot take writes now; nothing was stored',
    );
    p.headers = { 'retry-after': '5' };
    return p;
  }
  if (err instanceof InvalidAppendError) {
    return make(400, 'validation', 'Invalid request', err.message, {
      errors: err.issues.map((i) => ({ in: 'body', field: i.path, rule: 'invalid', message: i.message })),
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      in: where,
      field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      rule: v.keyword,
      message: v.message ?? 'invalid',
    }));
    return make(
      400,
      'validation',
      'Invalid request',
      errors.map((e) => `${e.in}${e.field ? `.${e.field}` : ''}: ${e.message}`).join('; '),
      { errors },
    );
  }
  const fe = err as Partial<FastifyError>;
  if (fe.statusCode === 429) return make(429, 'rate-limited', 'Too many requests', fe.message);
  if (fe.statusCode === 413) return make(413, 'payload-too-large', 'Payload too large', fe.message);
  if (fe.statusCode === 415) return make(415, 'unsupported-media-type', 'Unsupported media type', fe.message);
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return make(fe.statusCode, 'validation', 'Invalid request', fe.message);
  }
  return make(500, 'internal', 'Internal error', 'the service failed to answer this request');
}
