/** Conditional requests: If-Match on commands, If-None-Match on reads (RFC 9110 section 13). */
import { HttpProblem } from './problems.ts';

/**
 * False when If-None-Match names this ETag (or is `*`): the client's copy is current
 * (RFC 9110 13.1.2, weak comparison).
 */
export function matchesNoneOf(header: string | undefined, etag: string): boolean {
  if (header === undefined) return true;
  return !header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

export function parseIfMatch(v: string | undefined): number | undefined {
  if (v === undefined || v.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(v);
  if (!m) throw new HttpProblem('invalid-if-match', 'If-Match holds one ETag such as "3"');
  return Number(m[1]);
}
