import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventStore } from '../eventstore/types.ts';
import type { LoadState } from './load-shedding.ts';

export interface HealthOptions {
  store: EventStore;
  startedAt: Date;
  /** Whether start-up (read models caught up, idempotency keys loaded) has finished. */
  started: () => boolean;
  /** The read models' position and failure, if any. */
  projections: () => { position: number; failure: Error | null };
  /** Readiness allows the read models this many positions behind the log head. */
  maxLag: number;
  /** The last write the store refused, while no write has succeeded since. */
  writes: () => { at: Date; message: string } | null;
  /** Event-loop delay and whether load is being shed (src/http/load-shedding.ts). */
  load: () => LoadState;
}

/** A refused write counts against health this long, unless a write succeeds first. */
const WRITE_FAULT_MS = 60_000;

const Load = z.object({ eventLoopDelayMs: z.number(), shedding: z.boolean() });
const Store = z.object({ kind: z.string(), headPosition: z.number().int() });
const Projections = z.object({ position: z.number().int(), lag: z.number().int(), error: z.string().optional() });
const Unavailable = z.object({
  status: z.literal('unavailable'),
  store: z.object({ kind: z.string(), error: z.string() }),
  load: Load,
});
const Live = z.object({ status: z.literal('alive'), startedAt: z.string() });
const Ready = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({
    started: z.boolean(),
    store: z.boolean(),
    projections: z.boolean(),
    writes: z.boolean(),
    load: z.boolean(),
  }),
  store: Store,
  projections: Projections.extend({ maxLag: z.number().int() }),
  load: Load,
});
const Summary = z.object({
  status: z.enum(['ok', 'degraded']),
  starting: z.boolean(),
  load: Load,
  writes: z.object({ failingSince: z.string(), error: z.string() }).optional(),
  store: Store,
  projections: Projections,
  startedAt: z.string(),
});

const meta = <R extends Record<number, z.ZodType>>(operationId: string, summary: string, response: R) => ({
  config: { access: 'public' as const },
  schema: { security: [], tags: ['meta'], operationId, summary, response },
});

/**
 * Three questions an orchestrator asks, each on its own path:
 * - GET /health/live: does the process answer? Always 200 while it does; a liveness probe must
 *   not restart an instance that is only busy or catching up.
 * - GET /health/ready: should it get traffic? 200 when start-up has finished, the event store
 *   answers, the read models are at most `maxLag` positions behind the log, no write was refused
 *   in the last minute and no load is shed; else 503 with each check's result.
 * - GET /health: the summary for people and older probes: 200 `ok`, or 503 `degraded` /
 *   `unavailable` with the reason.
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (plain, o) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const check = async () => {
    const l = o.load();
    const load = { eventLoopDelayMs: Math.round(l.eventLoopDelayMs * 10) / 10, shedding: l.shedding };
    let head: number;
    try {
      await o.store.healthCheck();
      head = await o.store.headPosition();
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return { store: null, load } as const;
    }
    const p = o.projections();
    const fault = o.writes();
    const writesFailing = fault !== null && Date.now() - fault.at.getTime() < WRITE_FAULT_MS;
    const lag = Math.max(0, head - p.position);
    return {
      load,
      store: { kind: o.store.kind, headPosition: head },
      projections: {
        position: p.position,
        lag,
        ...(p.failure ? { error: 'the read models cannot be saved; see the logs' } : {}),
      },
      projectionFailure: p.failure,
      writes: writesFailing
        ? {
            failingSince: fault.at.toISOString(),
            error: 'the event store refuses writes (full disk, read-only, unreachable); see the logs',
          }
        : null,
    } as const;
  };
  const unavailable = (reply: FastifyReply, load: { eventLoopDelayMs: number; shedding: boolean }) =>
    reply
      .code(503)
      .header('retry-after', '5')
      .send({
        status: 'unavailable' as const,
        store: { kind: o.store.kind, error: 'the event store does not answer' },
        load,
      });

  app.get('/health/live', meta('getLiveness', 'Liveness: the process answers', { 200: Live }), async () => ({
    status: 'alive' as const,
    startedAt: o.startedAt.toISOString(),
  }));

  app.get(
    '/health/ready',
    meta('getReadiness', 'Readiness: caught up, store answering, not shedding load', {
      200: Ready,
      503: z.union([Ready, Unavailable]),
    }),
    async (_req, reply) => {
      const c = await check();
      const started = o.started();
      if (c.store === null) return unavailable(reply, c.load);
      const checks = {
        started,
        store: true,
        projections: c.projections.lag <= o.maxLag,
        writes: c.writes === null,
        load: !c.load.shedding,
      };
      const ready = Object.values(checks).every(Boolean);
      const body = {
        status: ready ? ('ready' as const) : ('not-ready' as const),
        checks,
        store: c.store,
        projections: { ...c.projections, maxLag: o.maxLag },
        load: c.load,
      };
      return ready ? body : reply.code(503).header('retry-after', '5').send(body);
    },
  );

  app.get(
    '/health',
    meta('getHealth', 'Health summary: event store, read models, writes and load', {
      200: Summary,
      503: z.union([Summary, Unavailable]),
    }),
    async (_req, reply) => {
      const c = await check();
      if (c.store === null) return unavailable(reply, c.load);
      const degraded = c.projectionFailure !== null || c.writes !== null || c.load.shedding;
      const body = {
        status: degraded ? ('degraded' as const) : ('ok' as const),
        starting: !o.started(),
        load: c.load,
        ...(c.writes ? { writes: c.writes } : {}),
        store: c.store,
        // lag: positions of the log that this instance's read models have not folded yet.
        projections: c.projections,
        startedAt: o.startedAt.toISOString(),
      };
      if (!degraded) return body;
      if (c.projectionFailure) app.log.error({ err: c.projectionFailure }, 'read models cannot be saved');
      return reply.code(503).header('retry-after', '5').send(body);
    },
  );
};
