import type { FastifyPluginAsync } from 'fastify';
import type { EventStore } from '../eventstore/types.ts';

export interface HealthOptions {
  store: EventStore;
  startedAt: Date;
  /** The read models' position and failure, if any. */
  projections?: () => { position: number; failure: Error | null };
  /** The last write the store refused, while no write has succeeded since. */
  writes?: () => { at: Date; message: string } | null;
  /** Event-loop delay and whether load is being shed (src/http/load-shedding.ts). */
  load?: () => { eventLoopDelayMs: number; underPressure: boolean };
}

/** A refused write counts against health this long, unless a write succeeds first. */
const WRITE_FAULT_MS = 60_000;

/** GET /health: 200 when the event store answers, 503 with the reason when it does not. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { store, startedAt, projections, writes, load }) => {
  app.get('/health', {
    config: { access: 'public' },
    schema: { security: [], tags: ['meta'], operationId: 'getHealth', summary: 'Liveness and event store health' },
  }, async (_req, reply) => {
    try {
      await store.healthCheck();
      const p = projections?.();
      const head = await store.headPosition();
      const fault = writes?.() ?? null;
      const writesFailing = fault !== null && Date.now() - fault.at.getTime() < WRITE_FAULT_MS;
      const l = load?.();
      const degraded = p?.failure != null || writesFailing || l?.underPressure === true;
      const body = {
        status: degraded ? 'degraded' : 'ok',
        ...(l ? { load: { eventLoopDelayMs: Math.round(l.eventLoopDelayMs * 10) / 10, shedding: l.underPressure } } : {}),
        ...(writesFailing ? { writes: { failingSince: fault.at.toISOString(), error: 'the event store refuses writes (full disk, read-only, unreachable); see the logs' } } : {}),
        store: { kind: store.kind, headPosition: head },
        // lag: events in the log that this instance's read models have not folded yet.
        ...(p ? { projections: { position: p.position, lag: Math.max(0, head - p.position), ...(p.failure ? { error: 'the read models cannot be saved; see the logs' } : {}) } } : {}),
        startedAt: startedAt.toISOString(),
      };
      if (degraded) {
        if (p?.failure) app.log.error({ err: p.failure }, 'read models cannot be saved');
        return reply.code(503).header('retry-after', '5').send(body);
      }
      return body;
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', store: { kind: store.kind, error: 'the event store does not answer' } });
    }
  });
};
