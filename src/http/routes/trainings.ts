import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RecordTraining,
  RetractTraining,
  TrainingAudience,
  trainingDecider,
  trainingStream,
} from '../../../domain/training/training.ts';
import { campaignDocuments } from '../../../projections/catalog.ts';
import { TrainingView } from '../../../projections/folds/training.ts';
import { commandRoute } from '../command-route.ts';
import type { Kit } from '../kit.ts';
import { keep } from '../paging.ts';
import { readRoute } from '../read-route.ts';
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';

/** Training courses: the Cooperative Law for directors, accountants and supervisors, and other courses. */
export const trainingRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year/trainings';
  const TrainingParams = CampaignParams.extend({ trainingId: z.uuid() });
  const training = (p: { code: string; year: number }, trainingId: string) =>
    campaignPlan(kit.streams, p, trainingStream(p.code, p.year, trainingId), trainingDecider);

  commandRoute(app, kit, {
    path: base,
    tags: ['outreach'],
    operationId: 'recordTraining',
    form: { title: 'Ghi lớp tập huấn, bồi dưỡng', ownId: 'trainingId' },
    summary: 'Record a training course: the Cooperative Law for directors, accountants, supervisors (RecordTraining)',
    params: CampaignParams,
    body: RecordTraining,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/trainings/${b.trainingId}`,
    access: 'write-local',
    localTo: (_p, b) => ({ communeCode: b.place.communeCode, date: b.from }),
    recordOn: (p, b) => ({ organiser: p.code, date: b.from, units: ['alliance'] }),
    plan: (p, b) => ({ ...training(p, b.trainingId), command: { type: 'RecordTraining' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: base,
    tags: ['outreach'],
    operationId: 'listTrainings',
    summary: 'Training courses of a campaign, oldest first',
    params: CampaignParams,
    querystring: PageQuery.extend({
      audience: TrainingAudience.optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      includeRetracted: z.coerce.boolean().default(false),
    }),
    page: pageSchema(TrainingView, 'TrainingPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        campaignDocuments(c, p.code, p.year, 'trainings', after),
        (t) =>
          (q.includeRetracted || t.status === 'recorded') &&
          (q.audience === undefined || t.audiences.includes(q.audience)) &&
          (q.from === undefined || t.from >= q.from) &&
          (q.to === undefined || t.from <= q.to),
      ),
  });
  readRoute(app, kit, {
    path: `${base}/:trainingId`,
    tags: ['outreach'],
    operationId: 'getTraining',
    summary: 'One training course',
    params: TrainingParams,
    querystring: ReadQuery,
    resource: TrainingView,
    answer: (c, { code, year, trainingId }) => ofCampaign(c.trainings.get(trainingId), { code, year }),
    what: (p) => `training ${p.trainingId}`,
  });
  commandRoute(app, kit, {
    path: `${base}/:trainingId/retraction`,
    tags: ['outreach'],
    operationId: 'retractTraining',
    form: { title: 'Thu hồi lớp tập huấn ghi nhầm' },
    summary: 'Retract a training course recorded by mistake (RetractTraining)',
    params: TrainingParams,
    body: RetractTraining,
    recordOn: (p, _b, c) => {
      const x = c.trainings.get(p.trainingId);
      return x === undefined || x.organiser !== p.code
        ? undefined
        : { organiser: p.code, date: x.from, units: ['alliance'] };
    },
    plan: (p, b) => ({
      ...training(p, p.trainingId),
      command: { type: 'RetractTraining' as const, trainingId: p.trainingId, ...b },
    }),
  });
};
