import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Counter, Gauge } from 'prom-client';
import { z } from 'zod';
import { FeedHub, type FeedClient } from '../../app/feed-hub.ts';
import type { EventFilter } from '../../eventstore/types.ts';
import { HttpProblem } from '../problems.ts';
import { ProblemSchema } from '../problems.ts';
import type { Kit } from '../kit.ts';

/** How a feed treats its clients; the defaults suit the service, tests make them small. */
export interface FeedTuning {
  /** A comment line this often keeps proxies from closing a quiet stream (ms). */
  heartbeatMs: number;
  /** A client that has not taken this many bytes already written is too slow: it is cut off. */
  maxBufferedBytes: number;
  /** …or that has not taken what was written within this long (ms). */
  drainTimeoutMs: number;
  /** At most this many feed clients per instance; more get 503. */
  maxClients: number;
  /** What all clients of the instance together may leave unread; past it, the furthest behind are cut off. */
  maxTotalBufferedBytes: number;
}

export const FEED_DEFAULTS: FeedTuning = {
  heartbeatMs: 15_000,
  maxBufferedBytes: 1_048_576,
  drainTimeoutMs: 10_000,
  maxClients: 1_000,
  maxTotalBufferedBytes: 32 * 1_048_576,
};

const Filters = z.object({
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$/, 'stream kinds such as campaign,outreach, comma-separated')
    .optional()
    .describe("stream kinds, comma-separated: the part of a stream's name before its first '-'"),
  type: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$/, 'event types such as MeetingRecorded, comma-separated')
    .optional()
    .describe('event types, comma-separated'),
  fromPosition: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('start after this position (0: from the beginning); Last-Event-ID, when sent, takes precedence'),
  follow: z
    .enum(['true', 'false'])
    .default('true')
    .describe('false: send what the log holds now, then end with `{"reason":"caught-up"}` (a batch, not a feed)'),
});

const description =
  'Server-Sent Events (`text/event-stream`): the events after a position, then each new one as it is ' +
  'committed, in log order, never skipping one that commits late. Each message is `id: <position>`, ' +
  '`event: <type>`, `data: <the event as /audit/events gives it>`. Reconnect with `Last-Event-ID` (browsers ' +
  'do it by themselves) to resume after the last event received: no gap, no duplicate. A comment line ' +
  'every 15 s keeps the connection open. A client that does not keep up (1 MiB unread, or nothing read for ' +
  '10 s) is sent `event: end` with `{"reason":"slow-client"}` and disconnected; so is a client whose token ' +
  'expires (`token-expired`) and every client when the instance stops (`shutting-down`).';

/** Live feeds of the event log (Server-Sent Events): for auditors across provinces, for a province's readers. */
export const feedRoutes: FastifyPluginAsyncZod<{ kit: Kit; tuning?: Partial<FeedTuning> }> = async (
  app,
  { kit, tuning },
) => {
  const t: FeedTuning = { ...FEED_DEFAULTS, ...tuning };
  const hub = new FeedHub(kit.deps.store);
  const open = new Set<(reason: string) => void>();
  /** Each open feed's unread bytes, by its end. */
  const backlogs = new Map<(reason: string) => void, () => number>();
  // The instance's memory is bounded whatever the number of clients: every 100 ms, while what all
  // of them leave unread is over the budget, the one furthest behind is cut off.
  const budget = setInterval(() => {
    let total = 0;
    for (const b of backlogs.values()) total += b();
    if (total <= t.maxTotalBufferedBytes) return;
    const behind = [...backlogs].map(([end, b]) => ({ end, bytes: b() })).sort((x, y) => y.bytes - x.bytes);
    for (const { end, bytes } of behind) {
      if (total <= t.maxTotalBufferedBytes) break;
      end('slow-client');
      total -= bytes;
    }
  }, 100);
  budget.unref();
  app.addHook('onClose', async () => clearInterval(budget));
  // Feeds in /metrics: how many are open, and why they ended.
  const registers = app.hasDecorator('metricsRegistry') ? [app.metricsRegistry] : [];
  new Gauge({
    name: 'cam_feed_clients',
    help: 'Live feeds (Server-Sent Events) open on this instance',
    registers,
    collect() {
      this.set(open.size);
    },
  });
  const endings = new Counter({
    name: 'cam_feed_ended_total',
    help: 'Live feeds ended, by reason (slow-client, token-expired, closed, caught-up, shutting-down, store-unavailable)',
    labelNames: ['reason'],
    registers,
  });
  app.addHook('preClose', async () => {
    for (const end of [...open]) end('shutting-down');
    await hub.stop();
  });

  const stream = async (
    req: FastifyRequest,
    reply: FastifyReply,
    query: z.infer<typeof Filters>,
    province: string | undefined,
  ): Promise<void> => {
    if (open.size >= t.maxClients)
      throw new HttpProblem(
        'overloaded',
        `this instance already serves ${t.maxClients} feeds; nothing was done — retry in 30 s`,
        {},
        { 'retry-after': '30' },
      );
    const lastId = req.headers['last-event-id'];
    const resumeAt =
      typeof lastId === 'string' && /^\d{1,15}$/.test(lastId.trim())
        ? Number(lastId.trim())
        : (query.fromPosition ?? 0);
    const kinds = query.kind?.split(',');
    const filter: EventFilter = {
      ...(query.type ? { types: query.type.split(',') } : {}),
      ...(kinds ? { streamPrefixes: kinds.map((k) => `${k}-`) } : {}),
    };
    const claims = req.claims;
    const res = reply.hijack().raw;
    const socket = res.socket;
    res.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // A feed's connection is its own: once the feed ends, the connection closes.
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: from position ${resumeAt}\n\n`);

    let ended = false;
    let drainTimer: NodeJS.Timeout | undefined;
    const end = (reason: string): void => {
      if (ended) return;
      ended = true;
      endings.inc({ reason });
      open.delete(end);
      backlogs.delete(end);
      hub.leave(client);
      clearInterval(heartbeat);
      clearTimeout(expiry);
      clearTimeout(drainTimer);
      // The reason, if the client still reads; then the connection is closed.
      if (!res.destroyed) res.end(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
      setTimeout(() => socket?.destroy(), 1000).unref();
    };
    const client: FeedClient = {
      lastSent: resumeAt,
      filter,
      ...(province !== undefined ? { province } : {}),
      send: (frame) => {
        if (ended) return false;
        // The messages of one read of the log go out in one write: corked until the read is handed over.
        if (res.writableCorked === 0) {
          res.cork();
          process.nextTick(() => res.uncork());
        }
        const fits = res.write(frame);
        if (res.writableLength > t.maxBufferedBytes) {
          end('slow-client');
          return false;
        }
        // Live, a client that takes nothing of what waits for it for drainTimeoutMs is cut off.
        if (!fits && drainTimer === undefined) drainTimer = setTimeout(() => end('slow-client'), t.drainTimeoutMs);
        return true;
      },
      backlog: () => res.writableLength,
      drained: () =>
        new Promise((resolve) => {
          if (ended) return resolve(false);
          if (res.writableLength === 0) return resolve(true);
          const timer = setTimeout(() => {
            end('slow-client');
            settle();
          }, t.drainTimeoutMs);
          const settle = (): void => {
            clearTimeout(timer);
            res.off('drain', settle);
            res.off('close', settle);
            resolve(!ended);
          };
          res.once('drain', settle);
          res.once('close', settle);
        }),
    };
    res.on('drain', () => {
      clearTimeout(drainTimer);
      drainTimer = undefined;
    });
    open.add(end);
    backlogs.set(end, () => res.writableLength);
    const heartbeat = setInterval(() => {
      if (res.writableLength > t.maxBufferedBytes) return end('slow-client');
      res.write(': heartbeat\n\n');
    }, t.heartbeatMs);
    const lifetime = claims !== null ? claims.exp * 1000 - Date.now() : 0;
    const expiry = setTimeout(() => end('token-expired'), Math.max(0, Math.min(lifetime, 2_147_483_647)));
    res.on('close', () => end('closed'));

    try {
      await hub.join(client, () => ended);
      if (query.follow === 'false') end('caught-up');
    } catch (err) {
      req.log.warn({ err }, 'a feed stopped: the log could not be read');
      end('store-unavailable');
    }
  };

  app.get(
    '/audit/feed',
    {
      config: { access: 'audit' },
      schema: {
        tags: ['audit'],
        operationId: 'followEventLog',
        summary: 'The event log as it is written, live (Server-Sent Events), across provinces',
        description,
        querystring: Filters.extend({
          province: z
            .string()
            .regex(/^\d{2}$/, 'a two-digit province code')
            .optional()
            .describe("a province's events, with those of the pre-2025 provinces that became part of it"),
        }),
        response: {
          200: z.string().describe('text/event-stream'),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (req, reply) => stream(req, reply, req.query, req.query.province),
  );

  app.get(
    '/provinces/:code/feed',
    {
      config: { access: 'read' },
      schema: {
        tags: ['audit'],
        operationId: 'followProvinceEvents',
        summary: "A province's events as they are written, live (Server-Sent Events)",
        description: `${description} The province's events include those of the pre-2025 provinces that became part of it.`,
        params: z.object({ code: z.string().regex(/^\d{2}$/, 'a two-digit province code') }),
        querystring: Filters,
        response: {
          200: z.string().describe('text/event-stream'),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          503: ProblemSchema,
        },
      },
    },
    async (req, reply) => stream(req, reply, req.query, req.params.code),
  );
};
