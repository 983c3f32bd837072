import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { commitObservers, type CommitObserver } from '../eventstore/group-commit.ts';
import type { EventStore } from '../eventstore/types.ts';

export interface MetricsOptions {
  store: EventStore;
  /** Position the read models have folded up to. */
  projectionPosition: () => number;
  /** Serve GET /metrics on this server (to a token with role monitoring or admin); else only `app.scrape()`. */
  route: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The metrics in the Prometheus text format, for /metrics here or on METRICS_PORT. */
    scrape(): Promise<{ contentType: string; body: string }>;
    /** This server's registry, for metrics registered beside these (webhooks). */
    metricsRegistry: Registry;
  }
}

/**
 * GET /metrics in the Prometheus text format (prom-client): requests by route and status with
 * their latency, group commits (latency, appends per commit, failures), the log head and how far
 * the read models are behind it, and Node's process metrics (CPU, memory, event-loop delay, GC).
 * One registry per server, so that several servers in one process do not mix their figures.
 */
export const metricsPlugin = fp<MetricsOptions>(async (app: FastifyInstance, opts) => {
  const register = new Registry();
  app.decorate('metricsRegistry', register);
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 20 });
  const labels = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'cam_http_requests_total',
    help: 'HTTP requests answered, by route template and status',
    labelNames: labels,
    registers: [register],
  });
  const latency = new Histogram({
    name: 'cam_http_request_duration_seconds',
    help: 'Time to answer a request, by route template and status',
    labelNames: labels,
    registers: [register],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
  const commitSeconds = new Histogram({
    name: 'cam_append_commit_seconds',
    help: 'Time of one group commit of the event store (durable)',
    labelNames: ['outcome'],
    registers: [register],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  });
  const batchSize = new Histogram({
    name: 'cam_append_batch_size',
    help: 'Appends committed together in one group commit',
    registers: [register],
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1000],
  });
  new Gauge({
    name: 'cam_projection_position',
    help: 'Last log position folded into the read models',
    registers: [register],
    collect() {
      this.set(opts.projectionPosition());
    },
  });
  const head = new Gauge({
    name: 'cam_log_head_position',
    help: 'Last position of the event log',
    registers: [register],
  });
  const lag = new Gauge({
    name: 'cam_projection_lag_events',
    help: 'Events of the log the read models have not folded yet',
    registers: [register],
  });

  const observer: CommitObserver = (size, seconds, ok) => {
    commitSeconds.observe({ outcome: ok ? 'ok' : 'failed' }, seconds);
    batchSize.observe(size);
  };
  commitObservers.add(observer);
  app.addHook('onClose', async () => void commitObservers.delete(observer));

  // One labelled child of each metric per (method, route template, status), made on first use:
  // prom-client would otherwise hash the label set on every observation.
  const series = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();
  app.addHook('onResponse', (req, reply, done) => {
    // The route template, never the raw URL: ids in paths would make every request a new series.
    const route = req.routeOptions.url ?? 'unknown';
    const key = `${req.method} ${reply.statusCode} ${route}`;
    let s = series.get(key);
    if (s === undefined) {
      const l = { method: req.method, route, status: String(reply.statusCode) };
      s = { count: requests.labels(l), time: latency.labels(l) };
      series.set(key, s);
    }
    s.count.inc();
    s.time.observe(reply.elapsedTime / 1000);
    done();
  });

  app.decorate('scrape', async () => {
    try {
      const h = await opts.store.headPosition();
      head.set(h);
      lag.set(Math.max(0, h - opts.projectionPosition()));
    } catch {
      // the store does not answer: the gauges keep their last values, /health says why
    }
    return { contentType: register.contentType, body: await register.metrics() };
  });
  if (!opts.route) return;
  app.get(
    '/metrics',
    {
      config: { access: 'metrics' },
      schema: {
        tags: ['meta'],
        operationId: 'getMetrics',
        summary: 'Metrics in the Prometheus text format (role monitoring or admin; or on METRICS_PORT)',
        hide: false,
      },
    },
    sendScrape(app),
  );
});

/** A handler that answers the scrape of `app`'s metrics. */
const sendScrape = (app: FastifyInstance) => async (_req: FastifyRequest, reply: FastifyReply) => {
  const m = await app.scrape();
  return reply.type(m.contentType).send(m.body);
};

/**
 * METRICS_PORT: /metrics alone on a port of its own, without a token, for a scraper on the
 * operators' network; the public port then has no /metrics.
 */
export async function listenForScrapes(app: FastifyInstance, host: string, port: number): Promise<FastifyInstance> {
  const side = Fastify({ logger: false });
  side.get('/metrics', sendScrape(app));
  await side.listen({ host, port });
  return side;
}
