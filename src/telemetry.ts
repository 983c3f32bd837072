import { FastifyOtelInstrumentation } from '@fastify/otel';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Tracing with OpenTelemetry, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the SDK reads the
 * other OTEL_* variables itself: OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_PROTOCOL, headers,
 * sampling). Spans: the HTTP server (with the W3C `traceparent` of the caller as parent), each
 * fastify request and its handler (@fastify/otel), each PostgreSQL query, and one span per command with
 * its stream and the position its events got. Without the SDK the API is a no-op.
 *
 * It must start before the modules it instruments are loaded (http, pg): src/main.ts starts it
 * first and imports the service afterwards, and loads this module (the SDK) only when tracing is
 * on. Code that makes spans uses src/tracing.ts (the API alone).
 */
export interface Telemetry {
  /** Registered first on the server, so that every route and hook gets its span. */
  plugin: FastifyPluginAsync;
  shutdown(): Promise<void>;
}

export function startTelemetry(
  env: NodeJS.ProcessEnv,
  options: { spanProcessors?: SpanProcessor[] } = {},
): Telemetry | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && options.spanProcessors === undefined) return null;
  const quiet = /^\/(health|metrics)\b/;
  // A span per request and per handler; not per hook (a dozen per request would drown the rest).
  const fastify = new FastifyOtelInstrumentation({
    instrumentHooks: false,
    ignorePaths: (route) => quiet.test(route.url),
  });
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'coop-action-month',
    ...(options.spanProcessors !== undefined ? { spanProcessors: options.spanProcessors } : {}),
    instrumentations: [
      // Probes and scrapes every few seconds would drown the traces that matter.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => quiet.test(req.url ?? '') }),
      new PgInstrumentation(),
      fastify,
    ],
  });
  sdk.start();
  const plugin: FastifyPluginAsync = fp(
    async (app: FastifyInstance) => {
      await app.register(fastify.plugin());
      // W3C trace context out: the caller learns the trace its request joined.
      app.addHook('onSend', async (req, reply, payload) => {
        const otel = req.opentelemetry();
        if (!otel.instrumented) return payload;
        const carrier: Record<string, string> = {};
        otel.inject(carrier);
        if (carrier.traceparent !== undefined) void reply.header('traceparent', carrier.traceparent);
        return payload;
      });
    },
    { name: 'telemetry' },
  );
  return { plugin, shutdown: () => sdk.shutdown() };
}
