import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { securityHeaders } from '../../src/http/security-headers.ts';

/** One real answer of the service: which operation (its path as the document writes it), status, headers. */
export interface Answer {
  method: string;
  path: string;
  status: number;
  headers: Headers;
}

interface DeclaredResponse {
  content?: Record<string, unknown>;
  headers?: Record<string, unknown>;
}
type Doc = { paths: Record<string, Record<string, { responses?: Record<string, DeclaredResponse> }>> };

/**
 * Headers any HTTP answer may carry, which the document does not list per operation: framing and
 * caching negotiation, and the security headers every answer gets (worked out as the server does).
 */
const GENERIC = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
  'vary',
  'cache-control',
  ...Object.keys(securityHeaders({ contentSecurityPolicy: false })),
]);

/** openapi/openapi.json as committed; `D` says how much of it the caller reads. */
export const openapiDocument = <D = Doc>(): D =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as D;

/** What the answers did that the document does not declare: an undeclared status, content type or header. */
export function undeclared(doc: Doc, answers: Iterable<Answer>): string[] {
  const found = new Set<string>();
  for (const a of answers) {
    const op = `${a.method} ${a.path}`;
    const declared = doc.paths[a.path]?.[a.method.toLowerCase()];
    if (declared === undefined) {
      found.add(`${op}: not in the document`);
      continue;
    }
    const response = declared.responses?.[String(a.status)] ?? declared.responses?.default;
    if (response === undefined) {
      found.add(`${op}: answered ${a.status}, which it does not declare`);
      continue;
    }
    const type = a.headers.get('content-type')?.split(';', 1)[0]?.trim();
    if (type !== undefined && a.status !== 304 && !Object.keys(response.content ?? {}).includes(type)) {
      found.add(
        `${op} ${a.status}: answered ${type}, declared ${Object.keys(response.content ?? {}).join(', ') || 'no body'}`,
      );
    }
    const names = new Set(Object.keys(response.headers ?? {}).map((n) => n.toLowerCase()));
    for (const [name] of a.headers) {
      if (!GENERIC.has(name) && !names.has(name))
        found.add(`${op} ${a.status}: sent header ${name}, which it does not declare`);
    }
  }
  return [...found].sort();
}
