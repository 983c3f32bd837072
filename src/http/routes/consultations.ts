import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CloseConsultation,
  OpenConsultation,
  RecordConsultationReply,
  consultationDecider,
  consultationStream,
} from '../../../domain/consultation/consultation.ts';
import { ConsultationItem, consultationItem } from '../../../projections/folds/consultation.ts';
import { PageQuery, ReadQuery, pageSchema, readProblems } from '../schemas.ts';
import { paginate } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { OrganiserParams } from './campaigns.ts';

/** Consultations on draft plans: the parties asked, their replies, the tally. */
export const consultationRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const ConsParams = OrganiserParams.extend({ consultationId: z.uuid() });
  const cons = (code: string, id: string) => ({ stream: consultationStream(code, id), decider: consultationDecider });
  commandRoute(app, kit, {
    path: '/provinces/:code/consultations',
    tags: ['consultations'],
    operationId: 'openConsultation',
    summary: 'Open a consultation on a draft plan (OpenConsultation)',
    params: OrganiserParams,
    body: OpenConsultation,
    location: (p, b) => `/provinces/${p.code}/consultations/${b.consultationId}`,
    plan: (p, b) => ({
      ...cons(p.code, b.consultationId),
      command: { type: 'OpenConsultation' as const, organiser: p.code, ...b },
    }),
  });
  app.get(
    '/provinces/:code/consultations',
    {
      config: { access: 'read' },
      schema: {
        tags: ['consultations'],
        operationId: 'listConsultations',
        summary: 'Consultations of an organiser with who replied',
        params: OrganiserParams,
        querystring: PageQuery,
        response: { 200: pageSchema(ConsultationItem, 'ConsultationPage'), ...readProblems },
      },
    },
    async (req) => {
      const c = await kit.catalog(req.query.minPosition);
      return paginate(
        [...c.consultations.values()].filter((x) => x.organiser === req.params.code).map(consultationItem),
        req.query.limit,
        req.query.cursor,
      );
    },
  );
  app.get(
    '/provinces/:code/consultations/:consultationId',
    {
      config: { access: 'read' },
      schema: {
        tags: ['consultations'],
        operationId: 'getConsultation',
        summary: 'One consultation: parties, replies, tally',
        params: ConsParams,
        querystring: ReadQuery,
        response: { 200: ConsultationItem, 304: z.null(), ...readProblems },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      const x = c.consultations.get(req.params.consultationId);
      return kit.resource(
        req,
        reply,
        x && x.organiser === req.params.code ? consultationItem(x) : undefined,
        `consultation ${req.params.consultationId}`,
      );
    },
  );
  commandRoute(app, kit, {
    path: '/provinces/:code/consultations/:consultationId/replies',
    tags: ['consultations'],
    operationId: 'recordConsultationReply',
    summary: 'Record a reply (RecordConsultationReply)',
    params: ConsParams,
    body: RecordConsultationReply,
    plan: (p, b) => ({
      ...cons(p.code, p.consultationId),
      command: { type: 'RecordConsultationReply' as const, consultationId: p.consultationId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/consultations/:consultationId/close',
    tags: ['consultations'],
    operationId: 'closeConsultation',
    summary: 'Close a consultation (CloseConsultation)',
    params: ConsParams,
    body: CloseConsultation,
    plan: (p, b) => ({
      ...cons(p.code, p.consultationId),
      command: { type: 'CloseConsultation' as const, consultationId: p.consultationId, ...b },
    }),
  });
};
