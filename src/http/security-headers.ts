import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers, worked out once. With `contentSecurityPolicy: false` (an API sends
 * no HTML) helmet's headers do not depend on the request, so they are taken from one run of its
 * middleware at start-up and added to every reply. (@fastify/helmet instead rebuilds the helmet
 * middleware on every request: about 4 % of a command's CPU under load.)
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as never, res as never, (err?: unknown) => void (failure = err));
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}

export const securityHeadersPlugin = fp<{ helmet: HelmetOptions }>(async (app: FastifyInstance, opts) => {
  if (opts.helmet.contentSecurityPolicy !== false)
    throw new Error('security headers are computed once: they must not depend on the request (no CSP nonces)');
  const headers = securityHeaders(opts.helmet);
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
});
