import { expect } from 'vitest';

/** A problem `type`: an absolute URI ending in /problems/<code>. */
export function problem(code: string): unknown {
  return expect.stringMatching(new RegExp(`^https?://[^/]+/problems/${code.replace(/[-]/g, '\\-')}$`));
}
