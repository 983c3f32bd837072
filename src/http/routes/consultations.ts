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
import {
  CommandHeaders,
  CommandResultSchema,
  PageQuery,
  ReadQuery,
  commandProblems,
  pageSchema,
  readProblems,
} from '../schemas.ts';
import { paginate } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { OrganiserParams } from './campaigns.ts';

/** Consultations on draft plans: the parties asked, their replies, the tally. */
export const consultationRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const ConsParams = OrganiserParams.extend({ consultationId: z.uuid() });
  const cons = (code: string, id: string) => ({ stream: consultationStream(code, id), decider: consultationDecider });
  app.post(
    '/provinces/:code/consultations',
    {
      config: { access: 'write' },
      schema: {
        tags: ['consultations'],
        operationId: 'openConsultation',
        summary: 'Open a consultation on a draft plan (OpenConsultation)',
        params: OrganiserParams,
        headers: CommandHeaders,
        body: OpenConsultation,
        response: { 201: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...cons(req.params.code, req.body.consultationId),
          command: { type: 'OpenConsultation', organiser: req.params.code, ...req.body },
        },
        {
          status: 201,
          location: `/provinces/${req.params.code}/consultations/${req.body.consultationId}`,
          province: req.params.code,
        },
      ),
  );
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
  app.post(
    '/provinces/:code/consultations/:consultationId/replies',
    {
      config: { access: 'write' },
      schema: {
        tags: ['consultations'],
        operationId: 'recordConsultationReply',
        summary: 'Record a reply (RecordConsultationReply)',
        params: ConsParams,
        headers: CommandHeaders,
        body: RecordConsultationReply,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...cons(req.params.code, req.params.consultationId),
          command: { type: 'RecordConsultationReply', consultationId: req.params.consultationId, ...req.body },
        },
        { province: req.params.code },
      ),
  );
  app.post(
    '/provinces/:code/consultations/:consultationId/close',
    {
      config: { access: 'write' },
      schema: {
        tags: ['consultations'],
        operationId: 'closeConsultation',
        summary: 'Close a consultation (CloseConsultation)',
        params: ConsParams,
        headers: CommandHeaders,
        body: CloseConsultation,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) =>
      kit.command(
        req,
        reply,
        {
          ...cons(req.params.code, req.params.consultationId),
          command: { type: 'CloseConsultation', consultationId: req.params.consultationId, ...req.body },
        },
        { province: req.params.code },
      ),
  );
};
