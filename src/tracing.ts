import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { API_VERSION } from './version.ts';

/** Spans of the service's own work, through the OpenTelemetry API: no-ops unless src/telemetry.ts started the SDK. */
const tracer = trace.getTracer('coop-action-month', API_VERSION);

/** Runs `work` in a span named `name`; `outcome` adds attributes from its result. */
export async function traced<T>(
  name: string,
  attributes: Attributes,
  work: () => Promise<T>,
  outcome: (result: T) => Attributes,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      const result = await work();
      span.setAttributes(outcome(result));
      return result;
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
