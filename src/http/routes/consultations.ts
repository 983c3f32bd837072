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
import { PageQuery, ReadQuery, Period, inPeriod, pageSchema } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { OrganiserParams } from './campaigns.ts';

/** Consultations on draft plans: the parties asked, their replies, the tally. */
export const consultationRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const ConsParams = OrganiserParams.extend({ consultationId: z.uuid() });
  const cons = (code: string, id: string) => ({ stream: consultationStream(code, id), decider: consultationDecider });
  commandRoute(app, kit, {
    path: '/provinces/:code/consultations',
    tags: ['consultations'],
    operationId: 'openConsultation',
    form: { title: 'Lấy ý kiến dự thảo', ownId: 'consultationId' },
    summary: 'Open a consultation on a draft plan (OpenConsultation)',
    params: OrganiserParams,
    body: OpenConsultation,
    location: (p, b) => `/provinces/${p.code}/consultations/${b.consultationId}`,
    plan: (p, b) => ({
      ...cons(p.code, b.consultationId),
      command: { type: 'OpenConsultation' as const, organiser: p.code, ...b },
    }),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/consultations',
    tags: ['consultations'],
    operationId: 'listConsultations',
    summary: 'Consultations of an organiser with who replied',
    params: OrganiserParams,
    querystring: PageQuery.extend(Period.shape),
    page: pageSchema(ConsultationItem, 'ConsultationPage'),
    paging: 'by-position',
    items: (c, p, q) =>
      [...c.consultations.values()]
        .filter((x) => x.organiser === p.code && inPeriod(q, x.openedOn))
        .map(consultationItem),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/consultations/:consultationId',
    tags: ['consultations'],
    operationId: 'getConsultation',
    summary: 'One consultation: parties, replies, tally',
    params: ConsParams,
    querystring: ReadQuery,
    resource: ConsultationItem,
    answer: (c, p) => {
      const x = c.consultations.get(p.consultationId);
      return x && x.organiser === p.code ? consultationItem(x) : undefined;
    },
    what: (p) => `consultation ${p.consultationId}`,
  });
  commandRoute(app, kit, {
    path: '/provinces/:code/consultations/:consultationId/replies',
    tags: ['consultations'],
    operationId: 'recordConsultationReply',
    form: { title: 'Ghi ý kiến góp ý' },
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
    form: { title: 'Kết thúc lấy ý kiến' },
    summary: 'Close a consultation (CloseConsultation)',
    params: ConsParams,
    body: CloseConsultation,
    plan: (p, b) => ({
      ...cons(p.code, p.consultationId),
      command: { type: 'CloseConsultation' as const, consultationId: p.consultationId, ...b },
    }),
  });
};
