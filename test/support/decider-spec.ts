import { expect } from 'vitest';
import { DomainError } from '../../domain/shared/errors.ts';
import { fold, type Decider, type DomainEvent } from '../../domain/shared/decider.ts';

/**
 * Given/when/then for deciders:
 *   spec(decider).given([events], context).when(command).then([events])
 *   spec(decider).given([events]).when(command).thenFails('rule-code')
 */
export function spec<C, E extends DomainEvent, S, X>(decider: Decider<C, E, S, X>) {
  return {
    given(events: readonly E[], context?: X) {
      return {
        when(command: C) {
          const run = (): E[] => decider.decide(command, fold(decider, events), context as X);
          return {
            then(expected: readonly E[]): E[] {
              const got = run();
              expect(got).toEqual(expected);
              // The events must fold without error into a state.
              fold(decider, [...events, ...got]);
              return got;
            },
            thenFails(code: string, details?: Record<string, unknown>): DomainError {
              let error: unknown;
              try {
                run();
              } catch (e) {
                error = e;
              }
              expect(error, `expected rule "${code}" to be broken`).toBeInstanceOf(DomainError);
              expect((error as DomainError).code).toBe(code);
              if (details) expect((error as DomainError).details).toMatchObject(details);
              return error as DomainError;
            },
          };
        },
      };
    },
  };
}
