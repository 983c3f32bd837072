import { pino, type Logger, type LoggerOptions } from 'pino';

/** Header and body fields that must never reach a log line. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACT, censor: '[redacted]' } };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
