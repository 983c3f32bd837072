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
import { cursorPosition, keep, pageInOrder } from '../paging.ts';
import { PageQuery, ReadQuery, pageSchema, readProblems } from '../schemas.ts';
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
    summary: 'Record a training course: the Cooperative Law for directors, accountants, supervisors (RecordTraining)',
    params: CampaignParams,
    body: RecordTraining,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/trainings/${b.trainingId}`,
    plan: (p, b) => ({ ...training(p, b.trainingId), command: { type: 'RecordTraining' as const, ...b } }),
  });
  app.get(
    base,
    {
      config: { access: 'read' },
      schema: {
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
        response: { 200: pageSchema(TrainingView, 'TrainingPage'), ...readProblems },
      },
    },
    async (req) => {
      const q = req.query;
      const c = await kit.catalog(q.minPosition);
      const all = campaignDocuments(c, req.params.code, req.params.year, 'trainings', cursorPosition(q.cursor));
      const items = keep(
        all,
        (t) =>
          (q.includeRetracted || t.status === 'recorded') &&
          (q.audience === undefined || t.audiences.includes(q.audience)) &&
          (q.from === undefined || t.from >= q.from) &&
          (q.to === undefined || t.from <= q.to),
      );
      return pageInOrder(items, q.limit, q.cursor);
    },
  );
  app.get(
    `${base}/:trainingId`,
    {
      config: { access: 'read' },
      schema: {
        tags: ['outreach'],
        operationId: 'getTraining',
        summary: 'One training course',
        params: TrainingParams,
        querystring: ReadQuery,
        response: { 200: TrainingView, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      const { code, year, trainingId } = req.params;
      return kit.resource(
        req,
        reply,
        ofCampaign(c.trainings.get(trainingId), { code, year }),
        `training ${trainingId}`,
      );
    },
  );
  commandRoute(app, kit, {
    path: `${base}/:trainingId/retraction`,
    tags: ['outreach'],
    operationId: 'retractTraining',
    summary: 'Retract a training course recorded by mistake (RetractTraining)',
    params: TrainingParams,
    body: RetractTraining,
    plan: (p, b) => ({
      ...training(p, p.trainingId),
      command: { type: 'RetractTraining' as const, trainingId: p.trainingId, ...b },
    }),
  });
};
