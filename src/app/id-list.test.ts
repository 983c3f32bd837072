import { describe, expect, it } from 'vitest';
import { IdList } from './id-list.ts';

describe('the campaign index', () => {
  it('gives back every id with its position, in the order recorded, however many it holds', () => {
    const list = new IdList();
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `0191d6a0-${String(i).padStart(4, '0')}-7abc-8def-${String(i * 7919).padStart(12, '0')}`,
    );
    ids.forEach((id, i) => list.set(id, 10 + i * 3));
    // Ids that are not lowercase UUIDs come back exactly as given.
    list.set('0191D6A0-0000-7000-8000-00000000ABCD', 5000);
    list.set('legacy-id-1', 5001);
    expect(list.size).toBe(1002);
    expect([...list.keys()]).toEqual([...ids, '0191D6A0-0000-7000-8000-00000000ABCD', 'legacy-id-1']);
    expect([...list].slice(0, 2)).toEqual([
      [ids[0], 10],
      [ids[1], 13],
    ]);
    expect([...list].at(-1)).toEqual(['legacy-id-1', 5001]);
  });
});
