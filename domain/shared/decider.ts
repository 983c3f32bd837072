/** A domain event as deciders emit it: its type and a JSON-serialisable payload. */
export interface DomainEvent<T extends string = string, D extends object = object> {
  type: T;
  data: D;
}

/**
 * A capability's pure logic. `decide` turns a command into events (or throws a DomainError);
 * `evolve` folds one event into the state. `context` carries what a decision needs from other
 * streams (the campaign plan, a cooperative's registration), loaded by the shell.
 */
export interface Decider<C, E extends DomainEvent, S, X = undefined> {
  initialState: () => S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S, context: X) => E[];
}

export function fold<E extends DomainEvent, S>(
  decider: Pick<Decider<unknown, E, S, unknown>, 'initialState' | 'evolve'>,
  events: readonly E[],
): S {
  return events.reduce(decider.evolve, decider.initialState());
}
