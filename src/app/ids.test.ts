import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('makes valid version-7 UUIDs that sort in the order they were made, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_732_000_000_000));
    ids.push(...Array.from({ length: 100 }, (_, i) => uuidv7(1_732_000_000_100 + i)));
    for (const id of ids) {
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(id[14]).toBe('7');
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the millisecond timestamp in its first 48 bits', () => {
    const at = Date.UTC(2025, 3, 11, 2, 30); // later than the ids above: the clock moves forwards
    const id = uuidv7(at);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });
});
