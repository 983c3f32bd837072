import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExportedEventSchema, csvOf, exportEvents, toNdjsonLine } from '../../app/audit.ts';
import { StreamNameSchema } from '../../eventstore/types.ts';
import { ProblemSchema } from '../problems.ts';
import { cursorOf, cursorPosition } from '../paging.ts';
import type { Kit } from '../kit.ts';

const EventSchema = ExportedEventSchema.meta({ id: 'RecordedEvent' });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

/** History for auditors: streams and the global log with full metadata, integrity, exports. */
export const auditRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const store = kit.deps.store;
  const tags = ['audit'];

  app.get(
    '/audit/streams/:stream/events',
    {
      config: { access: 'audit' },
      schema: {
        tags,
        operationId: 'getStreamHistory',
        summary: "One stream's events with who, when, which app, correlation, causation and idempotency key",
        params: z.object({ stream: StreamNameSchema }),
        querystring: z.object({
          fromRevision: z.coerce
            .number()
            .int()
            .nonnegative()
            .default(0)
            .describe('the first revision of the first page'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z
            .string()
            .max(100)
            .optional()
            .describe('nextCursor of the previous page (fromRevision is then ignored)'),
        }),
        response: {
          200: z
            .object({ stream: z.string(), items: z.array(EventSchema), nextCursor: z.string().nullable() })
            .meta({ id: 'StreamHistory' }),
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await store.readStream(req.params.stream, {
        fromRevision: q.cursor === undefined ? q.fromRevision : cursorPosition(q.cursor),
        maxCount: q.limit + 1,
      });
      const page = items.slice(0, q.limit);
      return {
        stream: req.params.stream,
        items: page,
        nextCursor: items.length > q.limit ? cursorOf((page.at(-1)?.revision ?? 0) + 1) : null,
      };
    },
  );

  app.get(
    '/audit/events',
    {
      config: { access: 'audit' },
      schema: {
        tags,
        operationId: 'getEventLog',
        summary: 'The global log paged by position, filtered by province, event type, time range and actor',
        querystring: z.object({
          fromPosition: z.coerce.number().int().positive().default(1).describe('the first position of the first page'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z
            .string()
            .max(100)
            .optional()
            .describe('nextCursor of the previous page (fromPosition is then ignored)'),
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
          type: z.string().optional().describe('event types, comma-separated'),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          actor: z.string().optional(),
        }),
        response: {
          200: z
            .object({ items: z.array(EventSchema), nextCursor: z.string().nullable() })
            .meta({ id: 'EventLogPage' }),
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await store.readAll({
        fromPosition: q.cursor === undefined ? q.fromPosition : Math.max(1, cursorPosition(q.cursor)),
        maxCount: q.limit + 1,
        filter: {
          ...(q.type ? { types: q.type.split(',').map((t) => t.trim()) } : {}),
          ...(q.province ? { province: q.province } : {}),
          ...(q.actor ? { actor: q.actor } : {}),
          ...(q.from ? { recordedFrom: q.from } : {}),
          ...(q.to ? { recordedTo: q.to } : {}),
        },
      });
      const page = items.slice(0, q.limit);
      return { items: page, nextCursor: items.length > q.limit ? cursorOf((page.at(-1)?.position ?? 0) + 1) : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { access: 'audit' },
      schema: {
        tags,
        operationId: 'verifyIntegrity',
        summary:
          'Walk every hash chain and the global order; the first problem is where the log stops being trustworthy',
        response: {
          200: z
            .object({
              ok: z.boolean(),
              eventsChecked: z.number().int(),
              streamsChecked: z.number().int(),
              headPosition: z.number().int(),
              problems: z.array(
                z.object({
                  kind: z.enum(['modified', 'removed', 'reordered']),
                  position: z.number().int(),
                  stream: z.string(),
                  revision: z.number().int(),
                  detail: z.string(),
                }),
              ),
            })
            .meta({ id: 'IntegrityReport' }),
          ...problems,
        },
      },
    },
    async () => store.verifyIntegrity(),
  );

  app.get(
    '/audit/export',
    {
      config: { access: 'audit' },
      schema: {
        tags,
        operationId: 'exportEvents',
        summary: 'All events as NDJSON (or CSV), optionally for one province and year',
        querystring: z.object({
          province: z
            .string()
            .regex(/^\d{2}$/)
            .optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          format: z.enum(['ndjson', 'csv']).default('ndjson'),
        }),
        response: { 200: z.string().describe('application/x-ndjson or text/csv'), ...problems },
      },
    },
    async (req, reply) => {
      const { format, province, year } = req.query;
      const filter = { ...(province ? { province } : {}), ...(year ? { year } : {}) };
      async function* lines(): AsyncGenerator<string> {
        for await (const e of exportEvents(store, filter)) yield toNdjsonLine(e);
      }
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="su-kien${province ? `-${province}` : ''}${year ? `-${year}` : ''}.${format}"`,
        )
        .send((format === 'csv' ? csvOf(exportEvents(store, filter)) : Readable.from(lines())) as never);
    },
  );
};
