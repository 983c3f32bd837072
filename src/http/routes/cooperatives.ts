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
import { ProvinceCode, predecessorCodes } from '../../../domain/shared/units.ts';
import { IncludePredecessors, PageQuery, ReadQuery, Period, inPeriod, pageSchema } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CooperativeItem, cooperativeItem } from '../../../projections/folds/cooperative.ts';

/** Cooperatives, cooperative unions and groups: registration, status, member counts. */
export const cooperativeRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const ProvinceParams = z.object({ code: ProvinceCode });
  const CoopParams = ProvinceParams.extend({ cooperativeId: z.uuid() });
  const coop = (cooperativeId: string) => ({ stream: cooperativeStream(cooperativeId), decider: cooperativeDecider });
  commandRoute(app, kit, {
    path: '/provinces/:code/cooperatives',
    tags: ['cooperatives'],
    operationId: 'registerCooperative',
    form: { title: 'Đăng ký HTX, liên hiệp HTX, tổ hợp tác vào danh sách', ownId: 'cooperativeId' },
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
    summary:
      'Cooperatives registered under this province code (either map); include=predecessors: also those ' +
      'registered under the pre-2025 provinces that became part of it',
    params: ProvinceParams,
    querystring: PageQuery.extend({
      kind: CooperativeKind.optional(),
      status: CooperativeStatus.optional(),
      include: IncludePredecessors,
      communeCode: z
        .string()
        .regex(/^\d{5}$/, 'must be a five-digit commune code')
        .optional()
        .describe('cooperatives registered in this commune (its code on the map of the registration day)'),
    }).extend({
      from: Period.shape.from.describe('registered on or after this day (yyyy-MM-dd)'),
      to: Period.shape.to.describe('registered on or before this day (yyyy-MM-dd)'),
    }),
    page: pageSchema(CooperativeItem, 'CooperativePage'),
    paging: 'by-position',
    items: (c, p, q) => {
      const codes = q.include === 'predecessors' ? [p.code, ...predecessorCodes(p.code)] : [p.code];
      return [...c.cooperatives.values()]
        .filter(
          (x) =>
            codes.includes(x.provinceCode) &&
            (q.kind === undefined || x.kind === q.kind) &&
            (q.status === undefined || x.status === q.status) &&
            (q.communeCode === undefined || x.communeCode === q.communeCode) &&
            inPeriod(q, x.registeredOn),
        )
        .map(cooperativeItem);
    },
  });
  readRoute(app, kit, {
    path: '/provinces/:code/cooperatives/:cooperativeId',
    tags: ['cooperatives'],
    operationId: 'getCooperative',
    summary: 'One cooperative',
    params: CoopParams,
    querystring: ReadQuery,
    resource: CooperativeItem,
    answer: (c, p) => {
      const x = c.cooperatives.get(p.cooperativeId);
      return x === undefined ? undefined : cooperativeItem(x);
    },
    what: (p) => `cooperative ${p.cooperativeId}`,
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/cooperatives/:cooperativeId/status-changes',
    tags: ['cooperatives'],
    operationId: 'changeCooperativeStatus',
    form: { title: 'Thay đổi tình trạng hoạt động của HTX' },
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
    form: { title: 'Cập nhật số thành viên của HTX' },
    summary: 'Record member counts by type (UpdateMemberCounts)',
    params: CoopParams,
    body: UpdateMemberCounts,
    plan: (p, b) => ({
      ...coop(p.cooperativeId),
      command: { type: 'UpdateMemberCounts' as const, cooperativeId: p.cooperativeId, ...b },
    }),
  });
};
