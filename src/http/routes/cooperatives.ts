import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangeCooperativeStatus,
  CooperativeKind,
  CooperativeStatus,
  RegisterCooperative,
  UpdateMemberCounts,
  cooperativeDecider,
  cooperativeStream,
} from '../../../domain/cooperative/cooperative.ts';
import { ProvinceCode } from '../../../domain/shared/units.ts';
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CooperativeView } from '../../../projections/folds/cooperative.ts';

/** Cooperatives, cooperative unions and groups: registration, status, member counts. */
export const cooperativeRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const ProvinceParams = z.object({ code: ProvinceCode });
  const CoopParams = ProvinceParams.extend({ cooperativeId: z.uuid() });
  const coop = (cooperativeId: string) => ({ stream: cooperativeStream(cooperativeId), decider: cooperativeDecider });
  commandRoute(app, kit, {
    path: '/provinces/:code/cooperatives',
    tags: ['cooperatives'],
    operationId: 'registerCooperative',
    summary: 'Register a cooperative, union or group (RegisterCooperative)',
    params: ProvinceParams,
    body: RegisterCooperative.omit({ province: true }),
    location: (p, b) => `/provinces/${p.code}/cooperatives/${b.cooperativeId}`,
    plan: (p, b) => ({
      ...coop(b.cooperativeId),
      command: { type: 'RegisterCooperative' as const, ...b, province: p.code },
    }),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/cooperatives',
    tags: ['cooperatives'],
    operationId: 'listCooperatives',
    summary: 'Cooperatives registered under this province code (either map)',
    params: ProvinceParams,
    querystring: PageQuery.extend({ kind: CooperativeKind.optional(), status: CooperativeStatus.optional() }),
    page: pageSchema(CooperativeView, 'CooperativePage'),
    paging: 'by-position',
    items: (c, p, q) =>
      [...c.cooperatives.values()].filter(
        (x) =>
          x.provinceCode === p.code &&
          (q.kind === undefined || x.kind === q.kind) &&
          (q.status === undefined || x.status === q.status),
      ),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/cooperatives/:cooperativeId',
    tags: ['cooperatives'],
    operationId: 'getCooperative',
    summary: 'One cooperative',
    params: CoopParams,
    querystring: ReadQuery,
    resource: CooperativeView,
    answer: (c, p) => c.cooperatives.get(p.cooperativeId),
    what: (p) => `cooperative ${p.cooperativeId}`,
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/cooperatives/:cooperativeId/status-changes',
    tags: ['cooperatives'],
    operationId: 'changeCooperativeStatus',
    summary: 'Change status (ChangeCooperativeStatus)',
    params: CoopParams,
    body: ChangeCooperativeStatus,
    plan: (p, b) => ({
      ...coop(p.cooperativeId),
      command: { type: 'ChangeCooperativeStatus' as const, cooperativeId: p.cooperativeId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/cooperatives/:cooperativeId/member-counts',
    tags: ['cooperatives'],
    operationId: 'updateMemberCounts',
    summary: 'Record member counts by type (UpdateMemberCounts)',
    params: CoopParams,
    body: UpdateMemberCounts,
    plan: (p, b) => ({
      ...coop(p.cooperativeId),
      command: { type: 'UpdateMemberCounts' as const, cooperativeId: p.cooperativeId, ...b },
    }),
  });
};
