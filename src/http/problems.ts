import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors.ts';
import {
  IdempotencyKeyExpiredError,
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
} from '../app/commands.ts';
import { problemEntry, type HttpProblemCode, type ProblemEntry } from './problem-catalogue.ts';
import { fieldMessageVi, plainMessage, type Lang } from './problem-texts.ts';
import { viDate } from '../../domain/shared/rules.ts';
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

/**
 * An HTTP-level failure with a stable problem type: its status and title are the catalogue's
 * (problem-catalogue.ts); `status` overrides the status where one code answers two ways (an unknown
 * province is 404 in a path, 422 in a command).
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: HttpProblemCode | 'unknown-province',
    detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    status?: number,
  ) {
    super(detail);
    const entry = problemEntry(code) as ProblemEntry;
    this.status = status ?? entry.status;
    this.title = entry.title;
  }
}

/** A query parameter naming a log position the log has not reached (`head` is its last). */
export function beyondHead(field: string, position: number, head: number): HttpProblem {
  return new HttpProblem('validation', `${field} ${position} is beyond the end of the event log (${head})`, {
    errors: [
      {
        in: 'querystring',
        field,
        rule: 'at-most-head',
        message: `must not be beyond the log's last position, ${head}`,
      },
    ],
  });
}

/** A problem type's title and rule in both languages (GET /problems/{code}); undefined for an unknown code. */
export function problemTexts(code: string): Record<Lang, { title: string; rule: string }> | undefined {
  const entry = problemEntry(code);
  return entry === undefined ? undefined : { en: { title: entry.title, rule: entry.en }, vi: entry.vi };
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
  const entry = problemEntry(code);
  if (entry === undefined) return p;
  const problem: Problem = { ...p.problem, title: entry.vi.title, detail: capitalised(entry.vi.rule) };
  if (err instanceof DomainError) {
    problem.detail = capitalised(
      entry.detailVi?.(err.details, entry.vi.rule) ?? ruleDetailVi(entry.vi.rule, err.details),
    );
    problem.rule = entry.vi.rule;
  }
  if (p.problem.errors !== undefined) {
    const issues = validationIssues(err);
    problem.errors = p.problem.errors.map((e, i) => {
      const issue = issues?.[i];
      return { ...e, message: fieldMessageVi(typeof issue?.message === 'string' ? issue.message : e.message, issue) };
    });
    problem.detail = problem.errors.map((e) => `${e.in}${e.field ? `.${e.field}` : ''}: ${e.message}`).join('; ');
  }
  return { ...p, problem };
}

/** One problem per field, the first the schema found: a date typed wrong is one problem, not two. */
function onePerField<V extends { instancePath: string }>(validation: readonly V[]): V[] {
  const seen = new Set<string>();
  return validation.filter((v) => {
    if (seen.has(v.instancePath)) return false;
    seen.add(v.instancePath);
    return true;
  });
}

/** The zod issues behind a schema validation error, in the order of its field errors. */
function validationIssues(err: unknown): Record<string, unknown>[] | undefined {
  if (!hasZodFastifySchemaValidationErrors(err)) return undefined;
  return onePerField(err.validation).map((v) => ({
    ...(v.params as Record<string, unknown>),
    code: v.keyword,
    message: v.message,
    path: v.instancePath.split('/').filter((s: string) => s !== ''),
  }));
}

/** A broken rule's Vietnamese detail where the rule declares none: the rule, with the date or code it concerns. */
function ruleDetailVi(rule: string, d: Record<string, unknown>): string {
  const about = ['date', 'code', 'activityId', 'fund', 'year'].filter(
    (k) => typeof d[k] === 'string' || typeof d[k] === 'number',
  );
  return about.length === 0
    ? rule
    : `${rule} (${about.map((k) => `${k}: ${k === 'date' ? viDate(String(d[k])) : String(d[k])}`).join(', ')})`;
}

const MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance']);
const withoutMembers = (extra: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(extra).filter(([k]) => !MEMBERS.has(k)));

/** A rule no registered capability declares still answers as a broken rule. */
const entryOf = (code: string): ProblemEntry =>
  problemEntry(code) ?? {
    status: 422,
    title: 'A rule of the record was broken',
    en: code,
    vi: { title: code, rule: code },
  };

function problemInEnglish(
  err: unknown,
  instance?: string,
  origin = '',
): { status: number; problem: Problem; headers: Record<string, string> } {
  /** A problem of the catalogue's code: its status and title are the catalogue's, unless `status` is given. */
  const make = (
    code: string,
    detail: string | undefined,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
    status = entryOf(code).status,
  ) => ({
    status,
    // The members RFC 9457 defines always mean what it says, whatever a rule's details are called.
    problem: {
      type: problemType(code, origin),
      title: entryOf(code).title,
      status,
      ...(detail !== undefined ? { detail } : {}),
      ...(instance ? { instance } : {}),
      ...withoutMembers(extra),
    },
    headers,
  });
  if (err instanceof HttpProblem) return make(err.code, err.message, err.extra, err.headers, err.status);
  if (err instanceof DomainError) {
    return make(err.code, err.message, { rule: err.rule, ...err.details });
  }
  if (err instanceof IdempotencyKeyReusedError) return make('idempotency-key-reused', err.message);
  if (err instanceof IdempotencyKeyInUseError)
    return make('idempotency-key-in-use', err.message, {}, { 'retry-after': '1' });
  if (err instanceof IdempotencyKeyExpiredError) return make('idempotency-key-expired', err.message);
  if (err instanceof PreconditionFailedError) {
    return make('precondition-failed', err.message, { expectedRevision: err.expected, currentRevision: err.actual });
  }
  if (err instanceof WrongExpectedRevisionError) {
    return make('revision-conflict', 'the resource kept changing while this command was decided; retry', {
      currentRevision: err.actual,
    });
  }
  if (err instanceof DuplicateEventIdError) return make('duplicate-event-id', err.message);
  const fault =
    err instanceof StoreUnavailableError || err instanceof OutcomeUnknownError || err instanceof StoreClosedError
      ? err
      : storeFaultOf(err);
  if (fault instanceof OutcomeUnknownError) {
    const detail = 'the write may or may not have been stored; retry with the same Idempotency-Key to learn which';
    return make('outcome-unknown', detail, {}, { 'retry-after': '2' });
  }
  if (fault instanceof StoreUnavailableError || fault instanceof StoreClosedError) {
    return make(
      'store-unavailable',
      'the event store cannot take writes now; nothing was stored',
      {},
      { 'retry-after': '5' },
    );
  }
  if (err instanceof InvalidAppendError) {
    return make('validation', err.message, {
      errors: err.issues.map((i) => ({ in: 'body', field: i.path, rule: 'invalid', message: i.message })),
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = onePerField(err.validation).map((v) => ({
      in: where,
      field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      rule: v.keyword,
      message:
        plainMessage(v.message ?? '', { ...(v.params as Record<string, unknown>), code: v.keyword }, 'en') ??
        v.message ??
        'invalid',
    }));
    const detail = errors.map((e) => `${e.in}${e.field ? `.${e.field}` : ''}: ${e.message}`).join('; ');
    return make('validation', detail, { errors });
  }
  const fe = err as Partial<FastifyError>;
  if (fe.statusCode === 429) return make('rate-limited', fe.message);
  if (fe.statusCode === 413) return make('payload-too-large', fe.message);
  if (fe.statusCode === 415) return make('unsupported-media-type', fe.message);
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return make('validation', fe.message, {}, {}, fe.statusCode);
  }
  return make('internal', 'the service failed to answer this request');
}
