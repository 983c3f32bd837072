import underPressure from '@fastify/under-pressure';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problems.ts';

/** Paths that answer even under pressure: operators must see why the service sheds load. */
const ALWAYS = new Set(['/health', '/metrics']);

/**
 * Load shedding (@fastify/under-pressure): while the event loop lags more than
 * `maxEventLoopDelayMs`, requests get 503 `overloaded` with Retry-After instead of queuing
 * behind work the service cannot finish in time; /health and /metrics still answer (and
 * /health says so). A refused request has written nothing.
 */
interface Options {
  maxEventLoopDelayMs: number;
  retryAfterSeconds?: number;
}

const plugin: FastifyPluginAsync<Options> = async (app, opts) => {
  const retryAfter = opts.retryAfterSeconds ?? 2;
  await app.register(underPressure, {
    maxEventLoopDelay: opts.maxEventLoopDelayMs,
    sampleInterval: 250,
    retryAfter,
    pressureHandler: async (req: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      if (ALWAYS.has(req.url.split('?')[0] ?? '')) return;
      void reply.header('retry-after', String(retryAfter));
      const what = type === 'eventLoopDelay' ? `the event loop lags ${Math.round(Number(value))} ms (limit ${opts.maxEventLoopDelayMs} ms)` : `the service is under pressure (${type})`;
      throw new HttpProblem(503, 'overloaded', 'Service overloaded', `${what}; nothing was done — retry in ${retryAfter} s`, {}, { 'retry-after': String(retryAfter) });
    },
  });
};
export const loadShedding = fp(plugin, { name: 'load-shedding' });
