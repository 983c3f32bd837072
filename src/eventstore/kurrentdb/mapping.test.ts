import { describe, expect, it } from 'vitest';
import {
  fromKurrentRevision,
  matchesFilter,
  resolveExpected,
  resumeFrom,
  toKurrentExpected,
  toStoredEvent,
} from './mapping.ts';

const hash = 'a'.repeat(64);
const recorded = (over: Partial<Parameters<typeof toStoredEvent>[0]> = {}) => ({
  streamId: 'campaign-67-2024',
  id: '0191d6a0-0000-7000-8000-000000000001',
  revision: 3n,
  type: 'CampaignLaunched',
  data: { organiser: '67' },
  metadata: {
    m: { actor: 'officer-67', province: '67' },
    recordedAt: '2024-02-27T03:00:00.000Z',
    schemaVersion: 2,
    hash,
  },
  position: { commit: 4_096n, prepare: 4_096n },
  ...over,
});

describe('KurrentDB mappings', () => {
  it('resolves our expected revisions to the exact one the append is made at, or refuses them', () => {
    expect(resolveExpected('any', -1)).toBe(-1);
    expect(resolveExpected('any', 7)).toBe(7);
    expect(resolveExpected('no_stream', -1)).toBe(-1);
    expect(resolveExpected('no_stream', 0)).toBeUndefined();
    expect(resolveExpected('exists', -1)).toBeUndefined();
    expect(resolveExpected('exists', 2)).toBe(2);
    expect(resolveExpected(2, 2)).toBe(2);
    expect(resolveExpected(-1, -1)).toBe(-1);
    expect(resolveExpected(1, 2)).toBeUndefined();
  });

  it('sends -1 as no_stream and revisions as bigints, and reads its wrong-version answers back', () => {
    expect(toKurrentExpected(-1)).toBe('no_stream');
    expect(toKurrentExpected(5)).toBe(5n);
    expect(fromKurrentRevision(9n)).toBe(9);
    expect(fromKurrentRevision('no_stream')).toBe(-1);
  });

  it('maps the $all prepare position to our global position, and resumes after a checkpoint', () => {
    expect(toStoredEvent(recorded())).toEqual({
      id: '0191d6a0-0000-7000-8000-000000000001',
      stream: 'campaign-67-2024',
      revision: 3,
      position: 4096,
      type: 'CampaignLaunched',
      schemaVersion: 2,
      data: { organiser: '67' },
      metadata: { actor: 'officer-67', province: '67' },
      recordedAt: '2024-02-27T03:00:00.000Z',
      hash,
    });
    expect(resumeFrom(0)).toBe('start');
    expect(resumeFrom(4096)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it('leaves out system events and events not written by this service', () => {
    expect(toStoredEvent(recorded({ type: '$metadata' }))).toBeUndefined();
    expect(toStoredEvent(recorded({ streamId: '$stats-127.0.0.1:2113' }))).toBeUndefined();
    expect(toStoredEvent(recorded({ metadata: { actor: 'someone' } }))).toBeUndefined();
    expect(toStoredEvent(recorded({ data: [1, 2] }))).toBeUndefined();
  });

  it('filters the log as the other stores do', () => {
    const e = toStoredEvent(recorded());
    if (e === undefined) throw new Error('mapped nothing');
    expect(matchesFilter(e, { province: '67', types: ['CampaignLaunched'], streamPrefixes: ['campaign-'] })).toBe(true);
    expect(matchesFilter(e, { province: '68' })).toBe(false);
    expect(
      matchesFilter(e, {
        actor: 'officer-67',
        recordedFrom: '2024-02-27T00:00:00Z',
        recordedTo: '2024-02-28T00:00:00+07:00',
      }),
    ).toBe(true);
    expect(matchesFilter(e, { toPosition: 4095 })).toBe(false);
    expect(matchesFilter(e, { streamPrefix: 'support-' })).toBe(false);
  });
});
