import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SetSteeringCommittee, steeringDecider, steeringStream } from '../../../domain/steering/steering.ts';
import { SteeringCommittee, steeringCommittee } from '../../../projections/steering.ts';
import { catalogAt } from '../../app/replay.ts';
import { Clocks, recordedBy } from '../clocks.ts';
import { HttpProblem } from '../problems.ts';
import { ReadQuery } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { OrganiserParams } from './campaigns.ts';

/** The steering committee (Ban Chỉ đạo): members, roles, what each oversees, and the tasks each follows. */
export const steeringRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const now = () => kit.deps.now().toISOString();
  commandRoute(app, kit, {
    path: '/provinces/:code/steering-committee',
    tags: ['steering'],
    operationId: 'setSteeringCommittee',
    form: { title: 'Kiện toàn Ban Chỉ đạo' },
    summary:
      'Set the steering committee as a decision composes it: members, roles, agencies and localities each ' +
      'oversees (SetSteeringCommittee)',
    params: OrganiserParams,
    body: SetSteeringCommittee,
    plan: (p, b) => ({
      stream: steeringStream(p.code),
      decider: steeringDecider,
      command: { type: 'SetSteeringCommittee' as const, organiser: p.code, ...b },
    }),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/steering-committee',
    tags: ['steering'],
    operationId: 'getSteeringCommittee',
    summary:
      'The steering committee in force, each member with the tasks they follow (open, overdue, done); asOf, ' +
      'knownAt/atPosition as on tasks',
    params: OrganiserParams,
    querystring: ReadQuery.extend(Clocks.shape),
    response: SteeringCommittee,
    // The committee and its tasks as the log held them at knownAt/atPosition, else the live read models.
    from: async ({ code }, q) => {
      const at = await recordedBy(kit.deps.store, q, now);
      const c =
        at === undefined
          ? await kit.catalog(q.minPosition)
          : await catalogAt(kit.deps.store, at.position, [steeringStream(code), `task-${code}-`]);
      return { c, at };
    },
    answer: ({ c, at }, { code }, q) => {
      const s = steeringCommittee(c, code, at?.knownAt ?? now(), q.asOf);
      if (s === undefined)
        throw new HttpProblem(
          'not-found',
          `no steering committee of ${code} is recorded${at === undefined ? '' : ` at position ${at.position}`}`,
        );
      return s;
    },
  });
};
