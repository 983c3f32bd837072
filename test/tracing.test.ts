import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/eventstore/sqlite/store.ts';
import { buildServer } from '../src/server.ts';
import { startTelemetry } from '../src/telemetry.ts';
import { TEST_KEY, bearer } from './support/auth.ts';
import { launch2026 } from './support/campaign.ts';

const exporter = new InMemorySpanExporter();
const telemetry = startTelemetry({}, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
afterAll(async () => telemetry?.shutdown());

describe('tracing', () => {
  it('is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
    expect(startTelemetry({})).toBeNull();
  });

  it("joins the caller's W3C trace, makes a span per command with its stream and position, and returns traceparent", async () => {
    const store = await SqliteEventStore.open({ path: ':memory:' });
    const app = await buildServer({ store, key: TEST_KEY, logLevel: 'silent', telemetry });
    try {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const res = await app.inject({
        method: 'POST',
        url: '/provinces/68/campaigns',
        payload: launch2026,
        headers: {
          ...bearer({ role: 'provincial_officer', province: '68' }),
          traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
      const spans = exporter.getFinishedSpans();
      const command = spans.find((s) => s.name === 'command POST /provinces/:code/campaigns');
      expect(command, spans.map((s) => s.name).join(', ')).toBeDefined();
      expect(command?.spanContext().traceId).toBe(traceId);
      expect(command?.attributes).toMatchObject({
        'cam.stream': 'campaign-68-2026',
        'cam.position': res.json().position,
        'cam.revision': 0,
        'cam.replayed': false,
      });
      // The request's own span is in the same trace, child of the caller's.
      const request = spans.find(
        (s) =>
          s !== command && s.spanContext().traceId === traceId && s.parentSpanContext?.spanId === '00f067aa0ba902b7',
      );
      expect(request, spans.map((s) => `${s.name} ${s.parentSpanContext?.spanId}`).join(', ')).toBeDefined();
    } finally {
      await app.close();
      await store.close();
    }
  });
});
