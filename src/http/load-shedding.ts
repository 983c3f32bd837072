import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { performance } from 'node:perf_hooks';
import { HttpProblem } from './problems.ts';
import { isProbe } from './probes.ts';

/**
 * How late the event loop runs, measured by a timer that should fire every `intervalMs`: the
 * delay is how much later than that it fired last time, or, while it is overdue now (the loop is
 * held this very moment), how overdue it is. A pause without samples is measured as its length,
 * never as an infinite lag, so a 400 ms pause reads 400 ms.
 */
export class EventLoopDelay {
  private last = performance.now();
  private lastDelay = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly intervalMs = 100) {
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lastDelay = Math.max(0, now - this.last - this.intervalMs);
      this.last = now;
    }, intervalMs);
    this.timer.unref();
  }

  /** The current delay in milliseconds. */
  ms(): number {
    const overdue = performance.now() - this.last - this.intervalMs;
    return Math.max(this.lastDelay, overdue, 0);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export interface LoadState {
  eventLoopDelayMs: number;
  shedding: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The event-loop delay now and whether requests are being refused for it. */
    loadState(): LoadState;
  }
}

interface Options {
  maxEventLoopDelayMs: number;
  retryAfterSeconds?: number;
  sampleIntervalMs?: number;
}

/**
 * Load shedding: while the event loop lags more than `maxEventLoopDelayMs`, requests get 503
 * `overloaded` with Retry-After before any work is done, instead of queuing behind work the
 * service cannot finish in time; /health, /health/live, /health/ready and /metrics still answer.
 * A refused request has written nothing. Shedding ends with the first sample under the limit.
 */
const plugin: FastifyPluginAsync<Options> = async (app, opts) => {
  const retryAfter = opts.retryAfterSeconds ?? 2;
  const limit = opts.maxEventLoopDelayMs;
  const delay = new EventLoopDelay(opts.sampleIntervalMs ?? 100);
  app.addHook('onClose', async () => delay.stop());
  app.decorate('loadState', (): LoadState => {
    const ms = delay.ms();
    return { eventLoopDelayMs: ms, shedding: ms > limit };
  });
  app.addHook('onRequest', (req, reply, done) => {
    const ms = delay.ms();
    if (ms <= limit || isProbe(req.url)) return done();
    void reply.header('retry-after', String(retryAfter));
    const lag = `the event loop lags ${Math.round(ms)} ms (limit ${limit} ms)`;
    const detail = `${lag}; nothing was done — retry in ${retryAfter} s`;
    done(new HttpProblem('overloaded', detail, {}, { 'retry-after': String(retryAfter) }));
  });
};
export const loadShedding = fp(plugin, { name: 'load-shedding' });
