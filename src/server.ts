import Fastify, { type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { EventStore } from './eventstore/types.ts';
import { healthRoutes } from './http/health.ts';
import { loggerOptions } from './logger.ts';

export interface ServerDeps {
  store: EventStore;
  logLevel?: string;
  now?: () => Date;
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.logLevel ?? 'info'),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(healthRoutes, { store: deps.store, startedAt: (deps.now ?? (() => new Date()))() });
  return app;
}
