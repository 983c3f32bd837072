import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RecordFoundingAdvice,
  FoundingAdviceFields,
  RecordMemberAdmissionRound,
  membershipDecider,
  membershipStream,
} from '../../../domain/membership/membership.ts';
import { campaignKey } from '../../../projections/catalog.ts';
import { ReadQuery } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan } from './loaders.ts';

const AdmittedView = z.object({
  cooperatives: z.number().int(),
  cooperativeUnions: z.number().int(),
  cooperativeGroups: z.number().int(),
  associatesContributing: z.number().int(),
  associatesNonContributing: z.number().int(),
  associatesUnsplit: z.number().int().optional().describe('associates recorded before the split (kind not recorded)'),
});

/**
 * Member admission rounds (official members and associates who do or do not contribute capital)
 * and advice on founding cooperatives.
 */
export const membershipRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const membership = (p: { code: string; year: number }) =>
    campaignPlan(kit.streams, p, membershipStream(p.code, p.year), membershipDecider);
  commandRoute(app, kit, {
    path: `${base}/admission-rounds`,
    tags: ['membership'],
    operationId: 'recordMemberAdmissionRound',
    form: { title: 'Ghi đợt kết nạp thành viên', ownId: 'roundId' },
    summary: 'Record a member admission round (RecordMemberAdmissionRound)',
    params: CampaignParams,
    body: RecordMemberAdmissionRound,
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    created: true,
    plan: (p, b) => ({ ...membership(p), command: { type: 'RecordMemberAdmissionRound' as const, ...b } }),
  });
  commandRoute(app, kit, {
    path: `${base}/founding-advice`,
    tags: ['membership'],
    operationId: 'recordFoundingAdvice',
    form: { title: 'Ghi tư vấn thành lập HTX', ownId: 'adviceId' },
    summary: 'Record advice on founding a cooperative (RecordFoundingAdvice)',
    params: CampaignParams,
    body: RecordFoundingAdvice,
    access: 'write-local',
    localTo: (_p, b) => ({ communeCode: b.communeCode, date: b.date }),
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    created: true,
    plan: (p, b) => ({ ...membership(p), command: { type: 'RecordFoundingAdvice' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: `${base}/membership`,
    tags: ['membership'],
    operationId: 'getMembership',
    summary: 'Admission rounds and founding advice of a campaign',
    params: CampaignParams,
    querystring: ReadQuery,
    resource: z
      .object({
        rounds: z.array(RecordMemberAdmissionRound.extend({ admitted: AdmittedView })),
        advice: z.array(FoundingAdviceFields),
        revision: z.number().int(),
      })
      .meta({ id: 'Membership' }),
    answer: (c, p) => {
      const r = c.records.get(campaignKey(p.code, p.year));
      return { rounds: r?.rounds ?? [], advice: r?.advice ?? [], revision: r?.membershipRevision ?? -1 };
    },
    what: () => 'membership',
  });
};
