import type { FastifyPluginAsync } from 'fastify';
import type { EventStore } from '../eventstore/types.ts';

export interface HealthOptions {
  store: EventStore;
  startedAt: Date;
}

/** GET /health: 200 when the event store answers, 503 with the reason when it does not. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { store, startedAt }) => {
  app.get('/health', {
    config: { access: 'public' },
    schema: { security: [], tags: ['meta'], operationId: 'getHealth', summary: 'Liveness and event store health' },
  }, async (_req, reply) => {
    try {
      await store.healthCheck();
      return {
        status: 'ok',
        store: { kind: store.kind, headPosition: await store.headPosition() },
        startedAt: startedAt.toISOString(),
      };
    } catch (err) {
      app.log.error({ err }, 'health check failed');
      return reply.code(503).send({ status: 'unavailable', store: { kind: store.kind, error: 'the event store does not answer' } });
    }
  });
};
