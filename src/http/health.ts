import type { FastifyPluginAsync } from 'fastify';
import type { EventStore } from '../eventstore/types.ts';

export interface HealthOptions {
  store: EventStore;
  startedAt: Date;
  /** The read models' position and failure, if any. */
  projections?: () => { position: number; failure: Error | null };
}

/** GET /health: 200 when the event store answers, 503 with the reason when it does not. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { store, startedAt, projections }) => {
  app.get('/health', {
    config: { access: 'public' },
    schema: { security: [], tags: ['meta'], operationId: 'getHealth', summary: 'Liveness and event store health' },
  }, async (_req, reply) => {
    try {
      await store.healthCheck();
      const p = projections?.();
      const head = await store.headPosition();
      const body = {
        status: p?.failure ? 'degraded' : 'ok',
        store: { kind: store.kind, headPosition: head },
        // lag: events in the log that this instance's read models have not folded yet.
        ...(p ? { projections: { position: p.position, lag: Math.max(0, head - p.position), ...(p.failure ? { error: 'the read models stopped; see the logs' } : {}) } } : {}),
        startedAt: startedAt.toISOString(),
      };
      if (p?.failure) {
        app.log.error({ err: p.failure }, 'read models stopped');
        return reply.code(503).send(body);
      }
      return body;
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', store: { kind: store.kind, error: 'the event store does not answer' } });
    }
  });
};
