import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/shared/errors.ts';
import { toProblem } from './problems.ts';

describe('problems', () => {
  it('keep their own status, type and title whatever a rule names its details', () => {
    const err = new DomainError(
      'cooperative-not-active',
      'support and nominations go to active cooperatives',
      'cooperative c1 is suspended',
      { cooperativeId: 'c1', status: 'suspended', title: 'x' },
    );
    for (const lang of ['en', 'vi'] as const) {
      const p = toProblem(err, '/x', 'https://cam.example', lang).problem;
      expect(p).toMatchObject({
        status: 422,
        type: 'https://cam.example/problems/cooperative-not-active',
        cooperativeId: 'c1',
      });
      expect(p.title).not.toBe('x');
    }
  });
});
