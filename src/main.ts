import module from 'node:module';
import { EXIT, StartupError } from './app/startup.ts';

/**
 * The service's entry point (`npm start`, the image's CMD): tracing, then the service
 * (src/service.ts), and one line with a classifying exit code if the start fails.
 */

/** Stack traces of a failed start only at LOG_LEVEL=debug or trace. */
const logLevel = process.env.LOG_LEVEL ?? 'info';

// Compiled code of the service and its dependencies is kept on disk between starts (in
// NODE_COMPILE_CACHE, or the system's temporary folder): a start then skips most of compiling.
// A cache that cannot be written is skipped by Node itself; the start goes on without it.
module.enableCompileCache?.();

try {
  // Tracing first, when asked for: it must see http and pg load (src/telemetry.ts).
  const telemetry = process.env.OTEL_EXPORTER_OTLP_ENDPOINT
    ? (await import('./telemetry.ts')).startTelemetry(process.env)
    : null;
  const { runService } = await import('./service.ts');
  await runService(telemetry);
} catch (err: unknown) {
  const known = err instanceof StartupError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`failed to start: ${message.replace(/\n\s*/g, ' ')}\n`);
  if (logLevel === 'debug' || logLevel === 'trace') process.stderr.write(`${err instanceof Error ? err.stack : ''}\n`);
  process.exit(known ? err.exitCode : EXIT.other);
}
